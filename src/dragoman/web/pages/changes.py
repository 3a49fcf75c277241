"""What changed since a day (``/changes``) and the contradictions side by side
(``/contradictions``): both read the reports of a period of publication days through
the store (:meth:`Store.changes_reads <dragoman.store.Store.changes_reads>`, and its
part :meth:`~dragoman.store.Store.contradiction_reads`) and compute with
:mod:`dragoman.record.changes` (the one definition of "new").

Both are paged: a busy week of a large store holds thousands of stance changes and
contradictions, and a page (HTML or JSON) of all of them weighed megabytes. Each list
shows :data:`PAGE_SIZE` items a page with its total (``totals``) and the number of
pages, as ``/search`` does; the Markdown brief is that of the page shown.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from dragoman import record as rec
from dragoman.record.contradictions import DEFAULT_WINDOW
from dragoman.store import Store

#: The period the contradictions page covers by default: the last days of the record.
CONTRADICTION_DAYS = 90
PAGE_SIZE = 50  # items of each list a page
MAX_PAGE = 1000


def _pages(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))


def _cut(items: list[Any], page: int) -> list[Any]:
    return items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]


def changes(
    store: Store, since: str | None = None, until: str | None = None, page: int = 1
) -> dict[str, Any]:
    """The brief: new and changed stances, events, contradictions, speakers since a day
    (by default the last week of the record), :data:`PAGE_SIZE` of each list a page
    with their totals, and that page as Markdown."""
    page = max(1, min(page, MAX_PAGE))
    # Contradictions are drawn up to this page and one more (a dense week holds
    # thousands); their total is then "at least", and ``more`` says whether others follow.
    wanted = page * PAGE_SIZE + 1
    found = rec.changes_in(store, since or None, until or None, contradictions_limit=wanted)
    more = len(found.contradictions) >= wanted
    totals = {
        "stances": len(found.stances),
        "events": len(found.events),
        "contradictions": len(found.contradictions) - more,
    }
    shown = dataclasses.replace(
        found,
        stances=_cut(found.stances, page),
        events=_cut(found.events, page),
        contradictions=_cut(found.contradictions, page),
    )
    return {
        **shown.to_dict(),
        "markdown": rec.changes_markdown(shown),
        "totals": totals,
        "more_contradictions": more,
        "page": page,
        "per_page": PAGE_SIZE,
        "pages": max(_pages(max(totals.values())), page + more),
    }


def contradictions(
    store: Store,
    party: str | None = None,
    issue: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    window: int = DEFAULT_WINDOW,
    page: int = 1,
) -> dict[str, Any]:
    """Claims that disagree, with a side in a report published in the period (by
    default the last :data:`CONTRADICTION_DAYS` days of the record), each with the two
    pieces of evidence; :data:`PAGE_SIZE` a page, earliest first, with the total."""
    filters = rec.Filters.of(party=party, issue=issue, actor=actor, since=since, until=until)
    start = filters.since
    if start is None:
        _, last = store.published_span()
        start = (last or dt.date.today()) - dt.timedelta(days=CONTRADICTION_DAYS)
    page = max(1, min(page, MAX_PAGE))
    wanted = page * PAGE_SIZE + 1  # this page and one more: whether others follow
    reads = store.contradiction_reads(start, filters.until, window)
    found = rec.new_contradictions(
        [*reads["window_positions"].items, *reads["positions"].items],
        reads["assessments"].items,
        start,
        window,
        limit=wanted,
        party=filters.party,
        issue=filters.issue,
        actor=filters.actor,
    )
    more = len(found) >= wanted
    return {
        "filters": {**filters.to_dict(), "since": start.isoformat(), "window": window},
        "count": len(found) - more,
        "more": more,
        "page": page,
        "per_page": PAGE_SIZE,
        "pages": _pages(len(found)),
        "contradictions": [
            {**c.to_dict(), "sources": [a.to_dict(), b.to_dict()]} for c, a, b in _cut(found, page)
        ],
    }
