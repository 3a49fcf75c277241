"""The quotes component: kinds, speakers (names, pronouns, role phrases, unnamed
sources) and dates, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.model


def quote_with(record, words: str):
    """The one quote whose text contains ``words``."""
    found = [q for q in record.quotes if words in q.text]
    assert len(found) == 1, (
        f"expected one quote with {words!r}, got {[q.text for q in record.quotes]}"
    )
    return found[0]


TUESDAY = dt.date(2022, 3, 29)
WEDNESDAY = dt.date(2022, 3, 30)


def test_direct_quote_with_full_name_and_weekday(analyze) -> None:
    record = analyze(
        "\u201cThe talks were useful,\u201d Kremlin spokesman Dmitry Peskov said on Tuesday."
    )
    quote = quote_with(record, "talks were useful")
    assert (quote.kind, quote.speaker, quote.cue, quote.date) == (
        "direct",
        "Dmitry Peskov",
        "said",
        TUESDAY,
    )
    assert record.article.body[quote.start : quote.end] == quote.text


def test_pronoun_speaker_and_inherited_day(analyze) -> None:
    body = (
        "Ukrainian negotiator David Arakhamia spoke yesterday in Istanbul.\n\n"
        "\u201cWe have put our proposals on paper,\u201d he said."
    )
    quote = quote_with(analyze(body), "proposals on paper")
    assert quote.speaker == "David Arakhamia"
    assert quote.date == TUESDAY


def test_role_phrase_resolves_to_the_holder(analyze) -> None:
    body = (
        "Kremlin spokesman Dmitry Peskov briefed reporters this Wednesday (30).\n\n"
        "\u201cThere is no breakthrough yet,\u201d the spokesperson explained."
    )
    quote = quote_with(analyze(body), "no breakthrough")
    assert quote.speaker == "Dmitry Peskov"
    assert quote.cue == "explained"
    assert quote.date == WEDNESDAY


def test_chief_negotiator_role_phrase(analyze) -> None:
    body = (
        "The head of the Russian delegation, Vladimir Medinsky, met the "
        "Ukrainian side on Tuesday.\n\n"
        "Russia's chief negotiator said that a meeting of the presidents was possible."
    )
    quote = quote_with(analyze(body), "meeting of the presidents")
    assert quote.kind == "indirect"
    assert quote.speaker == "Vladimir Medinsky"


def test_mixed_quote_takes_the_subject_of_its_verb(analyze) -> None:
    record = analyze(
        "Foreign Minister Sergei Lavrov on Friday described the draft as \u201ca step back\u201d."
    )
    quote = quote_with(record, "a step back")
    assert quote.kind == "mixed"
    assert quote.speaker == "Sergei Lavrov"
    assert quote.date == dt.date(2022, 3, 25)


def test_indirect_speech(analyze) -> None:
    record = analyze("Mykhailo Podolyak said that Ukraine would insist on a full ceasefire.")
    quote = quote_with(record, "insist on a full ceasefire")
    assert quote.kind == "indirect"
    assert quote.speaker == "Mykhailo Podolyak"
    assert quote.text.startswith("Ukraine would")


def test_colon_introduces_a_direct_quote(analyze) -> None:
    record = analyze(
        "Dmytro Kuleba told reporters in Antalya: \u201cThere was no progress on a ceasefire.\u201d"
    )
    quote = quote_with(record, "no progress on a ceasefire")
    assert quote.kind == "direct"
    assert quote.speaker == "Dmytro Kuleba"


def test_an_unnamed_source_is_anonymous(analyze) -> None:
    record = analyze("A senior Western official said the two sides remained far apart on Crimea.")
    quote = quote_with(record, "far apart on Crimea")
    assert quote.speaker == "anonymous"
    assert quote.anonymous


def test_a_quote_with_no_findable_speaker_says_so(analyze) -> None:
    record = analyze("\u201cPeace is not on the agenda today.\u201d\n\nThe talks continued.")
    quote = quote_with(record, "Peace is not on the agenda")
    assert quote.speaker is None


def test_a_party_speaks_through_its_metonym(analyze) -> None:
    record = analyze(
        "The Kremlin said on Monday that the Istanbul meeting had brought no breakthrough."
    )
    quote = quote_with(record, "no breakthrough")
    assert quote.speaker == "Russia"
    assert quote.date == dt.date(2022, 3, 28)


def test_explicit_month_day_dates_the_statement(analyze) -> None:
    record = analyze(
        "Speaking on March 7, Dmitry Peskov said Russia wanted Ukraine to "
        "recognise Crimea as Russian.",
        published=dt.date(2022, 3, 10),
    )
    assert quote_with(record, "recognise Crimea").date == dt.date(2022, 3, 7)


def test_a_vaguer_time_gives_no_day(analyze) -> None:
    record = analyze(
        "In an interview last month, Naftali Bennett said the gaps between the sides had narrowed.",
        published=dt.date(2022, 4, 10),
    )
    assert quote_with(record, "gaps between the sides").date is None


def test_scare_quotes_are_not_quotes(analyze) -> None:
    record = analyze(
        "The so-called \u201cspecial military operation\u201d entered its second month."
    )
    assert record.quotes == []


def test_nothing_comes_from_the_caption(analyzer) -> None:
    from dragoman.models import Article

    article = Article(
        body="Talks resumed in Istanbul on Tuesday.",
        caption="\u201cWe will win,\u201d Zelensky said, in a 2021 photo.",
        published=WEDNESDAY,
    )
    record = analyzer.analyze(article)
    assert record.quotes == []
    assert "Volodymyr Zelensky" not in {a.name for a in record.actors}


def test_a_quoted_fragment_holding_its_sentence_root_ends(analyze) -> None:
    # The root of the parse lies inside the quotation marks: climbing out of the
    # quotation must stop at the root (spaCy makes a new Token object per access).
    record = analyze('Table: "how positions moved" by round, and "who said what" by date.')
    # It ends: the quotation after the colon stands alone (a direct quote whose speaker
    # is unknown, so null); the fragment with no speaker is a title, not a quote.
    assert [(q.text, q.kind, q.speaker) for q in record.quotes] == [
        ("how positions moved", "direct", None)
    ]


def test_coordinated_speakers_keep_their_own_words(analyze) -> None:
    record = analyze(
        'Sergei Lavrov called the draft "a step back" and Dmytro Kuleba called it "a fair basis".'
    )
    assert quote_with(record, "a step back").speaker == "Sergei Lavrov"
    assert quote_with(record, "a fair basis").speaker == "Dmytro Kuleba"


def test_a_report_longer_than_the_pipeline_reads_is_a_clear_error(analyzer) -> None:
    from dragoman.errors import AnalysisError
    from dragoman.models import Article

    body = "Talks resumed. " * (analyzer.nlp.max_length // 15 + 1)
    with pytest.raises(AnalysisError, match="characters long"):
        analyzer.analyze(Article(body=body, source="long.txt"))


def test_a_sentence_without_punctuation_is_not_read_for_events(analyze) -> None:
    body = " ".join(["Russia and Ukraine held talks in Istanbul"] * 60)
    record = analyze(body)
    assert record.events == []
