"""Search: quotes and articles holding every word, with filters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dragoman.models import item_dating
from dragoman.record.filters import Filters
from dragoman.store import Store
from dragoman.web.pages import iso

SEARCH_LIMIT = 50


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
    filters by actor, party, issue and date range; best match first. A quote's date
    range is matched on its day (its date, else its report's); an undated quote is
    shown undated."""
    filters = Filters.of(
        party=args.party, issue=args.issue, actor=args.actor, since=args.since, until=args.until
    )
    scope = args.scope if args.scope in ("all", "quotes", "articles") else "all"
    result: dict[str, Any] = {
        "q": args.q or "",
        "terms": store.search_terms(args.q),
        "scope": scope,
        "filters": filters.to_dict(),
        "quotes": [],
        "articles": [],
    }
    searched = bool(result["terms"]) or any(filters.to_dict().values())
    result["searched"] = searched
    if not searched:
        return result
    narrowed = {
        "actor": filters.actor,
        "party": filters.party,
        "issue": filters.issue,
        "since": filters.since,
        "until": filters.until,
    }
    if scope in ("all", "quotes"):
        rows = store.search_quotes(args.q, SEARCH_LIMIT, **narrowed)
        result["quotes"] = [_quote(row) for row in rows]
    if scope in ("all", "articles"):
        rows = store.search_articles(args.q, SEARCH_LIMIT, **narrowed)
        result["articles"] = [{**r, "published": iso(r["published"])} for r in rows]
    return result


def _quote(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "article_id": row["article_id"],
        "speaker": row["speaker"],
        "text": row["text"],
        "kind": row["kind"],
        **item_dating(row["date"], row["published"]).to_dict(),
        "published": iso(row["published"]),
        "title": row["title"] or row["source"],
        "review": row["review"],
        "snippet": row["snippet"],
    }
