"""JSON Lines: one report per line; a bad line is named and the others still read."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from dragoman.errors import EmptyReport, IngestError, MalformedReport
from dragoman.ingest import read_path

FixturePath = Callable[[str], Path]
Write = Callable[[str, str | bytes], Path]

GOOD = {"text": "Kuleba and Lavrov met in Antalya on Thursday.", "published": "2022-03-10"}


def test_one_bad_line_among_good_ones(fixture_path: FixturePath) -> None:
    path = fixture_path("reports.jsonl")
    loaded = read_path(path)

    assert [a.title for a in loaded.articles] == [
        "Ministers meet in Antalya",
        "Istanbul talks resume",
        None,
    ]
    [error] = loaded.errors
    assert isinstance(error, MalformedReport)
    assert error.source == f"{path}:3"
    assert f"{path}:3" in str(error)
    assert "not JSON" in error.message


def test_fields_and_their_alternative_names(fixture_path: FixturePath) -> None:
    path = fixture_path("reports.jsonl")
    first, second, third = read_path(path).articles

    assert first.body == (
        "Dmytro Kuleba and Sergei Lavrov met in Antalya on Thursday in talks brokered by "
        "Turkey.\n\nNo agreement on a ceasefire was reached."
    )
    assert first.published == dt.date(2022, 3, 10)
    assert (first.url, first.outlet) == ("https://wire.example/antalya", "Example Wire")
    assert (first.caption, first.credit) == ("The two ministers before the talks.", "Wire Photo")
    assert first.caption is not None and first.caption not in first.body
    # "body" for "text", "date" for "published", a spelled-out date, a regional language tag
    assert second.body.startswith("Delegations from Moscow and Kyiv resumed talks")
    assert second.published == dt.date(2022, 3, 29)
    assert second.language == "en"
    assert third.published == dt.date(2022, 3, 30)
    assert all(article.source == str(path) for article in (first, second, third))


@pytest.mark.parametrize(
    ("line", "kind", "reason"),
    [
        ("{not json", MalformedReport, "not JSON"),
        ('["a", "list"]', MalformedReport, "expected a JSON object, found an array"),
        ('"just a string"', MalformedReport, "expected a JSON object, found a string"),
        ("42", MalformedReport, "expected a JSON object, found a number"),
        ('{"title": "No text here"}', MalformedReport, "no 'text' or 'body'"),
        ('{"text": ["a", "b"]}', MalformedReport, "must be a string, not an array"),
        ('{"text": "   \\n  "}', EmptyReport, "blank"),
        ('{"text": "Talks went on.", "published": "soon"}', MalformedReport, "unrecognised date"),
        ('{"text": "Talks went on.", "title": {"a": 1}}', MalformedReport, "'title' must be text"),
    ],
)
def test_each_kind_of_bad_line(
    write: Write, line: str, kind: type[IngestError], reason: str
) -> None:
    path = write("mixed.jsonl", "\n".join([json.dumps(GOOD), line, json.dumps(GOOD)]) + "\n")
    loaded = read_path(path)

    assert len(loaded.articles) == 2
    [error] = loaded.errors
    assert type(error) is kind
    assert error.source == f"{path}:2"
    assert reason in error.message


def test_blank_lines_are_skipped_and_line_numbers_stay_true(write: Write) -> None:
    path = write("gaps.jsonl", f"\n{json.dumps(GOOD)}\n\n   \n[1]\n")
    loaded = read_path(path)
    assert len(loaded.articles) == 1
    assert [e.source for e in loaded.errors] == [f"{path}:5"]


def test_ndjson_suffix_and_empty_text_falls_back_to_body(write: Write) -> None:
    record = {"text": "", "body": "Medinsky said the talks had been constructive."}
    [article] = read_path(write("x.ndjson", json.dumps(record) + "\n")).articles
    assert article.body == record["body"]


def test_file_of_only_bad_lines_returns_every_error(write: Write) -> None:
    path = write("bad.jsonl", "nope\n{}\n")
    loaded = read_path(path)
    assert loaded.articles == []
    assert [e.source for e in loaded.errors] == [f"{path}:1", f"{path}:2"]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": "Talks.", "tags": ' + "[" * 1000 + "]" * 1000 + "}", "nested too deeply"),
        ('{"text": "Talks.", "n": ' + "9" * 5000 + "}", "integer string conversion"),
    ],
)
def test_lines_beyond_the_parsers_limits_are_malformed(
    write: Write, line: str, reason: str
) -> None:
    path = write("limits.jsonl", line + "\n" + json.dumps(GOOD) + "\n")
    loaded = read_path(path)
    assert [a.body for a in loaded.articles] == [GOOD["text"]]
    [error] = loaded.errors
    assert isinstance(error, MalformedReport)
    assert error.source == f"{path}:1"
    assert reason in error.message
