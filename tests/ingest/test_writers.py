"""The writers of report files: a record written as a gold pair reads back the same.

Records here are built by hand (no NLP model): an invented report whose body Markdown
leaves alone, one whose body Markdown would change (so it must be written as .txt), and
one with a speaker the actors lack (added to the gold's actors).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dragoman.errors import GoldExportError
from dragoman.ingest import read_path
from dragoman.ingest.writers import (
    GoldExportResult,
    gold_dict,
    gold_folder,
    make_folder,
    report_text,
    write_gold,
)
from dragoman.models import Actor, Article, ArticleRecord, Quote

PLAIN_BODY = (
    "Foreign Minister Ada Quill said on Monday that the delegations of Freedonia and "
    "Sylvania would meet again in Lakeport.\n\n"
    "\u201cWe are closer than we were,\u201d Quill told reporters after the session."
)
# Emphasis markers and a heading sign: Markdown would drop them from the body.
MARKUP_BODY = (
    "# Talks resume\n\n"
    "Envoy Bram Tolle said the *second* round in Lakeport would open on Friday, "
    "with 2 * 3 working groups and a [draft] on the table."
)


def _record(body: str, *, speaker: str = "Ada Quill", **meta: object) -> ArticleRecord:
    article = Article(
        body=body,
        source="invented.txt",
        title=meta.get("title"),  # type: ignore[arg-type]
        outlet="Example Wire",
        published=dt.date(2031, 5, 5),
        caption=meta.get("caption"),  # type: ignore[arg-type]
        credit=meta.get("credit"),  # type: ignore[arg-type]
    )
    start = body.index("closer") - 1 if "closer" in body else 0
    quote = Quote(
        text=body[start : start + 25],
        kind="direct",
        speaker=speaker,
        cue="told",
        date=dt.date(2031, 5, 5),
        start=start,
        end=start + 25,
    )
    actors = [Actor(name="Ada Quill", kind="person", role="Foreign Minister")]
    return ArticleRecord(article=article, actors=actors, quotes=[quote])


def _read_back(path: Path) -> Article:
    loaded = read_path(path)
    assert not loaded.errors, loaded.errors
    assert len(loaded.articles) == 1
    return loaded.articles[0]


def test_a_markdown_safe_body_is_written_as_markdown_and_reads_back(tmp_path: Path) -> None:
    record = _record(
        PLAIN_BODY,
        title="Freedonia and Sylvania to meet again",
        caption="Delegates arrive in Lakeport.",
        credit="A. Lens/Example Wire",
    )
    text = report_text(record.article)
    assert text.suffix == ".md" and text.exact
    written = write_gold(record, tmp_path)
    assert written.report == tmp_path / f"{record.article.id}.md"
    read = _read_back(written.report)
    article = record.article
    assert read.body == article.body
    assert read.id == article.id
    assert (read.title, read.published, read.caption, read.credit) == (
        article.title, article.published, article.caption, article.credit,
    )  # fmt: skip
    gold = json.loads(written.gold.read_text(encoding="utf-8"))
    assert gold == gold_dict(record)
    assert gold["article"]["id"] == read.id
    quote = gold["quotes"][0]
    assert read.body[quote["start"] : quote["end"]] == quote["text"]


def test_a_body_markdown_would_change_is_written_as_text_and_reads_back(
    tmp_path: Path,
) -> None:
    record = _record(MARKUP_BODY, caption="The hall in Lakeport.", credit="B. Shutter")
    text = report_text(record.article)
    assert text.suffix == ".txt" and text.exact
    assert text.text.startswith("date 2031-05-05 The hall in Lakeport.| Photo: B. Shutter\n")
    written = write_gold(record, tmp_path)
    assert written.report.suffix == ".txt"
    read = _read_back(written.report)
    assert read.body == MARKUP_BODY
    assert (read.published, read.caption, read.credit) == (
        dt.date(2031, 5, 5), "The hall in Lakeport.", "B. Shutter",
    )  # fmt: skip
    assert json.loads(written.gold.read_text(encoding="utf-8"))["article"]["id"] == read.id


def test_a_speaker_missing_from_the_actors_is_added_to_the_gold() -> None:
    record = _record(PLAIN_BODY, speaker="Corin Vale")
    gold = gold_dict(record)
    names = [a["name"] for a in gold["actors"]]
    assert names == ["Ada Quill", "Corin Vale"]
    assert gold["actors"][1]["kind"] == "person"
    assert [a.name for a in record.actors] == ["Ada Quill"]  # the record is left alone
    anonymous = gold_dict(_record(PLAIN_BODY, speaker="anonymous"))
    assert [a["name"] for a in anonymous["actors"]] == ["Ada Quill"]


def test_the_result_counts_files_and_warns_when_text_is_not_exact(tmp_path: Path) -> None:
    record = _record(PLAIN_BODY)
    written = write_gold(record, tmp_path)
    result = GoldExportResult(out=str(tmp_path))
    result.add(written)
    result.add(written._replace(exact=False))
    data = result.to_dict()
    assert data["reports"] == 2 and len(data["warnings"]) == 1
    assert data["warnings"][0].startswith(f"{record.article.id}: ")


def test_a_file_where_the_folder_should_be_is_an_error(tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.write_text("x", encoding="utf-8")
    with pytest.raises(GoldExportError):
        gold_folder(taken)
    with pytest.raises(GoldExportError):
        make_folder(taken / "below")
    folder = gold_folder(tmp_path / "new" / "gold")
    make_folder(folder)
    assert folder.is_dir()


def test_gold_files_already_there_are_kept_unless_forced(tmp_path: Path) -> None:
    record = _record(PLAIN_BODY, title="Talks resume")
    first = write_gold(record, tmp_path)
    first.gold.write_text("{}", encoding="utf-8")  # an analyst's hand edit
    with pytest.raises(GoldExportError, match="exists already"):
        write_gold(record, tmp_path)
    assert first.gold.read_text(encoding="utf-8") == "{}"
    write_gold(record, tmp_path, force=True)
    assert json.loads(first.gold.read_text(encoding="utf-8")) == gold_dict(record)


def test_a_planted_link_is_never_written_through(tmp_path: Path) -> None:
    record = _record(PLAIN_BODY, title="Talks resume")
    folder = tmp_path / "gold"
    folder.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (folder / f"{record.article.id}.json").symlink_to(victim)
    for force in (False, True):
        with pytest.raises(GoldExportError, match="link"):
            write_gold(record, folder, force=force)
    assert victim.read_text(encoding="utf-8") == "keep me"
