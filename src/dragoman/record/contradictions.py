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
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
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
) -> list[Contradiction]:
    """Every contradiction among claims dated inside ``since``/``until``, earliest
    first.

    ``actor`` keeps contradictions it is a side of; ``party`` keeps positions of that
    party and assessments by it or its people; ``issue`` keeps positions on it (and so
    leaves assessments out: they are about the talks, not one issue).
    """
    filters = Filters.of(party=party, issue=issue, actor=actor, since=since, until=until)
    if window < 0:
        raise BadFilter(f"window: {window} is below zero; give a number of days")
    records = list(records)
    affiliations = Affiliations.of(records)
    found: list[Contradiction] = []
    if filters.issue is None:
        found += _assessment_contradictions(records, filters, window, affiliations)
    found += _position_contradictions(records, filters, window)
    if filters.actor is not None:
        who = filters.actor
        found = [c for c in found if any(same_name(a, who) for a in c.between)]
    found.sort(key=lambda c: (c.first.date, c.second.date, c.kind, c.about, c.between))
    return found


def _assessment_contradictions(
    records: list[ArticleRecord], filters: Filters, window: int, affiliations: Affiliations
) -> list[Contradiction]:
    claims: list[Claim] = []
    for record in records:
        for assessment in record.assessments:
            if assessment.polarity not in OPPOSED_POLARITIES:
                continue
            dating = item_dating(assessment.date, record.article.published)
            day = dating.day
            if day is None or not filters.in_range(day):
                continue
            if filters.party is not None and not affiliations.belongs(
                assessment.actor, filters.party
            ):
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

    def opposed(a: Claim, b: Claim) -> bool:
        if a.claim == b.claim:
            return False
        # The same actor contradicts itself only over time.
        return not (_same_actor(a, b) and a.date == b.date)

    return [
        Contradiction("assessment", ABOUT_TALKS, [first.actor, second.actor], first, second)
        for first, second in _pairs(claims, opposed, window)
    ]


def _position_contradictions(
    records: list[ArticleRecord], filters: Filters, window: int
) -> list[Contradiction]:
    groups: dict[tuple[str, str, str | None], list[Claim]] = {}
    for record in records:
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
            groups.setdefault((position.party, position.issue, position.subject), []).append(claim)

    def opposed(a: Claim, b: Claim) -> bool:
        return frozenset({a.claim, b.claim}) in OPPOSED_STANCES and not _same_actor(a, b)

    found = []
    for (party, issue, subject), claims in groups.items():
        about = f"{party} on {issue}" + (f" ({subject})" if subject else "")
        for first, second in _pairs(claims, opposed, window):
            found.append(
                Contradiction("position", about, [first.actor, second.actor], first, second)
            )
    return found


def _same_actor(a: Claim, b: Claim) -> bool:
    return same_name(a.actor, b.actor)


def _pairs(
    claims: list[Claim], opposed: Callable[[Claim, Claim], bool], window: int
) -> list[tuple[Claim, Claim]]:
    """Each claim with the nearest opposed claim of each actor within ``window`` days;
    every pair once, earlier claim first.

    The same words carried by several reports (same actor, claim and day) are one
    claim here: the pair is kept once, with the earliest report as its evidence.
    """
    ordered = sorted(claims, key=_claim_order)
    days = [c.date.toordinal() for c in ordered]
    pairs: dict[tuple[Any, ...], tuple[int, int]] = {}
    for i, claim in enumerate(ordered):
        low = bisect.bisect_left(days, days[i] - window)
        high = bisect.bisect_right(days, days[i] + window)
        nearest: dict[str, int] = {}
        for j in range(low, high):
            other = ordered[j]
            if j == i or not opposed(claim, other):
                continue
            key = other.actor.casefold()
            best = nearest.get(key)
            if best is None or abs(days[j] - days[i]) < abs(days[best] - days[i]):
                nearest[key] = j
        for j in nearest.values():
            a, b = sorted((i, j))
            said = (_said(ordered[a]), _said(ordered[b]))
            if said not in pairs or (a, b) < pairs[said]:
                pairs[said] = (a, b)
    return [(ordered[a], ordered[b]) for a, b in sorted(pairs.values())]


def _claim_order(claim: Claim) -> tuple[Any, ...]:
    published = claim.evidence.published
    return (claim.date, published or dt.date.min, claim.evidence.article_id, claim.evidence.start)


def _said(claim: Claim) -> tuple[str, str, dt.date]:
    return (claim.actor.casefold(), claim.claim, claim.date)
