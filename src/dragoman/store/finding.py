"""Finding things in the store: search results a page at a time with the total, and
the names the store knows (actors and parties, with aliases) for matching what a
person types (see :mod:`dragoman.record.matching`). :class:`Store` exposes each as a
method; nothing here writes.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from sqlalchemy import Connection, String, cast, func, literal_column, select

from dragoman.store import queries as q
from dragoman.store.pages import parties, search_articles, search_quotes
from dragoman.store.schema import actors

#: Search totals are counted up to ``cap``, by default as many as a search ranks
#: (queries.RANK_WINDOW): a total of ``cap`` means "at least as many".
COUNT_CAP = q.RANK_WINDOW


def search_quote_page(
    connection: Connection,
    words: str | None,
    sf: q.SearchFilters,
    page: int,
    size: int,
    cap: int = COUNT_CAP,
) -> tuple[list[dict[str, Any]], int]:
    """One page of :func:`search_quotes` (``page`` from 1) and how many quotes match in
    all (up to ``cap``), reviewed ones counted as reviewed."""
    # A search ranks its latest ``cap`` matches anyway: read them all, count them, and
    # cut the page (more than ``cap`` matches are then "at least cap").
    offset = (page - 1) * size
    found = search_quotes(connection, words, sf, max(cap, offset + size))
    return found[offset : offset + size], min(len(found), cap)


def search_article_page(
    connection: Connection,
    words: str | None,
    sf: q.SearchFilters,
    page: int,
    size: int,
    cap: int = COUNT_CAP,
) -> tuple[list[dict[str, Any]], int]:
    """One page of :func:`search_articles` (``page`` from 1) and how many match in all
    (up to ``cap``)."""
    offset = (page - 1) * size
    rows = search_articles(connection, words, sf, offset + size)[offset:]
    terms = q.search_terms(words)
    if terms and sf == q.SearchFilters() and q.has_fts(connection):
        # Words alone: the full-text index alone answers.
        match = literal_column("articles_fts").op("MATCH")(q.fts_query(terms))
        alone = select(q.articles_fts.c.article_id).where(match)
        return rows, _counted(connection, alone, cap)
    query = q.article_matches(connection, terms)
    return rows, _counted(connection, q.filter_articles(query, sf), cap)


def _counted(connection: Connection, query: Any, cap: int) -> int:
    """How many rows ``query`` gives, counted up to ``cap`` (a common word in a large
    store matches more than anyone pages through: counting them all would cost more
    than the search)."""
    capped = select(func.count()).select_from(query.limit(cap).subquery())
    return int(connection.execute(capped).scalar_one())


_KNOWN: dict[int, tuple[Any, dict[str, list[dict[str, Any]]]]] = {}


def known_names(connection: Connection) -> dict[str, list[dict[str, Any]]]:
    """The names of the actors and of the parties, each with its aliases and in how many
    reports it appears (``{"actors": [...], "parties": [...]}``), for matching what a
    person types. Read once per database and kept until an actor is added."""
    # Each of min() and max() alone is one look-up in SQLite; together they are a scan.
    first = connection.execute(select(func.min(actors.c.id))).scalar()
    last = connection.execute(select(func.max(actors.c.id))).scalar()
    key = (str(connection.engine.url), first, last)
    cached = _KNOWN.get(id(connection.engine))
    if cached is not None and cached[0] == key:
        return cached[1]
    n = func.count(actors.c.article_id.distinct())
    reports: Counter[str] = Counter()
    kinds: dict[str, str] = {}
    for name, kind, count in connection.execute(
        select(actors.c.name, actors.c.kind, n).group_by(actors.c.name, actors.c.kind)
    ).all():
        reports[name] += count
        if kind == "party" or name not in kinds:
            kinds[name] = kind
    aliases: dict[str, set[str]] = {}
    written = cast(actors.c.aliases, String).label("aliases")
    for name, text_ in connection.execute(
        select(actors.c.name, written).group_by(actors.c.name, written)
    ).all():
        for alias in json.loads(text_ or "[]"):
            if isinstance(alias, str) and alias != name:
                aliases.setdefault(name, set()).add(alias)

    def entry(name: str) -> dict[str, Any]:
        return {"name": name, "aliases": sorted(aliases.get(name, ())), "reports": reports[name]}

    party_names = set(parties(connection)) | {k for k, v in kinds.items() if v == "party"}
    found = {
        "actors": [entry(name) for name in sorted(reports)],
        "parties": [entry(name) for name in sorted(party_names)],
    }
    if len(_KNOWN) > 16:
        _KNOWN.clear()
    _KNOWN[id(connection.engine)] = (key, found)
    return found
