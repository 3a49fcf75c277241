"""Read-only questions asked of the store: the summary and the quote finder.

Written with SQLAlchemy Core expressions only, so every value is a bound parameter and
the SQL is the same on SQLite and PostgreSQL, but for the full-text index each has:
FTS5 tables on SQLite, columns of words with GIN indexes on PostgreSQL
(:mod:`dragoman.store.textsearch`), which find the same rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Table,
    column,
    exists,
    func,
    literal_column,
    or_,
    select,
    table,
    union,
)

from dragoman.store import textsearch
from dragoman.store.codec import column as column_of
from dragoman.store.schema import CHILD_TABLES, actors, articles, positions, quotes

TOP_SPEAKERS = 10


def item_day(items: Table) -> ColumnElement[Any]:
    """:attr:`dragoman.models.Dating.day` in SQL: where an item of ``items`` (quotes,
    positions...) stands in time, for sorting and date ranges only: its date, else its
    article's publication day (the query must join ``articles``). Never shown as the
    item's date."""
    return func.coalesce(items.c.date, articles.c.published)


def summary(connection: Connection, top: int = TOP_SPEAKERS) -> dict[str, Any]:
    """Counts, the span of publication dates, the most quoted speakers, the parties,
    and one stored report's source (the earliest), to point users at.

    Anonymous sources and unattributed quotes are left out of the speakers.
    """
    counts = {
        table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
        for table in (articles, *CHILD_TABLES)
    }
    first, last = connection.execute(
        select(func.min(articles.c.published), func.max(articles.c.published))
    ).one()
    n = func.count().label("n")
    speakers = connection.execute(
        select(quotes.c.speaker, n)
        .where(
            quotes.c.speaker.is_not(None),
            quotes.c.speaker != "anonymous",
            quotes.c.anonymous.is_(False),
        )
        .group_by(quotes.c.speaker)
        .order_by(n.desc(), quotes.c.speaker)
        .limit(top)
    ).all()
    parties = union(
        select(actors.c.name.label("party")).where(actors.c.kind == "party"),
        select(positions.c.party.label("party")),
    ).subquery()
    party_names = connection.execute(select(parties.c.party).order_by(parties.c.party)).scalars()
    sample = connection.execute(
        select(articles.c.source)
        .order_by(articles.c.published.nulls_last(), articles.c.id)
        .limit(1)
    ).scalar()
    return {
        "counts": counts,
        "published": {"first": first, "last": last},
        "top_speakers": [(name, count) for name, count in speakers],
        "parties": list(party_names),
        "sample_source": sample,
    }


# Columns of a quote row, under the dataclass field names.
_QUOTE_FIELDS = (
    "id", "article_id", "speaker", "text", "kind", "cue", "date",
    "start", "end", "anonymous", "speaker_text", "confidence",
)  # fmt: skip


def find_quotes(
    connection: Connection,
    speaker: str | None = None,
    party: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[dict[str, Any]]:
    """Quotes with their article's ``published``, ``title`` and ``source``.

    ``party`` matches a quote whose speaker is that party, or an actor of the same
    article who belongs to it. ``since``/``until`` are inclusive and apply to the date
    the quote was made, or the article's publication date where that is unknown.
    """
    when = item_day(quotes)
    query = select(
        *(quotes.c[column_of(name)].label(name) for name in _QUOTE_FIELDS),
        articles.c.published,
        articles.c.title,
        articles.c.source,
    ).join(articles, quotes.c.article_id == articles.c.id)
    if speaker is not None:
        query = query.where(quotes.c.speaker == speaker)
    if party is not None:
        member = exists().where(
            actors.c.article_id == quotes.c.article_id,
            actors.c.name == quotes.c.speaker,
            actors.c.party == party,
        )
        query = query.where(or_(quotes.c.speaker == party, member))
    if since is not None:
        query = query.where(when >= since)
    if until is not None:
        query = query.where(when <= until)
    query = query.order_by(when.nulls_last(), articles.c.id, quotes.c.id)
    return [dict(row) for row in connection.execute(query).mappings()]


# -- full-text search ---------------------------------------------------------------------

#: Markers around the matched words of a snippet; the web app escapes the snippet and
#: turns them into <mark> (they cannot occur in a report: ingest keeps text only).
HIT_START, HIT_END = "\x02", "\x03"
SNIPPET_WORDS = 24
#: A search ranks (bm25) the latest RANK_WINDOW matches that pass the filters (newest
#: stored first): FTS5 reads matches in rowid order and stops there, so that a common
#: word in a large store costs no more than a rare one.
RANK_WINDOW = 500
_WORD = re.compile(r"\w+", re.UNICODE)

quotes_fts = table("quotes_fts", column("rowid"), column("text"), column("speaker"))
articles_fts = table("articles_fts", column("article_id"), column("title"), column("body"))
#: The quotes as reviewed (migration 0005): on PostgreSQL, reviewed quotes are searched
#: on these words.
reviewed_quotes = table("reviewed_quotes", column("id"), column("text"), column("speaker"))


def search_terms(q: str | None) -> list[str]:
    """The words of a search, as FTS5 (and LIKE) take them: letters and digits only, so
    that nothing a user types is read as query syntax."""
    return _WORD.findall(q or "")[:20]


def fts_query(terms: list[str]) -> str:
    """An FTS5 query that needs every term (each quoted: no operators from the user);
    the last term also matches as a prefix."""
    parts = [f'"{t}"' for t in terms]
    if parts:
        parts[-1] += "*"
    return " ".join(parts)


def has_fts(connection: Connection) -> bool:
    """Whether the database has the FTS5 tables (SQLite from migration 0002 on)."""
    if connection.dialect.name != "sqlite":
        return False
    found = connection.execute(
        select(func.count())
        .select_from(table("sqlite_master", column("name"), column("type")))
        .where(column("type") == "table", column("name").in_(["quotes_fts", "articles_fts"]))
    ).scalar_one()
    return found == 2


@dataclass(frozen=True)
class SearchFilters:
    """What a search is narrowed to (all optional; dates inclusive)."""

    actor: str | None = None
    party: str | None = None
    issue: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None


def search_quotes(
    connection: Connection,
    q: str | None,
    filters: SearchFilters,
    *,
    limit: int = 50,
    exclude: Iterable[int] = (),
    only: Iterable[int] | None = None,
    use_filters: bool = True,
) -> list[dict[str, Any]]:
    """Quotes matching the words of ``q`` (all of them) and the filters, best match
    first among the latest :data:`RANK_WINDOW` matches (newest first without words);
    each with its article's published, title, source, outlet and url, and a
    ``snippet`` (matched words between :data:`HIT_START`/:data:`HIT_END`).

    ``exclude`` leaves rows out and ``only`` keeps only those rows (the web app reads
    the reviewed quotes apart: their words are matched as reviewed, as the full-text
    index holds them); ``use_filters=False`` ignores the filters.
    """
    terms = search_terms(q)
    when = item_day(quotes)
    columns = [
        *(quotes.c[column_of(name)].label(name) for name in _QUOTE_FIELDS),
        articles.c.published,
        articles.c.title,
        articles.c.source,
        articles.c.outlet,
        articles.c.url,
    ]
    query = _ranked_quotes(connection, columns, terms, reviewed=only is not None)
    ranked = query is not None
    if query is None:
        query = select(*columns).join(articles, quotes.c.article_id == articles.c.id)
        # A database without a full-text index: the fields FTS5 indexes.
        query = query.where(*has_words(connection, [quotes.c.text, quotes.c.speaker], terms))
        query = query.order_by(when.desc().nulls_last(), quotes.c.id.desc())
    if use_filters:
        query = filter_quotes(query, filters, when)
    excluded = sorted(set(exclude))
    if excluded:
        query = query.where(quotes.c.id.not_in(excluded))
    if only is not None:
        kept = sorted(set(only))
        if not kept:
            return []
        query = query.where(quotes.c.id.in_(kept))
    rows = [
        dict(row)
        for row in connection.execute(
            query.limit(max(limit, RANK_WINDOW) if ranked else limit)
        ).mappings()
    ]
    if ranked:
        rows = sorted(rows, key=lambda r: (r["rank"], -r["id"]))[:limit]
    for row in rows:
        row["snippet"] = make_snippet(row["text"], terms)
        row.setdefault("rank", None)
    return rows


def _ranked_quotes(
    connection: Connection, columns: list[Any], terms: list[str], *, reviewed: bool
) -> Any:
    """The quotes that hold every term through the full-text index, newest stored first
    and with their ``rank``; ``None`` without terms or without an index. ``reviewed``
    (PostgreSQL): match the words of the quotes as reviewed (the view
    ``reviewed_quotes``), which on SQLite the review writes into FTS5."""
    if not terms:
        return None
    if has_fts(connection):
        match = literal_column("quotes_fts").op("MATCH")(fts_query(terms))
        score = func.bm25(literal_column("quotes_fts"))
        return (
            select(*columns, score.label("rank"))
            .select_from(quotes_fts)
            .join(quotes, quotes.c.id == quotes_fts.c.rowid)
            .join(articles, articles.c.id == quotes.c.article_id)
            .where(match)
            .order_by(quotes_fts.c.rowid.desc())
        )
    if not textsearch.available(connection):
        return None
    words = textsearch.stored_words(quotes)
    if reviewed:
        words = textsearch.words_of(reviewed_quotes.c.text, reviewed_quotes.c.speaker)
    query = select(*columns, textsearch.rank(words, terms).label("rank")).join(
        articles, articles.c.id == quotes.c.article_id
    )
    if reviewed:
        query = query.join(reviewed_quotes, reviewed_quotes.c.id == quotes.c.id)
    return query.where(textsearch.matches(words, terms)).order_by(quotes.c.id.desc())


def filter_quotes(query: Any, filters: SearchFilters, when: Any) -> Any:
    if filters.actor is not None:
        query = query.where(quotes.c.speaker == filters.actor)
    if filters.party is not None:
        member = exists().where(
            actors.c.article_id == quotes.c.article_id,
            actors.c.name == quotes.c.speaker,
            actors.c.party == filters.party,
        )
        query = query.where(or_(quotes.c.speaker == filters.party, member))
    if filters.issue is not None:
        query = query.where(
            exists().where(
                positions.c.article_id == quotes.c.article_id, positions.c.issue == filters.issue
            )
        )
    if filters.since is not None:
        query = query.where(when >= filters.since)
    if filters.until is not None:
        query = query.where(when <= filters.until)
    return query


def search_articles(
    connection: Connection, q: str | None, filters: SearchFilters, *, limit: int = 50
) -> list[dict[str, Any]]:
    """Articles whose title or body hold every word of ``q`` and that match the filters
    (an actor or a party among their actors, a position on the issue, published in the
    range), best match first among the latest :data:`RANK_WINDOW` matches (newest first
    without words), each with a ``snippet``."""
    terms = search_terms(q)
    fields_ = [articles.c[name] for name in ("id", "source", "url", "outlet", "published", "title")]
    query = _ranked_articles(connection, fields_, terms)
    ranked = query is not None
    if query is None:
        query = select(*fields_).where(
            *has_words(connection, [articles.c.body, articles.c.title], terms)
        )
        query = query.order_by(articles.c.published.desc().nulls_last(), articles.c.id)
    query = filter_articles(query, filters)
    rows = [
        dict(row)
        for row in connection.execute(
            query.limit(max(limit, RANK_WINDOW) if ranked else limit)
        ).mappings()
    ]
    if ranked:
        rows = sorted(rows, key=lambda r: (r["rank"], r["id"]))[:limit]
    # The bodies of the shown rows only (a ranked search reads up to RANK_WINDOW rows).
    bodies = dict(
        connection.execute(
            select(articles.c.id, articles.c.body).where(articles.c.id.in_([r["id"] for r in rows]))
        ).all()
    )
    for row in rows:
        row["snippet"] = make_snippet(bodies.get(row["id"], ""), terms)
        row.setdefault("rank", None)
    return rows


def _ranked_articles(connection: Connection, fields_: list[Any], terms: list[str]) -> Any:
    """The articles that hold every term through the full-text index, newest stored
    first and with their ``rank``; ``None`` without terms or without an index."""
    if not terms:
        return None
    if has_fts(connection):
        match = literal_column("articles_fts").op("MATCH")(fts_query(terms))
        score = func.bm25(literal_column("articles_fts"))
        return (
            select(*fields_, score.label("rank"))
            .select_from(articles_fts)
            .join(articles, articles.c.id == articles_fts.c.article_id)
            .where(match)
            .order_by(literal_column("articles_fts.rowid").desc())
        )
    if not textsearch.available(connection):
        return None
    words = textsearch.stored_words(articles)
    return (
        select(*fields_, textsearch.rank(words, terms).label("rank"))
        .where(textsearch.matches(words, terms))
        .order_by(articles.c.ingested_at.desc(), articles.c.id.desc())
    )


def article_matches(connection: Connection, terms: list[str]) -> Any:
    """``select(articles.c.id)`` of the articles that hold every term (all of them
    without terms), for counting a search's matches."""
    if terms and has_fts(connection):
        match = literal_column("articles_fts").op("MATCH")(fts_query(terms))
        return (
            select(articles.c.id)
            .select_from(articles_fts)
            .join(articles, articles.c.id == articles_fts.c.article_id)
            .where(match)
        )
    if terms and textsearch.available(connection):
        words = textsearch.stored_words(articles)
        return select(articles.c.id).where(textsearch.matches(words, terms))
    return select(articles.c.id).where(
        *has_words(connection, [articles.c.body, articles.c.title], terms)
    )


def filter_articles(query: Any, filters: SearchFilters) -> Any:
    """``query`` over ``articles`` narrowed to the filters: an actor or a party among
    their actors (or a party with a position), a position on the issue, published in
    the range."""
    if filters.actor is not None:
        query = query.where(
            exists().where(actors.c.article_id == articles.c.id, actors.c.name == filters.actor)
        )
    if filters.party is not None:
        query = query.where(
            or_(
                exists().where(
                    actors.c.article_id == articles.c.id,
                    or_(actors.c.party == filters.party, actors.c.name == filters.party),
                ),
                exists().where(
                    positions.c.article_id == articles.c.id, positions.c.party == filters.party
                ),
            )
        )
    if filters.issue is not None:
        query = query.where(
            exists().where(
                positions.c.article_id == articles.c.id, positions.c.issue == filters.issue
            )
        )
    if filters.since is not None:
        query = query.where(articles.c.published >= filters.since)
    if filters.until is not None:
        query = query.where(articles.c.published <= filters.until)
    return query


def _like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def has_words(
    connection: Connection, columns: list[Any], terms: list[str]
) -> list[ColumnElement[bool]]:
    """Conditions that every term is in one of ``columns`` (a substring, LIKE), for a
    database without a full-text index. Terms are letters and digits only
    (:func:`search_terms`)."""
    return [or_(*(c.ilike(f"%{_like(term)}%", escape="\\") for c in columns)) for term in terms]


def make_snippet(text_: str, terms: list[str], words: int = SNIPPET_WORDS) -> str:
    """A snippet made in Python (where FTS5 is missing): the words around the first
    match, matches between :data:`HIT_START` and :data:`HIT_END`."""
    tokens = text_.split()
    folded = [t.casefold() for t in terms]
    first = next(
        (i for i, token in enumerate(tokens) if any(f in token.casefold() for f in folded)), 0
    )
    begin = max(0, first - words // 3)
    shown = tokens[begin : begin + words]
    marked = [
        f"{HIT_START}{t}{HIT_END}" if any(f in t.casefold() for f in folded) else t for t in shown
    ]
    prefix = "…" if begin > 0 else ""
    suffix = "…" if begin + words < len(tokens) else ""
    return prefix + " ".join(marked) + suffix
