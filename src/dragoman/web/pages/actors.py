"""The actors: the most quoted speakers and the parties; one actor and their quotes."""

from __future__ import annotations

from collections import Counter
from typing import Any

from dragoman.errors import NotFound
from dragoman.models import item_dating
from dragoman.record.filters import same_name
from dragoman.store import Store
from dragoman.web.pages import iso
from dragoman.web.pages.finding import anchor, described, names

ACTOR_QUOTES = 500


def actor_list(store: Store, limit: int = 200) -> dict[str, Any]:
    """The most quoted speakers, and the parties, with role and party where known."""
    speakers = store.speakers(limit)
    infos = store.actor_infos([name for name, _ in speakers])
    people = [{"name": name, "quotes": count, **infos[name]} for name, count in speakers]
    return {"speakers": people, "parties": store.parties()}


def actor(store: Store, name: str) -> dict[str, Any]:
    """One actor: role, party and aliases, and its quotes over time (reviewed); an
    undated quote stays undated, and counts in the month of its report. A surname or an
    alias finds the actor (``Medinsky``: Vladimir Medinsky); ``matched`` says so."""
    match = names(store).actor(name)
    given, name = name, match.value if match.known else name
    info = store.actor_info(name)
    found, truncated = store.actor_quotes(name, ACTOR_QUOTES)
    theirs = [x for x in found.items if same_name(x.value.speaker, name)]
    if not theirs and not info["articles"]:
        raise NotFound(f"no actor named {given!r}")
    listed = []
    for x in theirs:
        quote, article = x.value, x.article
        dating = item_dating(quote.date, article.published)
        listed.append(
            (
                (iso(dating.day) or "", x.id),
                {
                    "id": x.id,
                    **dating.to_dict(),
                    "kind": quote.kind,
                    "cue": quote.cue,
                    "text": quote.text,
                    "review": x.status,
                    "article_id": article.id,
                    "anchor": anchor("quotes", x.id),
                    "title": article.title,
                    "source": article.source,
                    "outlet": article.outlet,
                    "published": iso(article.published),
                    "url": article.url,
                },
            )
        )
    listed.sort(key=lambda pair: pair[0])
    months = Counter((day or "undated")[:7] for (day, _), _ in listed)
    most = max(months.values(), default=0)
    return {
        "name": name,
        "given": given,
        **described([match] if match.known else []),
        **info,
        "quote_count": len(listed),
        "truncated": truncated,
        "by_month": [{"month": m, "quotes": c, "max": most} for m, c in sorted(months.items())],
        "quotes": [item for _, item in listed],
    }
