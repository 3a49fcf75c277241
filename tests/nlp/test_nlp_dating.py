"""The one rule for the day of a statement (``dragoman.nlp.dating``), on a ``Doc``
built by hand with its time expressions."""

from __future__ import annotations

import datetime as dt

import spacy
from spacy.tokens import Doc

from dragoman.nlp.dating import Earlier, date_item, placing_time, times_in
from dragoman.nlp.extensions import TimeExpression, register_extensions

PUBLISHED = dt.date(2024, 5, 8)
TEXT = "Envoys spoke on Monday and last week . They said \u201c on Friday \u201d . "


def _at(text: str, date: dt.date | None) -> TimeExpression:
    start = TEXT.index(text)
    return TimeExpression(start, start + len(text), text, date)


MONDAY = _at("Monday", dt.date(2024, 5, 6))
LAST_WEEK = _at("last week", None)
QUOTED = _at("Friday", dt.date(2024, 5, 3))

#: A blank English vocabulary: lexical attributes (lower case, punctuation) but no model.
_VOCAB = spacy.blank("en").vocab


def _doc() -> Doc:
    register_extensions()
    # "Envoys spoke on Monday and last week . They said “ on Friday ” ."
    words = ["Envoys", "spoke", "on", "Monday", "and", "last", "week", "."]
    words += ["They", "said", "\u201c", "on", "Friday", "\u201d", "."]
    sent_starts = [True] + [False] * 7 + [True] + [False] * 6
    doc = Doc(_VOCAB, words=words, sent_starts=sent_starts)
    doc._.published = PUBLISHED
    doc._.times = [MONDAY, LAST_WEEK, QUOTED]
    return doc


def test_the_text_is_as_the_offsets_say() -> None:
    text = _doc().text
    assert text == TEXT
    for time in (MONDAY, LAST_WEEK, QUOTED):
        assert text[time.start : time.end] == time.text


def test_times_in_a_sentence_outside_quotations() -> None:
    doc = _doc()
    first, second = list(doc.sents)
    assert times_in(doc, first) == [MONDAY, LAST_WEEK]
    assert times_in(doc, second) == [QUOTED]
    assert times_in(doc, second, outside=[(QUOTED.start - 2, QUOTED.end + 2)]) == []


def test_placing_time_first_or_nearest_day() -> None:
    assert placing_time([]) is None
    assert placing_time([LAST_WEEK, MONDAY]) is LAST_WEEK
    # Near a cue: a time that names a day first, then the nearest.
    assert placing_time([LAST_WEEK, MONDAY], near=LAST_WEEK.start) is MONDAY
    assert placing_time([MONDAY, QUOTED], near=QUOTED.start - 5) is QUOTED


def test_date_item_keeps_the_deliberate_null() -> None:
    doc = _doc()
    assert date_item(doc, MONDAY) == dt.date(2024, 5, 6)
    # "last week" names no day: None, not the day of the report nor earlier words.
    assert date_item(doc, LAST_WEEK, (lambda: Earlier(dt.date(2024, 5, 1)),)) is None


def test_date_item_falls_back_to_earlier_words_then_the_report() -> None:
    doc = _doc()
    assert date_item(doc, None) == PUBLISHED
    assert date_item(doc, None, (lambda: None,)) == PUBLISHED
    asked: list[str] = []

    def first() -> Earlier | None:
        asked.append("first")
        return Earlier(dt.date(2024, 5, 1))

    def second() -> Earlier | None:
        asked.append("second")
        return Earlier(dt.date(2024, 4, 1))

    assert date_item(doc, None, (first, second)) == dt.date(2024, 5, 1)
    assert asked == ["first"]
    # Earlier words that named no day: None.
    assert date_item(doc, None, (lambda: Earlier(None),)) is None
