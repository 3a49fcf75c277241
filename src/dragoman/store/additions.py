"""Additions: a quote, position, event or assessment the machine missed, added by an
analyst from a span of the report's body.

An addition is a new row of the extraction's table (so that every read, summary and
search sees it like the machine's rows) with confidence 1.0, and a row ``add`` in the
audit trail (:mod:`dragoman.store.corrections`) with who added it, when, and the values
given. The machine's rows are not touched; the record "as the machine saved it"
(:meth:`~dragoman.store.reviewed.ReviewedArticle.record` with ``reviewed=False``)
leaves additions out. Later reviews of an added row work as for any other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, select

from dragoman.errors import NotFound, ReviewError
from dragoman.store import codec
from dragoman.store.corrections import ADD, TABLES, TARGETS, Correction
from dragoman.store.schema import articles, corrections
from dragoman.store.summaries import refresh_cells, refresh_sides
from dragoman.store.values import EDITABLE, MAX_TEXT, checked_who, encode, parse_value

#: What a person states is certain as far as the record goes.
ADDED_CONFIDENCE = 1.0
#: The defaults of fields a form may leave out, per table.
DEFAULTS: dict[str, dict[str, Any]] = {
    "quotes": {"kind": "direct"},
    "positions": {},
    "events": {"status": "occurred"},
    "assessments": {},
}


def record_addition(
    connection: Connection,
    *,
    target: str,
    article_id: str,
    fields: Mapping[str, Any],
    who: str,
    note: str | None = None,
    at: dt.datetime | None = None,
) -> list[Correction]:
    """Add an extraction of ``target`` to an article, from ``fields`` (the editable
    fields of :data:`~dragoman.store.values.EDITABLE`; ``start`` and ``end`` are the
    span of the body it rests on). Runs inside the caller's transaction; returns the
    audit row written. Raises NotFound (no such article) or ReviewError (a bad value)."""
    who = checked_who(who)
    if target not in TARGETS:
        raise NotFound(f"nothing to add under {target!r}; use one of: {', '.join(TARGETS)}")
    body = connection.execute(select(articles.c.body).where(articles.c.id == article_id))
    text_ = body.scalar()
    if text_ is None:
        raise NotFound(f"no article {article_id}")
    values = _values(target, fields, str(text_))
    try:
        item = TARGETS[target](**values, confidence=ADDED_CONFIDENCE)
    except TypeError as e:
        missing = str(e).split("argument", 1)[-1].strip(": s")
        raise ReviewError(f"add {target}: give {missing}") from None
    row = codec.child_row(item, article_id)
    key = connection.execute(TABLES[target].insert().values(**row)).inserted_primary_key
    row_id = int(key[0]) if key is not None else 0
    audit = {
        "article_id": article_id, "target": target, "target_id": row_id, "action": ADD,
        "field": None, "old": None, "new": {k: encode(v) for k, v in values.items()},
        "who": who, "at": at or dt.datetime.now(dt.UTC).replace(tzinfo=None),
        "note": (note or "").strip() or None,
    }  # fmt: skip
    new_id = connection.execute(corrections.insert().values(**audit)).inserted_primary_key
    if target == "positions":
        refresh_cells(connection, {(item.party, item.issue)})  # type: ignore[attr-defined]
    elif target == "assessments":
        refresh_sides(connection, [row_id])
    return [Correction.of({"id": new_id[0] if new_id else None, **audit})]


def _values(target: str, fields: Mapping[str, Any], body: str) -> dict[str, Any]:
    """The checked values of an addition, with its span checked against the body."""
    given = {k: v for k, v in fields.items() if k in EDITABLE[target] and v not in ("", None)}
    unknown = sorted(set(fields) - set(EDITABLE[target]))
    if unknown:
        raise ReviewError(f"add {target}: {', '.join(unknown)} cannot be given")
    values = {**DEFAULTS[target], **{k: parse_value(target, k, v) for k, v in given.items()}}
    start, end = values.get("start"), values.get("end")
    if start is None or end is None:
        raise ReviewError(f"add {target}: select the words of the report it rests on")
    if not 0 <= start < end <= len(body) or end - start > MAX_TEXT:
        raise ReviewError(f"offsets {start}:{end} are not a span of the body (0:{len(body)})")
    if target == "quotes":
        values.setdefault("text", body[start:end])
    elif target in ("positions", "assessments"):
        values.setdefault("summary", body[start:end])
    return values
