"""The one rule for the day of a statement: a quote, a stance, an assessment.

The day is the date of the time expression that places the words (in their
attribution or their sentence). A time expression that names no single day ("in
April 2025", "last week") gives None: the text places the words at a vaguer time, and
that deliberate null must stay null rather than fall back to the day of the report.
With no time expression at all, the day of the same speaker's earlier words (when the
caller knows them), else the day of the report.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from dragoman.nlp.extensions import TimeExpression

#: Where ``times_in`` keeps the sorted starts of a Doc's time expressions.
_STARTS = "dragoman.dating.time_starts"


@dataclass(frozen=True)
class Earlier:
    """The day of earlier words the item continues (None: those named no day)."""

    date: dt.date | None


def times_in(doc: Doc, sent: Span, outside: Sequence[tuple[int, int]] = ()) -> list[TimeExpression]:
    """The time expressions that start in a sentence, in text order, leaving out those
    inside the ``outside`` stretches (quotations)."""
    times: list[TimeExpression] = list(doc._.times or [])
    cached = doc.user_data.get(_STARTS)
    if cached is None or cached[0] is not doc._.times or len(cached[1]) != len(times):
        # The starts, sorted, once per Doc: each sentence then costs a bisection, not
        # a pass over every time expression of the report.
        order = sorted(range(len(times)), key=lambda k: times[k].start)
        cached = (doc._.times, [times[k].start for k in order], order)
        doc.user_data[_STARTS] = cached
    _, starts, order = cached
    first = bisect.bisect_left(starts, sent.start_char)
    last = bisect.bisect_left(starts, sent.end_char)
    return [
        time
        for time in (times[k] for k in sorted(order[first:last]))
        if not any(s <= time.start < e for s, e in outside)
    ]


def placing_time(times: Sequence[TimeExpression], near: int | None = None) -> TimeExpression | None:
    """The time expression that places an item: the first; or, given the offset of
    the item's cue, the nearest that names a day, else the nearest."""
    if not times:
        return None
    if near is None:
        return times[0]
    return min(times, key=lambda t: (t.date is None, abs(t.start - near)))


def date_item(
    doc: Doc,
    time: TimeExpression | None,
    earlier: Iterable[Callable[[], Earlier | None]] = (),
) -> dt.date | None:
    """The day of a quote, stance or assessment (see the module's rule): ``time`` is
    the expression that places it, if any; ``earlier`` are asked in turn for the day
    of earlier words it continues."""
    if time is not None:
        # A vaguer time ("in April 2025", "last week") names no day: None.
        return time.date
    for ask in earlier:
        found = ask()
        if found is not None:
            return found.date
    published: dt.date | None = doc._.published
    return published
