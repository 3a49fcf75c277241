"""Assessments, on sentences written for this test: cues of officials looking ahead,
and the day of a reported judgement kept to its own paragraph."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_an_encouraged_official_judges_the_round_positively(analyze) -> None:
    record = analyze(
        '"We are encouraged by the outcome of the round and look forward to the next '
        'meeting," Ilham Aliyev said.'
    )
    assert [(a.actor, a.polarity) for a in record.assessments] == [("Ilham Aliyev", "positive")]


def test_laying_the_foundation_with_a_treaty_is_a_positive_judgement(analyze) -> None:
    record = analyze(
        "Ilham Aliyev said the peace treaty had laid the foundation for a lasting settlement."
    )
    assert [a.polarity for a in record.assessments] == ["positive"]


def test_a_reported_judgement_is_kept_to_its_paragraph() -> None:
    """A sentence the parser runs on across a paragraph break is cut at the break,
    so a time expression of the next paragraph does not date the judgement."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from dragoman.nlp.components.assessments import AssessmentsComponent

    words = ["He", "reported", "no", "breakthrough", "\n\n", "Talks", "ended", "Friday", "."]
    spaces = [True, True, True, False, False, True, True, False, False]
    starts = [True] + [False] * (len(words) - 1)
    doc = Doc(Vocab(), words=words, spaces=spaces, sent_starts=starts)
    breaks = [0, doc[5].idx]
    clause = AssessmentsComponent._clause_in_paragraph(doc, doc[1], breaks)
    assert clause.text.strip() == "He reported no breakthrough"
