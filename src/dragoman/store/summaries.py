"""Two summary tables the web app reads, kept in step with every save and review:

- ``position_cells``: per (party, issue, subject), the latest reviewed report of the
  party's stance, chosen by :func:`dragoman.models.latest_key` (the one definition of
  "the latest stance", which :mod:`dragoman.record.positions` uses too), and the number
  of reports;
- ``assessment_sides``: the party of each assessment's actor.

A save adds to the summaries what its article brings, without reading the rest of the
store: each new position is compared with its cell's latest report and counted
(:func:`refresh_article`), so that saving costs the same in a store of a hundred
reports or of a million. A review, rare and at a person's pace, recomputes the cells
of the (party, issue) pairs it touches (:func:`refresh_cells`), reading their rows
through the index on (party, issue).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, delete, select, text, tuple_, update

from dragoman.models import ArticleRecord, Dating, item_dating, latest_key
from dragoman.store.corrections import corrected_ids, load_corrections, states_of
from dragoman.store.schema import (
    actors,
    articles,
    assessment_sides,
    assessments,
    position_cells,
    positions,
)

CellKey = tuple[str, str]
Cell = tuple[str, str, str | None]
_CELL_FIELDS = ("party", "issue", "subject", "stance", "date", "start")


def refresh_cells(connection: Connection, keys: Iterable[CellKey] | None = None) -> None:
    """Recompute ``position_cells`` for the (party, issue) pairs ``keys``, or for all.

    Reads the machine's rows of those pairs and every corrected position (a correction
    may move a position from one pair to another), applies the corrections, and keeps
    per (party, issue, subject) the latest report and the number of reports.
    """
    wanted = None if keys is None else set(keys)
    if wanted is not None and not wanted:
        return
    _lock(connection, wanted or ())
    best: dict[tuple[str, str, str | None], tuple[tuple[Any, ...], dict[str, Any]]] = {}
    counts: dict[tuple[str, str, str | None], int] = defaultdict(int)
    for row, values in _reviewed_positions(connection, wanted):
        key = (values["party"], values["issue"], values["subject"])
        dating = item_dating(values["date"], row["published"])
        order = latest_key(dating, row["article_id"], values["start"], row["id"])
        counts[key] += 1
        if key not in best or order > best[key][0]:
            best[key] = (order, {**values, "published": row["published"], "row": row})
    target = delete(position_cells)
    if wanted is not None:
        pair = tuple_(position_cells.c.party, position_cells.c.issue)
        target = target.where(pair.in_(sorted(wanted)))
    connection.execute(target)
    cells = [
        {
            "party": v["party"],
            "issue": v["issue"],
            "subject": v["subject"],
            "position_id": v["row"]["id"],
            "stance": v["stance"],
            "day": v["date"],
            "reported": v["published"],
            "article_id": v["row"]["article_id"],
            "start_offset": v["start"],
            "reports": counts[key],
        }
        for key, (_, v) in sorted(best.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or ""))
    ]
    if cells:
        connection.execute(position_cells.insert(), cells)


def _reviewed_positions(
    connection: Connection, wanted: set[CellKey] | None
) -> Iterable[tuple[Mapping[Any, Any], dict[str, Any]]]:
    """``(row, reviewed values)`` of the positions of the pairs ``wanted`` (all when
    None), rejected ones left out."""
    corrected = corrected_ids(connection, "positions")
    query = select(
        positions.c.id, positions.c.article_id, positions.c.party, positions.c.issue,
        positions.c.subject, positions.c.stance, positions.c.date,
        positions.c.start_offset, articles.c.published,
    ).join(articles, articles.c.id == positions.c.article_id)  # fmt: skip
    if wanted is None:
        rows = list(connection.execute(query).mappings())
    else:
        # One read per pair (an index range) and one of the corrected rows: an OR of
        # the two would read every position.
        rows = []
        for party, issue in sorted(wanted):
            pair = query.where(positions.c.party == party, positions.c.issue == issue)
            rows += connection.execute(pair).mappings()
        seen = {r["id"] for r in rows}
        if corrected - seen:
            moved = query.where(positions.c.id.in_(sorted(corrected - seen)))
            rows += connection.execute(moved).mappings()
    states = states_of(
        load_corrections(
            connection,
            target="positions",
            target_ids=[r["id"] for r in rows if r["id"] in corrected],
        )
    )
    for row in rows:
        values = {name: row["start_offset" if name == "start" else name] for name in _CELL_FIELDS}
        state = states.get(("positions", row["id"]))
        if state is not None:
            if state.rejected:
                continue
            values.update({k: v for k, v in state.values.items() if k in values})
        if wanted is not None and (values["party"], values["issue"]) not in wanted:
            continue
        yield row, values


def refresh_sides(connection: Connection, assessment_ids: Sequence[int] | None = None) -> None:
    """Recompute ``assessment_sides`` for the assessments given, or for all.

    The side of an assessment is the party its (reviewed) actor belongs to among its
    article's actors, or the actor itself when the article lists it as a party; an
    assessment with no side, or rejected, has no row. ``day`` is where the assessment
    stands in time (:attr:`dragoman.models.Dating.day`), for "the latest judgements".
    """
    query = select(
        assessments.c.id, assessments.c.article_id, assessments.c.actor, assessments.c.date,
        articles.c.published,
    ).join(articles, articles.c.id == assessments.c.article_id)  # fmt: skip
    if assessment_ids is not None:
        if not assessment_ids:
            return
        query = query.where(assessments.c.id.in_(list(assessment_ids)))
    rows = connection.execute(query).mappings().all()
    corrected = corrected_ids(connection, "assessments")
    states = states_of(
        load_corrections(
            connection,
            target="assessments",
            target_ids=[r["id"] for r in rows if r["id"] in corrected],
        )
    )
    cast = _cast(connection, None if assessment_ids is None else {r["article_id"] for r in rows})
    sides = []
    for row in rows:
        state = states.get(("assessments", row["id"]))
        if state is not None and state.rejected:
            continue
        values = {"actor": row["actor"], "date": row["date"]}
        if state is not None:
            values.update({k: v for k, v in state.values.items() if k in values})
        party = side_of(values["actor"], cast.get(row["article_id"], []))
        if party is not None:
            day = item_dating(values["date"], row["published"]).day
            sides.append({"assessment_id": row["id"], "party": party, "day": day})
    target = delete(assessment_sides)
    if assessment_ids is not None:
        target = target.where(assessment_sides.c.assessment_id.in_(list(assessment_ids)))
    connection.execute(target)
    if sides:
        connection.execute(assessment_sides.insert(), sides)


def _cast(
    connection: Connection, article_ids: set[str] | None
) -> dict[str, list[Mapping[Any, Any]]]:
    query = select(actors.c.article_id, actors.c.name, actors.c.kind, actors.c.party)
    if article_ids is not None:
        query = query.where(actors.c.article_id.in_(article_ids))
    cast: dict[str, list[Mapping[Any, Any]]] = defaultdict(list)
    for actor in connection.execute(query).mappings():
        cast[actor["article_id"]].append(actor)
    return cast


def side_of(actor: str | None, cast: Iterable[Mapping[Any, Any]]) -> str | None:
    """The party ``actor`` belongs to among an article's actors (rows or dicts with
    name, kind, party): the smallest party named for it, else the actor itself when it
    is listed as a party."""
    if not actor:
        return None
    listed = [a for a in cast if a["name"] == actor]
    parties = sorted(a["party"] for a in listed if a["party"])
    if parties:
        return parties[0]
    if any(a["kind"] == "party" for a in listed):
        return actor
    return None


def refresh_article(connection: Connection, record: ArticleRecord) -> None:
    """Bring the summaries up to date after ``record`` was saved (same transaction),
    reading only the article's rows and the cells of its stances. A new article has no
    corrections yet: its rows are as reviewed."""
    article_id, published = record.article.id, record.article.published
    _add_positions(connection, article_id, published)
    rows = connection.execute(
        select(assessments.c.id, assessments.c.actor, assessments.c.date).where(
            assessments.c.article_id == article_id
        )
    ).all()
    if not rows:
        return
    cast = _cast(connection, {article_id}).get(article_id, [])
    sides = [
        {"assessment_id": i, "party": party, "day": item_dating(day, published).day}
        for i, actor, day in rows
        if (party := side_of(actor, cast)) is not None
    ]
    if sides:
        connection.execute(assessment_sides.insert(), sides)


def _add_positions(connection: Connection, article_id: str, published: Any) -> None:
    """Count an article's positions in their cells, and make each the cell's latest
    report where it is later (:func:`~dragoman.models.latest_key`) than the one there."""
    rows = connection.execute(
        select(
            positions.c.id, positions.c.party, positions.c.issue, positions.c.subject,
            positions.c.stance, positions.c.date, positions.c.start_offset,
        ).where(positions.c.article_id == article_id)
    ).mappings()  # fmt: skip
    new: dict[Cell, tuple[tuple[Any, ...], dict[str, Any], int]] = {}
    for row in rows:
        key = (row["party"], row["issue"], row["subject"])
        order = latest_key(item_dating(row["date"], published), article_id,
                           row["start_offset"], row["id"])  # fmt: skip
        cell = {
            "party": row["party"], "issue": row["issue"], "subject": row["subject"],
            "position_id": row["id"], "stance": row["stance"], "day": row["date"],
            "reported": published, "article_id": article_id,
            "start_offset": row["start_offset"],
        }  # fmt: skip
        before = new.get(key)
        count = 1 if before is None else before[2] + 1
        if before is None or order > before[0]:
            new[key] = (order, cell, count)
        else:
            new[key] = (before[0], before[1], count)
    stale: set[CellKey] = set()
    _lock(connection, {(party, issue) for party, issue, _ in new})
    for (party, issue, subject), (order, cell, count) in sorted(new.items(), key=_by_cell):
        same = position_cells.c.subject.is_(None) if subject is None else (
            position_cells.c.subject == subject)  # fmt: skip
        there = connection.execute(
            select(position_cells).where(
                position_cells.c.party == party, position_cells.c.issue == issue, same
            )
        ).mappings().first()  # fmt: skip
        if there is None:
            connection.execute(position_cells.insert(), {**cell, "reports": count})
        elif there["article_id"] is None:  # a cell from before its key was kept
            stale.add((party, issue))
        else:
            values = {"reports": there["reports"] + count}
            if order > _cell_key(there):
                values.update(cell)
            target = position_cells.c.id == there["id"]
            connection.execute(update(position_cells).where(target).values(**values))
    refresh_cells(connection, stale)


def _lock(connection: Connection, pairs: Iterable[CellKey]) -> None:
    """On PostgreSQL, where writers do not take turns for the whole database as on
    SQLite, hold the cells of these (party, issue) pairs until the transaction ends, so
    that two saves (or a save and a review) never count from the same old cell. Taken
    in one order, so that two writers never wait for each other."""
    if connection.dialect.name != "postgresql":
        return
    lock = text("SELECT pg_advisory_xact_lock(hashtext(:party), hashtext(:issue))")
    for party, issue in sorted(set(pairs)):
        connection.execute(lock, {"party": party, "issue": issue})


def _by_cell(item: tuple[Cell, Any]) -> tuple[str, str, str]:
    party, issue, subject = item[0]
    return (party, issue, subject or "")


def _cell_key(cell: Mapping[Any, Any]) -> tuple[Any, ...]:
    """:func:`~dragoman.models.latest_key` of the report a cell holds."""
    dating = Dating(cell["day"], cell["reported"])
    return latest_key(dating, cell["article_id"], cell["start_offset"], cell["position_id"])


def rebuild(connection: Connection) -> None:
    """Recompute every summary from the stored rows and corrections (after rows were
    written without :meth:`Store.save`, as a benchmark does)."""
    refresh_cells(connection)
    refresh_sides(connection)
