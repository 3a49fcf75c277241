"""What changed since a day (``/changes``) and the contradictions side by side
(``/contradictions``): both read the reports of a period of publication days through
:meth:`Store.changes_reads <dragoman.store.Store.changes_reads>` and compute with
:mod:`dragoman.record.changes` (the one definition of "new")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dragoman import record as rec
from dragoman.record.contradictions import DEFAULT_WINDOW
from dragoman.store import Store

#: The period the contradictions page covers by default: the last days of the record.
CONTRADICTION_DAYS = 90


def changes(store: Store, since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """The brief: new and changed stances, events, contradictions, speakers since a day
    (by default the last week of the record), and the same as Markdown."""
    found = rec.changes_in(store, since or None, until or None)
    return {**found.to_dict(), "markdown": rec.changes_markdown(found)}


def contradictions(
    store: Store,
    party: str | None = None,
    issue: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    window: int = DEFAULT_WINDOW,
) -> dict[str, Any]:
    """Claims that disagree, with a side in a report published in the period (by
    default the last :data:`CONTRADICTION_DAYS` days of the record), each with the two
    pieces of evidence."""
    filters = rec.Filters.of(party=party, issue=issue, actor=actor, since=since, until=until)
    start = filters.since
    if start is None:
        _, last = store.published_span()
        start = (last or dt.date.today()) - dt.timedelta(days=CONTRADICTION_DAYS)
    reads = store.changes_reads(start, filters.until, window, speakers=0)
    found = rec.new_contradictions(
        [*reads["window_positions"].items, *reads["positions"].items],
        reads["assessments"].items,
        start,
        window,
        party=filters.party,
        issue=filters.issue,
        actor=filters.actor,
    )
    return {
        "filters": {**filters.to_dict(), "since": start.isoformat(), "window": window},
        "count": len(found),
        "contradictions": [
            {**c.to_dict(), "sources": [a.to_dict(), b.to_dict()]} for c, a, b in found
        ],
    }
