"""What happened when, across reports: events merged into one timeline.

Five reports of the same round of talks are one :class:`TimelineEvent` with five
sources. Two reports are taken to tell of the same event when they name the same type
of event and

- the same day, or one of them gives no day, and
- participants that overlap (or one of them names none), and
- the same place when both name one;

and at least the day or a participant is shared. Reports are not always right, so two
disagreements are tolerated and flagged in ``conflicts`` instead of splitting the
event: days up to :attr:`MergeRules.date_tolerance` apart, when the participants
overlap and the places agree; and different places on the same day, when the
participants overlap. Neither is tolerated for the types in
:attr:`MergeRules.strict_types` (there are many strikes a day, in many places).

A report without a day joins the event it fits best, and only one dated within
:attr:`MergeRules.undated_reach` days of the report's publication.

The records are read once, as they come (a store's worth is never held), and each
report is compared only with the events it could join: those of its type with a day
within the tolerance of its own (or, undated, within the reach of its publication), or
sharing a participant with it; never with every event so far.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from dragoman.models import ArticleRecord, Event
from dragoman.record.evidence import Evidence, iso
from dragoman.record.filters import Affiliations, DateLike, Filters, same_name


@dataclass(frozen=True)
class MergeRules:
    """How far reports of one event may disagree and still be merged."""

    date_tolerance: int = 1
    undated_reach: int = 7
    strict_types: frozenset[str] = frozenset({"military_action"})


@dataclass(frozen=True)
class EventReport:
    """One article's account of an event."""

    status: str
    date: dt.date | None
    place: str | None
    participants: list[str]
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "date": iso(self.date),
            "place": self.place,
            "participants": list(self.participants),
            "evidence": self.evidence.to_dict(),
        }


@dataclass
class TimelineEvent:
    """An event as the reports together tell it, with every report as a source.

    ``date`` and ``place`` are those most reports give (ties go to the latest report);
    ``status`` is the latest report's; ``participants`` is everyone any report names.
    """

    type: str
    date: dt.date | None
    place: str | None
    status: str
    participants: list[str]
    sources: list[EventReport] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "date": iso(self.date),
            "place": self.place,
            "status": self.status,
            "participants": list(self.participants),
            "source_count": len(self.sources),
            "conflicts": list(self.conflicts),
            "sources": [s.to_dict() for s in self.sources],
        }


def timeline(
    records: Iterable[ArticleRecord],
    party: str | None = None,
    actor: str | None = None,
    event_type: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    rules: MergeRules | None = None,
) -> list[TimelineEvent]:
    """The events of every record, merged across reports, by date (undated last).

    Filters apply to the merged events: ``party`` keeps those a party (or one of its
    people) took part in, ``actor`` those a named participant took part in,
    ``event_type`` one type; ``since``/``until`` keep events dated inside the range.
    """
    filters = Filters.of(party=party, actor=actor, since=since, until=until)
    rules = rules or MergeRules()
    affiliations = Affiliations()
    reports: list[tuple[str, EventReport]] = []
    for record in records:
        affiliations.add(record)
        for event in record.events:
            reports.append((event.type, _report(event, record)))
    # Dated reports first, in date order, so that undated ones meet the events whole.
    reports.sort(key=lambda item: _report_order(item[1]))
    clusters = _Clusters(rules)
    for event_type_, report in reports:
        clusters.add(event_type_, report)
    events = [cluster.merged() for cluster in clusters.found]
    events = [e for e in events if _wanted(e, filters, event_type, affiliations)]
    events.sort(
        key=lambda e: (e.date is None, e.date or dt.date.min, e.type, (e.place or "").casefold())
    )
    return events


def _report(event: Event, record: ArticleRecord) -> EventReport:
    return EventReport(
        status=event.status,
        date=event.date,
        place=event.place,
        participants=list(event.participants),
        evidence=Evidence.of(record.article, event.start, event.end),
    )


def _report_order(report: EventReport) -> tuple[Any, ...]:
    published = report.evidence.published
    return (
        report.date is None,
        report.date or dt.date.min,
        published is None,
        published or dt.date.min,
        report.evidence.article_id,
        report.evidence.start,
    )


def _key(name: str | None) -> str:
    return " ".join((name or "").split()).casefold()


@dataclass(eq=False)  # each event is itself: kept in sets by identity
class _Cluster:
    """Reports taken so far to tell of one event; the days, places and participants
    they give are kept as they join (a fit is then as cheap for a large event)."""

    type: str
    reports: list[EventReport]
    number: int = 0  # the order the events were opened in: the first wins a tie
    dates: set[dt.date] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    participants: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        reports, self.reports = self.reports, []
        for report in reports:
            self.add(report)

    def add(self, report: EventReport) -> None:
        self.reports.append(report)
        if report.date is not None:
            self.dates.add(report.date)
        if report.place:
            self.places.add(_key(report.place))
        self.participants.update(_key(p) for p in report.participants)

    def fit(
        self, event_type: str, report: EventReport, rules: MergeRules
    ) -> tuple[Any, ...] | None:
        """How well ``report`` fits this event (higher is better), or None if it does
        not tell of it."""
        if event_type != self.type:
            return None
        strict = event_type in rules.strict_types
        mine = {_key(p) for p in report.participants}
        theirs = self.participants
        overlap = len(mine & theirs)
        if mine and theirs and not overlap:
            return None
        dates = self.dates
        same_day = report.date is not None and report.date in dates
        if report.date is not None and dates and not same_day:
            if strict or not overlap:
                return None
            spread = max(dates | {report.date}) - min(dates | {report.date})
            if spread.days > rules.date_tolerance:
                return None
        places = self.places
        place = _key(report.place)
        same_place = bool(place) and place in places
        if place and places and not same_place and (strict or not overlap or not same_day):
            return None
        if not (same_day or overlap):
            return None
        distance = 0
        if report.date is None and dates:
            published = report.evidence.published
            if published is not None:
                distance = min(abs((published - d).days) for d in dates)
                if distance > rules.undated_reach:
                    return None
        return (same_day, same_place, overlap, -distance)

    def merged(self) -> TimelineEvent:
        reports = sorted(self.reports, key=_by_publication)
        day = _most_given([(r.date, r) for r in reports if r.date is not None])
        place_key = _most_given([(_key(r.place), r) for r in reports if r.place])
        place = None
        if place_key is not None:
            spellings = Counter(r.place for r in reports if r.place and _key(r.place) == place_key)
            place = spellings.most_common(1)[0][0]
        participants: list[str] = []
        seen: set[str] = set()
        for report in reports:
            for name in report.participants:
                if _key(name) not in seen:
                    seen.add(_key(name))
                    participants.append(name)
        conflicts = []
        dates = _disagreement("date", [(iso(r.date), r) for r in reports if r.date is not None])
        if dates:
            conflicts.append(dates)
        places = _disagreement("place", [(r.place, r) for r in reports if r.place], key=_key)
        if places:
            conflicts.append(places)
        return TimelineEvent(
            type=self.type,
            date=day,
            place=place,
            status=reports[-1].status,
            participants=participants,
            sources=reports,
            conflicts=conflicts,
        )


class _Clusters:
    """The events found so far, indexed so that a report meets only those it could
    join (:meth:`_Cluster.fit` still decides): by (type, day), and by (type,
    participant) for every event and for those no report dates."""

    def __init__(self, rules: MergeRules) -> None:
        self.rules = rules
        self.found: list[_Cluster] = []
        self.by_day: dict[tuple[str, dt.date], list[_Cluster]] = {}
        self.by_name: dict[tuple[str, str], list[_Cluster]] = {}
        self.undated: dict[tuple[str, str], list[_Cluster]] = {}

    def add(self, event_type: str, report: EventReport) -> None:
        """Join ``report`` to the event it fits best (the first opened, on a tie), or
        open a new one."""
        best: tuple[tuple[Any, ...], _Cluster] | None = None
        for cluster in sorted(self._candidates(event_type, report), key=lambda c: c.number):
            score = cluster.fit(event_type, report, self.rules)
            if score is not None and (best is None or score > best[0]):
                best = (score, cluster)
        if best is None:
            cluster = _Cluster(event_type, [], number=len(self.found))
            self.found.append(cluster)
        else:
            cluster = best[1]
        names = {_key(p) for p in report.participants} - cluster.participants
        day = None if report.date in cluster.dates else report.date
        cluster.add(report)
        key = cluster.type
        if day is not None:
            self.by_day.setdefault((key, day), []).append(cluster)
        for name in names:
            self.by_name.setdefault((key, name), []).append(cluster)
            # Dated reports all come first, so an event no report dates stays undated.
            if not cluster.dates:
                self.undated.setdefault((key, name), []).append(cluster)

    def _candidates(self, event_type: str, report: EventReport) -> set[_Cluster]:
        """The events ``report`` could fit: every other one fails :meth:`_Cluster.fit`.

        A dated report fits an event with a day within the tolerance of its own (it
        shares the day, or the spread stays within the tolerance). An undated report
        must share a participant; it fits an undated event, or a dated one within the
        reach of its publication (any, when it has no publication day: the only case
        that may meet many events)."""
        found: set[_Cluster] = set()
        if report.date is not None:
            days = self._around(report.date, self.rules.date_tolerance)
            for day in days:
                found.update(self.by_day.get((event_type, day), ()))
            return found
        mine = {_key(p) for p in report.participants}
        published = report.evidence.published
        index = self.by_name if published is None else self.undated
        for name in mine:
            found.update(index.get((event_type, name), ()))
        if mine and published is not None:
            for day in self._around(published, self.rules.undated_reach):
                found.update(self.by_day.get((event_type, day), ()))
        return found

    @staticmethod
    def _around(day: dt.date, reach: int) -> list[dt.date]:
        return [day + dt.timedelta(days=shift) for shift in range(-reach, reach + 1)]


def _by_publication(report: EventReport) -> tuple[Any, ...]:
    published = report.evidence.published
    return (published is not None, published or dt.date.min, report.evidence.article_id)


def _most_given(values: Sequence[tuple[Any, EventReport]]) -> Any:
    """The value most reports give; on a tie, the one the latest report gives
    (``values`` are in publication order)."""
    if not values:
        return None
    counts = Counter(value for value, _ in values)
    last = {value: i for i, (value, _) in enumerate(values)}
    return max(counts, key=lambda v: (counts[v], last[v]))


def _disagreement(
    what: str, values: Sequence[tuple[str | None, EventReport]], key: Any = None
) -> str | None:
    """``"date: 2022-03-29 (a.txt, b.txt) vs 2022-03-28 (c.txt)"`` when the reports
    give more than one value, most given first (each report by its source, an absolute
    path cut to the file's name); None when they agree."""
    groups: dict[str, tuple[str, list[str]]] = {}
    for value, report in values:
        if value is None:
            continue
        k = key(value) if key else value
        _, sources = groups.setdefault(k, (value, []))
        name = report.evidence.short_source()
        if name not in sources:
            sources.append(name)
    if len(groups) < 2:
        return None
    ordered = sorted(groups.values(), key=lambda g: -len(g[1]))
    return f"{what}: " + " vs ".join(f"{v} ({', '.join(s)})" for v, s in ordered)


def _wanted(
    event: TimelineEvent, filters: Filters, event_type: str | None, affiliations: Affiliations
) -> bool:
    if event_type is not None and not same_name(event.type, event_type):
        return False
    if filters.party is not None:
        party = filters.party
        if not any(affiliations.belongs(p, party) for p in event.participants):
            return False
    actor = filters.actor
    if actor is not None and not any(same_name(p, actor) for p in event.participants):
        return False
    return filters.in_range(event.date)
