"""Dataclasses to table rows and back.

Rows are plain dicts keyed by column name. Values are checked against the dataclass
annotations before they are written: SQLite stores whatever it is given (an int in a
TEXT column comes back as a str), so without the check a bad record would be saved
and load differently from how it went in.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Mapping
from dataclasses import fields
from typing import Any, TypeVar

from dragoman.models import (
    Actor,
    Article,
    ArticleRecord,
    Assessment,
    Event,
    Position,
    Quote,
)

T = TypeVar("T")

# Dataclass field -> column, where the two differ ("end" is reserved in SQL).
_COLUMN = {"start": "start_offset", "end": "end_offset"}

# The dataclass kept in each child table, in the order an ArticleRecord lists them.
CHILD_TYPES: dict[str, type] = {
    "actors": Actor,
    "quotes": Quote,
    "events": Event,
    "positions": Position,
    "assessments": Assessment,
}


def column(field_name: str) -> str:
    """The column that stores a dataclass field."""
    return _COLUMN.get(field_name, field_name)


def article_row(article: Article, ingested_at: dt.datetime) -> dict[str, Any]:
    """The ``articles`` row for an article."""
    row = _row(article)
    row["ingested_at"] = ingested_at
    return row


def child_row(item: object, article_id: str) -> dict[str, Any]:
    """The row for an actor, quote, event, position or assessment of one article."""
    row = _row(item)
    if isinstance(item, Actor):
        row["mentions"] = [list(m) for m in item.mentions]  # JSON has no tuples
    row["article_id"] = article_id
    return row


def from_row(cls: type[T], row: Mapping[Any, Any]) -> T:
    """Rebuild a dataclass from its row (extra columns such as ``id`` are ignored)."""
    values = {f.name: row[column(f.name)] for f in fields(cls)}  # type: ignore[arg-type]
    if cls is Actor:
        values["mentions"] = [tuple(m) for m in values["mentions"]]
    return cls(**values)


def record_rows(record: ArticleRecord) -> dict[str, list[dict[str, Any]]]:
    """The child rows of a record, by table name; checked before anything is written."""
    article_id = record.article.id
    return {
        table: [child_row(item, article_id) for item in getattr(record, table)]
        for table in CHILD_TYPES
    }


def _row(obj: Any) -> dict[str, Any]:
    cls = type(obj)
    hints = _hints(cls)
    row: dict[str, Any] = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if not _conforms(value, hints[f.name]):
            raise TypeError(f"{cls.__name__}.{f.name} must be {f.type}, not {type(value).__name__}")
        row[column(f.name)] = value
    return row


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    # Resolving the string annotations is slow; do it once per class.
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _conforms(value: Any, hint: Any) -> bool:
    """Whether ``value`` fits the annotation ``hint`` (the few forms models.py uses)."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_conforms(value, arg) for arg in args)
    if hint is type(None):
        return value is None
    if hint is Any:
        return True
    if origin is list:
        return isinstance(value, list) and all(_conforms(v, args[0]) for v in value)
    if origin is tuple:
        return (
            isinstance(value, (tuple, list))
            and len(value) == len(args)
            and all(_conforms(v, a) for v, a in zip(value, args, strict=True))
        )
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is dt.date:
        # A datetime is a date too, but would not come back as one.
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    return isinstance(value, hint)
