"""Writers of report files: the way back from a record to files the readers take.

``dragoman export-gold`` writes each reviewed report as a pair that ``dragoman eval``
reads: ``ID.json``, the gold record in the output contract's shape, and the report's
text as ``ID.md`` (Markdown with front matter) or, where Markdown would change the
body, ``ID.txt`` (the seed's text format). The text is read back with the readers of
:mod:`dragoman.ingest.markdown` and :mod:`dragoman.ingest.text` before it is chosen,
so that the gold's offsets point at the same characters.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from dragoman.errors import DragomanError, GoldExportError
from dragoman.ingest.markdown import parse_markdown
from dragoman.ingest.text import parse_text
from dragoman.models import Article, ArticleRecord

__all__ = [
    "GoldExportResult",
    "ReportText",
    "WrittenGold",
    "gold_dict",
    "gold_folder",
    "make_folder",
    "report_text",
    "write_gold",
]


class ReportText(NamedTuple):
    """A report as a file: its suffix (``.md`` or ``.txt``), its text, and whether the
    text reads back to the same body and metadata."""

    suffix: str
    text: str
    exact: bool


class WrittenGold(NamedTuple):
    """The files written for one report."""

    article_id: str
    gold: Path
    report: Path
    exact: bool


@dataclass
class GoldExportResult:
    """What ``export-gold`` wrote: per report, the gold file and the report file, and
    the reports whose text could not be written so that it reads back identically."""

    out: str
    files: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, written: WrittenGold) -> None:
        if not written.exact:
            self.warnings.append(
                f"{written.article_id}: the report's text does not read back exactly; "
                "offsets in the gold may not match"
            )
        self.files.append((str(written.gold), str(written.report)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "out": self.out,
            "reports": len(self.files),
            "files": [{"gold": g, "report": r} for g, r in self.files],
            "warnings": list(self.warnings),
        }


def gold_dict(record: ArticleRecord) -> dict[str, Any]:
    """The record as gold (``ID.json``): a speaker missing from the actors (a corrected
    one) is added to them, since the gold lists everyone the report quotes."""
    data = record.to_dict()
    names = {a.name.casefold() for a in record.actors}
    for quote in record.quotes:
        speaker = quote.speaker
        if speaker and speaker != "anonymous" and speaker.casefold() not in names:
            names.add(speaker.casefold())
            data["actors"].append(
                {
                    "name": speaker,
                    "aliases": [],
                    "role": None,
                    "party": None,
                    "kind": "person",
                    "mentions": [],
                    "confidence": 1.0,
                }
            )
    return data


def _markdown(article: Article) -> str:
    meta = {
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "date": article.published.isoformat() if article.published else None,
        "caption": article.caption,
        "credit": article.credit,
        "language": article.language if article.language != "en" else None,
    }
    front = yaml.safe_dump(
        {k: v for k, v in meta.items() if v}, allow_unicode=True, sort_keys=False
    )
    return f"---\n{front}---\n\n{article.body}\n"


def _plain(article: Article) -> str:
    header = ""
    if article.published:
        header = f"date {article.published.isoformat()} {article.caption or ''}".rstrip()
        if article.credit:
            header += f"| Photo: {article.credit}"
        header += "\n\n"
    return header + article.body + "\n"


def report_text(article: Article) -> ReportText:
    """The report as Markdown with front matter, else in the seed's text format,
    whichever reads back to the same body and metadata; Markdown, not ``exact``, when
    neither does."""

    def same(read: Article) -> bool:
        return (read.body, read.published, read.caption, read.credit) == (
            article.body, article.published, article.caption, article.credit,
        )  # fmt: skip

    markdown = _markdown(article)
    try:
        read = parse_markdown(markdown)
        if same(read) and read.title == article.title:
            return ReportText(".md", markdown, True)
    except DragomanError:
        pass
    plain = _plain(article)
    try:
        if same(parse_text(plain)):
            return ReportText(".txt", plain, True)
    except DragomanError:
        pass
    return ReportText(".md", markdown, False)


def gold_folder(out: str | os.PathLike[str]) -> Path:
    """The folder to write gold files to; a file there is an error (GoldExportError)."""
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise GoldExportError("is a file; give a folder for the gold files", source=str(folder))
    return folder


def make_folder(folder: Path) -> None:
    """Create ``folder`` and its parents if need be (GoldExportError if it cannot be)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise GoldExportError(f"cannot create the folder: {e}", source=str(folder)) from e


def write_gold(record: ArticleRecord, folder: Path, force: bool = False) -> WrittenGold:
    """Write ``ID.json`` and ``ID.md``/``ID.txt`` for ``record`` into ``folder``.

    An existing file is an error unless ``force``; a link is never written through
    (a planted ``ID.json`` link to a file elsewhere is refused, even with ``force``).
    """
    article_id = record.article.id
    suffix, text, exact = report_text(record.article)
    report_path = folder / f"{article_id}{suffix}"
    gold_path = folder / f"{article_id}.json"
    gold = json.dumps(gold_dict(record), ensure_ascii=False, indent=2) + "\n"
    for path in (report_path, gold_path):
        _check_writable(path, force)
    _write_new(report_path, text, force)
    _write_new(gold_path, gold, force)
    return WrittenGold(article_id, gold_path, report_path, exact)


def _check_writable(path: Path, force: bool) -> None:
    if path.is_symlink():
        raise GoldExportError("is a link: not written through", source=str(path))
    if path.exists() and not force:
        raise GoldExportError("exists already: not overwritten (--force)", source=str(path))


def _write_new(path: Path, text: str, force: bool) -> None:
    """Write ``text`` to ``path`` without following a link (O_NOFOLLOW), creating it
    (O_EXCL) unless ``force`` allows replacing a regular file."""
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    flags |= os.O_TRUNC if force else os.O_EXCL
    try:
        descriptor = os.open(path, flags, 0o644)
    except OSError as e:
        raise GoldExportError(f"cannot write: {e.strerror}", source=str(path)) from e
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
