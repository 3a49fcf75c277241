"""Speakers in general news: constructions that wrong-speaker errors on news reports
showed, on sentences written for these tests."""

from __future__ import annotations

import pytest

from dragoman.models import Quote
from dragoman.nlp.components.quotes.component import _last_before


def _quote(text: str, speaker: str, start: int) -> Quote:
    return Quote(text=text, kind="direct", speaker=speaker, start=start, end=start + len(text))


def test_a_quotation_goes_on_with_the_quote_before_it_not_the_one_read_last() -> None:
    # A sentence the parser runs on past a paragraph break is read before the
    # quotations inside it: its clause ("Tally said the party ...", at 300) is read
    # before the cue-less quotation at 200, which goes on with Varga's words at 100.
    first = _quote("The bridge must be built,", "Lena Varga", 100)
    later = _quote("the party is weighing an appeal", "Owen Tally", 300)
    read = [(100, 1, first), (300, 2, later)]
    assert _last_before(read, 200) is first
    assert _last_before(read, 100) is None
    assert _last_before(read, 400) is later


@pytest.mark.model
@pytest.mark.parametrize("surname", ["Sanders", "Baker"])
def test_a_surname_the_tagger_calls_a_common_noun_still_names_the_speaker(analyze, surname) -> None:
    # The small model tags some surnames NOUN (a sander, a baker) though it finds the
    # PERSON: the words are still that person's, and so are the ones that go on.
    body = (
        "The governor toured the flooded valley on Friday.\n\n"
        "The Republican nominee said the visit was not a campaign stop.\n\n"
        f'"I have spent my whole life around these rivers and I know what a flood does '
        f'to a family," {surname} said during a stop at a fire station. "Whether it is '
        'the roads or the levees, the state has to act."'
    )
    record = analyze(body)
    by_words = {q.text.split()[0]: q.speaker for q in record.quotes}
    assert by_words.get("I") == surname
    assert by_words.get("Whether") == surname
