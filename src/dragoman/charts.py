"""Charts of the record over time, as plain SVG written here (no library, no network).

Three charts, each drawn from a JSON-ready dict (the one the chart's page serves):

- ``stance``: each party's stance on one issue, a lane per party, a mark per report
  (the latest position of that party on the issue in that report), coloured by stance;
- ``events``: the events merged across reports, a lane per type, coloured by status;
- ``assessments``: each side's judgements of the talks, a lane per side, coloured by
  polarity.

:func:`stance_data`, :func:`events_data` and :func:`assessments_data` build the dicts
from partial records (or the timeline's dicts); :func:`render` draws any of them. Every
name, title and label is escaped: report text never becomes markup. Marks are placed
at their :attr:`~dragoman.models.Dating.day` (an undated item at its report's day) and
say in their tooltip when they are undated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any, Protocol
from urllib.parse import quote

from dragoman.errors import BadFilter
from dragoman.models import ArticleRecord, item_dating, latest_key
from dragoman.record import Filters, timeline
from dragoman.record.filters import DateLike
from dragoman.vocabulary import EVENT_STATUSES, EVENT_TYPES, POLARITIES, STANCES

KINDS = ("stance", "events", "assessments")

#: The colours of the dashboard's stylesheet (``--propose`` ...), one per code.
STANCE_COLOURS = {
    "propose": "#2f6fdb",
    "demand": "#d97706",
    "accept": "#15803d",
    "reject": "#c2410c",
    "concede": "#7c3aed",
}
STATUS_COLOURS = {
    "occurred": "#15803d",
    "ongoing": "#2f6fdb",
    "planned": "#d97706",
    "proposed": "#7c3aed",
    "cancelled": "#c2410c",
}
POLARITY_COLOURS = {"positive": "#15803d", "negative": "#c2410c", "mixed": "#d97706"}
OTHER = "#667085"

#: Reports of one party's stance on one issue read for the stance chart.
CHART_REPORTS = 5000
#: Event reports read for the events chart (the latest in the range), as the timeline.
CHART_EVENTS = 2000
#: Judgements read per side for the assessments chart (the latest).
CHART_JUDGEMENTS = 1000

WIDTH = 960
LEFT = 170  # room for the lane labels
RIGHT = 50  # room for the last date of the axis
TOP = 34
LANE = 30
TICKS = 6


def _href(article_id: str, ref: str = "") -> str:
    return "/articles/" + quote(article_id, safe="") + (f"#{ref}" if ref else "")


def _mark(day: dt.date | None, key: str, label: str, href: str) -> dict[str, Any]:
    return {"day": day.isoformat() if day else None, "key": key, "label": label, "href": href}


# -- the data: JSON-ready dicts -------------------------------------------------------


class Reads(Protocol):
    """What :func:`chart_data` reads from (a :class:`~dragoman.store.Store`)."""

    def parties(self) -> list[str]: ...
    def position_reports(self, party: str, issue: str, limit: int) -> tuple[int, Any]: ...
    def event_reports(
        self, *, since: Any = None, until: Any = None, limit: int
    ) -> tuple[Any, bool]: ...
    def side_assessments(self, per_side: int) -> dict[str, Any]: ...


def chart_data(
    reads: Reads,
    kind: str,
    issue: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
) -> dict[str, Any]:
    """The data of one chart, read through the store's page reads (each bounded)."""
    filters = Filters.of(issue=issue, since=since, until=until)
    if kind not in KINDS:
        raise BadFilter(f"chart: unknown kind {kind!r}; use one of: {', '.join(KINDS)}")
    if kind == "stance":
        if not filters.issue:
            raise BadFilter("issue: the stance chart needs an issue (e.g. neutrality)")
        records: list[ArticleRecord] = []
        for party in reads.parties():
            _, found = reads.position_reports(party, filters.issue, CHART_REPORTS)
            records += found.records()
        return stance_data(records, filters.issue, filters.since, filters.until)
    if kind == "events":
        found, _ = reads.event_reports(since=filters.since, until=filters.until, limit=CHART_EVENTS)
        merged = timeline(found.records(), since=filters.since, until=filters.until)
        return events_data(e.to_dict() for e in merged)
    sides = {side: e.records() for side, e in reads.side_assessments(CHART_JUDGEMENTS).items()}
    return assessments_data(sides, filters.since, filters.until)


def stance_data(
    records: Iterable[ArticleRecord],
    issue: str,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> dict[str, Any]:
    """Each party's stance on ``issue``: per party, one mark per report (the report's
    latest position of that party on the issue), in date order."""
    latest: dict[tuple[str, str], tuple[tuple[Any, ...], dict[str, Any]]] = {}
    for record in records:
        article = record.article
        for index, position in enumerate(record.positions):
            if position.issue.casefold() != issue.casefold():
                continue
            dating = item_dating(position.date, article.published)
            day = dating.day
            if day is None or (since and day < since) or (until and day > until):
                continue
            rank = latest_key(dating, article.id, position.start, index)
            who = f", says {position.reported_by}" if position.reported_by else ""
            mark = _mark(
                day,
                position.stance,
                f"{position.party}: {position.stance} ({dating.label()}{who}) "
                f"— {article.title or article.source}",
                _href(article.id),
            )
            mark["article_id"] = article.id
            key = (position.party, article.id)
            if key not in latest or rank > latest[key][0]:
                latest[key] = (rank, mark)
    return _lanes_data(
        "stance",
        f"Stances on {issue}",
        [(party, m) for (party, _), (_, m) in latest.items()],
        STANCE_COLOURS,
        list(STANCES),
        issue=issue,
    )


def events_data(events: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The dated events of a timeline (:meth:`TimelineEvent.to_dict
    <dragoman.record.TimelineEvent.to_dict>`), a lane per type, coloured by status."""
    marks = []
    for event in events:
        if not event.get("date"):
            continue
        sources = event.get("sources") or []
        article_id = sources[-1]["evidence"]["article_id"] if sources else ""
        place = f" in {event['place']}" if event.get("place") else ""
        label = (
            f"{event['type']} {event['date']}{place}: {event['status']} ({len(sources)} report(s))"
        )
        mark = _mark(
            dt.date.fromisoformat(event["date"]),
            event["status"],
            label,
            _href(article_id) if article_id else "",
        )
        marks.append((event["type"], mark))
    order = {t: i for i, t in enumerate(EVENT_TYPES)}
    return _lanes_data(
        "events",
        "Events by type",
        sorted(marks, key=lambda m: order.get(m[0], len(order))),
        STATUS_COLOURS,
        list(EVENT_STATUSES),
        sort_lanes=False,
    )


def assessments_data(
    sides: Mapping[str, Iterable[ArticleRecord]],
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> dict[str, Any]:
    """Each side's judgements of the talks over time, coloured by polarity."""
    marks = []
    for side, records in sides.items():
        for record in records:
            article = record.article
            for assessment in record.assessments:
                dating = item_dating(assessment.date, article.published)
                day = dating.day
                if day is None or (since and day < since) or (until and day > until):
                    continue
                label = (
                    f"{assessment.actor}: {assessment.polarity} ({dating.label()})"
                    f" — {article.title or article.source}"
                )
                marks.append((side, _mark(day, assessment.polarity, label, _href(article.id))))
    return _lanes_data(
        "assessments",
        "Judgements of the talks by side",
        marks,
        POLARITY_COLOURS,
        list(POLARITIES),
    )


def _lanes_data(
    kind: str,
    title: str,
    marks: Sequence[tuple[str, dict[str, Any]]],
    colours: Mapping[str, str],
    keys: list[str],
    sort_lanes: bool = True,
    **extra: Any,
) -> dict[str, Any]:
    lanes: dict[str, list[dict[str, Any]]] = {}
    for lane, mark in marks:
        lanes.setdefault(lane, []).append(mark)
    names = sorted(lanes, key=str.casefold) if sort_lanes else list(lanes)
    days = [m["day"] for ms in lanes.values() for m in ms if m["day"]]
    return {
        "kind": kind,
        "title": title,
        **extra,
        "start": min(days) if days else None,
        "end": max(days) if days else None,
        "colours": {k: colours.get(k, OTHER) for k in keys},
        "lanes": [
            {"name": name, "marks": sorted(lanes[name], key=lambda m: (m["day"] or "", m["href"]))}
            for name in names
        ],
        "marks": sum(len(v) for v in lanes.values()),
    }


# -- the drawing ------------------------------------------------------------------------


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def render(data: Mapping[str, Any]) -> str:
    """The chart of ``data`` (one of the dicts above) as an SVG document."""
    lanes = data.get("lanes") or []
    height = TOP + LANE * max(len(lanes), 1) + 60
    title = str(data.get("title") or "")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{_attr(data.get("kind"))}"'
        f' viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}"'
        f' role="img" aria-label="{_attr(title)}" font-family="sans-serif" font-size="12">',
        f"<title>{_attr(title)}</title>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    if not data.get("start"):
        out.append(f'<text x="{LEFT}" y="{TOP + 20}" fill="{OTHER}">nothing to show</text>')
        out.append("</svg>")
        return "\n".join(out)
    start = dt.date.fromisoformat(data["start"])
    end = dt.date.fromisoformat(data["end"])
    span = max((end - start).days, 1)
    inner = WIDTH - LEFT - RIGHT - 20

    def x(day: str) -> float:
        return LEFT + 10 + inner * (dt.date.fromisoformat(day) - start).days / span

    bottom = TOP + LANE * len(lanes)
    out += _axis(start, span, inner, bottom)
    colours = data.get("colours") or {}
    for i, lane in enumerate(lanes):
        y = TOP + LANE * i + LANE / 2
        out.append(
            f'<g class="lane" data-lane="{_attr(lane["name"])}">'
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" stroke="#d9dee7"/>'
            f'<text class="lane-label" x="{LEFT - 8}" y="{y + 4}" text-anchor="end"'
            f' fill="#1d2330">{_attr(lane["name"])}</text>'
        )
        for mark in lane["marks"]:
            out.append(_draw_mark(mark, x(mark["day"]), y, colours.get(mark["key"], OTHER)))
        out.append("</g>")
    out += _legend(colours, bottom + 40)
    out.append("</svg>")
    return "\n".join(out)


def _draw_mark(mark: Mapping[str, Any], cx: float, cy: float, colour: str) -> str:
    circle = (
        f'<circle class="mark" data-key="{_attr(mark["key"])}" data-day="{_attr(mark["day"])}"'
        f' cx="{cx:.1f}" cy="{cy}" r="6" fill="{_attr(colour)}" fill-opacity="0.85"'
        f' stroke="#ffffff"><title>{_attr(mark["label"])}</title></circle>'
    )
    if mark.get("href"):
        return f'<a href="{_attr(mark["href"])}">{circle}</a>'
    return circle


def _axis(start: dt.date, span: int, inner: float, bottom: float) -> list[str]:
    out = [f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{bottom}" y2="{bottom}" stroke="#667085"/>']
    steps = min(TICKS, span)
    for i in range(steps + 1):
        day = start + dt.timedelta(days=round(span * i / steps))
        tx = LEFT + 10 + inner * (day - start).days / span
        out.append(
            f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{bottom}" y2="{bottom + 4}" stroke="#667085"/>'
            f'<text x="{tx:.1f}" y="{bottom + 16}" text-anchor="middle" fill="#667085">'
            f"{day.isoformat()}</text>"
        )
    return out


def _legend(colours: Mapping[str, str], y: float) -> list[str]:
    out = ['<g class="legend">']
    x = LEFT
    for key, colour in colours.items():
        out.append(
            f'<circle cx="{x}" cy="{y - 4}" r="5" fill="{_attr(colour)}"/>'
            f'<text x="{x + 9}" y="{y}" fill="#1d2330">{_attr(key)}</text>'
        )
        x += 20 + 8 * len(key)
    out.append("</g>")
    return out
