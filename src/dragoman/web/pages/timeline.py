"""The timeline: the events merged across reports, by date, a page at a time.

A page reads the latest :data:`TIMELINE_LIMIT` dated event reports up to ``until``
and merges them; when more are left, the events of the earliest day read (perhaps
only part of its reports) are left to the next page, which ``earlier`` names (its
``until``). Reading 2,000 reports for one page took 150 ms and made a page of 1 MB
at 100,000 reports.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dragoman import record as rec
from dragoman.record.filters import Filters
from dragoman.store import Store
from dragoman.vocabulary import EVENT_TYPES
from dragoman.web.pages.finding import anchor, resolve, suggestions

TIMELINE_LIMIT = 300  # dated event reports read for a page of the timeline


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
    merged, earlier = _page(merged, found.items, truncated)
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
        "earlier": earlier.isoformat() if earlier else None,
        "events": events,
    }


def _page(merged: list[Any], items: list[Any], truncated: bool) -> tuple[list[Any], dt.date | None]:
    """The events of this page, and the ``until`` of the next (None: none follows).
    When the reports were cut, the earliest day read may be incomplete: its events go
    to the next page, unless the page holds nothing else (then the next starts the day
    before)."""
    if not truncated:
        return merged, None
    edge = min((x.value.date for x in items if x.value.date is not None), default=None)
    if edge is None:
        return merged, None
    later = [e for e in merged if e.date is None or e.date > edge]
    if any(e.date is not None for e in later):
        return later, edge
    return merged, edge - dt.timedelta(days=1)
