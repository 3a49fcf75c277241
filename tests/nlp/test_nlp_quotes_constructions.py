"""The quotes component on one construction of reported speech each: quotation
marks of newspaper archives, mixed quotes inside a reported clause, split
quotations, speech after a colon or a dash, "according to", "accused X of",
reported speech over two sentences, scare quotes, and a quotation before its cue.
The sentences are written for these tests; the people in them are invented."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def quotes_with(record, words: str):
    return [q for q in record.quotes if words in q.text]


def one_quote(record, words: str):
    found = quotes_with(record, words)
    assert len(found) == 1, (
        f"expected one quote with {words!r}, got {[q.text for q in record.quotes]}"
    )
    return found[0]


def test_two_apostrophe_quotation_marks(analyze) -> None:
    record = analyze(
        "''We will not sign this budget,'' said Maria Lopez, the state treasurer. "
        "''Not this year.''\n\nLopez's office called the plan a '90s idea."
    )
    first = one_quote(record, "We will not sign this budget")
    assert (first.kind, first.speaker, first.cue) == ("direct", "Maria Lopez", "said")
    second = one_quote(record, "Not this year")
    assert second.speaker == "Maria Lopez"
    # Attributed by continuation, not by a cue of its own: trusted less.
    assert second.cue is None and second.confidence < first.confidence
    assert not quotes_with(record, "90s")


def test_backquote_and_apostrophe_marks(analyze) -> None:
    quote = one_quote(analyze("``The vote is off,'' Maria Lopez told reporters."), "vote is off")
    assert (quote.kind, quote.speaker) == ("direct", "Maria Lopez")
    assert quote.text == "The vote is off,"


def test_mixed_quote_inside_a_reported_clause_is_the_clause(analyze) -> None:
    record = analyze(
        "Maria Lopez said that delaying the vote was \u201ctotally unacceptable "
        "for the families\u201d of the district."
    )
    quote = one_quote(record, "delaying the vote")
    assert quote.kind == "mixed"
    assert quote.speaker == "Maria Lopez"
    assert quote.text == (
        "delaying the vote was \u201ctotally unacceptable for the families\u201d of the district"
    )
    # The fragment is not a second quote.
    assert len(quotes_with(record, "totally unacceptable")) == 1


def test_quotation_split_by_its_cue(analyze) -> None:
    record = analyze(
        "\u201cWe are close to a deal,\u201d Maria Lopez said, "
        "\u201cbut the unions still have to agree.\u201d"
    )
    first = one_quote(record, "close to a deal")
    second = one_quote(record, "unions still have to agree")
    assert first.speaker == second.speaker == "Maria Lopez"
    assert first.kind == second.kind == "direct"


def test_reported_clause_split_by_its_cue(analyze) -> None:
    record = analyze(
        "Unlike the budget of last spring, Maria Lopez said, the new plan would "
        "cut funding for rural schools."
    )
    before = one_quote(record, "Unlike the budget")
    after = one_quote(record, "the new plan would cut funding")
    assert before.speaker == after.speaker == "Maria Lopez"
    assert "Lopez" not in before.text + after.text


def test_speech_after_a_colon(analyze) -> None:
    record = analyze("Maria Lopez said: the unions have rejected the offer and will strike.")
    quote = one_quote(record, "unions have rejected the offer")
    assert (quote.kind, quote.speaker) == ("indirect", "Maria Lopez")
    assert quote.text == "the unions have rejected the offer and will strike"


def test_speech_after_a_dash(analyze) -> None:
    record = analyze("Maria Lopez told reporters \u2014 the unions have rejected the offer.")
    quote = one_quote(record, "unions have rejected the offer")
    assert quote.speaker == "Maria Lopez"
    assert quote.text == "the unions have rejected the offer"


def test_according_to(analyze) -> None:
    record = analyze("The unions will strike on Monday, according to Maria Lopez.")
    quote = one_quote(record, "unions will strike")
    assert (quote.kind, quote.speaker, quote.cue) == ("indirect", "Maria Lopez", "according to")
    assert "according" not in quote.text


def test_accused_x_of(analyze) -> None:
    record = analyze("Maria Lopez accused the governor of hiding the budget figures from voters.")
    quote = one_quote(record, "hiding the budget figures")
    assert (quote.speaker, quote.cue) == ("Maria Lopez", "accused")
    assert quote.text == "the governor of hiding the budget figures from voters"


def test_reported_speech_over_two_sentences(analyze) -> None:
    record = analyze(
        "Maria Lopez said the unions had rejected the offer. The strike would begin "
        "on Monday and last a week, she added."
    )
    first = one_quote(record, "unions had rejected the offer")
    second = one_quote(record, "strike would begin")
    assert first.speaker == second.speaker == "Maria Lopez"
    assert "she added" not in second.text


def test_a_participle_cue_is_its_own_statement(analyze) -> None:
    record = analyze(
        "Maria Lopez said the unions had rejected the offer, describing the "
        "governor's plan as a trap for teachers."
    )
    first = one_quote(record, "unions had rejected the offer")
    assert "describing" not in first.text
    second = one_quote(record, "governor's plan as a trap")
    assert first.speaker == second.speaker == "Maria Lopez"


def test_a_scare_quote_is_not_a_quote(analyze) -> None:
    record = analyze("Maria Lopez criticized the \u201creform\u201d bill in a speech to teachers.")
    assert not quotes_with(record, "reform")


def test_a_quoted_word_that_is_what_was_said_is_a_quote(analyze) -> None:
    record = analyze("Maria Lopez described the offer as \u201cinsulting\u201d.")
    quote = one_quote(record, "insulting")
    assert (quote.kind, quote.speaker) == ("mixed", "Maria Lopez")


def test_quotation_before_its_cue_in_the_next_sentence(analyze) -> None:
    record = analyze(
        "\u201cThe unions have rejected the offer and the schools will close.\u201d "
        "Maria Lopez said so on Monday."
    )
    quote = one_quote(record, "unions have rejected the offer")
    assert (quote.kind, quote.speaker) == ("direct", "Maria Lopez")


def test_a_new_cue_after_and_ends_the_words(analyze) -> None:
    record = analyze(
        "Maria Lopez said the unions had rejected the offer and warned that the "
        "schools would close."
    )
    quote = one_quote(record, "unions had rejected the offer")
    assert "warned" not in quote.text
