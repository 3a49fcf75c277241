"""Charts of the record over time: SVG written here, PNG drawn by Pillow (no network).

Three charts, each drawn from a JSON-ready dict (the one the chart's page serves):

- ``stance``: each party's stance on one issue, a lane per party, a mark per report
  (the latest position of that party on the issue in that report), coloured by stance;
- ``events``: the events merged across reports, a lane per type, coloured by status;
- ``assessments``: each side's judgements of the talks, a lane per side, coloured by
  polarity.

:func:`stance_data`, :func:`events_data` and :func:`assessments_data` build the dicts
from partial records (or the timeline's dicts); :func:`render` draws any of them. Every
name, title and label is escaped: report text never becomes markup. :func:`render_png`
draws the same layout as a PNG, for a briefing. Marks are placed at their
:attr:`~dragoman.models.Dating.day` (an undated item at its report's day) and say in
their tooltip when they are undated.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any, Protocol
from urllib.parse import quote

from dragoman.errors import BadFilter, ExportError
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
INK = "#1d2330"
RULE = "#d9dee7"

#: Reports of one party's stance on one issue read for the stance chart.
CHART_REPORTS = 400
#: Event reports read for the events chart (the latest in the range), as the timeline.
CHART_EVENTS = 400
#: Judgements read per side for the assessments chart (the latest).
CHART_JUDGEMENTS = 300

WIDTH = 960
LEFT = 170  # room for the lane labels
RIGHT = 50  # room for the last date of the axis
TOP = 34
LANE = 30
TICKS = 6
MARK_RADIUS = 6
MARK_OPACITY = 0.85
MAX_SCALE = 4  # a PNG at most 3,840 pixels wide


def _href(article_id: str, ref: str = "") -> str:
    return "/articles/" + quote(article_id, safe="") + (f"#{ref}" if ref else "")


def _mark(day: dt.date | None, key: str, label: str, href: str) -> dict[str, Any]:
    return {"day": day.isoformat() if day else None, "key": key, "label": label, "href": href}


# -- the data: JSON-ready dicts -------------------------------------------------------


class Reads(Protocol):
    """What :func:`chart_data` reads from (a :class:`~dragoman.store.Store`)."""

    def position_cells(self) -> list[dict[str, Any]]: ...
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
        # The parties with a stance on the issue (the matrix's summary has a cell each).
        wanted = filters.issue.casefold()
        cells = {
            (c["party"], c["issue"])
            for c in reads.position_cells()
            if c["issue"].casefold() == wanted
        }
        for party, stored in sorted(cells, key=lambda cell: cell[0].casefold()):
            # The issue as stored: the reads match it exactly.
            _, found = reads.position_reports(party, stored, CHART_REPORTS)
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
# One layout (where each lane, mark, tick and legend entry goes) is drawn twice: as SVG
# text here, and as PNG pixels with Pillow; so a briefing's PNG is the dashboard's chart.


@dataclass(frozen=True)
class Placed:
    """A mark at its place: centre ``x``, ``y`` (SVG units) and fill colour."""

    mark: Mapping[str, Any]
    x: float
    y: float
    colour: str


@dataclass(frozen=True)
class Layout:
    """Where everything of a chart goes, in SVG units (pixels at scale 1)."""

    kind: str
    title: str
    height: int
    bottom: float  # the time axis
    ticks: list[tuple[float, str]] = field(default_factory=list)
    lanes: list[tuple[str, float, list[Placed]]] = field(default_factory=list)
    legend: list[tuple[float, float, str, str]] = field(default_factory=list)  # x, y, key, colour

    @property
    def empty(self) -> bool:
        return not self.ticks


def layout(data: Mapping[str, Any]) -> Layout:
    """The places of the chart of ``data`` (one of the dicts above)."""
    lanes = data.get("lanes") or []
    height = TOP + LANE * max(len(lanes), 1) + 60
    kind, title = str(data.get("kind") or ""), str(data.get("title") or "")
    if not data.get("start"):
        return Layout(kind, title, height, TOP + LANE)
    start = dt.date.fromisoformat(data["start"])
    span = max((dt.date.fromisoformat(data["end"]) - start).days, 1)
    inner = WIDTH - LEFT - RIGHT - 20

    def x(day: dt.date) -> float:
        return LEFT + 10 + inner * (day - start).days / span

    bottom = TOP + LANE * len(lanes)
    steps = min(TICKS, span)
    days = (start + dt.timedelta(days=round(span * i / steps)) for i in range(steps + 1))
    ticks = [(x(day), day.isoformat()) for day in days]
    colours = data.get("colours") or {}
    placed = []
    for i, lane in enumerate(lanes):
        y = TOP + LANE * i + LANE / 2
        marks = [
            Placed(m, x(dt.date.fromisoformat(m["day"])), y, colours.get(m["key"], OTHER))
            for m in lane["marks"]
        ]
        placed.append((str(lane["name"]), y, marks))
    legend: list[tuple[float, float, str, str]] = []
    at = float(LEFT)
    for key, colour in colours.items():
        legend.append((at, float(bottom + 40), str(key), str(colour)))
        at += 20 + 8 * len(str(key))
    return Layout(kind, title, height, bottom, ticks, placed, legend)


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def render(data: Mapping[str, Any]) -> str:
    """The chart of ``data`` (one of the dicts above) as an SVG document."""
    at = layout(data)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{_attr(at.kind)}"'
        f' viewBox="0 0 {WIDTH} {at.height}" width="{WIDTH}" height="{at.height}"'
        f' role="img" aria-label="{_attr(at.title)}" font-family="sans-serif" font-size="12">',
        f"<title>{_attr(at.title)}</title>",
        f'<rect width="{WIDTH}" height="{at.height}" fill="#ffffff"/>',
    ]
    if at.empty:
        out.append(f'<text x="{LEFT}" y="{TOP + 20}" fill="{OTHER}">nothing to show</text>')
        out.append("</svg>")
        return "\n".join(out)
    out.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{at.bottom}" y2="{at.bottom}"'
        f' stroke="{OTHER}"/>'
    )
    for tx, label in at.ticks:
        out.append(
            f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{at.bottom}" y2="{at.bottom + 4}"'
            f' stroke="{OTHER}"/><text x="{tx:.1f}" y="{at.bottom + 16}"'
            f' text-anchor="middle" fill="{OTHER}">{label}</text>'
        )
    for name, y, marks in at.lanes:
        out.append(
            f'<g class="lane" data-lane="{_attr(name)}">'
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" stroke="{RULE}"/>'
            f'<text class="lane-label" x="{LEFT - 8}" y="{y + 4}" text-anchor="end"'
            f' fill="{INK}">{_attr(name)}</text>'
        )
        out += [_draw_mark(p) for p in marks]
        out.append("</g>")
    out.append('<g class="legend">')
    for lx, ly, key, colour in at.legend:
        out.append(
            f'<circle cx="{lx}" cy="{ly - 4}" r="5" fill="{_attr(colour)}"/>'
            f'<text x="{lx + 9}" y="{ly}" fill="{INK}">{_attr(key)}</text>'
        )
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def _draw_mark(placed: Placed) -> str:
    mark = placed.mark
    circle = (
        f'<circle class="mark" data-key="{_attr(mark["key"])}" data-day="{_attr(mark["day"])}"'
        f' cx="{placed.x:.1f}" cy="{placed.y}" r="{MARK_RADIUS}" fill="{_attr(placed.colour)}"'
        f' fill-opacity="{MARK_OPACITY}" stroke="#ffffff"><title>{_attr(mark["label"])}</title>'
        f"</circle>"
    )
    if mark.get("href"):
        return f'<a href="{_attr(mark["href"])}">{circle}</a>'
    return circle


def render_png(data: Mapping[str, Any], scale: int = 2) -> bytes:
    """The chart of ``data`` as a PNG of ``WIDTH * scale`` by ``height * scale`` pixels,
    drawn by Pillow from the same layout as :func:`render` (no browser, no system
    library): drawn at twice that size and scaled down, for smooth circles and text."""
    try:
        from PIL import Image, ImageDraw, ImageFont
        from PIL.PngImagePlugin import PngInfo
    except ImportError as e:  # a dependency of dragoman: only a broken install lacks it
        raise ExportError("a PNG chart needs Pillow: pip install 'pillow>=10.1'") from e

    if not 1 <= scale <= MAX_SCALE:
        raise BadFilter(f"scale: give a whole number from 1 to {MAX_SCALE}")
    at = layout(data)
    f = scale * 2
    image = Image.new("RGB", (WIDTH * f, at.height * f), "#ffffff")
    draw = ImageDraw.Draw(image, "RGBA")
    font = ImageFont.load_default(size=12 * f)

    def text(x: float, y: float, words: str, fill: str, anchor: str) -> None:
        draw.text((x * f, y * f), words, fill=fill, font=font, anchor=anchor)

    def line(x1: float, y1: float, x2: float, y2: float, fill: str) -> None:
        draw.line([(x1 * f, y1 * f), (x2 * f, y2 * f)], fill=fill, width=f)

    def dot(x: float, y: float, r: float, fill: str, opacity: float = 1.0) -> None:
        box = [(x - r) * f, (y - r) * f, (x + r) * f, (y + r) * f]
        rgba = (*_rgb(fill), round(255 * opacity))
        draw.ellipse(box, fill=rgba, outline="#ffffff" if opacity < 1 else None, width=f)

    if at.empty:
        text(LEFT, TOP + 20, "nothing to show", OTHER, "ls")
    else:
        line(LEFT, at.bottom, WIDTH - RIGHT, at.bottom, OTHER)
        for tx, label in at.ticks:
            line(tx, at.bottom, tx, at.bottom + 4, OTHER)
            text(tx, at.bottom + 16, label, OTHER, "ms")
        for name, y, marks in at.lanes:
            line(LEFT, y, WIDTH - RIGHT, y, RULE)
            text(LEFT - 8, y + 4, name, INK, "rs")
            for p in marks:
                dot(p.x, p.y, MARK_RADIUS, p.colour, MARK_OPACITY)
        for lx, ly, key, colour in at.legend:
            dot(lx, ly - 4, 5, colour)
            text(lx + 9, ly, key, INK, "ls")
    image = image.resize((WIDTH * scale, at.height * scale), Image.Resampling.LANCZOS)
    info = PngInfo()
    info.add_text("Title", at.title)
    info.add_text("Software", "dragoman")
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info, optimize=True)
    return out.getvalue()


def _rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` as numbers (the colours here are all of that form)."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
