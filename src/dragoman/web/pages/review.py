"""The review log: the audit trail, newest first."""

from __future__ import annotations

from typing import Any

from dragoman.store import Store


def review_log(store: Store, limit: int = 100) -> dict[str, Any]:
    """The audit trail, newest first, with the articles' titles."""
    trail = store.corrections(limit=limit)
    titles = store.titles([c.article_id for c in trail])
    return {
        "reviewed_articles": store.reviewed_count(),
        "corrections": [{**c.to_dict(), "title": titles.get(c.article_id)} for c in trail],
    }
