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
  it is asked "as of a day" (the latest few of each cell, and how many others count)
  or "checked only" (the summary table answers the rest).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, exists, func, select

from dragoman.store.corrections import (
    ARTICLES,
    TABLES,
    corrected_ids,
    load_corrections,
    states_of,
)
from dragoman.store.reviewed import Extract, Extracts, extracts
from dragoman.store.schema import articles, corrections, position_cells, positions

#: The order of the tables at equal confidence: positions feed the matrix.
TARGET_ORDER = ("positions", "events", "quotes", "assessments")
CONFIDENCE_STEP = 0.05  # confidences this close count as equal in the queue
#: Past this many checked rows in a table, the queue filters them in SQL instead.
CHECKED_SKIPPED = 5000
#: A cell of the matrix: (party, issue, subject).
Key = tuple[str, str, str | None]


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


def _checked_by(target: str) -> tuple[Any, Any]:
    """Two subqueries from the audit trail: the ids of the rows of ``target`` a person
    checked, and the reports marked reviewed."""
    touched = select(corrections.c.target_id).where(corrections.c.target == target)
    marked = select(corrections.c.article_id).where(
        corrections.c.target == ARTICLES, corrections.c.action == "accept"
    )
    return touched, marked


def _checked_ids(connection: Connection, target: str) -> set[int]:
    """The rows of ``target`` a person checked or whose report is marked reviewed: few,
    found through the audit trail's indexes (the rest of the table is unchecked)."""
    table = TABLES[target]
    touched, marked = _checked_by(target)
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


@dataclass
class MatrixPositions:
    """The reviewed positions the matrix is computed from, and (as of a day) how many
    more reports of each (party, issue, subject) count up to that day but were not
    read: the matrix needs their number, not their rows."""

    found: Extracts
    unread: dict[Key, int] = field(default_factory=dict)


def positions_for_matrix(
    connection: Connection, *, checked_only: bool = False, until: dt.date | None = None
) -> MatrixPositions:
    """The positions the matrix as of ``until`` or of checked reports is made from.

    ``checked_only``: those a person checked (accepted, corrected or added; or in a
    report marked reviewed), every one. Else, with ``until``: per (party, issue,
    subject) the latest unchecked report on or before that day (by
    :func:`~dragoman.models.latest_key`: the latest dated one, else the latest
    undated one by its report's day), every corrected position (a correction may move
    a position to another cell or day), and the number of the other unchecked reports
    up to that day (``unread``): a few rows per cell and two counts from the indexes,
    instead of every position and its article. Without either: every position."""
    if checked_only:
        touched, marked = _checked_by("positions")
        query = select(positions).where(
            positions.c.id.in_(touched) | positions.c.article_id.in_(marked)
        )
        rows = connection.execute(query.order_by(positions.c.id)).mappings().all()
        return MatrixPositions(extracts(connection, "positions", rows))
    if until is None:
        rows = connection.execute(select(positions).order_by(positions.c.id)).mappings().all()
        return MatrixPositions(extracts(connection, "positions", rows))
    latest = [row for key in _cell_keys(connection) if (row := _latest(connection, key, until))]
    corrected = sorted(corrected_ids(connection, "positions"))
    if corrected:
        latest += connection.execute(
            select(positions).where(positions.c.id.in_(corrected))
        ).mappings()
    unread = _counts_until(connection, until, corrected)
    for row in latest:
        if row["id"] not in corrected:
            unread[(row["party"], row["issue"], row["subject"])] -= 1
    return MatrixPositions(extracts(connection, "positions", latest), dict(unread))


def _cell_keys(connection: Connection) -> list[Key]:
    """Every (party, issue, subject) with a report: the cells of the matrix summary
    (each unchecked position counts in the cell of its own key)."""
    keys = select(position_cells.c.party, position_cells.c.issue, position_cells.c.subject)
    return [(p, i, s) for p, i, s in connection.execute(keys.distinct())]


def _latest(connection: Connection, key: Key, until: dt.date) -> Mapping[Any, Any] | None:
    """The latest unchecked position of ``key`` on or before ``until``: the latest
    dated one (by date, its report's day, article, offset and row: latest_key),
    else the latest undated one by its report's day."""
    party, issue, subject = key
    unchecked = ~exists().where(
        and_(corrections.c.target == "positions", corrections.c.target_id == positions.c.id)
    )
    base = (
        select(positions)
        .join(articles, articles.c.id == positions.c.article_id)
        .where(
            positions.c.party == party,
            positions.c.issue == issue,
            positions.c.subject.is_(None) if subject is None else positions.c.subject == subject,
            unchecked,
        )
    )
    tail = (articles.c.published.desc(), positions.c.article_id.desc(),
            positions.c.start_offset.desc(), positions.c.id.desc())  # fmt: skip
    dated = base.where(positions.c.date <= until).order_by(
        positions.c.date.desc(), articles.c.published.is_(None).desc(), *tail
    )
    row = connection.execute(dated.limit(1)).mappings().first()
    if row is None:
        undated = base.where(positions.c.date.is_(None), articles.c.published <= until)
        row = connection.execute(undated.order_by(*tail).limit(1)).mappings().first()
    return row


def _counts_until(connection: Connection, until: dt.date, corrected: Sequence[int]) -> Counter[Key]:
    """Per (party, issue, subject), the unchecked positions whose day (their date, else
    their report's) is on or before ``until``: counted on the indexes of positions and
    of articles' days, then the corrected ones (few) taken out."""
    key = (positions.c.party, positions.c.issue, positions.c.subject)
    dated = select(*key, func.count()).where(positions.c.date <= until).group_by(*key)
    undated = (
        select(*key, func.count())
        .join(articles, articles.c.id == positions.c.article_id)
        .where(positions.c.date.is_(None), articles.c.published <= until)
        .group_by(*key)
    )
    counts: Counter[Key] = Counter()
    for query in (dated, undated):
        for party, issue, subject, n in connection.execute(query):
            counts[(party, issue, subject)] += int(n)
    if corrected:
        day = func.coalesce(positions.c.date, articles.c.published)
        checked = (
            select(*key)
            .join(articles, articles.c.id == positions.c.article_id)
            .where(positions.c.id.in_(corrected), day <= until)
        )
        for party, issue, subject in connection.execute(checked):
            counts[(party, issue, subject)] -= 1
    return counts
