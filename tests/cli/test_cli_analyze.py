"""``dragoman analyze``: the JSON contract, the readable view, bad files in a batch."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import Result

from .conftest import json_lines, run, write_reports

pytestmark = pytest.mark.model

ARTICLE_KEYS = {
    "id", "source", "url", "outlet", "published", "title", "caption", "credit", "language",
}  # fmt: skip
PARTS = {"article", "actors", "quotes", "events", "positions", "assessments"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    write_reports(folder)
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02 not a report")
    return folder


@pytest.fixture(scope="module")
def as_json(folder: Path) -> Result:
    """Two good reports around a binary one, in an order that is not alphabetical."""
    return run(
        ["analyze", folder / "peskov.txt", folder / "broken.txt", folder / "medinsky.md", "--json"]
    )


def test_json_is_one_record_per_report_in_the_order_given(as_json: Result, folder: Path) -> None:
    records = json_lines(as_json.stdout)
    assert [r["article"]["source"] for r in records] == [
        str(folder / "peskov.txt"),
        str(folder / "medinsky.md"),
    ]
    assert len(as_json.stdout.splitlines()) == 2


def test_json_contract_keys(as_json: Result) -> None:
    for record in json_lines(as_json.stdout):
        assert set(record) == PARTS
        assert set(record["article"]) == ARTICLE_KEYS
        for part in PARTS - {"article"}:
            assert isinstance(record[part], list)
        for quote in record["quotes"]:
            assert {"text", "kind", "speaker", "cue", "date", "start", "end"} <= set(quote)


def test_json_fields_of_the_text_report(as_json: Result) -> None:
    peskov = json_lines(as_json.stdout)[0]
    article = peskov["article"]
    assert article["published"] == "2024-05-14"
    assert article["caption"] == "Flags of the delegations outside a conference hall in Geneva."
    assert article["credit"] == "A. Snapper/ EXAMPLE WIRE"
    quote = next(q for q in peskov["quotes"] if "sit down at the table" in q["text"])
    assert quote["speaker"] == "Dmitry Peskov"
    assert quote["kind"] == "direct"
    # Nothing is extracted from the caption.
    assert not any("Flags" in q["text"] for q in peskov["quotes"])


def test_json_fields_of_the_markdown_report(as_json: Result) -> None:
    medinsky = json_lines(as_json.stdout)[1]["article"]
    assert medinsky["title"] == "Negotiators trade written proposals in Geneva"
    assert medinsky["outlet"] == "Example Wire"
    assert medinsky["url"] == "https://news.example.org/2024/05/15/geneva-proposals"
    assert medinsky["published"] == "2024-05-15"


def test_a_bad_file_is_named_on_stderr_and_exits_1(as_json: Result, folder: Path) -> None:
    assert as_json.exit_code == 1
    errors = as_json.stderr.strip().splitlines()
    assert len(errors) == 1
    assert str(folder / "broken.txt") in errors[0] and "binary" in errors[0]
    assert "Traceback" not in as_json.output


def test_readable_view(folder: Path) -> None:
    result = run(["analyze", folder / "peskov.txt"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for words in ("peskov.txt", "published", "2024-05-14", "Actors", "Quotes", "Dmitry Peskov"):
        assert words in out
    # Caption and credit are shown, apart from the body's parts.
    assert "caption" in out and "EXAMPLE WIRE" in out
    assert out.index("caption") < out.index("Actors")


def test_a_folder_is_read_recursively_and_sorted(folder: Path) -> None:
    result = run(["analyze", folder, "--json"])
    names = [Path(r["article"]["source"]).name for r in json_lines(result.stdout)]
    assert names == ["medinsky.md", "peskov.txt"]
    assert result.exit_code == 1  # broken.txt
