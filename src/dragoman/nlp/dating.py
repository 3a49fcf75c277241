"""The one rule for the day of a statement: a quote, a stance, an assessment.

The day is the date of the time expression that places the words (in their
attribution or their sentence). A time expression that names no single day ("in
April 2025", "last week") gives None: the text places the words at a vaguer time, and
that deliberate null must stay null rather than fall back to the day of the report.
With no time expression at all, the day of the same speaker's earlier words (when the
caller knows them), else the day of the report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from dragoman.nlp.extensions import TimeExpression


@dataclass(frozen=True)
class Earlier:
    """The day of earlier words the item continues (None: those named no day)."""

    date: dt.date | None


def times_in(doc: Doc, sent: Span, outside: Sequence[tuple[int, int]] = ()) -> list[TimeExpression]:
    """The time expressions that start in a sentence, in text order, leaving out those
    inside the ``outside`` stretches (quotations)."""
    return [
        time
        for time in doc._.times or []
        if sent.start_char <= time.start < sent.end_char
        and not any(s <= time.start < e for s, e in outside)
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
