"""A report on talks between invented states and people no data file knows: every
speaker and every party comes from the text alone."""

from __future__ import annotations

import datetime as dt

import pytest

from dragoman.models import Article

pytestmark = pytest.mark.model

REPORT = """Veloria and Marvosia resumed talks on Tuesday over their disputed border, \
with Corvenia acting as mediator.

Velorian Foreign Minister Ilsa Varnoff said her government was ready to sign a \
ceasefire if Marvosian troops withdrew from the river valley.

"We have waited long enough for this," Ms. Varnoff told reporters after the first session.

Tomas Brek, Marvosia's chief negotiator, said the withdrawal could only begin once \
prisoners were exchanged.

Marvosian officials said the talks had been constructive.

"There is no deal without the prisoners," Brek said.

The two delegations met again in the afternoon.

The foreign minister said that her delegation would stay for another week. She added \
that the next round was set for May."""

EXPECTED = {
    "her government was ready": "Ilsa Varnoff",
    "We have waited long": "Ilsa Varnoff",
    "the withdrawal could only": "Tomas Brek",
    "the talks had been": "Marvosia",
    "There is no deal": "Tomas Brek",
    "her delegation would stay": "Ilsa Varnoff",
    "the next round was": "Ilsa Varnoff",
}


@pytest.fixture(scope="module")
def record(analyzer):
    return analyzer.analyze(Article(body=REPORT, published=dt.date(2024, 4, 2)))


def test_every_quote_has_its_speaker(record) -> None:
    found = {}
    for quote in record.quotes:
        for words in EXPECTED:
            if quote.text.startswith(words):
                found[words] = quote.speaker
    assert found == EXPECTED


def test_every_person_has_their_party(record) -> None:
    actors = {a.name: a for a in record.actors}
    assert actors["Ilsa Varnoff"].party == "Veloria"
    assert actors["Tomas Brek"].party == "Marvosia"
    assert actors["Ilsa Varnoff"].kind == actors["Tomas Brek"].kind == "person"


def test_the_states_are_parties(record) -> None:
    actors = {a.name: a for a in record.actors}
    for state in ("Veloria", "Marvosia", "Corvenia"):
        assert actors[state].kind == "party"
    # A nationality adjective is not a person.
    assert "Velorian" not in actors and "Marvosian" not in actors
