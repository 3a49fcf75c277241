"""Where each party stands on each issue, and how it got there.

One :class:`PositionState` per (party, issue, subject): the latest stance, and the
history of every report of it in date order. A position carries its own ``date`` only
(:class:`~dragoman.models.Dating`): an undated one stays undated, and stands in the
history at its report's day. "The latest" is :func:`~dragoman.models.latest_key`, the
one definition the store's matrix summary uses too: an undated report never overrides
a dated one. An entry whose stance differs from the one before it is a change; a move
to ``concede`` is a concession. :func:`position_matrix` folds the subjects of each
(party, issue) into one cell, for the matrix of the web app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dragoman.models import Article, ArticleRecord, Dating, Position, item_dating, latest_key
from dragoman.record.evidence import Evidence
from dragoman.record.filters import DateLike, Filters, same_name
from dragoman.vocabulary import issue_order

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
    dating: Dating | None = None  # None: dated by ``date`` alone
    #: :func:`~dragoman.models.latest_key` of the report: the largest is the latest.
    rank: tuple[Any, ...] = field(default=(), compare=False, repr=False)

    @property
    def when(self) -> Dating:
        return self.dating if self.dating is not None else Dating(self.date)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.when.to_dict(),
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
        """The latest report by :func:`~dragoman.models.latest_key`: the last dated
        entry; an undated entry only when no entry has a date."""
        if all(e.rank for e in self.history):
            return max(self.history, key=lambda e: e.rank)
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
            **latest.when.to_dict(),
            "reported_by": latest.reported_by,
            "summary": latest.summary,
            "changed": self.changed,
            "changes": self.changes,
            "conceded": self.conceded,
            "reports": len(self.history),
            "history": [e.to_dict() for e in self.history],
        }


def position_dating(position: Position, article: Article) -> Dating:
    """The dating of a position in its article (see :class:`~dragoman.models.Dating`)."""
    return item_dating(position.date, article.published)


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
    ``since``/``until`` keep the entries whose day (their date, else their report's
    day: :attr:`~dragoman.models.Dating.day`) is inside the range (entries with
    neither are then left out), so the latest stance is the latest within it.
    """
    filters = Filters.of(party=party, issue=issue, actor=actor, since=since, until=until)
    found: dict[Key, list[tuple[tuple[Any, ...], PositionEntry]]] = {}
    for record in records:
        article = record.article
        for index, position in enumerate(record.positions):
            if not _wanted(position, article, filters):
                continue
            dating = position_dating(position, article)
            entry = PositionEntry(
                date=dating.date,
                stance=position.stance,
                summary=position.summary,
                reported_by=position.reported_by,
                evidence=Evidence.of(article, position.start, position.end),
                dating=dating,
                rank=latest_key(dating, article.id, position.start, index),
            )
            order = (dating.order, article.id, position.start, index)
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
    return filters.in_range(position_dating(position, article).day)


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
                dating=entry.dating,
                rank=entry.rank,
            )
        )
        before = entry.stance
    return marked


# -- the matrix: issue by party ---------------------------------------------------------


@dataclass(frozen=True)
class LatestReport:
    """The latest report of one party's stance on one issue and subject: what a cell of
    the matrix is made of. ``rank`` is its :func:`~dragoman.models.latest_key`."""

    party: str
    issue: str
    subject: str | None
    stance: str
    dating: Dating
    reports: int
    rank: tuple[Any, ...]
    position_id: int | None = None

    @classmethod
    def of(cls, state: PositionState) -> LatestReport:
        latest = state.latest
        return cls(
            state.party,
            state.issue,
            state.subject,
            latest.stance,
            latest.when,
            len(state.history),
            latest.rank,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "stance": self.stance,
            **self.dating.to_dict(),
            "reports": self.reports,
            "position_id": self.position_id,
        }


def position_matrix(latest: Iterable[LatestReport]) -> dict[str, Any]:
    """Issue by party, JSON-ready: per (issue, party) the latest of its subjects' latest
    reports (by the same :func:`~dragoman.models.latest_key`), the subjects, the number
    of reports, and each subject's own latest report (``by_subject``).

    ``{"parties": [...], "issues": [...], "rows": [{"issue": .., "cells": {party: ..}}]}``;
    parties by name (case folded), issues in codebook order.
    """
    cells: dict[tuple[str, str], list[LatestReport]] = {}
    for report in latest:
        cells.setdefault((report.issue, report.party), []).append(report)
    party_names = sorted({party for _, party in cells}, key=str.casefold)
    issues = sorted({issue for issue, _ in cells}, key=issue_order)
    rows = []
    for issue in issues:
        line: dict[str, Any] = {"issue": issue, "cells": {}}
        for party in party_names:
            found = cells.get((issue, party))
            if not found:
                continue
            top = max(found, key=lambda r: r.rank)
            by_subject = sorted(found, key=lambda r: (r.subject is not None, r.subject or ""))
            line["cells"][party] = {
                "stance": top.stance,
                **top.dating.to_dict(),
                "subject": top.subject,
                "subjects": sorted({r.subject for r in found if r.subject}),
                "reports": sum(r.reports for r in found),
                "position_id": top.position_id,
                "by_subject": [r.to_dict() for r in by_subject],
            }
        rows.append(line)
    return {"parties": party_names, "issues": issues, "rows": rows}


def matrix_of(states: Iterable[PositionState]) -> dict[str, Any]:
    """:func:`position_matrix` of a position table (what ``dragoman positions`` shows)."""
    return position_matrix(LatestReport.of(s) for s in states)
