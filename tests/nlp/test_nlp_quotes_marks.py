"""Quotation marks of newspaper archives: two apostrophes, or two backquotes and two
apostrophes (no model needed)."""

from __future__ import annotations

from dragoman.nlp.quotemarks import find_quoted


def spans(text: str) -> list[str]:
    return [text[s:e] for s, e in find_quoted(text)]


def test_two_apostrophes_open_and_close_a_quotation() -> None:
    text = "''We will not sign,'' the treasurer said. ''Never.''"
    assert spans(text) == ["We will not sign,", "Never."]


def test_backquotes_open_a_quotation_closed_by_apostrophes() -> None:
    assert spans("``The vote is off,'' she said.") == ["The vote is off,"]


def test_single_apostrophes_are_not_quotation_marks() -> None:
    assert spans("The treasurer's plan recalls the '90s and the voters' anger.") == []


def test_a_doubled_apostrophe_inside_a_word_opens_nothing() -> None:
    assert spans("O''Brien spoke, then ''yes,'' he said.") == ["yes,"]


def test_two_apostrophes_left_open_end_with_the_paragraph() -> None:
    text = "''We will fight on.\n\n''And we will win,'' she said."
    assert spans(text) == ["We will fight on.", "And we will win,"]
