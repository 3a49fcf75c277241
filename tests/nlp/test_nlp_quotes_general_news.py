"""Quotes and speakers on general news: the constructions that the error analysis of
issue 8 counted most often, each on sentences written for these tests."""

from __future__ import annotations

import pytest

from dragoman.nlp.quotemarks import find_quoted


def _by_start(record, words: str):
    """The quotes whose text starts with ``words``."""
    return [q for q in record.quotes if q.text.lstrip("\u201c\"'").startswith(words)]


def _speakers(record, words: str) -> set[str | None]:
    return {q.speaker for q in _by_start(record, words)}


# -- quotation marks -------------------------------------------------------------------


def test_a_curly_quotation_closed_by_a_straight_mark_ends_there() -> None:
    text = '\u201cThe levy is unfair," Mayor Ada Quist said, calling it "a tax on bread."'
    spans = [text[s:e] for s, e in find_quoted(text)]
    assert spans == ["The levy is unfair,", "a tax on bread."]


def test_a_curly_quotation_keeps_its_own_closer_when_it_has_one() -> None:
    text = "\u201cWe said \"no\" twice,\u201d the clerk said."
    assert [text[s:e] for s, e in find_quoted(text)] == ['We said "no" twice,']


# -- titles are not words ----------------------------------------------------------------


@pytest.mark.model
def test_the_name_of_a_show_or_a_song_is_not_a_quote(analyze) -> None:
    record = analyze(
        "Senator Mira Holt said on Channel Nine's \u201cSunday Morning Report\u201d that the "
        "port deal was \u201ca giveaway to the shipping lobby.\u201d\n\n"
        "The band closed its set with \u201cRiver Of Lanterns,\u201d a song about the strike."
    )
    texts = [q.text for q in record.quotes]
    assert not any("Sunday Morning Report" == t.strip(" .,") for t in texts)
    assert not any("River Of Lanterns" in t for t in texts)
    assert {q.speaker for q in record.quotes if "a giveaway" in q.text} == {"Mira Holt"}


@pytest.mark.model
def test_shouting_in_capitals_is_still_a_quote(analyze) -> None:
    record = analyze(
        'Governor Lena Marsh wrote on social media that the two towns had agreed to a '
        '"FULL AND FINAL TRUCE" over the water rights.'
    )
    assert any("FULL AND FINAL TRUCE" in q.text for q in record.quotes)


# -- who is speaking ---------------------------------------------------------------------


@pytest.mark.model
def test_a_group_named_by_its_members_speaks_under_that_name(analyze) -> None:
    record = analyze(
        "The committee vote was delayed for a second week.\n\n"
        "Republicans said the delay had been forced by the chair's refusal to share the "
        "documents.\n\n"
        "Democrats accused the majority of stalling the inquiry for political gain."
    )
    assert _speakers(record, "the delay had been forced") == {"Republicans"}
    assert _speakers(record, "the majority of stalling") == {"Democrats"}


@pytest.mark.model
def test_called_for_with_a_verb_reports_what_is_called_for(analyze) -> None:
    record = analyze(
        "Governor Lena Marsh called for raising the river levees by two meters before "
        "the spring floods."
    )
    assert _speakers(record, "raising the river levees") == {"Lena Marsh"}


@pytest.mark.model
def test_a_cue_introducing_the_next_paragraph_names_its_speaker(analyze) -> None:
    record = analyze(
        "The Harbor Ledger reported on Sunday:\n\n"
        '"The council has spent twice what it promised on the new ferry terminal, and '
        'the accounts for the second year are still missing."\n\n'
        '"Members of the council declined to say when the audit would be published."'
    )
    assert _speakers(record, "The council has spent") == {"Harbor Ledger"}
    # The paragraph after goes on with the same outlet's words.
    assert _speakers(record, "Members of the council") == {"Harbor Ledger"}


@pytest.mark.model
def test_a_name_right_after_the_quotation_speaks_though_the_parser_misses_it(analyze) -> None:
    record = analyze(
        "\u201cThe shipyard will close by winter. There is nothing left to negotiate,\u201d "
        "Ivo Brandt, a union steward, said Monday on Radio Sud\u2019s \u201cMorning "
        "Desk.\u201d \u201cI mean, there is a lot of anger in the yards.\u201d"
    )
    assert _speakers(record, "The shipyard will close") == {"Ivo Brandt"}
    assert _speakers(record, "I mean") == {"Ivo Brandt"}
    assert not _by_start(record, "Morning Desk")


@pytest.mark.model
def test_an_inverted_cue_before_a_colon(analyze) -> None:
    record = analyze(
        "The mayor has said little about the budget since March. Said Tomas Reyes, the "
        "council's treasurer: \u201cI do not think she has read the figures.\u201d"
    )
    assert _speakers(record, "I do not think") == {"Tomas Reyes"}


@pytest.mark.model
def test_each_speaker_of_a_shared_statement_keeps_it(analyze) -> None:
    # The same words under two speakers are two quotes, not one reading that hides
    # the other.
    record = analyze(
        "Ana Pruitt and Carl Ibsen both said that the filings could be grounds for a "
        "fraud case against the bank."
    )
    assert _speakers(record, "the filings could be grounds") == {"Ana Pruitt", "Carl Ibsen"}


@pytest.mark.model
def test_an_apposition_after_a_state_is_not_a_second_speaker(analyze) -> None:
    record = analyze(
        "Even Belarus, Russia's closest ally and its main trading partner, said it was "
        '"firmly opposed to any further missile tests in the region" on Sunday.'
    )
    assert {q.speaker for q in record.quotes if "firmly opposed" in q.text} == {"Belarus"}


@pytest.mark.model
def test_a_pronoun_before_a_name_does_not_give_that_name_its_gender(analyze) -> None:
    # "after he admitted under Holm's questioning": "he" is the banker, so "she" later
    # is still the senator.
    record = analyze(
        "Senator Ingrid Holm grilled the chief executive of Norbank, Paul Verhoeven, on "
        "Tuesday.\n\n"
        "\u201cYou should resign,\u201d Holm told Verhoeven, after he admitted under "
        "Holm\u2019s questioning that no one had been fired.\n\n"
        "\u201cThis is not right,\u201d Holm said. \u201cYou pushed the tellers to the "
        "breaking point\u201d to lift the share price, she said."
    )
    assert _speakers(record, "You pushed the tellers") == {"Ingrid Holm"}
