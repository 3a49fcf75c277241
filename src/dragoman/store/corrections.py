"""The audit trail: every review an analyst made, beside the machine's rows.

A review never changes the machine's rows. Each action is a row of ``corrections``,
with who made it and when:

- ``accept``: the extraction is right as shown (``field`` is NULL);
- ``correct``: one row per changed field, with the value shown before (``old``) and the
  analyst's value (``new``), JSON-encoded (dates as ``YYYY-MM-DD``);
- ``reject``: the extraction is wrong and leaves the record.

An extraction's reviewed value is the machine's with the latest correction of each field
applied (:func:`apply`); its status is that of the last action (``machine`` when there is
none). The article itself can be accepted (target ``articles``): "reviewed, and the rest
is right". Writing a review is :mod:`dragoman.store.review`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from dragoman.models import Assessment, Event, Position, Quote
from dragoman.store.schema import assessments, corrections, events, positions, quotes
from dragoman.store.values import decode

ACTIONS: tuple[str, ...] = ("accept", "correct", "reject")
ARTICLES = "articles"
#: The action of an extraction an analyst added (a quote, position or event the machine
#: missed): its row is written beside the machine's, and this row says who added it.
ADD = "add"
#: The status each action leaves an extraction in.
STATUS_OF = {"accept": "accepted", "correct": "corrected", "reject": "rejected", ADD: "added"}

#: The extractions an analyst reviews: table -> dataclass.
TARGETS: dict[str, type] = {
    "quotes": Quote,
    "positions": Position,
    "events": Event,
    "assessments": Assessment,
}
TABLES = {"quotes": quotes, "positions": positions, "events": events, "assessments": assessments}


@dataclass(frozen=True)
class Correction:
    """One row of the audit trail."""

    id: int
    article_id: str
    target: str
    target_id: int | None
    action: str
    field: str | None
    old: Any
    new: Any
    who: str
    at: dt.datetime
    note: str | None = None

    @classmethod
    def of(cls, row: Mapping[Any, Any]) -> Correction:
        return cls(
            id=row["id"],
            article_id=row["article_id"],
            target=row["target"],
            target_id=row["target_id"],
            action=row["action"],
            field=row["field"],
            old=row["old"],
            new=row["new"],
            who=row["who"],
            at=row["at"],
            note=row["note"],
        )

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["at"] = self.at.isoformat(timespec="seconds") + "Z"
        return data


@dataclass
class ReviewState:
    """What the corrections of one extraction add up to."""

    status: str = "machine"  # machine, accepted, corrected, rejected or added
    values: dict[str, Any] = field(default_factory=dict)  # field -> reviewed value
    corrections: list[Correction] = field(default_factory=list)

    @property
    def rejected(self) -> bool:
        return self.status == "rejected"

    @property
    def last(self) -> Correction | None:
        return self.corrections[-1] if self.corrections else None

    @property
    def added(self) -> bool:
        """Whether an analyst added the extraction (the machine missed it)."""
        return any(c.action == ADD for c in self.corrections)

    @property
    def checked(self) -> dict[str, Any] | None:
        """Who checked the extraction last and when (``{"by", "on", "status"}``), or
        None where no person did: the machine's output alone."""
        last = self.last
        if last is None:
            return None
        return {"by": last.who, "on": last.at.date().isoformat(), "status": self.status}

    def add(self, correction: Correction) -> None:
        self.corrections.append(correction)
        if correction.action == "correct" and correction.field:
            self.values[correction.field] = decode(correction.field, correction.new)
            self.status = "corrected"
        elif correction.action == "accept":
            self.status = "accepted"
        elif correction.action == "reject":
            self.status = "rejected"
        elif correction.action == ADD:
            self.status = "added"


def states_of(found: Iterable[Correction]) -> dict[tuple[str, int | None], ReviewState]:
    """The state of every extraction (``(target, target_id)``) the corrections touch."""
    states: dict[tuple[str, int | None], ReviewState] = defaultdict(ReviewState)
    for correction in sorted(found, key=lambda c: c.id):
        states[(correction.target, correction.target_id)].add(correction)
    return dict(states)


def apply(item: Any, state: ReviewState | None) -> Any:
    """``item`` with the reviewed values of ``state`` (a copy; the item is unchanged)."""
    if state is None or not state.values:
        return item
    return dataclasses.replace(item, **state.values)


def load_corrections(
    connection: Connection,
    *,
    article_id: str | None = None,
    target: str | None = None,
    target_ids: Iterable[int] | None = None,
    limit: int | None = None,
    newest_first: bool = False,
) -> list[Correction]:
    """Corrections matching every filter given, in the order they were made (or newest
    first)."""
    query = select(corrections)
    if article_id is not None:
        query = query.where(corrections.c.article_id == article_id)
    if target is not None:
        query = query.where(corrections.c.target == target)
    if target_ids is not None:
        ids = sorted(set(target_ids))
        if not ids:
            return []
        query = query.where(corrections.c.target_id.in_(ids))
    query = query.order_by(corrections.c.id.desc() if newest_first else corrections.c.id)
    if limit is not None:
        query = query.limit(limit)
    return [Correction.of(row) for row in connection.execute(query).mappings()]


def corrected_ids(connection: Connection, target: str) -> set[int]:
    """The ids of the rows of ``target`` that have any correction."""
    query = select(corrections.c.target_id).where(corrections.c.target == target).distinct()
    return {i for i in connection.execute(query).scalars() if i is not None}


def state_of(connection: Connection, target: str, row_id: int) -> ReviewState:
    """The review state of one extraction."""
    found = load_corrections(connection, target=target, target_ids=[row_id])
    return states_of(found).get((target, row_id), ReviewState())
