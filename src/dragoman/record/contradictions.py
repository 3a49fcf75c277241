"""Claims in the record that disagree, each with the two pieces of evidence.

Two kinds are found, each between claims dated at most ``window`` days apart:

- ``assessment``: one actor judges the talks positively and another negatively, or
  the same actor does both on different days (mixed judgements contradict nothing);
- ``position``: reports give one party opposite stances on one issue and subject
  (accept or propose against reject), and different actors report them. ``demand``
  against ``reject`` is not taken as opposed: a party often demands its own version
  of a thing and rejects the other side's in one breath.

A claim stands in time at its :attr:`~dragoman.models.Dating.day`: its own date,
else its report's day (an undated claim is shown undated, but it was made by the day
it was reported); a claim with neither cannot be placed in a window and is left out.
Each claim is paired with
the nearest opposite claim of each other actor (not with every one of them), so a
long run of reports gives one contradiction per disagreement, not their product.

The records are read once, as they come. Claims are compared only within their group
(the talks, or one party's stance on one issue and subject) and their window: a sweep
in date order keeps the actors with an opposite claim in the window, and the nearest
claim of each is found by bisection, so the work grows with the claims times the
actors of a window, never with every pair of claims. ``limit`` gives only the first
contradictions (a page), without ordering the rest.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from dragoman.models import ArticleRecord, Dating, item_dating
from dragoman.record.evidence import Evidence
from dragoman.record.filters import Affiliations, BadFilter, DateLike, Filters, same_name

DEFAULT_WINDOW = 7

#: Stances that cannot both be a party's answer to one question at one time.
OPPOSED_STANCES: frozenset[frozenset[str]] = frozenset(
    {
        frozenset({"accept", "reject"}),
        frozenset({"propose", "reject"}),
    }
)
OPPOSED_POLARITIES = frozenset({"positive", "negative"})

#: Each claim and the claims that oppose it.
AGAINST_STANCE: dict[str, frozenset[str]] = {
    stance: frozenset(
        other for pair in OPPOSED_STANCES if stance in pair for other in pair - {stance}
    )
    for pair in OPPOSED_STANCES
    for stance in pair
}
AGAINST_POLARITY: dict[str, frozenset[str]] = {
    polarity: OPPOSED_POLARITIES - {polarity} for polarity in OPPOSED_POLARITIES
}

ABOUT_TALKS = "the state of the talks"


@dataclass(frozen=True)
class Claim:
    """One side of a contradiction: who said what, when, and where it is written."""

    actor: str
    claim: str  # the polarity of an assessment, or the stance of a position
    summary: str
    date: dt.date  # where the claim stands in time (its date, else its report's day)
    evidence: Evidence
    dating: Dating | None = None  # the date it carries; None: ``date`` is stated

    def to_dict(self) -> dict[str, Any]:
        dating = self.dating if self.dating is not None else Dating(self.date)
        return {
            "actor": self.actor,
            "claim": self.claim,
            "summary": self.summary,
            **dating.to_dict(),
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True)
class Contradiction:
    """Two claims about the same thing that disagree; ``first`` is the earlier."""

    kind: str  # "assessment" or "position"
    about: str
    between: list[str]  # the actors of first and second, in that order
    first: Claim
    second: Claim

    @property
    def days_apart(self) -> int:
        return (self.second.date - self.first.date).days

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "about": self.about,
            "between": list(self.between),
            "days_apart": self.days_apart,
            "first": self.first.to_dict(),
            "second": self.second.to_dict(),
        }


def contradictions(
    records: Iterable[ArticleRecord],
    party: str | None = None,
    issue: str | None = None,
    actor: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    window: int = DEFAULT_WINDOW,
    limit: int | None = None,
    published_since: dt.date | None = None,
) -> list[Contradiction]:
    """Every contradiction among claims dated inside ``since``/``until``, earliest
    first (the first ``limit`` of them, when given); with ``published_since``, only
    those with a side in a report published on or after that day (what is new).

    ``actor`` keeps contradictions it is a side of; ``party`` keeps positions of that
    party and assessments by it or its people; ``issue`` keeps positions on it (and so
    leaves assessments out: they are about the talks, not one issue).
    """
    filters = Filters.of(party=party, issue=issue, actor=actor, since=since, until=until)
    if window < 0:
        raise BadFilter(f"window: {window} is below zero; give a number of days")
    if limit is not None and limit < 0:
        raise BadFilter(f"limit: {limit} is below zero; give a number of contradictions")
    affiliations = Affiliations()
    judged: list[Claim] = []
    stances: dict[tuple[str, str, str | None], list[Claim]] = {}
    for record in records:
        affiliations.add(record)
        if filters.issue is None:
            judged += _assessment_claims(record, filters)
        for key, claim in _position_claims(record, filters):
            stances.setdefault(key, []).append(claim)
    if filters.party is not None:  # the people of a party are known once all is read
        judged = [c for c in judged if affiliations.belongs(c.actor, filters.party)]
    groups = [("assessment", ABOUT_TALKS, judged, AGAINST_POLARITY, True)]
    for (party_, issue_, subject), claims in stances.items():
        about = f"{party_} on {issue_}" + (f" ({subject})" if subject else "")
        groups.append(("position", about, claims, AGAINST_STANCE, False))
    days = heapq.merge(
        *(_by_day(kind, about, _pairs(c, against, window, itself=i))
          for kind, about, c, against, i in groups),
        key=itemgetter(0),
    )  # fmt: skip
    # (order, first, second), a day at a time: the days after a full page are never
    # drawn, and the dataclasses are made for those shown only.
    found: list[tuple[tuple[Any, ...], Claim, Claim]] = []
    today: list[tuple[tuple[Any, ...], Claim, Claim]] = []
    current = None
    for day, kind, about, pairs in days:
        if day != current:
            found += sorted(today, key=itemgetter(0))
            today, current = [], day
            if limit is not None and len(found) >= limit:
                break
        for first, second in pairs:
            if published_since is not None and not _new(first, second, published_since):
                continue
            between = [first.actor, second.actor]
            if filters.actor is None or any(same_name(a, filters.actor) for a in between):
                today.append(((first.date, second.date, kind, about, between), first, second))
    else:
        found += sorted(today, key=itemgetter(0))
    found = found if limit is None else found[:limit]
    return [Contradiction(o[2], o[3], o[4], first, second) for o, first, second in found]


def _new(first: Claim, second: Claim, since: dt.date) -> bool:
    days = (first.evidence.published, second.evidence.published)
    return any(day is not None and day >= since for day in days)


def _by_day(
    kind: str, about: str, days: Iterator[tuple[dt.date, list[tuple[Claim, Claim]]]]
) -> Iterator[tuple[dt.date, str, str, list[tuple[Claim, Claim]]]]:
    for day, pairs in days:
        yield day, kind, about, pairs


def _order(c: Contradiction) -> tuple[Any, ...]:
    """The order contradictions are listed in: by the days of their claims."""
    return (c.first.date, c.second.date, c.kind, c.about, c.between)


def _assessment_claims(record: ArticleRecord, filters: Filters) -> list[Claim]:
    """The judgements of a record that can contradict one another, in the range."""
    claims = []
    for assessment in record.assessments:
        if assessment.polarity not in OPPOSED_POLARITIES:
            continue
        dating = item_dating(assessment.date, record.article.published)
        day = dating.day
        if day is None or not filters.in_range(day):
            continue
        claims.append(
            Claim(
                actor=assessment.actor,
                claim=assessment.polarity,
                summary=assessment.summary,
                date=day,
                evidence=Evidence.of(record.article, assessment.start, assessment.end),
                dating=dating,
            )
        )
    return claims


def _position_claims(
    record: ArticleRecord, filters: Filters
) -> list[tuple[tuple[str, str, str | None], Claim]]:
    """The reported stances of a record, each with its (party, issue, subject)."""
    found = []
    for position in record.positions:
        if filters.party is not None and not same_name(position.party, filters.party):
            continue
        if filters.issue is not None and not same_name(position.issue, filters.issue):
            continue
        dating = item_dating(position.date, record.article.published)
        day = dating.day
        if day is None or not filters.in_range(day):
            continue
        claim = Claim(
            actor=position.reported_by or "unattributed",
            claim=position.stance,
            summary=position.summary,
            date=day,
            evidence=Evidence.of(record.article, position.start, position.end),
            dating=dating,
        )
        found.append(((position.party, position.issue, position.subject), claim))
    return found


def _pairs(
    claims: list[Claim], against: Mapping[str, frozenset[str]], window: int, *, itself: bool
) -> Iterator[tuple[dt.date, list[tuple[Claim, Claim]]]]:
    """Each claim with the nearest claim ``against`` it of each actor within ``window``
    days (the first in order, on a tie); every pair once, earlier claim first. With
    ``itself``, an actor contradicts itself too, over time (not on one day).

    The same words carried by several reports (same actor, claim and day) are one
    claim here: the pair is kept once, with the earliest report as its evidence.

    The pairs come a day (of their first claim) at a time, in order, as soon as no
    later claim can add to that day: once the sweep is ``window`` days past it.
    """
    ordered = sorted(claims, key=_claim_order)
    days = [c.date.toordinal() for c in ordered]
    runs: dict[tuple[str, str], _Run] = {}
    for i, claim in enumerate(ordered):
        runs.setdefault((claim.actor.casefold(), claim.claim), _Run(claim.actor)).add(days[i], i)
    # The actors with a claim of each kind inside the window, as the sweep moves on.
    inside: dict[str, dict[str, int]] = {}
    ahead = behind = 0
    pairs: dict[tuple[Any, ...], tuple[int, int]] = {}
    waiting: list[tuple[int, int, tuple[Any, ...]]] = []  # a heap of (first, second, key)
    for i, claim in enumerate(ordered):
        while ahead < len(ordered) and days[ahead] <= days[i] + window:
            _count(inside, ordered[ahead], 1)
            ahead += 1
        while days[behind] < days[i] - window:
            _count(inside, ordered[behind], -1)
            behind += 1
        # A pair found from here on has both claims at ``behind`` or after.
        yield from _final(ordered, pairs, waiting, behind)
        name = _name(claim.actor)
        nearest: dict[str, tuple[int, int]] = {}  # actor -> (days apart, index)
        for value in against.get(claim.claim, ()):
            for actor in inside.get(value, {}):
                run = runs[(actor, value)]
                same = run.name == name
                if same and not itself:
                    continue
                found = run.nearest(days[i], window, other_day=same)
                if found is not None and (actor not in nearest or found < nearest[actor]):
                    nearest[actor] = found
        for _, j in nearest.values():
            a, b = sorted((i, j))
            key = (_said(ordered[a]), _said(ordered[b]))
            if key not in pairs or (a, b) < pairs[key]:
                pairs[key] = (a, b)
                heapq.heappush(waiting, (a, b, key))
    yield from _final(ordered, pairs, waiting, len(ordered))


def _final(
    ordered: list[Claim],
    pairs: dict[tuple[Any, ...], tuple[int, int]],
    waiting: list[tuple[int, int, tuple[Any, ...]]],
    upto: int,
) -> Iterator[tuple[dt.date, list[tuple[Claim, Claim]]]]:
    """The pairs ``waiting`` whose first claim comes before ``upto``, a day at a time
    (a pair that a smaller one of the same claims replaced is dropped)."""
    batch: list[tuple[Claim, Claim]] = []
    while waiting and waiting[0][0] < upto:
        a, b, key = heapq.heappop(waiting)
        if pairs[key] != (a, b):
            continue
        if batch and ordered[a].date != batch[0][0].date:
            yield batch[0][0].date, batch
            batch = []
        batch.append((ordered[a], ordered[b]))
    if batch:
        yield batch[0][0].date, batch


def _name(actor: str) -> str:
    """An actor's name as :func:`~dragoman.record.filters.same_name` compares it."""
    return actor.strip().casefold()


def _count(inside: dict[str, dict[str, int]], claim: Claim, step: int) -> None:
    actors = inside.setdefault(claim.claim, {})
    key = claim.actor.casefold()
    actors[key] = actors.get(key, 0) + step
    if not actors[key]:
        del actors[key]


class _Run:
    """The claims of one kind by one actor, in date order (days and indices into the
    ordered claims)."""

    def __init__(self, actor: str) -> None:
        self.name = _name(actor)
        self.days: list[int] = []
        self.indices: list[int] = []

    def add(self, day: int, index: int) -> None:
        self.days.append(day)
        self.indices.append(index)

    def nearest(self, day: int, window: int, *, other_day: bool) -> tuple[int, int] | None:
        """``(days apart, index)`` of the claim nearest ``day`` within ``window`` days
        (the first in order, on a tie), on another day with ``other_day``; or None."""
        days = self.days
        found = []
        right = bisect.bisect_right(days, day) if other_day else bisect.bisect_left(days, day)
        if right < len(days) and days[right] - day <= window:
            found.append((days[right] - day, self.indices[right]))
        left = bisect.bisect_left(days, day) - 1
        if left >= 0 and day - days[left] <= window:
            first = bisect.bisect_left(days, days[left])  # the first claim of that day
            found.append((day - days[left], self.indices[first]))
        return min(found) if found else None


def _claim_order(claim: Claim) -> tuple[Any, ...]:
    published = claim.evidence.published
    return (claim.date, published or dt.date.min, claim.evidence.article_id, claim.evidence.start)


def _said(claim: Claim) -> tuple[str, str, dt.date]:
    return (claim.actor.casefold(), claim.claim, claim.date)
