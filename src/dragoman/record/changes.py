"""What changed since a day: the brief an analyst sends on Monday.

The one definition, used by ``dragoman changes`` and by ``/changes``:

- **New** means *in a report published on or after ``since``* (and on or before
  ``until`` when given). The publication day is what a reader can check on the source,
  and it does not move when a store is rebuilt or a batch is ingested again (the
  store's ``ingested_at`` does). A report without a publication day is never new.
- **Stance changes**: each new report of a party's stance on an issue (and subject)
  is compared with the stance before it: the latest report (:func:`~dragoman.models.
  latest_key`) from reports published before ``since``, then each new report in date
  order (:attr:`~dragoman.models.Dating.order`). A different stance is a change; a
  (party, issue, subject) nobody reported before is new; the same stance again is not
  listed.
- **Events** (dated event reports only): a new report of an event no earlier report
  tells of (same type, a day within ``tolerance``, participants that overlap or are
  not named) is *new*; one that an earlier report told with another status is a
  *status* change (*cancelled* when the new status is ``cancelled``); a planned or
  proposed event whose participants were given another day, still to come at
  ``since``, by an earlier report is *rescheduled*.
- **Contradictions** (:func:`~dragoman.record.contradictions`): among the claims of the
  new reports and of the ``window`` days before, those with a side in a new report.
- **Who spoke most**: quotes per speaker in the new reports.

Every line carries its evidence: the report (id, title, day) and the anchor of the item
on the report's page (``position-12``). Inputs are reviewed extractions (anything with
``id``, ``article`` and ``value``), as the store's ``changes_reads`` gives them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import quote

from dragoman.errors import BadFilter
from dragoman.models import Article, ArticleRecord, Dating, Event, Position, item_dating, latest_key
from dragoman.record.contradictions import DEFAULT_WINDOW, Contradiction, contradictions
from dragoman.record.evidence import Evidence
from dragoman.record.filters import DateLike, parse_date

DEFAULT_DAYS = 7
PLANNED = frozenset({"planned", "proposed"})
_RELATIVE = re.compile(r"^(\d{1,4})\s*([dw])$")


class Found(Protocol):
    """One reviewed extraction with its row id and its article."""

    @property
    def id(self) -> int: ...
    @property
    def article(self) -> Article: ...
    @property
    def value(self) -> Any: ...


class Reads(Protocol):
    """What :func:`changes_in` reads from (a :class:`~dragoman.store.Store`)."""

    def published_span(self) -> tuple[dt.date | None, dt.date | None]: ...
    def changes_reads(
        self, since: dt.date, until: dt.date | None, window: int, speakers: int = 10
    ) -> dict[str, Any]: ...


def period(
    reads: Reads, since: DateLike, until: DateLike, today: dt.date | None = None
) -> tuple[dt.date, dt.date | None]:
    """The first and last publication days of a brief: ``since`` as :func:`since_day`
    reads it; without one, the :data:`DEFAULT_DAYS` days up to the latest report."""
    end = parse_date(until or None, "until")
    if since:
        start = since_day(since, today)
    else:
        _, last = reads.published_span()
        start = (last or today or dt.date.today()) - dt.timedelta(days=DEFAULT_DAYS)
    if end is not None and end < start:
        raise BadFilter(f"since {start.isoformat()} is after until {end.isoformat()}")
    return start, end


def changes_in(
    reads: Reads,
    since: DateLike = None,
    until: DateLike = None,
    today: dt.date | None = None,
    window: int = DEFAULT_WINDOW,
    contradictions_limit: int | None = None,
) -> Changes:
    """:func:`what_changed` over the store's reads of the :func:`period`."""
    start, end = period(reads, since, until, today)
    return what_changed(
        reads.changes_reads(start, end, window),
        start,
        end,
        window=window,
        contradictions_limit=contradictions_limit,
    )


def since_day(value: DateLike, today: dt.date | None = None) -> dt.date:
    """The first day of a period: a date, ``YYYY-MM-DD``, or ``7d``/``2w`` before
    ``today``."""
    if isinstance(value, str):
        relative = _RELATIVE.match(value.strip().lower())
        if relative:
            days = int(relative.group(1)) * (7 if relative.group(2) == "w" else 1)
            return (today or dt.date.today()) - dt.timedelta(days=days)
    day = parse_date(value, "since")
    if day is None:
        raise BadFilter("since: give a day (YYYY-MM-DD) or a number of days (7d)")
    return day


@dataclass(frozen=True)
class Source:
    """Where a line of the brief comes from: a report and the item's anchor on its page."""

    article_id: str
    title: str
    published: dt.date | None
    ref: str  # "position-12": the anchor of the item on the report's page
    text: str  # the sentence that carries the item

    @classmethod
    def of(cls, kind: str, item_id: int | None, evidence: Evidence, title: str | None) -> Source:
        return cls(
            evidence.article_id,
            title or evidence.source or evidence.article_id,
            evidence.published,
            f"{kind}-{item_id}" if item_id is not None else "",
            evidence.text,
        )

    @property
    def href(self) -> str:
        path = "/articles/" + quote(self.article_id, safe="")
        return path + (f"#{self.ref}" if self.ref else "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "ref": self.ref,
            "href": self.href,
            "text": self.text,
        }


@dataclass(frozen=True)
class StanceChange:
    """A new report of a party's stance that is new or differs from the one before."""

    party: str
    issue: str
    subject: str | None
    stance: str
    before: str | None  # None: nobody reported this stance before
    dating: Dating
    reported_by: str | None
    summary: str
    source: Source

    @property
    def kind(self) -> str:
        return "new" if self.before is None else "changed"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "party": self.party,
            "issue": self.issue,
            "subject": self.subject,
            "stance": self.stance,
            "before": self.before,
            **self.dating.to_dict(),
            "reported_by": self.reported_by,
            "summary": self.summary,
            "source": self.source.to_dict(),
        }


@dataclass(frozen=True)
class EventChange:
    """A new report of an event that tells something new: the event, its status or
    its day."""

    kind: str  # "new", "status", "cancelled" or "rescheduled"
    type: str
    date: dt.date
    status: str
    place: str | None
    participants: list[str]
    before_date: dt.date | None
    before_status: str | None
    source: Source

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "type": self.type,
            "date": self.date.isoformat(),
            "status": self.status,
            "place": self.place,
            "participants": list(self.participants),
            "before_date": self.before_date.isoformat() if self.before_date else None,
            "before_status": self.before_status,
            "source": self.source.to_dict(),
        }


@dataclass
class Changes:
    """Everything new in the reports of a period."""

    since: dt.date
    until: dt.date | None
    reports: int
    stances: list[StanceChange] = field(default_factory=list)
    events: list[EventChange] = field(default_factory=list)
    contradictions: list[tuple[Contradiction, Source, Source]] = field(default_factory=list)
    speakers: list[tuple[str, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat() if self.until else None,
            "reports": self.reports,
            "stances": [s.to_dict() for s in self.stances],
            "events": [e.to_dict() for e in self.events],
            "contradictions": [
                {**c.to_dict(), "sources": [a.to_dict(), b.to_dict()]}
                for c, a, b in self.contradictions
            ],
            "speakers": [{"name": n, "quotes": k} for n, k in self.speakers],
        }


def what_changed(
    reads: dict[str, Any],
    since: dt.date,
    until: dt.date | None = None,
    window: int = DEFAULT_WINDOW,
    tolerance: int = 1,
    contradictions_limit: int | None = None,
) -> Changes:
    """The changes in the reports published in [``since``, ``until``], from ``reads``
    (what :meth:`Store.changes_reads <dragoman.store.Store.changes_reads>` gives: lists
    of :class:`Found` under ``positions``, ``window_positions``, ``prior_positions``,
    ``events``, ``earlier_events``, ``assessments``; ``speakers``; ``reports``); the
    earliest ``contradictions_limit`` contradictions when given."""
    if until is not None and until < since:
        raise BadFilter(f"since {since.isoformat()} is after until {until.isoformat()}")
    found = Changes(since, until, int(reads.get("reports", 0)))
    found.stances = stance_changes(
        _items(reads, "positions"),
        [*_items(reads, "prior_positions"), *_items(reads, "window_positions")],
    )
    found.events = event_changes(
        _items(reads, "events"), _items(reads, "earlier_events"), since, tolerance
    )
    found.contradictions = new_contradictions(
        [*_items(reads, "window_positions"), *_items(reads, "positions")],
        _items(reads, "assessments"),
        since,
        window,
        limit=contradictions_limit,
    )
    found.speakers = list(reads.get("speakers", []))
    return found


def _items(reads: dict[str, Any], name: str) -> list[Found]:
    value = reads.get(name)
    if value is None:
        return []
    return list(getattr(value, "items", value))


def _position_key(position: Position) -> tuple[str, str, str | None]:
    return (position.party, position.issue, position.subject)


def stance_changes(new: Sequence[Found], earlier: Sequence[Found]) -> list[StanceChange]:
    """The new positions that are new or differ from the stance before them, by party,
    issue and date."""
    before: dict[tuple[str, str, str | None], tuple[tuple[Any, ...], str]] = {}
    for item in earlier:
        position: Position = item.value
        rank = latest_key(_dating(position, item.article), item.article.id, position.start, item.id)
        key = _position_key(position)
        if key not in before or rank > before[key][0]:
            before[key] = (rank, position.stance)
    stance = {key: s for key, (_, s) in before.items()}
    ordered = sorted(
        new,
        key=lambda i: (_dating(i.value, i.article).order, i.article.id, i.value.start, i.id),
    )
    changes: list[StanceChange] = []
    for item in ordered:
        position = item.value
        key = _position_key(position)
        was = stance.get(key)
        stance[key] = position.stance
        if was == position.stance:
            continue
        evidence = Evidence.of(item.article, position.start, position.end)
        changes.append(
            StanceChange(
                position.party,
                position.issue,
                position.subject,
                position.stance,
                was,
                _dating(position, item.article),
                position.reported_by,
                position.summary,
                Source.of("position", item.id, evidence, item.article.title),
            )
        )
    changes.sort(key=lambda c: (c.party.casefold(), c.issue, c.subject or "", c.dating.order))
    return changes


def _dating(item: Any, article: Article) -> Dating:
    return item_dating(item.date, article.published)


def _names(event: Event) -> set[str]:
    return {" ".join(p.split()).casefold() for p in event.participants}


def _compatible(a: Event, b: Event) -> bool:
    mine, theirs = _names(a), _names(b)
    return not mine or not theirs or bool(mine & theirs)


def event_changes(
    new: Sequence[Found], earlier: Sequence[Found], since: dt.date, tolerance: int = 1
) -> list[EventChange]:
    """The new event reports that tell of a new event, a new status or a new day
    (see the module's docstring), by date."""
    by_day: dict[tuple[str, dt.date], list[Found]] = {}
    planned: dict[str, list[Found]] = {}
    for item in sorted(earlier, key=lambda i: (i.article.published or dt.date.min, i.id)):
        event: Event = item.value
        if event.date is None:
            continue
        by_day.setdefault((event.type, event.date), []).append(item)
        if event.status in PLANNED and event.date >= since and _names(event):
            planned.setdefault(event.type, []).append(item)
    changes: list[EventChange] = []
    seen: set[tuple[Any, ...]] = set()
    ordered = sorted(new, key=lambda i: (i.article.published or dt.date.min, i.article.id, i.id))
    for item in ordered:
        event = item.value
        if event.date is None:
            continue
        said = (event.type, event.date, event.status, frozenset(_names(event)))
        if said in seen:
            continue
        seen.add(said)
        change = _event_change(item, by_day, planned, tolerance)
        if change is not None:
            changes.append(change)
        # A new report is known to the ones after it.
        by_day.setdefault((event.type, event.date), []).append(item)
    changes.sort(key=lambda c: (c.date, c.type, c.source.article_id))
    return changes


def _event_change(
    item: Found,
    by_day: dict[tuple[str, dt.date], list[Found]],
    planned: dict[str, list[Found]],
    tolerance: int,
) -> EventChange | None:
    event: Event = item.value
    assert event.date is not None
    same: list[Found] = []
    for shift in range(-tolerance, tolerance + 1):
        day = event.date + dt.timedelta(days=shift)
        same += [o for o in by_day.get((event.type, day), []) if _compatible(o.value, event)]
    kind, before_date, before_status = "new", None, None
    if same:
        last = same[-1].value
        if last.status == event.status:
            return None
        kind = "cancelled" if event.status == "cancelled" else "status"
        before_date, before_status = last.date, last.status
    elif event.status in PLANNED:
        moved = [
            o
            for o in planned.get(event.type, [])
            if o.value.date != event.date and _names(o.value) & _names(event)
        ]
        if moved:
            kind, before_date, before_status = "rescheduled", moved[-1].value.date, "planned"
    evidence = Evidence.of(item.article, event.start, event.end)
    return EventChange(
        kind,
        event.type,
        event.date,
        event.status,
        event.place,
        list(event.participants),
        before_date,
        before_status,
        Source.of("event", item.id, evidence, item.article.title),
    )


def new_contradictions(
    positions: Sequence[Found],
    assessments: Sequence[Found],
    since: dt.date,
    window: int = DEFAULT_WINDOW,
    limit: int | None = None,
    *,
    party: str | None = None,
    issue: str | None = None,
    actor: str | None = None,
) -> list[tuple[Contradiction, Source, Source]]:
    """Contradictions among these claims with a side in a report published since
    ``since``, earliest first, each with the two sources (the first ``limit`` of them
    when given: drawn a page at a time, never all of a dense period); ``party``,
    ``issue`` and ``actor`` as :func:`~dragoman.record.contradictions` takes them."""
    if limit is not None and limit < 0:
        raise BadFilter(f"limit: {limit} is below zero; give a number of contradictions")
    ids: dict[tuple[str, int, int], tuple[str, int]] = {}
    records: dict[str, ArticleRecord] = {}
    for kind, items in (("position", positions), ("assessment", assessments)):
        for item in items:
            record = records.setdefault(item.article.id, ArticleRecord(article=item.article))
            getattr(record, kind + "s").append(item.value)
            ids[(item.article.id, item.value.start, item.value.end)] = (kind, item.id)
    titles = {aid: r.article.title for aid, r in records.items()}

    def source(evidence: Evidence) -> Source:
        kind, item_id = ids.get((evidence.article_id, evidence.start, evidence.end), ("", None))
        return Source.of(kind, item_id, evidence, titles.get(evidence.article_id))

    found_in = contradictions(
        _in_order(records.values()),
        party=party,
        issue=issue,
        actor=actor,
        window=window,
        limit=limit,
        published_since=since,
    )
    return [(c, source(c.first.evidence), source(c.second.evidence)) for c in found_in]


def _in_order(records: Iterable[ArticleRecord]) -> list[ArticleRecord]:
    return sorted(records, key=lambda r: (r.article.published or dt.date.min, r.article.id))


# -- Markdown: the brief as text --------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: object) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _link(source: Source, base: str) -> str:
    day = source.published.isoformat() if source.published else "undated"
    return f"[{_md(source.title)}, {day}]({base}{source.href})"


def changes_markdown(changes: Changes, base_url: str = "") -> str:
    """The brief in Markdown, each line linked to its report (``base_url`` + the
    report page's path)."""
    base = base_url.rstrip("/")
    until = changes.until.isoformat() if changes.until else "now"
    lines = [
        f"# What changed, {changes.since.isoformat()} to {until}",
        "",
        f"{changes.reports} new report(s).",
        "",
        "## Stances",
        "",
    ]
    for s in changes.stances:
        what = f"{_md(s.before)} → {_md(s.stance)}" if s.before else f"new: {_md(s.stance)}"
        about = _md(s.issue) + (f" ({_md(s.subject)})" if s.subject else "")
        who = f", says {_md(s.reported_by)}" if s.reported_by else ""
        lines.append(
            f"- **{_md(s.party)}** on {about}: {what} ({s.dating.label()}{who}) "
            f"— {_link(s.source, base)}"
        )
    lines += ["", "## Events", ""]
    for e in changes.events:
        was = ""
        if e.kind == "rescheduled" and e.before_date:
            was = f" (was {e.before_date.isoformat()})"
        elif e.before_status:
            was = f" (was {_md(e.before_status)})"
        place = f" in {_md(e.place)}" if e.place else ""
        lines.append(
            f"- {e.kind}: {_md(e.type)} {e.date.isoformat()}{place}, {_md(e.status)}{was}"
            f" — {_link(e.source, base)}"
        )
    lines += ["", "## Contradictions", ""]
    for c, a, b in changes.contradictions:
        lines.append(
            f"- {_md(c.about)}: {_md(c.first.actor)} ({_md(c.first.claim)}, "
            f"{_link(a, base)}) vs {_md(c.second.actor)} ({_md(c.second.claim)}, "
            f"{_link(b, base)})"
        )
    lines += ["", "## Who spoke most", ""]
    lines += [f"- {_md(name)}: {n} quote(s)" for name, n in changes.speakers]
    return "\n".join(lines) + "\n"
