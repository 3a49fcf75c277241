"""The timeline and the contradictions compare each report only with what it could
match (indexes by day, participant, actor), and give what comparing it with everything
gives: here the plain definitions, written the slow way, are the reference."""

from __future__ import annotations

import bisect
import datetime as dt
import importlib
from collections.abc import Iterator
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.models import Actor, Article, ArticleRecord, Assessment, Event, Position
from dragoman.record import MergeRules, contradictions, timeline
from dragoman.record.filters import same_name

from .conftest import Stored

START = dt.date(2022, 3, 25)
PEOPLE = ("Vladimir Medinsky", "Dmitry Peskov", "Mykhailo Podolyak", "dmitry peskov")
PARTIES = ("Russia", "Ukraine", "Turkey")
PLACES = (None, "Istanbul", "istanbul", "Antalya")
TYPES = ("talks", "call", "military_action")
# The modules (the package's names are the functions).
timeline_module = importlib.import_module("dragoman.record.timeline")
contradictions_module = importlib.import_module("dragoman.record.contradictions")


# -- the reference: every event so far, every claim in the window ----------------------


def reference_timeline(records: list[ArticleRecord], rules: MergeRules) -> list[dict[str, Any]]:
    reports = [(e.type, timeline_module._report(e, r)) for r in records for e in r.events]
    reports.sort(key=lambda item: timeline_module._report_order(item[1]))
    clusters: list[tuple[str, list[Any]]] = []
    for kind, report in reports:
        best = None
        for cluster in clusters:
            score = _fit(cluster, kind, report, rules)
            if score is not None and (best is None or score > best[0]):
                best = (score, cluster)
        if best is None:
            clusters.append((kind, [report]))
        else:
            best[1][1].append(report)
    events = [timeline_module._Cluster(kind, found).merged() for kind, found in clusters]
    events.sort(
        key=lambda e: (e.date is None, e.date or dt.date.min, e.type, (e.place or "").casefold())
    )
    return [e.to_dict() for e in events]


def _fit(cluster: tuple[str, list[Any]], kind: str, report: Any, rules: MergeRules) -> Any:
    """The merge rule of the timeline's docstring, every set read afresh."""
    key = timeline_module._key
    if kind != cluster[0]:
        return None
    strict = kind in rules.strict_types
    mine = {key(p) for p in report.participants}
    theirs = {key(p) for r in cluster[1] for p in r.participants}
    overlap = len(mine & theirs)
    if mine and theirs and not overlap:
        return None
    dates = {r.date for r in cluster[1] if r.date is not None}
    same_day = report.date is not None and report.date in dates
    if report.date is not None and dates and not same_day:
        spread = max(dates | {report.date}) - min(dates | {report.date})
        if strict or not overlap or spread.days > rules.date_tolerance:
            return None
    places = {key(r.place) for r in cluster[1] if r.place}
    place = key(report.place)
    same_place = bool(place) and place in places
    if place and places and not same_place and (strict or not overlap or not same_day):
        return None
    if not (same_day or overlap):
        return None
    distance = 0
    if report.date is None and dates and report.evidence.published is not None:
        distance = min(abs((report.evidence.published - d).days) for d in dates)
        if distance > rules.undated_reach:
            return None
    return (same_day, same_place, overlap, -distance)


def reference_pairs(claims: list[Any], opposed: Any, window: int) -> list[tuple[Any, Any]]:
    """Each claim against every claim of its window; the nearest of each actor kept."""
    ordered = sorted(claims, key=contradictions_module._claim_order)
    days = [c.date.toordinal() for c in ordered]
    pairs: dict[Any, tuple[int, int]] = {}
    for i, claim in enumerate(ordered):
        nearest: dict[str, int] = {}
        low = bisect.bisect_left(days, days[i] - window)
        for j in range(low, bisect.bisect_right(days, days[i] + window)):
            if j == i or not opposed(claim, ordered[j]):
                continue
            best = nearest.get(ordered[j].actor.casefold())
            if best is None or abs(days[j] - days[i]) < abs(days[best] - days[i]):
                nearest[ordered[j].actor.casefold()] = j
        for j in nearest.values():
            a, b = sorted((i, j))
            said = tuple(contradictions_module._said(ordered[k]) for k in (a, b))
            if said not in pairs or (a, b) < pairs[said]:
                pairs[said] = (a, b)
    return [(ordered[a], ordered[b]) for a, b in sorted(pairs.values())]


def reference_contradictions(records: list[ArticleRecord], window: int) -> list[dict[str, Any]]:
    module = contradictions_module
    everything = module.Filters()
    judged = [c for r in records for c in module._assessment_claims(r, everything)]

    def against_judgement(a: Any, b: Any) -> bool:
        return a.claim != b.claim and not (same_name(a.actor, b.actor) and a.date == b.date)

    def against_stance(a: Any, b: Any) -> bool:
        pair = frozenset({a.claim, b.claim})
        return pair in module.OPPOSED_STANCES and not same_name(a.actor, b.actor)

    found = [
        module.Contradiction("assessment", module.ABOUT_TALKS, [a.actor, b.actor], a, b)
        for a, b in reference_pairs(judged, against_judgement, window)
    ]
    groups: dict[Any, list[Any]] = {}
    for r in records:
        for key, claim in module._position_claims(r, everything):
            groups.setdefault(key, []).append(claim)
    for (party, issue, subject), claims in groups.items():
        about = f"{party} on {issue}" + (f" ({subject})" if subject else "")
        for a, b in reference_pairs(claims, against_stance, window):
            found.append(module.Contradiction("position", about, [a.actor, b.actor], a, b))
    found.sort(key=module._order)
    return [c.to_dict() for c in found]


# -- made-up wire reports ---------------------------------------------------------------

days = st.one_of(st.none(), st.integers(0, 12).map(lambda n: START + dt.timedelta(days=n)))
event = st.builds(
    Event,
    type=st.sampled_from(TYPES),
    status=st.sampled_from(["occurred", "planned", "cancelled"]),
    date=days,
    place=st.sampled_from(PLACES),
    participants=st.lists(st.sampled_from(PARTIES + PEOPLE[:3]), max_size=2, unique=True),
    start=st.integers(0, 40),
    end=st.just(60),
)
judgement = st.builds(
    Assessment,
    actor=st.sampled_from(PEOPLE),
    polarity=st.sampled_from(["positive", "negative", "mixed"]),
    date=days,
    start=st.integers(0, 40),
    end=st.just(60),
)
stance = st.builds(
    Position,
    party=st.sampled_from(PARTIES[:2]),
    issue=st.sampled_from(["ceasefire", "neutrality"]),
    stance=st.sampled_from(["propose", "demand", "accept", "reject"]),
    subject=st.sampled_from([None, "Crimea"]),
    reported_by=st.sampled_from((None, *PEOPLE)),
    date=days,
    start=st.integers(0, 40),
    end=st.just(60),
)


@st.composite
def wire(draw: st.DrawFn) -> list[ArticleRecord]:
    records = []
    for n in range(draw(st.integers(1, 14))):
        body = (
            f"Report {n}. Negotiators met again and spoke to the press afterwards. One side "
            "called the session useful. The other said nothing had moved at all."
        )
        records.append(
            ArticleRecord(
                article=Article(body=body, source=f"wire-{n}.txt", published=draw(days)),
                actors=[Actor(name="Dmitry Peskov", kind="person", party="Russia")],
                events=draw(st.lists(event, max_size=3)),
                positions=draw(st.lists(stance, max_size=3)),
                assessments=draw(st.lists(judgement, max_size=3)),
            )
        )
    return records


@settings(max_examples=300, deadline=None)
@given(records=wire(), tolerance=st.integers(0, 2), reach=st.integers(0, 8))
def test_the_timeline_is_the_one_every_event_compared_gives(
    records: list[ArticleRecord], tolerance: int, reach: int
) -> None:
    rules = MergeRules(date_tolerance=tolerance, undated_reach=reach)
    found = [e.to_dict() for e in timeline(iter(records), rules=rules)]
    assert found == reference_timeline(records, rules)


@settings(max_examples=300, deadline=None)
@given(records=wire(), window=st.integers(0, 9))
def test_the_contradictions_are_those_every_claim_compared_gives(
    records: list[ArticleRecord], window: int
) -> None:
    found = [c.to_dict() for c in contradictions(iter(records), window=window)]
    assert found == reference_contradictions(records, window)


@settings(max_examples=100, deadline=None)
@given(records=wire(), limit=st.integers(0, 5))
def test_a_page_of_contradictions_is_the_start_of_the_whole_list(
    records: list[ArticleRecord], limit: int
) -> None:
    whole = [c.to_dict() for c in contradictions(records)]
    assert [c.to_dict() for c in contradictions(records, limit=limit)] == whole[:limit]


def _once(records: list[ArticleRecord]) -> Iterator[ArticleRecord]:
    yield from records


def test_records_are_read_once_as_they_come(stored: Stored) -> None:
    body = "Delegations met in Istanbul on Tuesday; Peskov called it useful, Podolyak did not."
    records = [
        ArticleRecord(
            article=Article(body=f"{body} ({n})", source=f"{n}.txt", published=START),
            events=[Event("talks", "occurred", START, "Istanbul", ["Russia", "Ukraine"])],
            assessments=[Assessment(PEOPLE[n], ("positive", "negative")[n], START, end=20)],
        )
        for n in range(2)
    ]
    saved = stored(records)
    (merged,) = timeline(_once(saved))
    assert len(merged.sources) == 2
    (c,) = contradictions(_once(saved))
    assert c.between == ["Vladimir Medinsky", "Dmitry Peskov"]
