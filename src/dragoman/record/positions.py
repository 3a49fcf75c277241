"""Where each party stands on each issue, and how it got there.

One :class:`PositionState` per (party, issue, subject): the latest stance, and the
history of every report of it in date order. A position is dated by its own ``date``,
or else by its article's publication date (the dateline convention). An entry whose
stance differs from the one before it is a change; a move to ``concede`` is a
concession.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dragoman.models import Article, ArticleRecord, Position
from dragoman.record.evidence import Evidence, iso
from dragoman.record.filters import DateLike, Filters, same_name

CONCEDE = "concede"

Key = tuple[str, str, str | None]


@dataclass(frozen=True)
class PositionEntry:
    """One report of a party's stance on an issue."""

    date: dt.date | None
    stance: str
    summary: str
    reported_by: str | None
    evidence: Evidence
    changed: bool = False  # the stance differs from the entry before
    concession: bool = False  # a move to "concede"

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": iso(self.date),
            "stance": self.stance,
            "summary": self.summary,
            "reported_by": self.reported_by,
            "changed": self.changed,
            "concession": self.concession,
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True)
class PositionState:
    """A party's stance on an issue (and subject): the latest entry and every entry."""

    party: str
    issue: str
    subject: str | None
    history: list[PositionEntry] = field(default_factory=list)

    @property
    def latest(self) -> PositionEntry:
        """The last dated entry (undated entries come last in the history and are the
        latest only when no entry has a date)."""
        dated = [e for e in self.history if e.date is not None]
        return (dated or self.history)[-1]

    @property
    def stance(self) -> str:
        return self.latest.stance

    @property
    def date(self) -> dt.date | None:
        return self.latest.date

    @property
    def reported_by(self) -> str | None:
        return self.latest.reported_by

    @property
    def changed(self) -> bool:
        """Whether the stance ever changed across the history."""
        return any(e.changed for e in self.history)

    @property
    def conceded(self) -> bool:
        return any(e.concession for e in self.history)

    @property
    def changes(self) -> int:
        return sum(e.changed for e in self.history)

    def to_dict(self) -> dict[str, Any]:
        latest = self.latest
        return {
            "party": self.party,
            "issue": self.issue,
            "subject": self.subject,
            "stance": latest.stance,
            "date": iso(latest.date),
            "reported_by": latest.reported_by,
            "summary": latest.summary,
            "changed": self.changed,
            "changes": self.changes,
            "conceded": self.conceded,
            "reports": len(self.history),
            "history": [e.to_dict() for e in self.history],
        }


def position_date(position: Position, article: Article) -> dt.date | None:
    """When a position was held: its own date, else the article's publication date."""
    return position.date or article.published


def position_table(
    records: Iterable[ArticleRecord],
    party: str | None = None,
    issue: str | None = None,
    actor: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
) -> list[PositionState]:
    """Every (party, issue, subject) with its latest stance and history, sorted by
    party, issue and subject.

    ``party`` and ``issue`` match the position; ``actor`` matches who reported it;
    ``since``/``until`` keep the entries dated inside the range (undated ones are
    then left out), so the latest stance is the latest within it.
    """
    filters = Filters.of(party=party, issue=issue, actor=actor, since=since, until=until)
    found: dict[Key, list[tuple[tuple[Any, ...], PositionEntry]]] = {}
    for record in records:
        article = record.article
        for index, position in enumerate(record.positions):
            if not _wanted(position, article, filters):
                continue
            day = position_date(position, article)
            entry = PositionEntry(
                date=day,
                stance=position.stance,
                summary=position.summary,
                reported_by=position.reported_by,
                evidence=Evidence.of(article, position.start, position.end),
            )
            order = (
                day is None,
                day or dt.date.min,
                article.published or dt.date.max,
                article.id,
                position.start,
                index,
            )
            key = (position.party, position.issue, position.subject)
            found.setdefault(key, []).append((order, entry))
    states = [
        PositionState(
            party, issue_, subject, _marked([e for _, e in sorted(entries, key=lambda x: x[0])])
        )
        for (party, issue_, subject), entries in found.items()
    ]
    states.sort(key=lambda s: (s.party.casefold(), s.issue, s.subject is not None, s.subject or ""))
    return states


def _wanted(position: Position, article: Article, filters: Filters) -> bool:
    if filters.party is not None and not same_name(position.party, filters.party):
        return False
    if filters.issue is not None and not same_name(position.issue, filters.issue):
        return False
    if filters.actor is not None and not same_name(position.reported_by, filters.actor):
        return False
    return filters.in_range(position_date(position, article))


def _marked(entries: list[PositionEntry]) -> list[PositionEntry]:
    """The entries with ``changed`` and ``concession`` set from the one before each."""
    marked: list[PositionEntry] = []
    before: str | None = None
    for entry in entries:
        changed = before is not None and entry.stance != before
        concession = entry.stance == CONCEDE and before != CONCEDE
        marked.append(
            PositionEntry(
                entry.date,
                entry.stance,
                entry.summary,
                entry.reported_by,
                entry.evidence,
                changed=changed,
                concession=concession,
            )
        )
        before = entry.stance
    return marked
