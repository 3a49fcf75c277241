"""Search: quotes and articles holding every word, with filters, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dragoman.models import item_dating
from dragoman.record.filters import Filters
from dragoman.store import Store
from dragoman.web.pages import iso
from dragoman.web.pages.finding import anchor, resolve, suggestions

SEARCH_LIMIT = 50  # results per page, of quotes and of reports each
COUNT_CAP = 500  # totals are counted up to here ("500+"): as many as a search ranks
MAX_PAGE = 200


@dataclass(frozen=True)
class SearchArgs:
    q: str | None = None
    scope: str = "all"  # all, quotes or articles
    actor: str | None = None
    party: str | None = None
    issue: str | None = None
    since: str | None = None
    until: str | None = None
    page: int = 1


def search(store: Store, args: SearchArgs) -> dict[str, Any]:
    """Quotes and articles holding every word of ``q`` (full text: SQLite FTS5), with
    filters by actor, party, issue and date range; best match first, :data:`SEARCH_LIMIT`
    of each a page, with the totals (counted up to :data:`COUNT_CAP`: a total of
    ``count_cap`` means at least as many). Actor, party and issue are matched to known names
    and issue words (``Lavrov``, ``NATO``); ``matched`` and ``notes`` say how. A quote's
    date range is matched on its day (its date, else its report's); an undated quote is
    shown undated."""
    given = Filters.of(
        party=args.party, issue=args.issue, actor=args.actor, since=args.since, until=args.until
    )
    filters, found = resolve(store, given)
    scope = args.scope if args.scope in ("all", "quotes", "articles") else "all"
    page = max(1, min(args.page, MAX_PAGE))
    result: dict[str, Any] = {
        "q": args.q or "",
        "terms": store.search_terms(args.q),
        "scope": scope,
        "filters": filters.to_dict(),
        "given": given.to_dict(),
        **found,
        "known": suggestions(store),
        "quotes": [],
        "articles": [],
        "quote_total": 0,
        "article_total": 0,
        "page": page,
        "per_page": SEARCH_LIMIT,
        "count_cap": COUNT_CAP,
        "pages": 0,
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
        rows, total = store.search_quote_page(args.q, page, SEARCH_LIMIT, COUNT_CAP, **narrowed)
        result["quotes"] = [_quote(row) for row in rows]
        result["quote_total"] = total
    if scope in ("all", "articles"):
        rows, total = store.search_article_page(args.q, page, SEARCH_LIMIT, COUNT_CAP, **narrowed)
        result["articles"] = [_article(row) for row in rows]
        result["article_total"] = total
    most = max(result["quote_total"], result["article_total"])
    result["pages"] = min(MAX_PAGE, -(-most // SEARCH_LIMIT))
    return result


def _quote(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "article_id": row["article_id"],
        "anchor": anchor("quotes", row["id"]),
        "speaker": row["speaker"],
        "text": row["text"],
        "kind": row["kind"],
        **item_dating(row["date"], row["published"]).to_dict(),
        "published": iso(row["published"]),
        "title": row["title"],
        "source": row["source"],
        "outlet": row.get("outlet"),
        "url": row.get("url"),
        "review": row["review"],
        "snippet": row["snippet"],
    }


def _article(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "title": row["title"],
        "source": row["source"],
        "outlet": row["outlet"],
        "url": row["url"],
        "published": iso(row["published"]),
        "snippet": row["snippet"],
        "rank": row.get("rank"),
    }
