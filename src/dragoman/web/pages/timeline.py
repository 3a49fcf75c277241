"""The timeline: the events merged across reports, by date."""

from __future__ import annotations

from typing import Any

from dragoman import record as rec
from dragoman.record.filters import Filters
from dragoman.store import Store

TIMELINE_LIMIT = 2000  # event reports read for the timeline page


def timeline(
    store: Store,
    party: str | None = None,
    actor: str | None = None,
    event_type: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> dict[str, Any]:
    """The events merged across reports, by date: the latest :data:`TIMELINE_LIMIT`
    event reports in the range (and every reviewed one)."""
    filters = Filters.of(party=party, actor=actor, since=since, until=until)
    found, truncated = store.event_reports(
        since=filters.since,
        until=filters.until,
        event_type=event_type,
        limit=TIMELINE_LIMIT,
        # Affiliations (who belongs to which party) come from the articles' actors.
        with_actors=bool(party),
    )
    merged = rec.timeline(
        found.records(),
        party=party,
        actor=actor,
        event_type=event_type,
        since=filters.since,
        until=filters.until,
    )
    return {
        "filters": {**filters.to_dict(), "type": event_type},
        "count": len(merged),
        "truncated": truncated,
        "events": [e.to_dict() for e in merged],
    }
