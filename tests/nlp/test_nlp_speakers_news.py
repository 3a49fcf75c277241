"""Speakers in general news: constructions that wrong-speaker errors on news reports
showed, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Doc

from dragoman.models import Actor, Quote
from dragoman.nlp.components.quotes.component import _last_before
from dragoman.nlp.extensions import Mention, register_extensions
from dragoman.nlp.gazetteer import load_gazetteer
from dragoman.nlp.people import name_beside
from dragoman.nlp.speakers import SpeakerResolver


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


def _double_subject_doc() -> Doc:
    # "Tarsonia 's negotiator Lev Tarasin told reporters ." as the small model reads
    # it at times: the role noun and the name are two subjects of "told".
    register_extensions()
    words = ["Tarsonia", "'s", "negotiator", "Lev", "Tarasin", "told", "reporters", "."]
    heads = [2, 0, 5, 4, 5, 5, 5, 5]
    deps = ["poss", "case", "nsubj", "compound", "nsubj", "ROOT", "dobj", "punct"]
    pos = ["PROPN", "PART", "NOUN", "PROPN", "PROPN", "VERB", "NOUN", "PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    doc._.mentions = [
        Mention(0, 8, 0, 1, "Tarsonia", "party"),
        Mention(22, 33, 3, 5, "Lev Tarasin", "person"),
    ]
    doc._.actors = {
        "Tarsonia": Actor("Tarsonia", "party"),
        "Lev Tarasin": Actor("Lev Tarasin", "person", party="Tarsonia"),
    }
    doc._.quotes = []
    return doc


def test_a_name_read_as_a_second_subject_after_a_role_noun_is_the_speaker() -> None:
    doc = _double_subject_doc()
    resolver = SpeakerResolver(doc, load_gazetteer(), [])
    speaker = resolver.resolve(doc[2])
    assert speaker is not None and speaker.name == "Lev Tarasin"
    # The name's own phrase still resolves to the person, and a subject noun with no
    # name beside it stays what it was.
    assert resolver.resolve(doc[4]).name == "Lev Tarasin"
    assert name_beside(doc[4]) is None
    assert name_beside(doc[6]) is None


@pytest.mark.model
@pytest.mark.parametrize(
    ("body", "speaker", "party"),
    [
        # An invented state and person, in the parse that reads two subjects.
        (
            "Tarsonia’s negotiator Lev Tarasin told state television on Monday that the "
            "talks had been “businesslike”.",
            "Lev Tarasin",
            "Tarsonia",
        ),
        (
            "Tarsonia’s negotiator Lev Tarasin told a news agency on Monday that both "
            "delegations were making “real progress”.",
            "Lev Tarasin",
            "Tarsonia",
        ),
        # A known state's negotiator the data files do not know.
        (
            "Russia’s negotiator Anton Brisk said on Friday the talks were “useful”.",
            "Anton Brisk",
            "Russia",
        ),
        # The usual shape of the construction ("Iran's top negotiator ... said").
        (
            "Veloria's top negotiator Dariush Kamali said the talks were \"constructive\".",
            "Dariush Kamali",
            None,
        ),
    ],
)
def test_a_named_person_behind_a_party_s_name_speaks_not_the_party(
    analyze, body, speaker, party
) -> None:
    record = analyze(body, dt.date(2025, 3, 3))
    assert [q.speaker for q in record.quotes] == [speaker]
    assert {a.actor for a in record.assessments} <= {speaker}
    if party is not None:
        people = {a.name: a for a in record.actors if a.kind == "person"}
        assert people[speaker].party == party
