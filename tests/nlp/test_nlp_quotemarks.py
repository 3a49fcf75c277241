"""Finding quotations in a body (no model needed)."""

from __future__ import annotations

from dragoman.nlp.quotemarks import find_quoted, paragraphs


def spans(text: str) -> list[str]:
    return [text[s:e] for s, e in find_quoted(text)]


def test_curly_and_straight_marks() -> None:
    text = 'Lavrov called it \u201cnot bad\u201d and Kuleba said "nothing new".'
    assert spans(text) == ["not bad", "nothing new"]


def test_a_quotation_left_open_ends_with_its_paragraph() -> None:
    text = "\u201cWe will not give up our land.\n\n\u201cNever,\u201d he added."
    assert spans(text) == ["We will not give up our land.", "Never,"]


def test_guillemets() -> None:
    assert spans("Peskov spoke of \u00absome progress\u00bb.") == ["some progress"]


def test_empty_marks_are_not_quotations() -> None:
    assert spans('A stray "" mark.') == []


def test_paragraphs_skip_blank_lines() -> None:
    text = "One.\n\nTwo.\n\n\nThree."
    assert [text[s:e] for s, e in paragraphs(text)] == ["One.", "Two.", "Three."]


def test_inside_finds_positions_in_sorted_spans() -> None:
    from dragoman.nlp.quotemarks import inside

    spans = [(2, 5), (10, 12), (20, 30)]
    assert [p for p in range(32) if inside(spans, p)] == [2, 3, 4, 10, 11, *range(20, 30)]
    assert not inside([], 3)
