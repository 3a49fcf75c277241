"""The record as flat tables: one row per article, actor, quote, event, position and
assessment, the shape of the store's tables, for export.

Columns come from the dataclasses in :mod:`dragoman.models`, so a field added there
is exported without a change here. Child rows start with ``article_id``; the
``articles`` table keeps the body, since every offset points into it.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from dragoman.models import Actor, Article, ArticleRecord, Assessment, Event, Position, Quote

#: Table name -> the dataclass a row of it holds, in the order a record lists them.
TABLE_TYPES: dict[str, type] = {
    "articles": Article,
    "actors": Actor,
    "quotes": Quote,
    "events": Event,
    "positions": Position,
    "assessments": Assessment,
}
TABLES: tuple[str, ...] = tuple(TABLE_TYPES)


@dataclass(frozen=True)
class Column:
    """A column: its name and the Python type of its values (None aside)."""

    name: str
    type: Any  # str, int, float, bool, datetime.date, or list[...]

    @property
    def is_list(self) -> bool:
        return typing.get_origin(self.type) is list


@cache
def columns(table: str) -> tuple[Column, ...]:
    """The columns of ``table``: ``id`` first for articles (``body`` last), and
    ``article_id`` first for the others."""
    cls = TABLE_TYPES[table]
    hints = typing.get_type_hints(cls)
    found = [Column(f.name, _strip_none(hints[f.name])) for f in fields(cls)]
    if table == "articles":
        by_name = {c.name: c for c in found}
        rest = [c for c in found if c.name not in ("id", "body")]
        return (by_name["id"], *rest, by_name["body"])
    return (Column("article_id", str), *found)


def _strip_none(hint: Any) -> Any:
    """``str | None`` -> ``str``; other hints as they are."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def record_rows(record: ArticleRecord) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(table, row)`` for the article and everything extracted from it; values are
    Python values (dates as dates, lists as lists)."""
    article = record.article
    yield "articles", {c.name: getattr(article, c.name) for c in columns("articles")}
    for table in TABLES[1:]:
        for item in getattr(record, table):
            row: dict[str, Any] = {"article_id": article.id}
            for column in columns(table)[1:]:
                row[column.name] = _plain(getattr(item, column.name))
            yield table, row


def _plain(value: Any) -> Any:
    """Tuples inside lists (actor mentions) as lists, as JSON and Arrow take them."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value
