"""The review queue (what to check next, best first) and the audit trail."""

from __future__ import annotations

from typing import Any

from dragoman.models import item_dating
from dragoman.record.evidence import sentence_at
from dragoman.store import Store
from dragoman.web.pages.articles import KIND_OF, label

QUEUE_SIZE = 50
TRAIL_SIZE = 30


def review_log(store: Store, limit: int = TRAIL_SIZE, size: int = QUEUE_SIZE) -> dict[str, Any]:
    """The queue: extractions no one checked yet (in reports not marked reviewed), the
    lowest confidence first and, at equal confidence, those that make a cell of the
    matrix; each with its evidence. Then the audit trail, newest first."""
    waiting, queue = store.review_queue(size)
    items = []
    for target, x, feeds in queue:
        value, article = x.value, x.article
        data = {
            "target": target,
            "kind": KIND_OF[target],
            "ref": f"{KIND_OF[target]}-{x.id}",
            **value.to_dict(),
            "id": x.id,
            **item_dating(value.date, article.published).to_dict(),
            "label": label(target, value),
            "feeds_matrix": feeds,
            "evidence": sentence_at(article.body, value.start, value.end),
            "article_id": article.id,
            "title": article.title or article.source,
        }
        items.append(data)
    trail = store.corrections(limit=limit)
    titles = store.titles([c.article_id for c in trail])
    return {
        "waiting": waiting,
        "queue": items,
        "reviewed_articles": store.reviewed_count(),
        "marked_articles": len(store.reviewed_ids()),
        "corrections": [{**c.to_dict(), "title": titles.get(c.article_id)} for c in trail],
    }
