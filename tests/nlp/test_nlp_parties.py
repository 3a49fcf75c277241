"""Which party a phrase belongs to (``dragoman.nlp.parties``): the one rule for names
no data file knows, the states a report introduces, and a person's side from the
phrase beside their name; on ``Doc``s built by hand, then through the pipeline."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Doc

from dragoman.models import Actor, Article
from dragoman.nlp.cast import ANONYMOUS, Cast
from dragoman.nlp.extensions import Mention, register_extensions
from dragoman.nlp.gazetteer import load_gazetteer
from dragoman.nlp.parties import (
    PartyFinder,
    local_parties,
    own_name,
    own_party,
    party_of_adjective,
)
from dragoman.nlp.places import load_places

#: A blank English vocabulary: lexical attributes but no model.
_VOCAB = spacy.blank("en").vocab


def _institute_doc() -> Doc:
    # "Dr. Orvik , head of the Harbour Policy Institute , urged a truce ."
    register_extensions()
    words = ["Dr.", "Orvik", ",", "head", "of", "the", "Harbour", "Policy", "Institute", ","]
    words += ["urged", "a", "truce", "."]
    heads = [1, 10, 1, 1, 3, 8, 8, 8, 4, 1, 10, 12, 10, 10]
    deps = ["compound", "nsubj", "punct", "appos", "prep", "det", "compound", "compound"]
    deps += ["pobj", "punct", "ROOT", "det", "dobj", "punct"]
    pos = ["PROPN", "PROPN", "PUNCT", "NOUN", "ADP", "DET", "PROPN", "PROPN", "PROPN"]
    pos += ["PUNCT", "VERB", "DET", "NOUN", "PUNCT"]
    ents = ["O", "B-PERSON", "O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O", "O"]
    ents += ["O", "O"]
    doc = Doc(_VOCAB, words=words, heads=heads, deps=deps, pos=pos, ents=ents)
    doc._.mentions = [Mention(0, 9, 0, 2, "Lena Orvik", "person")]
    doc._.actors = {"Lena Orvik": Actor("Lena Orvik", "person")}
    doc._.quotes = []
    return doc


def _tarsonia_doc() -> Doc:
    # "Tarsonia's envoy spoke . Tarsonian troops stayed ."
    register_extensions()
    words = ["Tarsonia's", "envoy", "spoke", ".", "Tarsonian", "troops", "stayed", "."]
    heads = [1, 2, 2, 2, 5, 6, 6, 6]
    deps = ["poss", "nsubj", "ROOT", "punct", "amod", "nsubj", "ROOT", "punct"]
    pos = ["PROPN", "NOUN", "VERB", "PUNCT", "ADJ", "NOUN", "VERB", "PUNCT"]
    ents = ["B-GPE", "O", "O", "O", "B-NORP", "O", "O", "O"]
    return Doc(_VOCAB, words=words, heads=heads, deps=deps, pos=pos, ents=ents)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("the Harbour Policy Institute", "Harbour Policy Institute"),
        ("Tarsonia’s", "Tarsonia"),
        ("Tarsonia's", "Tarsonia"),
        ("\u2015\u00a0Coastal Front", "Coastal Front"),
        ("U.S.", "U.S."),
    ],
)
def test_a_name_is_its_party_without_article_possessive_or_stray_dash(text, name) -> None:
    assert own_name(text) == name


def test_an_unknown_organisation_is_its_own_party_under_its_whole_name() -> None:
    doc = _institute_doc()
    # Any word of the entity names the whole organisation, not the word alone.
    assert own_party(doc[7]) == "Harbour Policy Institute"
    # "the" is no proper noun; it counts only when the caller says so.
    assert own_party(doc[5]) is None
    assert own_party(doc[5], proper=False) == "Harbour Policy Institute"
    # A person is no party, and a label the caller leaves out does not count.
    assert own_party(doc[1]) is None
    assert own_party(doc[7], labels=("GPE",)) is None


def test_a_person_with_no_party_takes_the_organisation_beside_their_name() -> None:
    doc = _institute_doc()
    finder = PartyFinder(Cast(doc, load_gazetteer()), load_places())
    assert finder.meant("Lena Orvik") == "Harbour Policy Institute"
    assert finder.of_token(doc[8], organisations=True) == "Harbour Policy Institute"
    assert finder.of_token(doc[8]) is None
    assert finder.meant(ANONYMOUS) is None
    assert finder.meant(None) is None


def test_a_state_no_data_file_knows_acts_and_lends_its_adjective() -> None:
    doc = _tarsonia_doc()
    gazetteer = load_gazetteer()
    found = local_parties(doc, gazetteer, set())
    # The possessive the recogniser took into the name is not part of it.
    assert [(span.text, name) for span, name in found] == [
        ("Tarsonia's", "Tarsonia"),
        ("Tarsonian", "Tarsonia"),
    ]
    assert party_of_adjective(doc, gazetteer, "Tarsonian") == "Tarsonia"
    assert party_of_adjective(doc, gazetteer, "Tarsonia") == "Tarsonia"
    # A known adjective still comes from the gazetteer.
    assert party_of_adjective(doc, gazetteer, "Ukrainian") == "Ukraine"


@pytest.mark.model
@pytest.mark.parametrize(
    "sentence",
    [
        "Lena Orvik, director of the Harbour Policy Institute, demanded the withdrawal of "
        "all foreign troops from the valley.",
        "The Harbour Policy Institute's Lena Orvik demanded a ceasefire in the valley.",
        "Harbour Policy Institute director Lena Orvik demanded a ceasefire in the valley.",
    ],
)
def test_a_researcher_s_demand_is_her_institute_s_under_its_full_name(analyze, sentence) -> None:
    record = analyze(sentence, dt.date(2025, 3, 3))
    assert record.positions
    assert {p.party for p in record.positions} == {"Harbour Policy Institute"}


@pytest.mark.model
def test_a_state_named_with_a_possessive_is_one_party(analyzer) -> None:
    body = (
        "Tarsonia and Veloria met in Geneva on Monday.\n\n"
        "Tarsonia's delegation rejected the draft, and Tarsonian officials said the "
        "border line had to be drawn again."
    )
    record = analyzer.analyze(Article(body=body, published=dt.date(2025, 3, 3)))
    parties = {a.name for a in record.actors if a.kind == "party"}
    assert "Tarsonia" in parties
    assert not any(name.endswith(("'s", "’s")) for name in parties)
