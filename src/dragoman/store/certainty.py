"""How sure the record is: each extraction's confidence and who checked it, the queue
of what a person should check next, and the reports marked reviewed.

- :func:`certainty`: per row of a table, the machine's confidence and (where a person
  checked it) who did, when, and with what outcome;
- :func:`review_queue`: extractions no one has checked, in reports not marked reviewed,
  ordered by how much a check is worth: the lowest confidence first, and at equal
  confidence the positions that make a cell of the matrix, then other positions, then
  the rest;
- :func:`marked_ids`: the reports an analyst marked reviewed as a whole (the gold);
- :func:`positions_for_matrix`: the reviewed positions the matrix is computed from when
  it is asked "as of a day" or "checked only" (the summary table answers the rest).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, and_, exists, func, select

from dragoman.store.corrections import ARTICLES, TABLES, load_corrections, states_of
from dragoman.store.reviewed import Extract, Extracts, extracts
from dragoman.store.schema import articles, corrections, position_cells, positions

#: The order of the tables at equal confidence: positions feed the matrix.
TARGET_ORDER = ("positions", "events", "quotes", "assessments")
CONFIDENCE_STEP = 0.05  # confidences this close count as equal in the queue
#: Past this many checked rows in a table, the queue filters them in SQL instead.
CHECKED_SKIPPED = 5000


def certainty(
    connection: Connection, target: str, row_ids: Iterable[int]
) -> dict[int, dict[str, Any]]:
    """Per row id of ``target``: ``confidence`` (the machine's, 1.0 for an addition),
    ``status`` (machine, accepted, corrected, rejected or added) and ``checked``
    (``{"by", "on", "status"}`` of the last person who checked it, or None)."""
    ids = sorted({int(i) for i in row_ids if i is not None})
    if not ids:
        return {}
    table = TABLES[target]
    rows = connection.execute(select(table.c.id, table.c.confidence).where(table.c.id.in_(ids)))
    states = states_of(load_corrections(connection, target=target, target_ids=ids))
    found = {}
    for row_id, confidence in rows:
        state = states.get((target, row_id))
        found[row_id] = {
            "confidence": round(float(confidence), 3),
            "status": state.status if state else "machine",
            "checked": state.checked if state else None,
        }
    return found


def marked_ids(connection: Connection) -> list[str]:
    """The ids of the reports marked reviewed as a whole, in the store's order."""
    marked = select(corrections.c.article_id).where(
        corrections.c.target == ARTICLES, corrections.c.action == "accept"
    )
    query = (
        select(articles.c.id)
        .where(articles.c.id.in_(marked))
        .order_by(articles.c.published.nulls_last(), articles.c.id)
    )
    return list(connection.execute(query).scalars())


def _unchecked(target: str) -> Any:
    """The condition "no one has checked this row, nor marked its report reviewed"."""
    table = TABLES[target]
    touched = exists().where(
        and_(corrections.c.target == target, corrections.c.target_id == table.c.id)
    )
    marked = exists().where(
        and_(
            corrections.c.target == ARTICLES,
            corrections.c.article_id == table.c.article_id,
            corrections.c.action == "accept",
        )
    )
    return ~touched & ~marked


def _checked_ids(connection: Connection, target: str) -> set[int]:
    """The rows of ``target`` a person checked or whose report is marked reviewed: few,
    found through the audit trail's indexes (the rest of the table is unchecked)."""
    table = TABLES[target]
    touched = select(corrections.c.target_id).where(corrections.c.target == target)
    marked = select(corrections.c.article_id).where(
        corrections.c.target == ARTICLES, corrections.c.action == "accept"
    )
    by_row = select(table.c.id).where(table.c.id.in_(touched))
    by_report = select(table.c.id).where(table.c.article_id.in_(marked))
    return set(connection.execute(by_row.union(by_report)).scalars())


def _waiting(
    connection: Connection, target: str, limit: int
) -> tuple[int, list[Mapping[Any, Any]]]:
    """How many rows of ``target`` wait for a check, and the ``limit`` least confident.

    Counted as the table's rows less the checked ones, and read in confidence order
    with the checked ones skipped: a scan with two correlated look-ups per row (the
    plain condition) costs several times more on a large store."""
    table = TABLES[target]
    checked = _checked_ids(connection, target)
    total = connection.execute(select(func.count()).select_from(table)).scalar_one()
    ordered = select(table).order_by(table.c.confidence, table.c.id)
    found: list[Mapping[Any, Any]] = []
    if len(checked) > CHECKED_SKIPPED:
        found += connection.execute(ordered.where(_unchecked(target)).limit(limit)).mappings()
    else:
        rows = connection.execute(ordered.limit(limit + len(checked))).mappings()
        found += [r for r in rows if r["id"] not in checked][:limit]
    return int(total) - len(checked), found


def review_queue(connection: Connection, limit: int) -> tuple[int, list[tuple[str, Extract, bool]]]:
    """How many extractions wait for a check, and the ``limit`` most worth checking:
    ``(target, extract, feeds_matrix)``, best first."""
    total = 0
    found: list[tuple[tuple[Any, ...], str, Extract, bool]] = []
    in_matrix = set(connection.execute(select(position_cells.c.position_id)).scalars())
    for target in TARGET_ORDER:
        waiting, rows = _waiting(connection, target, limit)
        total += waiting
        for x in extracts(connection, target, rows).items:
            feeds = target == "positions" and x.id in in_matrix
            bucket = round(float(x.value.confidence) / CONFIDENCE_STEP)
            rank = 0 if feeds else 1 + TARGET_ORDER.index(target)
            found.append(((bucket, rank, x.value.confidence, x.id), target, x, feeds))
    found.sort(key=lambda f: f[0])
    return total, [(t, x, feeds) for _, t, x, feeds in found[:limit]]


def positions_for_matrix(connection: Connection, *, checked_only: bool = False) -> Extracts:
    """Every position as reviewed (rejected ones left out), or only those a person
    checked (accepted, corrected or added; or in a report marked reviewed)."""
    query = select(positions).order_by(positions.c.id)
    if checked_only:
        touched = select(corrections.c.target_id).where(corrections.c.target == "positions")
        marked = select(corrections.c.article_id).where(
            corrections.c.target == ARTICLES, corrections.c.action == "accept"
        )
        query = query.where(positions.c.id.in_(touched) | positions.c.article_id.in_(marked))
    rows = connection.execute(query).mappings().all()
    return extracts(connection, "positions", rows)
