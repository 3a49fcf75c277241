"""Hostile input costs only its own file, with a short, clear reason."""

import os
from pathlib import Path

import pytest

from dragoman.ingest import iter_report_files, read_path, read_paths
from dragoman.ingest.fields import shown
from dragoman.ingest.markdown import ALIAS_BUDGET, markdown_to_text

LAUGHS = "\n".join(
    [
        "---",
        'a: &a ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]',
        *(
            f"{b}: &{b} [{', '.join([f'*{a}'] * 10)}]"
            for a, b in zip("abcdefg", "bcdefgh", strict=True)
        ),
        "title: *h",
        "---",
        "",
        "The two delegations met again in Vienna on Friday.",
    ]
)


def test_yaml_aliases_that_expand_past_the_budget_are_refused_in_one_short_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "laughs.md"
    path.write_text(LAUGHS, encoding="utf-8")
    loaded = read_path(path)
    assert not loaded.articles
    (error,) = loaded.errors
    assert "aliases" in str(error) and str(ALIAS_BUDGET) in str(error)
    assert len(str(error)) < 300 and "laughs.md" in str(error)


def test_a_few_aliases_within_the_budget_are_read(tmp_path: Path) -> None:
    path = tmp_path / "few.md"
    path.write_text(
        "---\nauthor: &who Jane Roe\ncredit: *who\ntitle: Talks resume\n---\n\n"
        "Negotiators met in Oslo on Tuesday.\n",
        encoding="utf-8",
    )
    (article,) = read_path(path).articles
    assert article.credit == "Jane Roe"


def test_a_value_that_does_not_fit_its_tag_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "tagged.md"
    path.write_text("---\ndate: !!timestamp next-thursday\n---\n\nText.\n", encoding="utf-8")
    (error,) = read_path(path).errors
    assert "front matter" in str(error) and "tag" in str(error)
    assert "AttributeError" not in str(error)


def test_values_in_messages_are_cut() -> None:
    assert len(shown("x" * 10_000)) <= 80
    assert shown(["a"] * 10**6) == "<list of 1000000 items>"
    assert shown("2022-13-01") == "'2022-13-01'"


@pytest.mark.parametrize(
    ("markdown", "expected_start"),
    [
        ("**a " * 2000, "**a **a"),
        ("[" * 5000, "[[[["),
        ("![x](" * 2000, "![x]("),
    ],
)
def test_pathological_markdown_is_read_as_text(markdown: str, expected_start: str) -> None:
    text = markdown_to_text(markdown)
    assert text.startswith(expected_start[:4]) or text.startswith("a")


def test_markup_is_removed_and_words_kept() -> None:
    text = markdown_to_text(
        "# Talks resume\n\nThe envoy said **progress** was [slow](https://example.org).\n\n"
        "- first point\n- second point\n\n![map](map.png)\n"
    )
    assert text == (
        "Talks resume\n\nThe envoy said progress was slow.\n\nfirst point\nsecond point"
    )


def test_a_link_leading_out_of_the_folder_is_reported_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "ok.txt").write_text("The mediator said talks would resume.\n")
    secret = tmp_path / "secret.txt"
    secret.write_text("not a report\n")
    (folder / "planted.txt").symlink_to(secret)
    (folder / "alias.txt").symlink_to(folder / "ok.txt")
    results = {path.name: loaded for path, loaded in read_paths([folder])}
    assert results["ok.txt"].articles and results["alias.txt"].articles
    assert not results["planted.txt"].articles
    assert "link leading out of the folder" in str(results["planted.txt"].errors[0])
    followed = {p.name: ld for p, ld in read_paths([folder], follow_links=True)}
    assert followed["planted.txt"].articles


def test_an_unreadable_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "batch"
    (folder / "locked").mkdir(parents=True)
    (folder / "ok.txt").write_text("The envoy said the talks went well.\n")
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    paths = list(iter_report_files([folder]))
    assert sorted(p.name for p in paths) == ["locked", "ok.txt"]
    (locked,) = [p for p in paths if p.name == "locked"]
    (error,) = read_path(locked).errors
    assert "cannot read the folder (Permission denied)" in str(error)
    assert str(folder / "locked") in str(error)


def test_one_bad_entry_does_not_lose_the_rest_of_the_feed(tmp_path: Path) -> None:
    feed = tmp_path / "wire.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Wire</title>'
        "<item><title>First</title><description>Envoys met in Doha on Monday."
        "</description></item>"
        "<item><title>Broken</title><description>A lone half &#xD800; of a pair."
        "</description></item>"
        "<item><title>Third</title><description>The round ended on Wednesday."
        "</description></item></channel></rss>\n",
        encoding="utf-8",
    )
    loaded = read_path(feed)
    assert [a.title for a in loaded.articles] == ["First", "Third"]
    (error,) = loaded.errors
    assert "entry 2" in str(error) and "wire.xml" in str(error)
