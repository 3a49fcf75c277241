"""The seed's plain-text format: optional date line with caption and credit, then body."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dragoman.errors import EmptyReport, IngestError, MalformedReport
from dragoman.ingest import read_path
from dragoman.ingest.fields import trim_body
from dragoman.ingest.text import parse_header, parse_text, split_caption

FixturePath = Callable[[str], Path]
Write = Callable[[str, str | bytes], Path]

BODY = (
    "Vladimir Medinsky said the Istanbul round had been constructive.\n\n"
    "Mykhailo Podolyak said Kyiv wanted guarantees  written into a treaty."
)


def test_seed_style_file_splits_date_caption_credit_and_body(fixture_path: FixturePath) -> None:
    path = fixture_path("istanbul_2022-03-29.txt")
    assert path.read_text(encoding="utf-8").startswith("   date 2022-03-29 ")  # indented

    loaded = read_path(path)

    assert loaded.errors == []
    [article] = loaded.articles
    assert article.published == dt.date(2022, 3, 29)
    assert article.caption == (
        "Members of the two delegations take their seats at the Dolmabahce palace in Istanbul."
    )
    assert article.credit == "Deniz Kaya/Anatolia Wire"
    assert article.body.startswith("Negotiators from Russia and Ukraine met in Istanbul")
    assert article.body.endswith("greeted with caution.")
    assert article.source == str(path)
    assert article.language == "en"


def test_caption_and_credit_never_reach_the_body(fixture_path: FixturePath) -> None:
    [article] = read_path(fixture_path("istanbul_2022-03-29.txt")).articles
    assert article.caption and article.credit
    assert "Dolmabahce palace in Istanbul." not in article.body
    assert "Photo" not in article.body
    assert article.credit not in article.body
    assert not article.body.lstrip().startswith("date")


def test_file_without_date_line_is_all_body(fixture_path: FixturePath) -> None:
    path = fixture_path("antalya_plain.txt")
    [article] = read_path(path).articles
    assert article.published is None
    assert article.caption is None and article.credit is None
    assert article.body == path.read_text(encoding="utf-8").strip()


def test_translation_debris_passes_through_unchanged(fixture_path: FixturePath) -> None:
    path = fixture_path("antalya_debris.txt")
    [article] = read_path(path).articles
    expected = path.read_text(encoding="utf-8").split("\n", 2)[2].strip()
    assert article.body == expected
    assert "affirmed this Thursday (10) that" in article.body
    assert "“We talked about a humanitarian corridor from Mariupol, but no result”," in article.body
    assert article.credit == "MEHMET ALI/ AFP"


@pytest.mark.parametrize(
    ("marker", "credit"),
    [
        ("| Photo: ", "Anna Lens/Wire"),
        ("| Foto: ", "Anna Lens/Wire"),
        ("| PHOTOGRAPH: ", "Anna Lens/Wire"),
        ("|image:", "Anna Lens/Wire"),
        ("| Photo:  ", "Anna Lens/Wire"),
    ],
)
def test_credit_markers(marker: str, credit: str) -> None:
    article = parse_text(f"date 2022-03-10 Ministers arrive in Antalya.{marker}{credit}\n\n{BODY}")
    assert article.caption == "Ministers arrive in Antalya."
    assert article.credit == credit
    assert article.body == BODY


def test_caption_without_credit() -> None:
    article = parse_text(f"date 2022-03-10 Ministers arrive in Antalya.\n{BODY}")
    assert article.published == dt.date(2022, 3, 10)
    assert article.caption == "Ministers arrive in Antalya."
    assert article.credit is None
    assert article.body == BODY


def test_date_alone() -> None:
    article = parse_text(f"date 2022-03-10\n\n{BODY}\n")
    assert article.published == dt.date(2022, 3, 10)
    assert article.caption is None and article.credit is None
    assert article.body == BODY


def test_credit_without_caption() -> None:
    assert split_caption("| Photo: Anna Lens") == (None, "Anna Lens")


def test_piped_marker_wins_over_a_bare_word_in_the_caption() -> None:
    caption, credit = split_caption("A picture caption: Photo: taken in Kyiv| Photo: Wire")
    assert caption == "A picture caption: Photo: taken in Kyiv"
    assert credit == "Wire"


def test_body_is_kept_exactly_apart_from_surrounding_blank_lines() -> None:
    inner = "  First line keeps its indent.\n\n\n\nGap  of   spaces\tand a tab."
    article = parse_text(f"date 2022-03-29 Caption.| Photo: X\n\n \n{inner}\n\n  \n")
    assert article.body == inner


@pytest.mark.parametrize(
    "first_line",
    [
        "Date of the next round has not been set, officials said.",
        "date 2022-03-29x is not a date line",
        "update 2022-03-29 from the wires",
        "The date 2022-03-29 was chosen for the Istanbul round.",
    ],
)
def test_lines_that_only_look_like_a_date_line_stay_in_the_body(first_line: str) -> None:
    assert parse_header(first_line) is None
    article = parse_text(f"{first_line}\n{BODY}")
    assert article.published is None
    assert article.body == f"{first_line}\n{BODY}"


def test_impossible_date_is_malformed() -> None:
    with pytest.raises(MalformedReport, match="2022-02-30") as caught:
        parse_text(f"date 2022-02-30 Caption.\n{BODY}", source="feb.txt")
    assert caught.value.source == "feb.txt"


def test_date_line_without_body_is_empty() -> None:
    with pytest.raises(EmptyReport, match="after the date line"):
        parse_text("date 2022-03-29 Caption only.| Photo: Wire\n\n\n")


def test_crlf_line_ends_and_bom_are_handled(write: Write) -> None:
    raw = "\ufeffdate 2022-03-29 Caption.| Photo: Wire\r\n\r\nFirst.\r\nSecond.\r\n"
    [article] = read_path(write("crlf.txt", raw)).articles
    assert article.published == dt.date(2022, 3, 29)
    assert article.credit == "Wire"
    assert article.body == "First.\nSecond."


# --- properties ---------------------------------------------------------------------

_prose = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
    max_size=300,
)


@given(_prose)
def test_reader_never_raises_anything_but_an_ingest_error(text: str) -> None:
    try:
        article = parse_text(text)
    except IngestError:
        return
    assert article.body.strip()
    assert article.body in text


@given(_prose.filter(lambda t: parse_header(trim_body(t).partition("\n")[0]) is None))
def test_without_a_date_line_no_body_text_is_lost(text: str) -> None:
    try:
        article = parse_text(text)
    except EmptyReport:
        assert not trim_body(text)
        return
    assert article.body == trim_body(text)


_field = (
    st.text(
        alphabet=st.characters(categories=["L", "N"], include_characters=" ,.'/-"),
        min_size=1,
        max_size=60,
    )
    .map(str.strip)
    .filter(bool)
)


@given(
    day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
    caption=_field,
    credit=_field,
    body=_field,
)
def test_a_seed_header_round_trips(day: dt.date, caption: str, credit: str, body: str) -> None:
    article = parse_text(f" date {day.isoformat()} {caption}| Photo: {credit}\n\n{body}\n")
    assert (article.published, article.caption, article.credit) == (day, caption, credit)
    assert article.body == body
