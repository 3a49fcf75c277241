"""Review: an analyst accepts, corrects or rejects what the machine extracted.

:func:`record_review` writes one review to the audit trail
(:mod:`dragoman.store.corrections`) and keeps the summaries
(:mod:`dragoman.store.summaries`) and the search index in step. Values are checked by
:mod:`dragoman.store.values`; reviewed reads are :mod:`dragoman.store.reviewed`. The
names this module held before the split are still importable from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, select, text

from dragoman.errors import NotFound, ReviewError
from dragoman.models import Quote
from dragoman.store import codec
from dragoman.store.corrections import (
    ACTIONS,
    ARTICLES,
    TABLES,
    TARGETS,
    Correction,
    ReviewState,
    apply,
    corrected_ids,
    load_corrections,
    state_of,
    states_of,
)
from dragoman.store.reviewed import Reviewed, ReviewedArticle, load_reviewed, reviewed_one
from dragoman.store.schema import articles, corrections
from dragoman.store.summaries import (
    rebuild,
    refresh_article,
    refresh_cells,
    refresh_sides,
    side_of,
)
from dragoman.store.values import (
    CODES,
    EDITABLE,
    REQUIRED,
    checked_who,
    decode,
    encode,
    parse_value,
)
from dragoman.vocabulary import (
    EVENT_STATUSES,
    EVENT_TYPES,
    ISSUES,
    POLARITIES,
    QUOTE_KINDS,
    STANCES,
)

#: Row ids are positive 64-bit integers (SQLite and PostgreSQL alike).
MAX_ROW_ID = 2**63 - 1


def record_review(
    connection: Connection,
    *,
    target: str,
    target_id: int | str,
    action: str,
    who: str,
    changes: Mapping[Any, Any] | None = None,
    note: str | None = None,
    at: dt.datetime | None = None,
) -> list[Correction]:
    """Write one review of an extraction (or, with target ``articles`` and the article's
    id, of a whole article) and keep the summaries in step; returns the rows written.

    Raises :class:`NotFound` for an unknown extraction and :class:`ReviewError` for a
    review that cannot be taken (unknown action or field, a bad value, a correction that
    changes nothing). Runs inside the caller's transaction.
    """
    base = _who_and_when(who, action, note, at)
    if target == ARTICLES:
        return _review_article(connection, str(target_id), action, base)
    row_id, row = _extraction(connection, target, target_id)
    machine: Any = codec.from_row(TARGETS[target], row)
    before = apply(machine, state_of(connection, target, row_id))
    common = {"article_id": row["article_id"], "target": target, "target_id": row_id,
              "action": action, **base}  # fmt: skip
    if action != "correct":
        if changes:
            raise ReviewError(f"{action}: give no changes (use action correct to change fields)")
        rows = [{**common, "field": None, "old": None, "new": None}]
    else:
        rows = _correction_rows(connection, target, row["article_id"], before, changes, common)
    written = _insert(connection, rows)
    _after(connection, target, row_id, before, reviewed_one(connection, target, row_id))
    return written


def _who_and_when(
    who: str, action: str, note: str | None, at: dt.datetime | None
) -> dict[str, Any]:
    who = checked_who(who)
    if action not in ACTIONS:
        raise ReviewError(f"action: {action!r} is not one of {', '.join(ACTIONS)}")
    return {
        "who": who,
        "at": at or dt.datetime.now(dt.UTC).replace(tzinfo=None),
        "note": (note or "").strip() or None,
    }


def _review_article(
    connection: Connection, article_id: str, action: str, base: dict[str, Any]
) -> list[Correction]:
    if action != "accept":
        raise ReviewError("an article as a whole can only be accepted (marked reviewed)")
    found = connection.execute(select(articles.c.id).where(articles.c.id == article_id))
    if found.first() is None:
        raise NotFound(f"no article {article_id}")
    rows = [{"article_id": article_id, "target": ARTICLES, "target_id": None,
             "action": action, "field": None, "old": None, "new": None, **base}]  # fmt: skip
    return _insert(connection, rows)


def _extraction(
    connection: Connection, target: str, target_id: int | str
) -> tuple[int, Mapping[Any, Any]]:
    """The row id and the row of an extraction; NotFound when there is none."""
    if target not in TARGETS:
        raise NotFound(f"nothing to review under {target!r}; use one of: {', '.join(TARGETS)}")
    try:
        row_id = int(target_id)
    except (TypeError, ValueError):
        raise NotFound(f"no {target} row {target_id!r}") from None
    if not 0 < row_id <= MAX_ROW_ID:  # a database cannot even be asked about it
        raise NotFound(f"no {target} row {row_id}")
    table = TABLES[target]
    row = connection.execute(select(table).where(table.c.id == row_id)).mappings().first()
    if row is None:
        raise NotFound(f"no {target} row {row_id}")
    return row_id, row


def _correction_rows(
    connection: Connection,
    target: str,
    article_id: str,
    before: Any,
    changes: Mapping[Any, Any] | None,
    common: dict[str, Any],
) -> list[dict[str, Any]]:
    """One audit row per field the correction changes; checked against the body."""
    if not changes:
        raise ReviewError("correct: give at least one field to change")
    values = {name: parse_value(target, name, value) for name, value in changes.items()}
    if target == "quotes" and "text" in values and not ({"start", "end"} & set(values)):
        values.update(_locate(connection, article_id, values["text"], before))
    body_length = len(_body(connection, article_id))
    start = values.get("start", getattr(before, "start", 0))
    end = values.get("end", getattr(before, "end", 0))
    if not 0 <= start <= end <= body_length:
        raise ReviewError(f"offsets {start}:{end} are outside the body (0:{body_length})")
    rows = [
        {**common, "field": name, "old": encode(getattr(before, name)), "new": encode(value)}
        for name, value in values.items()
        if getattr(before, name) != value
    ]
    if not rows:
        raise ReviewError("correct: every value given is the one already shown")
    return rows


def _insert(connection: Connection, rows: list[dict[str, Any]]) -> list[Correction]:
    written = []
    for row in rows:
        key = connection.execute(corrections.insert().values(**row)).inserted_primary_key
        new_id = key[0] if key is not None else None
        written.append(Correction.of({"id": new_id, **row}))
    return written


def _body(connection: Connection, article_id: str) -> str:
    found = connection.execute(select(articles.c.body).where(articles.c.id == article_id))
    return str(found.scalar_one())


def _locate(connection: Connection, article_id: str, words: str, before: Quote) -> dict[str, int]:
    """The offsets of a quote's corrected text in the body: the occurrence nearest the
    old offsets; none when the text is not in the body (the offsets then stay)."""
    body = _body(connection, article_id)
    found = []
    at = body.find(words)
    while at != -1 and words:
        found.append(at)
        at = body.find(words, at + 1)
    if not found:
        return {}
    start = min(found, key=lambda i: abs(i - before.start))
    return {"start": start, "end": start + len(words)}


def _after(connection: Connection, target: str, row_id: int, before: Any, after: Reviewed) -> None:
    """Keep the summaries and the search index in step with a review."""
    if target == "positions":
        keys = {(before.party, before.issue), (after.value.party, after.value.issue)}
        refresh_cells(connection, keys)
    elif target == "assessments":
        refresh_sides(connection, [row_id])
    elif target == "quotes" and connection.dialect.name == "sqlite":
        connection.execute(
            text("UPDATE quotes_fts SET text = :text, speaker = :speaker WHERE rowid = :id"),
            {"text": after.value.text, "speaker": after.value.speaker or "", "id": row_id},
        )


__all__ = [
    "ACTIONS",
    "ARTICLES",
    "CODES",
    "EDITABLE",
    "EVENT_STATUSES",
    "EVENT_TYPES",
    "ISSUES",
    "POLARITIES",
    "QUOTE_KINDS",
    "REQUIRED",
    "STANCES",
    "TARGETS",
    "Correction",
    "ReviewState",
    "Reviewed",
    "ReviewedArticle",
    "apply",
    "corrected_ids",
    "decode",
    "encode",
    "load_corrections",
    "load_reviewed",
    "parse_value",
    "rebuild",
    "record_review",
    "refresh_article",
    "refresh_cells",
    "refresh_sides",
    "side_of",
    "states_of",
]
