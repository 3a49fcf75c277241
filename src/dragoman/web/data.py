"""What each page shows, computed as one JSON-ready dict.

Every page of the web app is one function here over a :class:`~dragoman.store.Store`;
the view serves its dict as HTML (a template) or as JSON, from the same route. The
record's logic stays in :mod:`dragoman.record`: these functions narrow the rows with
indexed queries (so that a page of a store of 100,000 reports answers in milliseconds),
apply the analysts' corrections (:mod:`dragoman.store.review`), and hand the rows to
the record functions as partial records. Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select, text

from dragoman import record as rec
from dragoman.errors import NotFound
from dragoman.models import Actor, Article, ArticleRecord
from dragoman.record.evidence import Evidence, sentence_at
from dragoman.record.filters import Filters, same_name
from dragoman.store import Store, codec
from dragoman.store import queries as q
from dragoman.store import review as rv
from dragoman.store.schema import (
    actors,
    articles,
    assessment_sides,
    assessments,
    corrections,
    events,
    position_cells,
    positions,
    quotes,
)

OVERVIEW_EVENTS = 40  # event reports read for the overview's timeline
OVERVIEW_TIMELINE = 12  # merged events shown there
SIDE_ASSESSMENTS = 3  # latest judgements shown per side
HISTORY_LIMIT = 500  # reports of one party on one issue read for its history
TIMELINE_LIMIT = 2000  # event reports read for the timeline page
ACTOR_QUOTES = 500
PAGE_SIZE = 50
SEARCH_LIMIT = 50
STANCE_ORDER = ("propose", "demand", "accept", "reject", "concede")


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _articles_by_id(connection: Connection, ids: Iterable[str]) -> dict[str, Article]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = connection.execute(select(articles).where(articles.c.id.in_(wanted))).mappings()
    return {r["id"]: codec.from_row(Article, r) for r in rows}


def _reviewed_rows(
    connection: Connection, target: str, rows: Sequence[Mapping[Any, Any]]
) -> list[tuple[int, Any, Any, rv.ReviewState]]:
    """``(id, machine, reviewed, state)`` for table rows, rejected ones left out."""
    cls = rv.TARGETS[target]
    states = rv.states_of(
        rv.load_corrections(connection, target=target, target_ids=[r["id"] for r in rows])
    )
    found = []
    for row in rows:
        machine: Any = codec.from_row(cls, row)
        state = states.get((target, row["id"]), rv.ReviewState())
        if state.rejected:
            continue
        found.append((row["id"], machine, rv.apply(machine, state), state))
    return found


def _partial_records(
    articles_: Mapping[str, Article], parts: Mapping[str, list[tuple[str, Any]]]
) -> list[ArticleRecord]:
    """Records holding only some extractions (``parts``: table -> (article id, item)),
    for the record functions; in the order of the store (published, then id)."""
    grouped: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for table, items in parts.items():
        for article_id, item in items:
            grouped[article_id][table].append(item)
    records = [
        ArticleRecord(article=articles_[aid], **{t: list(v) for t, v in tables.items()})
        for aid, tables in grouped.items()
        if aid in articles_
    ]
    records.sort(
        key=lambda r: (
            r.article.published is None,
            r.article.published or dt.date.min,
            r.article.id,
        )
    )
    return records


def _distinct(
    connection: Connection, table: str, col: str, where: str = "", **params: Any
) -> list[str]:
    """The distinct values of an indexed column, by hopping from one to the next (a few
    index look-ups instead of a scan of every row). Names are code constants."""
    condition = f"{where} AND " if where else ""
    sql = text(
        f"WITH RECURSIVE seen(v) AS ("
        f" SELECT min({col}) FROM {table} WHERE {where or '1 = 1'}"
        f" UNION ALL"
        f" SELECT (SELECT min({col}) FROM {table} WHERE {condition}{col} > seen.v)"
        f" FROM seen WHERE seen.v IS NOT NULL)"
        f" SELECT v FROM seen WHERE v IS NOT NULL"
    )
    return list(connection.execute(sql, params).scalars())


def _issue_order(issue: str) -> tuple[int, str]:
    return (rv.ISSUES.index(issue) if issue in rv.ISSUES else len(rv.ISSUES), issue)


# -- overview and matrix --------------------------------------------------------------


def counts(connection: Connection) -> dict[str, int]:
    tables = (articles, quotes, events, positions, assessments, corrections)
    return {
        t.name: connection.execute(select(func.count()).select_from(t)).scalar_one() for t in tables
    }


def parties(connection: Connection) -> list[str]:
    """The parties: those with a stance, with a judged side, or listed as parties."""
    found = set(connection.execute(select(position_cells.c.party).distinct()).scalars())
    found.update(_distinct(connection, "assessment_sides", "party"))
    found.update(_distinct(connection, "actors", "name", "kind = :kind", kind="party"))
    return sorted(found, key=str.casefold)


def matrix(store: Store) -> dict[str, Any]:
    """Issue by party: the latest reviewed stance of each party on each issue, with its
    date and the number of reports (subjects of an issue folded into one cell, the
    latest of them shown)."""
    with store.engine.connect() as connection:
        return _matrix(connection)


def _matrix(connection: Connection) -> dict[str, Any]:
    rows = connection.execute(select(position_cells)).mappings().all()
    cells: dict[tuple[str, str], list[Mapping[Any, Any]]] = defaultdict(list)
    for row in rows:
        cells[(row["issue"], row["party"])].append(row)
    party_names = sorted({r["party"] for r in rows}, key=str.casefold)
    issues = sorted({r["issue"] for r in rows}, key=_issue_order)
    table = []
    for issue in issues:
        line = {"issue": issue, "cells": {}}
        for party in party_names:
            found = cells.get((issue, party))
            if not found:
                continue
            latest = max(
                found,
                key=lambda r: (r["day"] is not None, r["day"] or dt.date.min, r["position_id"]),
            )
            line["cells"][party] = {
                "stance": latest["stance"],
                "date": iso(latest["day"]),
                "subject": latest["subject"],
                "subjects": sorted({r["subject"] for r in found if r["subject"]}),
                "reports": sum(r["reports"] for r in found),
                "position_id": latest["position_id"],
            }
        table.append(line)
    return {"parties": party_names, "issues": issues, "rows": table}


def overview(store: Store) -> dict[str, Any]:
    """The front page: what the store holds, the parties, the matrix, the latest events
    and the latest judgements of each side."""
    with store.engine.connect() as connection:
        first, last = connection.execute(
            select(func.min(articles.c.published), func.max(articles.c.published))
        ).one()
        the_matrix = _matrix(connection)
        all_parties = parties(connection)
        events_ = _latest_events(connection)
        sides = _latest_assessments(connection)
        return {
            "database": _display(store),
            "counts": counts(connection),
            "published": {"first": iso(first), "last": iso(last)},
            "parties": all_parties,
            "matrix": the_matrix,
            "timeline": events_,
            "assessments": sides,
        }


def _display(store: Store) -> str:
    from dragoman.api import display_name

    return display_name(store.target)


def _latest_events(connection: Connection) -> list[dict[str, Any]]:
    """The latest events, merged across reports: the latest dated event reports (and
    every reviewed one), with their articles' undated reports."""
    latest = (
        connection.execute(
            select(events)
            .where(events.c.date.is_not(None))
            .order_by(events.c.date.desc(), events.c.id.desc())
            .limit(OVERVIEW_EVENTS)
        )
        .mappings()
        .all()
    )
    corrected = rv.corrected_ids(connection, "events")
    extra: Sequence[Mapping[Any, Any]] = []
    seen = {r["id"] for r in latest}
    missing = sorted(corrected - seen)
    if missing:
        extra = connection.execute(select(events).where(events.c.id.in_(missing))).mappings().all()
    rows = [*latest, *extra]
    reviewed = _reviewed_rows(connection, "events", rows)
    by_article = {r["id"]: r["article_id"] for r in rows}
    reviewed.sort(key=lambda item: (item[2].date or dt.date.min, item[0]), reverse=True)
    kept = reviewed[:OVERVIEW_EVENTS]
    arts = _articles_by_id(connection, {by_article[i] for i, *_ in kept})
    records = _partial_records(
        arts, {"events": [(by_article[i], value) for i, _, value, _ in kept]}
    )
    merged = rec.timeline(records)
    dated = [e for e in merged if e.date is not None]
    return [_event_dict(e) for e in dated[-OVERVIEW_TIMELINE:]]


def _event_dict(event: rec.TimelineEvent) -> dict[str, Any]:
    return event.to_dict()


def _latest_assessments(connection: Connection) -> dict[str, list[dict[str, Any]]]:
    sides = _distinct(connection, "assessment_sides", "party")
    found: dict[str, list[dict[str, Any]]] = {}
    for party in sorted(sides, key=str.casefold):
        ids = (
            connection.execute(
                select(assessment_sides.c.assessment_id)
                .where(assessment_sides.c.party == party)
                .order_by(assessment_sides.c.day.desc(), assessment_sides.c.assessment_id.desc())
                .limit(SIDE_ASSESSMENTS)
            )
            .scalars()
            .all()
        )
        rows = (
            connection.execute(select(assessments).where(assessments.c.id.in_(ids)))
            .mappings()
            .all()
        )
        by_article = {r["id"]: r["article_id"] for r in rows}
        reviewed = _reviewed_rows(connection, "assessments", rows)
        arts = _articles_by_id(connection, by_article.values())
        items = []
        for row_id, _, value, state in reviewed:
            article = arts[by_article[row_id]]
            day = value.date or article.published
            items.append(
                {
                    "id": row_id,
                    "actor": value.actor,
                    "polarity": value.polarity,
                    "date": iso(day),
                    "summary": value.summary,
                    "review": state.status,
                    "evidence": Evidence.of(article, value.start, value.end).to_dict(),
                    "title": article.title,
                }
            )
        items.sort(key=lambda i: (i["date"] or "", i["id"]), reverse=True)
        found[party] = items
    return found


# -- the history of one cell ----------------------------------------------------------


def history(
    store: Store, party: str, issue: str, since: str | None = None, until: str | None = None
) -> dict[str, Any]:
    """Every report of ``party``'s stance on ``issue`` (per subject), oldest first, with
    the sentence that carries each: the click on a cell of the matrix."""
    filters = Filters.of(party=party, issue=issue, since=since, until=until)
    with store.engine.connect() as connection:
        day = func.coalesce(positions.c.date, articles.c.published)
        base = (
            select(positions)
            .join(articles, articles.c.id == positions.c.article_id)
            .where(positions.c.party == party, positions.c.issue == issue)
        )
        total = connection.execute(select(func.count()).select_from(base.subquery())).scalar_one()
        rows = list(
            connection.execute(
                base.order_by(day.desc().nulls_last(), positions.c.id.desc()).limit(HISTORY_LIMIT)
            ).mappings()
        )
        corrected = rv.corrected_ids(connection, "positions") - {r["id"] for r in rows}
        if corrected:
            rows += (
                connection.execute(select(positions).where(positions.c.id.in_(sorted(corrected))))
                .mappings()
                .all()
            )
        by_article = {r["id"]: r["article_id"] for r in rows}
        reviewed = _reviewed_rows(connection, "positions", rows)
        arts = _articles_by_id(connection, {by_article[i] for i, *_ in reviewed})
    records = _partial_records(arts, {"positions": [(by_article[i], v) for i, _, v, _ in reviewed]})
    states = rec.position_table(
        records, party=party, issue=issue, since=filters.since, until=filters.until
    )
    # The row of each report, for links to the article and the review.
    ids = {(by_article[i], v.start, v.end, v.stance): i for i, _, v, _ in reviewed}
    out = []
    for state in states:
        data = state.to_dict()
        for entry, raw in zip(data["history"], state.history, strict=True):
            ev = raw.evidence
            entry["position_id"] = ids.get((ev.article_id, ev.start, ev.end, raw.stance))
        out.append(data)
    return {
        "party": party,
        "issue": issue,
        "filters": filters.to_dict(),
        "reports": total,
        "truncated": total > HISTORY_LIMIT,
        "limit": HISTORY_LIMIT,
        "positions": out,
    }


# -- the timeline ---------------------------------------------------------------------


def timeline(
    store: Store,
    party: str | None = None,
    actor: str | None = None,
    event_type: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> dict[str, Any]:
    """The events merged across reports, by date: the latest :data:`TIMELINE_LIMIT`
    event reports in the range (and every reviewed one)."""
    filters = Filters.of(party=party, actor=actor, since=since, until=until)
    with store.engine.connect() as connection:
        query = select(events).where(events.c.date.is_not(None))
        if filters.since:
            query = query.where(events.c.date >= filters.since)
        if filters.until:
            query = query.where(events.c.date <= filters.until)
        if event_type:
            query = query.where(events.c.type == event_type)
        rows = list(
            connection.execute(
                query.order_by(events.c.date.desc(), events.c.id.desc()).limit(TIMELINE_LIMIT)
            ).mappings()
        )
        truncated = len(rows) == TIMELINE_LIMIT
        if not filters.dated:
            undated = (
                connection.execute(
                    select(events)
                    .where(events.c.date.is_(None))
                    .order_by(events.c.id.desc())
                    .limit(TIMELINE_LIMIT)
                )
                .mappings()
                .all()
            )
            rows += undated
        corrected = rv.corrected_ids(connection, "events") - {r["id"] for r in rows}
        if corrected:
            rows += (
                connection.execute(select(events).where(events.c.id.in_(sorted(corrected))))
                .mappings()
                .all()
            )
        by_article = {r["id"]: r["article_id"] for r in rows}
        reviewed = _reviewed_rows(connection, "events", rows)
        arts = _articles_by_id(connection, {by_article[i] for i, *_ in reviewed})
        records = _partial_records(
            arts, {"events": [(by_article[i], v) for i, _, v, _ in reviewed]}
        )
        # Affiliations (who belongs to which party) come from the articles' actors.
        if party:
            cast = connection.execute(
                select(actors).where(actors.c.article_id.in_(sorted(arts)))
            ).mappings()
            by = defaultdict(list)
            for r in cast:
                by[r["article_id"]].append(codec.from_row(Actor, r))
            for record in records:
                record.actors = by.get(record.article.id, [])
    merged = rec.timeline(
        records,
        party=party,
        actor=actor,
        event_type=event_type,
        since=filters.since,
        until=filters.until,
    )
    return {
        "filters": {**filters.to_dict(), "type": event_type},
        "count": len(merged),
        "truncated": truncated,
        "events": [_event_dict(e) for e in merged],
    }


# -- actors ---------------------------------------------------------------------------


def actor_list(store: Store, limit: int = 200) -> dict[str, Any]:
    """The most quoted speakers, and the parties, with role and party where known."""
    with store.engine.connect() as connection:
        n = func.count().label("n")
        rows = connection.execute(
            select(quotes.c.speaker, n)
            .where(quotes.c.speaker.is_not(None), quotes.c.speaker != "anonymous")
            .group_by(quotes.c.speaker)
            .order_by(n.desc(), quotes.c.speaker)
            .limit(limit)
        ).all()
        people = []
        for name, count in rows:
            info = _actor_info(connection, name)
            people.append({"name": name, "quotes": count, **info})
        party_names = parties(connection)
    return {"speakers": people, "parties": party_names}


def _actor_info(connection: Connection, name: str) -> dict[str, Any]:
    rows = (
        connection.execute(
            select(
                actors.c.kind, actors.c.role, actors.c.party, actors.c.aliases, actors.c.article_id
            )
            .where(actors.c.name == name)
            .limit(2000)
        )
        .mappings()
        .all()
    )
    roles = Counter(r["role"] for r in rows if r["role"])
    party_counts = Counter(r["party"] for r in rows if r["party"])
    kinds = Counter(r["kind"] for r in rows)
    aliases = Counter(a for r in rows for a in (r["aliases"] or []))
    return {
        "kind": kinds.most_common(1)[0][0] if kinds else None,
        "role": roles.most_common(1)[0][0] if roles else None,
        "roles": [r for r, _ in roles.most_common()],
        "party": party_counts.most_common(1)[0][0] if party_counts else None,
        "aliases": [a for a, _ in aliases.most_common(10)],
        "articles": len({r["article_id"] for r in rows}),
    }


def actor(store: Store, name: str) -> dict[str, Any]:
    """One actor: role, party and aliases, and its quotes over time (reviewed)."""
    with store.engine.connect() as connection:
        info = _actor_info(connection, name)
        when = func.coalesce(quotes.c.date, articles.c.published)
        base = select(quotes).join(articles, articles.c.id == quotes.c.article_id)
        rows = list(
            connection.execute(
                base.where(quotes.c.speaker == name)
                .order_by(when.desc().nulls_last(), quotes.c.id.desc())
                .limit(ACTOR_QUOTES)
            ).mappings()
        )
        corrected = rv.corrected_ids(connection, "quotes") - {r["id"] for r in rows}
        if corrected:
            rows += (
                connection.execute(select(quotes).where(quotes.c.id.in_(sorted(corrected))))
                .mappings()
                .all()
            )
        by_article = {r["id"]: r["article_id"] for r in rows}
        reviewed = [
            item
            for item in _reviewed_rows(connection, "quotes", rows)
            if same_name(item[2].speaker, name)
        ]
        arts = _articles_by_id(connection, {by_article[i] for i, *_ in reviewed})
    if not reviewed and not info["articles"]:
        raise NotFound(f"no actor named {name!r}")
    listed = []
    for row_id, _, quote, state in reviewed:
        article = arts[by_article[row_id]]
        day = quote.date or article.published
        listed.append(
            {
                "id": row_id,
                "date": iso(day),
                "dated_by": "quote" if quote.date else "publication",
                "kind": quote.kind,
                "cue": quote.cue,
                "text": quote.text,
                "review": state.status,
                "article_id": article.id,
                "title": article.title or article.source,
            }
        )
    listed.sort(key=lambda x: (x["date"] or "", x["id"]))
    months = Counter((x["date"] or "undated")[:7] for x in listed)
    most = max(months.values(), default=0)
    return {
        "name": name,
        **info,
        "quote_count": len(listed),
        "truncated": len(rows) >= ACTOR_QUOTES,
        "by_month": [{"month": m, "quotes": c, "max": most} for m, c in sorted(months.items())],
        "quotes": listed,
    }


# -- articles -------------------------------------------------------------------------


def article_list(store: Store, page: int = 1) -> dict[str, Any]:
    page = max(1, page)
    with store.engine.connect() as connection:
        rows = (
            connection.execute(
                select(
                    articles.c.id,
                    articles.c.title,
                    articles.c.source,
                    articles.c.outlet,
                    articles.c.published,
                )
                .order_by(articles.c.published.desc().nulls_last(), articles.c.id)
                .limit(PAGE_SIZE + 1)
                .offset((page - 1) * PAGE_SIZE)
            )
            .mappings()
            .all()
        )
        ids = [r["id"] for r in rows]
        reviewed = (
            set(
                connection.execute(
                    select(corrections.c.article_id)
                    .where(corrections.c.article_id.in_(ids))
                    .distinct()
                ).scalars()
            )
            if ids
            else set()
        )
    items = [
        {**dict(r), "published": iso(r["published"]), "reviewed": r["id"] in reviewed}
        for r in rows[:PAGE_SIZE]
    ]
    return {"page": page, "more": len(rows) > PAGE_SIZE, "articles": items}


KIND_OF = {
    "quotes": "quote",
    "positions": "position",
    "events": "event",
    "assessments": "assessment",
}


def _label(target: str, value: Any) -> str:
    if target == "quotes":
        return f"quote: {value.speaker or 'unattributed'} ({value.kind})"
    if target == "positions":
        return f"position: {value.party} {value.stance} {value.issue}"
    if target == "events":
        return f"event: {value.type} ({value.status})"
    return f"assessment: {value.actor} {value.polarity}"


def segments(body: str, spans: Sequence[Mapping[Any, Any]]) -> list[dict[str, Any]]:
    """The body cut where any highlight starts or ends; each piece with the kinds and
    references of the highlights covering it. Plain text: the template escapes it."""
    cuts = {0, len(body)}
    for span in spans:
        cuts.update((span["start"], span["end"]))
    points = sorted(c for c in cuts if 0 <= c <= len(body))
    pieces = []
    for a, b in itertools.pairwise(points):
        if a == b:
            continue
        covering = [s for s in spans if s["start"] <= a and b <= s["end"]]
        pieces.append(
            {
                "text": body[a:b],
                "start": a,
                "kinds": sorted({s["kind"] for s in covering}),
                "refs": [s["ref"] for s in covering],
                "title": "; ".join(s["label"] for s in covering),
            }
        )
    return pieces


def article(store: Store, article_id: str) -> dict[str, Any]:
    """One report: metadata, caption and credit apart, the body with every extraction
    highlighted at its offsets, each extraction (machine and reviewed) and the audit
    trail."""
    found = store.load_reviewed(article_id)
    if found is None:
        raise NotFound(f"no article {article_id}")
    body = found.article.body
    spans = []
    items: dict[str, list[dict[str, Any]]] = {}
    for target, listed in found.items.items():
        items[target] = []
        for item in listed:
            value = item.value
            data = item.to_dict()
            data["ref"] = f"{KIND_OF[target]}-{item.id}"
            data["evidence"] = sentence_at(body, value.start, value.end)
            data["corrections"] = [c.to_dict() for c in item.state.corrections]
            items[target].append(data)
            if not item.rejected and 0 <= value.start < value.end <= len(body):
                spans.append(
                    {
                        "start": value.start,
                        "end": value.end,
                        "kind": KIND_OF[target],
                        "ref": data["ref"],
                        "label": _label(target, value),
                    }
                )
    spans.sort(key=lambda s: (s["start"], s["end"]))
    return {
        "article": found.article.to_dict(),
        "body": body,
        "reviewed": found.reviewed,
        "accepted": found.state.status == "accepted",
        "actors": [a.to_dict() for a in found.actors],
        **items,
        "highlights": spans,
        "segments": segments(body, spans),
        "corrections": [c.to_dict() for c in reversed(found.corrections)],
    }


# -- search ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchArgs:
    q: str | None = None
    scope: str = "all"  # all, quotes or articles
    actor: str | None = None
    party: str | None = None
    issue: str | None = None
    since: str | None = None
    until: str | None = None


def search(store: Store, args: SearchArgs) -> dict[str, Any]:
    """Quotes and articles holding every word of ``q`` (full text: SQLite FTS5), with
    filters by actor, party, issue and date range; best match first."""
    filters = Filters.of(
        party=args.party, issue=args.issue, actor=args.actor, since=args.since, until=args.until
    )
    scope = args.scope if args.scope in ("all", "quotes", "articles") else "all"
    sf = q.SearchFilters(filters.actor, filters.party, filters.issue, filters.since, filters.until)
    result: dict[str, Any] = {
        "q": args.q or "",
        "terms": q.search_terms(args.q),
        "scope": scope,
        "filters": filters.to_dict(),
        "quotes": [],
        "articles": [],
    }
    searched = bool(result["terms"]) or any(filters.to_dict().values())
    result["searched"] = searched
    if not searched:
        return result
    with store.engine.connect() as connection:
        if scope in ("all", "quotes"):
            result["quotes"] = _search_quotes(connection, args.q, sf)
        if scope in ("all", "articles"):
            rows = q.search_articles(connection, args.q, sf, limit=SEARCH_LIMIT)
            result["articles"] = [
                {**r, "published": iso(r["published"]), "snippet": _snippet(r["snippet"])}
                for r in rows
            ]
    return result


def _search_quotes(
    connection: Connection, words: str | None, sf: q.SearchFilters
) -> list[dict[str, Any]]:
    corrected = rv.corrected_ids(connection, "quotes")
    rows = q.search_quotes(connection, words, sf, limit=SEARCH_LIMIT, exclude=corrected)
    if corrected:
        # Reviewed quotes are filtered on their reviewed values.
        extra = q.search_quotes(
            connection, words, sf, limit=len(corrected), only=corrected, use_filters=False
        )
        states = rv.states_of(
            rv.load_corrections(connection, target="quotes", target_ids=[r["id"] for r in extra])
        )
        for row in extra:
            state = states.get(("quotes", row["id"]))
            if state is None or state.rejected:
                continue
            row.update({k: v for k, v in state.values.items() if k in row})
            row["review"] = state.status
            if _quote_wanted(connection, row, sf):
                rows.append(row)
        if any(r.get("rank") is not None for r in rows):
            rows.sort(key=lambda r: r["rank"] if r["rank"] is not None else 0.0)
        else:
            rows.sort(
                key=lambda r: (r["date"] or r["published"] or dt.date.min, r["id"]), reverse=True
            )
        rows = rows[:SEARCH_LIMIT]
    out = []
    for row in rows:
        day = row["date"] or row["published"]
        out.append(
            {
                "id": row["id"],
                "article_id": row["article_id"],
                "speaker": row["speaker"],
                "text": row["text"],
                "kind": row["kind"],
                "date": iso(day),
                "published": iso(row["published"]),
                "title": row["title"] or row["source"],
                "review": row.get("review", "machine"),
                "snippet": _snippet(row["snippet"]),
            }
        )
    return out


def _quote_wanted(connection: Connection, row: Mapping[Any, Any], sf: q.SearchFilters) -> bool:
    if sf.actor is not None and not same_name(row["speaker"], sf.actor):
        return False
    if sf.party is not None and not same_name(row["speaker"], sf.party):
        member = connection.execute(
            select(actors.c.id)
            .where(
                actors.c.article_id == row["article_id"],
                actors.c.name == row["speaker"],
                actors.c.party == sf.party,
            )
            .limit(1)
        ).first()
        if member is None:
            return False
    if sf.issue is not None:
        on_issue = connection.execute(
            select(positions.c.id)
            .where(positions.c.article_id == row["article_id"], positions.c.issue == sf.issue)
            .limit(1)
        ).first()
        if on_issue is None:
            return False
    day = row["date"] or row["published"]
    return Filters(since=sf.since, until=sf.until).in_range(day)


def _snippet(marked: str | None) -> list[dict[str, Any]]:
    """A snippet as pieces of plain text, matches flagged (the template escapes them)."""
    pieces = []
    for i, part in enumerate((marked or "").replace(q.HIT_END, q.HIT_START).split(q.HIT_START)):
        if part:
            pieces.append({"text": part, "hit": i % 2 == 1})
    return pieces


# -- the review log -------------------------------------------------------------------


def review_log(store: Store, limit: int = 100) -> dict[str, Any]:
    """The audit trail, newest first, with the articles' titles."""
    trail = store.corrections(limit=limit)
    with store.engine.connect() as connection:
        titles = (
            dict(
                connection.execute(
                    select(articles.c.id, func.coalesce(articles.c.title, articles.c.source)).where(
                        articles.c.id.in_(sorted({c.article_id for c in trail}))
                    )
                ).all()
            )
            if trail
            else {}
        )
        reviewed = connection.execute(
            select(func.count(corrections.c.article_id.distinct()))
        ).scalar_one()
    return {
        "reviewed_articles": reviewed,
        "corrections": [{**c.to_dict(), "title": titles.get(c.article_id)} for c in trail],
    }


__all__ = [
    "SearchArgs",
    "actor",
    "actor_list",
    "article",
    "article_list",
    "history",
    "matrix",
    "overview",
    "review_log",
    "search",
    "segments",
    "timeline",
]
