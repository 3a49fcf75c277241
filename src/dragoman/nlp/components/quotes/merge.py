"""One reading per stretch of words: quotations (in marks) against clauses (the
words a cue governs), in time linear in their number (a sort and bisections)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from dragoman.models import Quote


@dataclass(frozen=True)
class Candidate:
    """A quote and where it was read: ``quotation`` (inside marks) or ``clause``
    (the words a cue governs, with or without quoted words in them)."""

    quote: Quote
    origin: str


def merge(candidates: list[Candidate]) -> list[Quote]:
    """The quotes of a report, in text order:

    - of nested clauses, the innermost ("X said Y said that …": Y's words);
    - a clause that overlaps a quotation standing alone (direct) gives way to it;
    - a quoted fragment inside a clause ("X said it was “totally inappropriate” to
      …") gives way to the clause, which is then a mixed quote.
    """
    clauses = sorted(
        (c.quote for c in candidates if c.origin == "clause"), key=lambda q: (q.start, -q.end)
    )
    quotations = sorted(
        (c.quote for c in candidates if c.origin != "clause"), key=lambda q: q.start
    )
    clauses = _innermost(clauses)
    direct = [q for q in quotations if q.kind == "direct"]
    d_starts = [q.start for q in direct]
    d_ends = sorted(q.end for q in direct)
    kept_clauses = []
    for clause in clauses:
        # Directs overlapping the clause: started before its end, not ended by its start.
        overlapping = bisect.bisect_left(d_starts, clause.end) - bisect.bisect_right(
            d_ends, clause.start
        )
        if overlapping <= 0:
            kept_clauses.append(clause)
    c_starts = [q.start for q in kept_clauses]
    kept = list(kept_clauses)
    for quote in quotations:
        index = bisect.bisect_right(c_starts, quote.start) - 1
        if quote.kind == "mixed" and index >= 0 and kept_clauses[index].end >= quote.end:
            continue
        kept.append(quote)
    return sorted(kept, key=lambda q: q.start)


def _innermost(clauses: list[Quote]) -> list[Quote]:
    """Clauses that hold no other clause, and of two that overlap, the shorter
    (sorted by start, longest first)."""
    if not clauses:
        return []
    holds = [False] * len(clauses)
    # Walking from the right, the smallest end among clauses starting later; the
    # same words of two speakers ("Russia and Ukraine both said") hold each other not.
    min_end = 1 << 62
    index = len(clauses) - 1
    while index >= 0:
        first = index
        while first > 0 and _span(clauses[first - 1]) == _span(clauses[index]):
            first -= 1
        for same in range(first, index + 1):
            holds[same] = min_end <= clauses[same].end
        min_end = min(min_end, clauses[index].end)
        index = first - 1
    kept = [q for q, h in zip(clauses, holds, strict=True) if not h]
    result: list[Quote] = []
    for quote in kept:
        if result and (result[-1].start, result[-1].end) == (quote.start, quote.end):
            result.append(quote)
            continue
        if result and result[-1].end > quote.start:
            # Partial overlap: the shorter reading.
            if len(quote.text) < len(result[-1].text):
                result[-1] = quote
            continue
        result.append(quote)
    return result


def _span(quote: Quote) -> tuple[int, int]:
    return quote.start, quote.end
