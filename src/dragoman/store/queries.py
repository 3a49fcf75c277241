"""Read-only questions asked of the store: the summary and the quote finder.

Written with SQLAlchemy Core expressions only, so every value is a bound parameter and
the SQL is the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, exists, func, or_, select, union

from dragoman.store.codec import column
from dragoman.store.schema import CHILD_TABLES, actors, articles, positions, quotes

TOP_SPEAKERS = 10


def summary(connection: Connection, top: int = TOP_SPEAKERS) -> dict[str, Any]:
    """Counts, the span of publication dates, the most quoted speakers, the parties.

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
    return {
        "counts": counts,
        "published": {"first": first, "last": last},
        "top_speakers": [(name, count) for name, count in speakers],
        "parties": list(party_names),
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
    when = func.coalesce(quotes.c.date, articles.c.published)
    query = select(
        *(quotes.c[column(name)].label(name) for name in _QUOTE_FIELDS),
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
