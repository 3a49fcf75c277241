"""The front page: what the store holds, the parties, the matrix, the latest events and
the latest judgements of each side."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dragoman import record as rec
from dragoman.models import item_dating
from dragoman.record.evidence import Evidence
from dragoman.store import Store
from dragoman.web.pages import iso
from dragoman.web.pages.matrix import matrix

OVERVIEW_EVENTS = 40  # event reports read for the overview's timeline
OVERVIEW_TIMELINE = 12  # merged events shown there
SIDE_ASSESSMENTS = 3  # latest judgements shown per side


def overview(store: Store) -> dict[str, Any]:
    first, last = store.published_span()
    return {
        "database": store.name,
        "counts": store.counts(),
        "published": {"first": iso(first), "last": iso(last)},
        "parties": store.parties(),
        "matrix": matrix(store),
        "timeline": latest_events(store),
        "assessments": latest_assessments(store),
    }


def latest_events(store: Store) -> list[dict[str, Any]]:
    """The latest events, merged across reports: the latest dated event reports (and
    every reviewed one)."""
    merged = rec.timeline(store.latest_events(OVERVIEW_EVENTS).records())
    dated = [e for e in merged if e.date is not None]
    return [e.to_dict() for e in dated[-OVERVIEW_TIMELINE:]]


def latest_assessments(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Per side, its latest judgements of the talks, newest first."""
    found: dict[str, list[dict[str, Any]]] = {}
    for party, extracts in store.side_assessments(SIDE_ASSESSMENTS).items():
        items = []
        for x in extracts.items:
            value, article = x.value, x.article
            dating = item_dating(value.date, article.published)
            items.append(
                (
                    (dating.day or dt.date.min, x.id),
                    {
                        "id": x.id,
                        "actor": value.actor,
                        "polarity": value.polarity,
                        **dating.to_dict(),
                        "summary": value.summary,
                        "review": x.status,
                        "evidence": Evidence.of(article, value.start, value.end).to_dict(),
                        "title": article.title,
                    },
                )
            )
        items.sort(key=lambda pair: pair[0], reverse=True)
        found[party] = [item for _, item in items]
    return found
