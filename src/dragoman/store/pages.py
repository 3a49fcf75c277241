"""The reads behind the web app's pages, narrowed with indexed queries so that a page of
a store of 100,000 reports answers in milliseconds.

Each function reads rows and hands them to :func:`dragoman.store.reviewed.extracts` (the
one recipe: corrections applied, rejected rows left out, articles read), so that the
pages compute from partial records with :mod:`dragoman.record`. :class:`Store` exposes
each as a method; nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Select, Text, cast, func, select, text

from dragoman.models import item_dating
from dragoman.store import queries as q
from dragoman.store.corrections import TABLES, corrected_ids, load_corrections, states_of
from dragoman.store.reviewed import Extracts, extracts
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

COUNTED = (articles, quotes, events, positions, assessments, corrections)


def counts(connection: Connection) -> dict[str, int]:
    """Rows per table, corrections included."""
    return {
        t.name: connection.execute(select(func.count()).select_from(t)).scalar_one()
        for t in COUNTED
    }


def published_span(connection: Connection) -> tuple[dt.date | None, dt.date | None]:
    first, last = connection.execute(
        select(func.min(articles.c.published), func.max(articles.c.published))
    ).one()
    return first, last


def distinct(
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


def parties(connection: Connection) -> list[str]:
    """The parties: those with a stance, with a judged side, or listed as parties."""
    found = set(connection.execute(select(position_cells.c.party).distinct()).scalars())
    found.update(distinct(connection, "assessment_sides", "party"))
    found.update(distinct(connection, "actors", "name", "kind = :kind", kind="party"))
    return sorted(found, key=str.casefold)


def position_cells_(connection: Connection) -> list[dict[str, Any]]:
    """Every row of the position matrix summary (see :mod:`dragoman.store.summaries`)."""
    return [dict(r) for r in connection.execute(select(position_cells)).mappings()]


def _with_corrected(
    connection: Connection, target: str, rows: Sequence[Mapping[Any, Any]]
) -> list[Mapping[Any, Any]]:
    """``rows`` and every corrected row of ``target`` not among them: a correction may
    bring a row into what a page shows."""
    source = TABLES[target]
    missing = corrected_ids(connection, target) - {r["id"] for r in rows}
    if not missing:
        return list(rows)
    extra = connection.execute(select(source).where(source.c.id.in_(sorted(missing))))
    return [*rows, *extra.mappings().all()]


def latest_events(connection: Connection, limit: int) -> Extracts:
    """The latest ``limit`` dated event reports (and every reviewed one), as reviewed,
    newest first."""
    latest = (
        connection.execute(
            select(events)
            .where(events.c.date.is_not(None))
            .order_by(events.c.date.desc(), events.c.id.desc())
            .limit(limit)
        )
        .mappings()
        .all()
    )
    found = extracts(connection, "events", _with_corrected(connection, "events", list(latest)))
    found.items.sort(key=lambda x: (x.value.date or dt.date.min, x.id), reverse=True)
    found.items = found.items[:limit]
    return found


def side_assessments(connection: Connection, per_side: int) -> dict[str, Extracts]:
    """Per side (party), its latest ``per_side`` assessments, as reviewed."""
    found: dict[str, Extracts] = {}
    for party in sorted(distinct(connection, "assessment_sides", "party"), key=str.casefold):
        ids = (
            connection.execute(
                select(assessment_sides.c.assessment_id)
                .where(assessment_sides.c.party == party)
                .order_by(assessment_sides.c.day.desc(), assessment_sides.c.assessment_id.desc())
                .limit(per_side)
            )
            .scalars()
            .all()
        )
        rows = connection.execute(select(assessments).where(assessments.c.id.in_(ids)))
        found[party] = extracts(connection, "assessments", rows.mappings().all())
    return found


def position_reports(
    connection: Connection, party: str, issue: str, limit: int
) -> tuple[int, Extracts]:
    """The number of reports of ``party``'s stance on ``issue``, and the latest
    ``limit`` of them by their day (date, else report's day; ties by row, newest
    first) and every reviewed position, as reviewed.

    Read as the latest ``limit`` dated ones and the latest ``limit`` undated ones, both
    from the (party, issue, subject, date, article_id) index, merged: ordering every
    report of the pair by ``coalesce(date, published)`` read each one's article."""
    pair = (positions.c.party == party, positions.c.issue == issue)
    # Counted on the index alone: every position has its article.
    total = connection.execute(select(func.count()).select_from(positions).where(*pair))
    ids = select(positions.c.id, positions.c.date.label("day")).where(*pair)
    dated = ids.where(positions.c.date.is_not(None)).order_by(
        positions.c.date.desc(), positions.c.id.desc()
    )
    undated = (
        select(positions.c.id, articles.c.published.label("day"))
        .join(articles, articles.c.id == positions.c.article_id)
        .where(*pair, positions.c.date.is_(None))
        .order_by(articles.c.published.desc().nulls_last(), positions.c.id.desc())
    )
    both = [*connection.execute(dated.limit(limit)), *connection.execute(undated.limit(limit))]
    both.sort(key=lambda r: (r.day is not None, r.day or dt.date.min, r.id), reverse=True)
    wanted = [r.id for r in both[:limit]]
    rows = connection.execute(select(positions).where(positions.c.id.in_(wanted))).mappings()
    by_id = {r["id"]: r for r in rows}
    found = _with_corrected(connection, "positions", [by_id[i] for i in wanted if i in by_id])
    return int(total.scalar_one()), extracts(connection, "positions", found)


def event_reports(
    connection: Connection,
    *,
    since: dt.date | None,
    until: dt.date | None,
    event_type: str | None,
    limit: int,
    with_actors: bool,
) -> tuple[Extracts, bool]:
    """The latest ``limit`` dated event reports in the range (with every undated one
    up to ``limit`` when no range is set, and every reviewed one), as reviewed; and
    whether the dated ones were cut at ``limit``."""
    query = select(events).where(events.c.date.is_not(None))
    if since:
        query = query.where(events.c.date >= since)
    if until:
        query = query.where(events.c.date <= until)
    if event_type:
        query = query.where(events.c.type == event_type)
    ordered = query.order_by(events.c.date.desc(), events.c.id.desc()).limit(limit)
    rows = list(connection.execute(ordered).mappings())
    truncated = len(rows) == limit
    if since is None and until is None:
        undated = select(events).where(events.c.date.is_(None))
        rows += connection.execute(undated.order_by(events.c.id.desc()).limit(limit)).mappings()
    found = _with_corrected(connection, "events", rows)
    return extracts(connection, "events", found, with_actors=with_actors), truncated


def speakers(connection: Connection, limit: int) -> list[tuple[str, int]]:
    """The most quoted speakers (anonymous sources left out) and their quote counts."""
    n = func.count().label("n")
    rows = connection.execute(
        select(quotes.c.speaker, n)
        .where(quotes.c.speaker.is_not(None), quotes.c.speaker != "anonymous")
        .group_by(quotes.c.speaker)
        .order_by(n.desc(), quotes.c.speaker)
        .limit(limit)
    ).all()
    return [(name, count) for name, count in rows]


def actor_info(connection: Connection, name: str) -> dict[str, Any]:
    """What the articles' actor lists say of ``name`` (its first :data:`ACTOR_ROWS`
    rows): kind, role(s), party, aliases, and in how many articles it appears. The
    aliases come as JSON text, decoded once per distinct list, not once per row."""
    return actor_infos(connection, [name], ACTOR_ROWS)[name]


#: Rows of the actors table read per name for :func:`actor_info`, and for each name of
#: a list (where role and party are what is shown: a sample that size gives the same).
ACTOR_ROWS = 2000
ACTOR_LIST_ROWS = 300


def actor_infos(
    connection: Connection, names: Sequence[str], rows: int = ACTOR_LIST_ROWS
) -> dict[str, dict[str, Any]]:
    """:func:`actor_info` of each name, on one connection, from its first ``rows``
    rows (``articles`` counts the articles among them)."""
    found = {}
    for name in names:
        read = connection.execute(
            select(actors.c.kind, actors.c.role, actors.c.party,
                   cast(actors.c.aliases, Text), actors.c.article_id)
            .where(actors.c.name == name)
            .limit(rows)
        ).all()  # fmt: skip
        found[name] = _actor_info(read)
    return found


def _actor_info(rows: Sequence[Any]) -> dict[str, Any]:
    roles: Counter[str] = Counter()
    party_counts: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    listed: Counter[str] = Counter()  # each list of aliases as JSON text, decoded once
    for kind, role, party, aliases, _ in rows:
        kinds[kind] += 1
        if role:
            roles[role] += 1
        if party:
            party_counts[party] += 1
        if aliases:
            listed[aliases] += 1
    names: Counter[str] = Counter()
    for aliases, n in listed.items():
        for alias in json.loads(aliases):
            names[alias] += n
    return {
        "kind": kinds.most_common(1)[0][0] if kinds else None,
        "role": roles.most_common(1)[0][0] if roles else None,
        "roles": [r for r, _ in roles.most_common()],
        "party": party_counts.most_common(1)[0][0] if party_counts else None,
        "aliases": [a for a, _ in names.most_common(10)],
        "articles": len({r[4] for r in rows}),
    }


def actor_quotes(connection: Connection, name: str, limit: int) -> tuple[Extracts, bool]:
    """The latest ``limit`` quotes of ``name`` by their day (date, else report's day;
    ties by row, newest first) and every reviewed quote (the caller keeps those that
    are, as reviewed, theirs); and whether the quotes were cut at ``limit``. Read as in
    :func:`position_reports`: the latest dated and the latest undated, merged."""
    dated = (
        select(quotes.c.id, quotes.c.date.label("day"))
        .where(quotes.c.speaker == name, quotes.c.date.is_not(None))
        .order_by(quotes.c.date.desc(), quotes.c.id.desc())
    )
    undated = (
        select(quotes.c.id, articles.c.published.label("day"))
        .join(articles, articles.c.id == quotes.c.article_id)
        .where(quotes.c.speaker == name, quotes.c.date.is_(None))
        .order_by(articles.c.published.desc().nulls_last(), quotes.c.id.desc())
    )
    both = [*connection.execute(dated.limit(limit)), *connection.execute(undated.limit(limit))]
    both.sort(key=lambda r: (r.day is not None, r.day or dt.date.min, r.id), reverse=True)
    wanted = [r.id for r in both[:limit]]
    read = connection.execute(select(quotes).where(quotes.c.id.in_(wanted))).mappings()
    by_id = {r["id"]: r for r in read}
    rows = [by_id[i] for i in wanted if i in by_id]
    truncated = len(both) >= limit
    return extracts(connection, "quotes", _with_corrected(connection, "quotes", rows)), truncated


def article_page(connection: Connection, page: int, size: int) -> tuple[list[dict[str, Any]], bool]:
    """One page of the articles, newest first (``size + 1`` read to know if more
    follow), each with whether an analyst reviewed anything in it."""
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
            .limit(size + 1)
            .offset((page - 1) * size)
        )
        .mappings()
        .all()
    )
    ids = [r["id"] for r in rows]
    reviewed: set[str] = set()
    if ids:
        query = select(corrections.c.article_id).where(corrections.c.article_id.in_(ids))
        reviewed = set(connection.execute(query.distinct()).scalars())
    items = [{**dict(r), "reviewed": r["id"] in reviewed} for r in rows[:size]]
    return items, len(rows) > size


def snippet_pieces(marked: str | None) -> list[dict[str, Any]]:
    """A snippet as pieces of plain text, matches flagged (a template escapes them)."""
    pieces = []
    for i, part in enumerate((marked or "").replace(q.HIT_END, q.HIT_START).split(q.HIT_START)):
        if part:
            pieces.append({"text": part, "hit": i % 2 == 1})
    return pieces


def search_articles(
    connection: Connection, words: str | None, sf: q.SearchFilters, limit: int
) -> list[dict[str, Any]]:
    """Articles holding every word and matching the filters (see
    :func:`dragoman.store.queries.search_articles`), snippets as pieces."""
    rows = q.search_articles(connection, words, sf, limit=limit)
    return [{**r, "snippet": snippet_pieces(r["snippet"])} for r in rows]


def search_quotes(
    connection: Connection, words: str | None, sf: q.SearchFilters, limit: int
) -> list[dict[str, Any]]:
    """Quotes holding every word and matching the filters, snippets as pieces (see
    :func:`_search_quotes`)."""
    rows = _search_quotes(connection, words, sf, limit)
    for row in rows:
        row["snippet"] = snippet_pieces(row["snippet"])
        row.setdefault("review", "machine")
    return rows


def _search_quotes(
    connection: Connection, words: str | None, sf: q.SearchFilters, limit: int
) -> list[dict[str, Any]]:
    """Quotes holding every word and matching the filters (see
    :func:`dragoman.store.queries.search_quotes`); reviewed quotes are matched on their
    reviewed values (rejected ones left out), each row with its ``review`` status."""
    corrected = corrected_ids(connection, "quotes")
    rows = q.search_quotes(connection, words, sf, limit=limit, exclude=corrected)
    if not corrected:
        return rows
    extra = q.search_quotes(
        connection, words, sf, limit=len(corrected), only=corrected, use_filters=False
    )
    states = states_of(
        load_corrections(connection, target="quotes", target_ids=[r["id"] for r in extra])
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
        rows.sort(key=lambda r: (_day(r) or dt.date.min, r["id"]), reverse=True)
    return rows[:limit]


def _same_name(a: str | None, b: str) -> bool:
    return a is not None and a.strip().casefold() == b.strip().casefold()


def _day(row: Mapping[Any, Any]) -> dt.date | None:
    return item_dating(row["date"], row["published"]).day


def _quote_wanted(connection: Connection, row: Mapping[Any, Any], sf: q.SearchFilters) -> bool:
    if sf.actor is not None and not _same_name(row["speaker"], sf.actor):
        return False
    if sf.party is not None and not _same_name(row["speaker"], sf.party):
        member = select(actors.c.id).where(
            actors.c.article_id == row["article_id"],
            actors.c.name == row["speaker"],
            actors.c.party == sf.party,
        )
        if connection.execute(member.limit(1)).first() is None:
            return False
    if sf.issue is not None:
        on_issue = select(positions.c.id).where(
            positions.c.article_id == row["article_id"], positions.c.issue == sf.issue
        )
        if connection.execute(on_issue.limit(1)).first() is None:
            return False
    day = _day(row)
    if day is None:
        return sf.since is None and sf.until is None
    return (sf.since is None or day >= sf.since) and (sf.until is None or day <= sf.until)


def titles(connection: Connection, article_ids: Sequence[str]) -> dict[str, str]:
    """The title (else the source) of each of these articles."""
    if not article_ids:
        return {}
    query: Select[Any] = select(
        articles.c.id, func.coalesce(articles.c.title, articles.c.source)
    ).where(articles.c.id.in_(sorted(set(article_ids))))
    return {k: v for k, v in connection.execute(query).all()}


def reviewed_count(connection: Connection) -> int:
    """How many articles an analyst reviewed anything in."""
    query = select(func.count(corrections.c.article_id.distinct()))
    return int(connection.execute(query).scalar_one())


# -- what changed since a day (dragoman.record.changes) ---------------------------------
# A report is new when it was published inside [since, until]; reports without a
# publication day are never new. Every read below is narrowed by the articles'
# published index, so the work grows with the reports of the period, not the store.

#: Earlier reports read per (party, issue, subject) to find the stance before ``since``.
PRIOR_PER_KEY = 5
#: Earlier event reports read to tell a new event from one already known.
EARLIER_EVENTS = 2000
#: How many days around a new event's date an earlier report of it is looked for.
EVENT_REACH = 30


def _published_in(table: Any, since: dt.date, until: dt.date | None) -> Select[Any]:
    query = (
        select(table)
        .join(articles, articles.c.id == table.c.article_id)
        .where(articles.c.published >= since)
    )
    return query if until is None else query.where(articles.c.published <= until)


def _prior_positions(
    connection: Connection, keys: set[tuple[str, str, str | None]], since: dt.date
) -> list[Mapping[Any, Any]]:
    """The latest few positions of each key in reports published before ``since``, by
    :func:`~dragoman.models.latest_key` (a dated report before any undated one): the
    latest dated ones, walked down the (party, issue, subject, date) index; the latest
    undated ones only where none is dated."""
    found: list[Mapping[Any, Any]] = []
    for party, issue, subject in sorted(keys, key=lambda k: (k[0], k[1], k[2] or "")):
        query = (
            select(positions)
            .join(articles, articles.c.id == positions.c.article_id)
            .where(
                positions.c.party == party,
                positions.c.issue == issue,
                positions.c.subject.is_(None)
                if subject is None
                else positions.c.subject == subject,
                articles.c.published < since,
            )
            .limit(PRIOR_PER_KEY)
        )
        dated = query.where(positions.c.date.is_not(None)).order_by(
            positions.c.date.desc(), positions.c.id.desc()
        )
        rows = connection.execute(dated).mappings().all()
        if not rows:
            undated = query.where(positions.c.date.is_(None)).order_by(
                articles.c.published.desc(), positions.c.id.desc()
            )
            rows = connection.execute(undated).mappings().all()
        found += rows
    return found


def _earlier_events(
    connection: Connection, rows: Sequence[Mapping[Any, Any]], since: dt.date
) -> list[Mapping[Any, Any]]:
    """Event reports published before ``since`` of the new events' types, dated within
    :data:`EVENT_REACH` days of them (the latest :data:`EARLIER_EVENTS`)."""
    dated = [r for r in rows if r["date"] is not None]
    if not dated:
        return []
    reach = dt.timedelta(days=EVENT_REACH)
    query = (
        select(events)
        .join(articles, articles.c.id == events.c.article_id)
        .where(
            events.c.type.in_(sorted({r["type"] for r in dated})),
            events.c.date >= min(r["date"] for r in dated) - reach,
            events.c.date <= max(r["date"] for r in dated) + reach,
            articles.c.published < since,
        )
        .order_by(events.c.date.desc(), events.c.id.desc())
        .limit(EARLIER_EVENTS)
    )
    return list(connection.execute(query).mappings().all())


def changes_reads(
    connection: Connection, since: dt.date, until: dt.date | None, window: int, speakers: int
) -> dict[str, Any]:
    """What :func:`dragoman.record.changes.what_changed` takes, as reviewed extractions:
    the positions, events and assessments of the new reports; the positions and
    assessments of the ``window`` days before ``since`` (for contradictions); the latest
    earlier positions of each (party, issue, subject) the new reports speak of; earlier
    reports of the new events' types near their dates; the most quoted speakers of the
    new reports; and the number of new reports."""
    before = since - dt.timedelta(days=window)
    new_positions = connection.execute(_published_in(positions, since, until)).mappings().all()
    keys = {(r["party"], r["issue"], r["subject"]) for r in new_positions}
    window_positions = connection.execute(
        _published_in(positions, before, since - dt.timedelta(days=1))
    ).mappings()
    new_events = connection.execute(_published_in(events, since, until)).mappings().all()
    assessment_rows = connection.execute(_published_in(assessments, before, until)).mappings()
    n = func.count().label("n")
    new_ids = select(articles.c.id).where(articles.c.published >= since)
    if until is not None:
        new_ids = new_ids.where(articles.c.published <= until)
    # From the new reports to their quotes (not every quote of a speaker to its report).
    spoke = select(quotes.c.speaker, n).where(
        quotes.c.article_id.in_(new_ids),
        quotes.c.speaker.is_not(None),
        quotes.c.speaker != "anonymous",
    )
    spoken = connection.execute(
        spoke.group_by(quotes.c.speaker).order_by(n.desc(), quotes.c.speaker).limit(speakers)
    ).all()
    count = select(func.count()).select_from(articles).where(articles.c.published >= since)
    if until is not None:
        count = count.where(articles.c.published <= until)
    return {
        "positions": extracts(connection, "positions", new_positions),
        "window_positions": extracts(connection, "positions", list(window_positions)),
        "prior_positions": extracts(
            connection, "positions", _prior_positions(connection, keys, before)
        ),
        "events": extracts(connection, "events", new_events),
        "earlier_events": extracts(
            connection, "events", _earlier_events(connection, new_events, since)
        ),
        "assessments": extracts(connection, "assessments", list(assessment_rows)),
        "speakers": [(name, int(k)) for name, k in spoken],
        "reports": int(connection.execute(count).scalar_one()),
    }


def contradiction_reads(
    connection: Connection, since: dt.date, until: dt.date | None, window: int
) -> dict[str, Extracts]:
    """What :func:`dragoman.record.changes.new_contradictions` takes, as reviewed
    extractions: the positions and assessments of the reports published in [``since``,
    ``until``] and of the ``window`` days before (the part of :func:`changes_reads` the
    contradictions page needs, without the earlier stances and events)."""
    before = since - dt.timedelta(days=window)
    new = connection.execute(_published_in(positions, since, until)).mappings().all()
    earlier = _published_in(positions, before, since - dt.timedelta(days=1))
    judged = connection.execute(_published_in(assessments, before, until)).mappings().all()
    return {
        "positions": extracts(connection, "positions", new),
        "window_positions": extracts(
            connection, "positions", connection.execute(earlier).mappings().all()
        ),
        "assessments": extracts(connection, "assessments", judged),
    }
