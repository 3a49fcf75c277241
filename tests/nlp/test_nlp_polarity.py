"""Negation and polarity helpers (``dragoman.nlp.polarity``), on parses built by hand."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from dragoman.nlp.polarity import (
    NEGATIVE,
    OPPOSITE,
    POSITIVE,
    clause_before,
    denied_by_verb,
    doubted,
    has_negation,
    negated,
    negator_before,
    reverser_before,
)
from dragoman.nlp.wordpatterns import WordPattern

#: A blank English vocabulary: lexical attributes (lower case, punctuation) but no model.
_VOCAB = spacy.blank("en").vocab


def _doc(words: list[str], heads: list[int], deps: list[str], pos: list[str] | None = None) -> Doc:
    return Doc(_VOCAB, words=words, heads=heads, deps=deps, pos=pos or ["X"] * len(words))


def test_opposites() -> None:
    assert OPPOSITE[POSITIVE] == NEGATIVE and OPPOSITE[NEGATIVE] == POSITIVE


def test_negated_climbs_through_the_verbs_an_infinitive_completes() -> None:
    # "They did not agree to meet"
    doc = _doc(
        ["They", "did", "not", "agree", "to", "meet"],
        [3, 3, 3, 3, 5, 3],
        ["nsubj", "aux", "neg", "ROOT", "aux", "xcomp"],
    )
    agree, meet = doc[3], doc[5]
    assert has_negation(agree) and not has_negation(meet)
    assert negated(agree)
    assert negated(meet)
    assert not negated(meet, through=())
    assert not negated(meet, levels=1)


def test_negated_through_a_clausal_complement_when_asked() -> None:
    # "Envoys do not think talks resume"
    doc = _doc(
        ["Envoys", "do", "not", "think", "talks", "resume"],
        [3, 3, 3, 3, 5, 3],
        ["nsubj", "aux", "neg", "ROOT", "nsubj", "ccomp"],
    )
    resume = doc[5]
    assert not negated(resume)
    assert negated(resume, through=("xcomp", "ccomp"), levels=2)


def test_negator_and_reverser_before_a_cue() -> None:
    # "there was no real progress , stalling progress"
    doc = _doc(
        ["there", "was", "no", "real", "progress", ",", "stalling", "progress"],
        [1, 1, 4, 4, 1, 1, 1, 6],
        ["expl", "ROOT", "det", "amod", "attr", "punct", "advcl", "dobj"],
    )
    tokens = list(doc)
    assert clause_before(tokens, 4) == [3, 2, 1]
    assert negator_before(tokens, 4, [WordPattern.parse("no")]) == 2
    assert negator_before(tokens, 4, [WordPattern.parse("never")]) is None
    # The comma closes the clause: nothing before "stalling" is looked at.
    assert clause_before(tokens, 6) == []
    assert reverser_before(tokens, 7, {"stall"}) == 6
    assert reverser_before(tokens, 4, {"stall"}) is None


def test_denied_by_the_verb_above_the_cue() -> None:
    # "The talks were not constructive"
    doc = _doc(
        ["The", "talks", "were", "not", "constructive"],
        [1, 2, 2, 2, 2],
        ["det", "nsubj", "ROOT", "neg", "acomp"],
    )
    assert denied_by_verb(doc[4], list(doc)) == "not were"
    # The negation must lie inside the statement read.
    assert denied_by_verb(doc[4], list(doc)[4:]) is None


def test_doubted_by_the_predicate_of_a_cue_subject() -> None:
    # "progress is unlikely"
    doc = _doc(["progress", "is", "unlikely"], [1, 1, 1], ["nsubj", "ROOT", "acomp"])
    assert doubted(doc[0], [WordPattern.parse("unlikely")]) == "unlikely"
    assert doubted(doc[0], [WordPattern.parse("doubtful")]) is None
