"""The timeline: the events merged across reports, by date."""

from __future__ import annotations

from typing import Any

from dragoman import record as rec
from dragoman.record.filters import Filters
from dragoman.store import Store
from dragoman.vocabulary import EVENT_TYPES
from dragoman.web.pages.finding import anchor, resolve, suggestions

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
    event reports in the range (and every reviewed one). Party and actor are matched to
    known names (``Lavrov``); ``matched`` and ``notes`` say how. Each source is labelled
    by its report (outlet, title, date) with the anchor of the event on its page."""
    filters, found_names = resolve(
        store, Filters.of(party=party, actor=actor, since=since, until=until)
    )
    party, actor = filters.party, filters.actor
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
    ids = {(x.article.id, x.value.start, x.value.end): x.id for x in found.items}
    events = []
    for event in merged:
        data = event.to_dict()
        for source in data["sources"]:
            ev = source["evidence"]
            ev["anchor"] = anchor("events", ids.get((ev["article_id"], ev["start"], ev["end"])))
        events.append(data)
    return {
        "filters": {**filters.to_dict(), "type": event_type},
        **found_names,
        "known": {**suggestions(store), "types": list(EVENT_TYPES)},
        "count": len(merged),
        "truncated": truncated,
        "events": events,
    }
