"""Review: an analyst accepts, corrects or rejects what the machine extracted.

A review never changes the machine's rows. Each action is a row of ``corrections``
beside them, with who made it and when (the audit trail):

- ``accept``: the extraction is right as shown (``field`` is NULL);
- ``correct``: one row per changed field, with the value shown before (``old``) and the
  analyst's value (``new``), JSON-encoded (dates as ``YYYY-MM-DD``);
- ``reject``: the extraction is wrong and leaves the record.

An extraction's reviewed value is the machine's with the latest correction of each field
applied; its status is that of the last action (``machine`` when there is none). A
correction of a quote's text also moves its offsets to where the new text stands in the
body, when it stands there. The article itself can be accepted (target ``articles``):
"reviewed, and the rest is right".

This module also keeps the two summaries the web app reads (``position_cells``: the
latest reviewed stance of each party on each issue and subject; ``assessment_sides``:
the party of each assessment's actor), since a review can change both.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, select, text, tuple_

from dragoman.errors import NotFound, ReviewError
from dragoman.models import Actor, Article, ArticleRecord, Assessment, Event, Position, Quote
from dragoman.store import codec
from dragoman.store.schema import (
    actors,
    articles,
    assessment_sides,
    assessments,
    corrections,
    events,
    position_cells,
    positions,
    quotes,
)

# -- what can be reviewed ---------------------------------------------------------------

ACTIONS: tuple[str, ...] = ("accept", "correct", "reject")
ARTICLES = "articles"

#: The extractions an analyst reviews: table -> dataclass.
TARGETS: dict[str, type] = {
    "quotes": Quote,
    "positions": Position,
    "events": Event,
    "assessments": Assessment,
}

#: The fields a correction may change, per table (offsets move the evidence).
EDITABLE: dict[str, tuple[str, ...]] = {
    "quotes": ("speaker", "text", "kind", "cue", "date", "anonymous", "start", "end"),
    "positions": (
        "party", "issue", "subject", "stance", "summary", "reported_by", "date", "start", "end",
    ),
    "events": ("type", "status", "date", "place", "participants", "start", "end"),
    "assessments": ("actor", "polarity", "date", "summary", "start", "end"),
}  # fmt: skip

# The codes of shared/design/vocabulary.md.
QUOTE_KINDS = ("direct", "mixed", "indirect")
ISSUES = (
    "ceasefire", "military_operations", "troop_withdrawal", "alliance_membership",
    "neutrality", "nuclear_status", "foreign_troops", "armed_forces_limits",
    "security_guarantees", "territory", "eu_membership", "leaders_meeting", "prisoners",
    "humanitarian", "sanctions", "language_culture", "accountability", "elections",
    "infrastructure", "agreement",
)  # fmt: skip
STANCES = ("propose", "demand", "accept", "reject", "concede")
EVENT_TYPES = (
    "talks", "call", "summit", "press_conference", "military_action", "agreement",
    "prisoner_exchange",
)  # fmt: skip
EVENT_STATUSES = ("occurred", "ongoing", "planned", "proposed", "cancelled")
POLARITIES = ("positive", "negative", "mixed")

#: Fields whose value must be one of a list of codes.
CODES: dict[tuple[str, str], tuple[str, ...]] = {
    ("quotes", "kind"): QUOTE_KINDS,
    ("positions", "issue"): ISSUES,
    ("positions", "stance"): STANCES,
    ("events", "type"): EVENT_TYPES,
    ("events", "status"): EVENT_STATUSES,
    ("assessments", "polarity"): POLARITIES,
}
#: Fields that cannot be emptied.
REQUIRED = {
    ("quotes", "text"), ("quotes", "kind"), ("positions", "party"), ("positions", "issue"),
    ("positions", "stance"), ("events", "type"), ("events", "status"),
    ("assessments", "actor"), ("assessments", "polarity"),
}  # fmt: skip
_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,100}")
_DATES = {"date"}
_INTS = {"start", "end"}
_BOOLS = {"anonymous"}
_LISTS = {"participants"}
_NON_NULL_TEXT = {"summary"}  # "" rather than None
MAX_WHO = 100
#: Row ids are positive 64-bit integers (SQLite and PostgreSQL alike).
MAX_ROW_ID = 2**63 - 1
MAX_TEXT = 10_000

_TABLES = {"quotes": quotes, "positions": positions, "events": events, "assessments": assessments}


# -- the audit trail --------------------------------------------------------------------


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

    status: str = "machine"  # machine, accepted, corrected or rejected
    values: dict[str, Any] = field(default_factory=dict)  # field -> reviewed value
    corrections: list[Correction] = field(default_factory=list)

    @property
    def rejected(self) -> bool:
        return self.status == "rejected"

    @property
    def last(self) -> Correction | None:
        return self.corrections[-1] if self.corrections else None

    def add(self, correction: Correction) -> None:
        self.corrections.append(correction)
        if correction.action == "correct" and correction.field:
            self.values[correction.field] = decode(correction.field, correction.new)
            self.status = "corrected"
        elif correction.action == "accept":
            self.status = "accepted"
        elif correction.action == "reject":
            self.status = "rejected"


def states_of(found: Iterable[Correction]) -> dict[tuple[str, int | None], ReviewState]:
    """The state of every extraction (``(target, target_id)``) the corrections touch."""
    states: dict[tuple[str, int | None], ReviewState] = defaultdict(ReviewState)
    for correction in sorted(found, key=lambda c: c.id):
        states[(correction.target, correction.target_id)].add(correction)
    return dict(states)


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


# -- values -----------------------------------------------------------------------------


def encode(value: Any) -> Any:
    """A field value as JSON (dates as ``YYYY-MM-DD``, tuples as lists)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    return value


def decode(name: str, value: Any) -> Any:
    """A JSON-encoded field value back as the dataclass holds it."""
    if name in _DATES and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if name in _LISTS and isinstance(value, list):
        return [str(v) for v in value]
    return value


def parse_value(target: str, name: str, value: Any) -> Any:
    """An analyst's value for a field (from a form or JSON), checked; raises ReviewError.

    Empty strings mean "none". Codes must be those of the vocabulary; dates are
    ``YYYY-MM-DD``; participants are a list or a comma-separated string.
    """
    if name not in EDITABLE[target]:
        allowed = ", ".join(EDITABLE[target])
        raise ReviewError(f"{target}: {name!r} cannot be corrected; use one of: {allowed}")
    if isinstance(value, str):
        value = value.strip()
        if value == "" and name not in _LISTS:
            value = None
    if value is None:
        if (target, name) in REQUIRED or name in _INTS or name in _BOOLS:
            raise ReviewError(f"{target}: {name} cannot be empty")
        return "" if name in _NON_NULL_TEXT else ([] if name in _LISTS else None)
    if name in _DATES:
        try:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError(value)
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ReviewError(f"{name}: {value!r} is not a date; use YYYY-MM-DD") from None
    if name in _INTS:
        # Only an integer or its digits: int() would truncate 1.5, take true for 1 and
        # fail on infinity.
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value):
            number = int(value)
        else:
            raise ReviewError(f"{name}: {value!r} is not a whole number")
        if number < 0:
            raise ReviewError(f"{name}: {number} is below zero")
        return number
    if name in _BOOLS:
        if isinstance(value, bool):
            return value
        text_value = str(value).casefold()
        if text_value in ("true", "1", "yes", "on"):
            return True
        if text_value in ("false", "0", "no", "off"):
            return False
        raise ReviewError(f"{name}: {value!r} is not true or false")
    if name in _LISTS:
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise ReviewError(f"{name}: give a list of names")
        return [i.strip() for i in items if i.strip()]
    if not isinstance(value, str):
        raise ReviewError(f"{name}: {value!r} is not text")
    if len(value) > MAX_TEXT:
        raise ReviewError(f"{name}: longer than {MAX_TEXT} characters")
    codes = CODES.get((target, name))
    if codes is not None and value not in codes:
        raise ReviewError(f"{name}: {value!r} is not a code; use one of: {', '.join(codes)}")
    return value


# -- reviewed articles ------------------------------------------------------------------


@dataclass
class Reviewed:
    """One extraction: the machine's value, the reviewed value, and how it was reviewed."""

    id: int
    target: str
    machine: Any
    value: Any
    state: ReviewState

    @property
    def status(self) -> str:
        return self.state.status

    @property
    def rejected(self) -> bool:
        return self.state.rejected

    def to_dict(self) -> dict[str, Any]:
        data = {"id": self.id, **self.value.to_dict(), "review": self.status}
        if self.state.values:
            data["machine"] = {k: encode(getattr(self.machine, k)) for k in self.state.values}
        return data


@dataclass
class ReviewedArticle:
    """An article with every extraction as the machine made it and as reviewed."""

    article: Article
    actors: list[Actor]
    items: dict[str, list[Reviewed]]
    state: ReviewState  # the article's own (accepted as a whole)
    corrections: list[Correction]

    @property
    def reviewed(self) -> bool:
        """Whether an analyst has reviewed anything in it."""
        return bool(self.corrections)

    def record(self, *, reviewed: bool = True) -> ArticleRecord:
        """The record with the reviewed values and without rejected extractions, or
        (``reviewed=False``) as it was saved."""
        parts = {
            table: [
                (item.value if reviewed else item.machine)
                for item in self.items[table]
                if not (reviewed and item.rejected)
            ]
            for table in TARGETS
        }
        return ArticleRecord(article=self.article, actors=list(self.actors), **parts)


def apply(item: Any, state: ReviewState | None) -> Any:
    """``item`` with the reviewed values of ``state`` (a copy; the item is unchanged)."""
    if state is None or not state.values:
        return item
    return dataclasses.replace(item, **state.values)


def load_reviewed(connection: Connection, article_id: str) -> ReviewedArticle | None:
    """An article with its extractions, machine and reviewed; None if not stored."""
    row = connection.execute(select(articles).where(articles.c.id == article_id)).mappings()
    article_row = row.first()
    if article_row is None:
        return None
    found = load_corrections(connection, article_id=article_id)
    states = states_of(found)
    actor_rows = connection.execute(
        select(actors).where(actors.c.article_id == article_id).order_by(actors.c.id)
    ).mappings()
    items: dict[str, list[Reviewed]] = {}
    for table_name, cls in TARGETS.items():
        table = _TABLES[table_name]
        rows = connection.execute(
            select(table).where(table.c.article_id == article_id).order_by(table.c.id)
        ).mappings()
        listed = []
        for r in rows:
            machine: Any = codec.from_row(cls, r)
            state = states.get((table_name, r["id"]), ReviewState())
            listed.append(Reviewed(r["id"], table_name, machine, apply(machine, state), state))
        items[table_name] = listed
    return ReviewedArticle(
        article=codec.from_row(Article, article_row),
        actors=[codec.from_row(Actor, r) for r in actor_rows],
        items=items,
        state=states.get((ARTICLES, None), ReviewState()),
        corrections=found,
    )


# -- reviewing --------------------------------------------------------------------------


def record_review(
    connection: Connection,
    *,
    target: str,
    target_id: int | str,
    action: str,
    who: str,
    changes: Mapping[Any, Any] | None = None,
    note: str | None = None,
    at: dt.datetime | None = None,
) -> list[Correction]:
    """Write one review of an extraction (or, with target ``articles`` and the article's
    id, of a whole article) and keep the summaries in step; returns the rows written.

    Raises :class:`NotFound` for an unknown extraction and :class:`ReviewError` for a
    review that cannot be taken (unknown action or field, a bad value, a correction that
    changes nothing). Runs inside the caller's transaction.
    """
    who = " ".join((who or "").split())
    if not who:
        raise ReviewError("say who reviews (who, or the reviewer field)")
    if len(who) > MAX_WHO:
        raise ReviewError(f"who: longer than {MAX_WHO} characters")
    if action not in ACTIONS:
        raise ReviewError(f"action: {action!r} is not one of {', '.join(ACTIONS)}")
    at = at or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    note = (note or "").strip() or None
    base = {"who": who, "at": at, "note": note}
    if target == ARTICLES:
        if action != "accept":
            raise ReviewError("an article as a whole can only be accepted (marked reviewed)")
        article_id = str(target_id)
        exists_ = connection.execute(select(articles.c.id).where(articles.c.id == article_id))
        if exists_.first() is None:
            raise NotFound(f"no article {article_id}")
        rows = [{"article_id": article_id, "target": ARTICLES, "target_id": None,
                 "action": action, "field": None, "old": None, "new": None, **base}]  # fmt: skip
        return _insert(connection, rows)
    if target not in TARGETS:
        raise NotFound(f"nothing to review under {target!r}; use one of: {', '.join(TARGETS)}")
    try:
        row_id = int(target_id)
    except (TypeError, ValueError):
        raise NotFound(f"no {target} row {target_id!r}") from None
    if not 0 < row_id <= MAX_ROW_ID:  # a database cannot even be asked about it
        raise NotFound(f"no {target} row {row_id}")
    table = _TABLES[target]
    row = connection.execute(select(table).where(table.c.id == row_id)).mappings().first()
    if row is None:
        raise NotFound(f"no {target} row {row_id}")
    article_id = row["article_id"]
    machine: Any = codec.from_row(TARGETS[target], row)
    before_state = states_of(load_corrections(connection, target=target, target_ids=[row_id])).get(
        (target, row_id), ReviewState()
    )
    before = apply(machine, before_state)
    common = {"article_id": article_id, "target": target, "target_id": row_id,
              "action": action, **base}  # fmt: skip
    if action != "correct":
        if changes:
            raise ReviewError(f"{action}: give no changes (use action correct to change fields)")
        written = _insert(connection, [{**common, "field": None, "old": None, "new": None}])
        _after(connection, target, row_id, before, _reviewed(connection, target, row_id))
        return written
    if not changes:
        raise ReviewError("correct: give at least one field to change")
    values = {name: parse_value(target, name, value) for name, value in changes.items()}
    if target == "quotes" and "text" in values and not ({"start", "end"} & set(values)):
        values.update(_locate(connection, article_id, values["text"], before))
    body_length = _body_length(connection, article_id)
    start = values.get("start", getattr(before, "start", 0))
    end = values.get("end", getattr(before, "end", 0))
    if not 0 <= start <= end <= body_length:
        raise ReviewError(f"offsets {start}:{end} are outside the body (0:{body_length})")
    rows = [
        {**common, "field": name, "old": encode(getattr(before, name)), "new": encode(value)}
        for name, value in values.items()
        if getattr(before, name) != value
    ]
    if not rows:
        raise ReviewError("correct: every value given is the one already shown")
    written = _insert(connection, rows)
    _after(connection, target, row_id, before, _reviewed(connection, target, row_id))
    return written


def _insert(connection: Connection, rows: list[dict[str, Any]]) -> list[Correction]:
    written = []
    for row in rows:
        key = connection.execute(corrections.insert().values(**row)).inserted_primary_key
        new_id = key[0] if key is not None else None
        written.append(Correction.of({"id": new_id, **row}))
    return written


def _reviewed(connection: Connection, target: str, row_id: int) -> Reviewed:
    table = _TABLES[target]
    row = connection.execute(select(table).where(table.c.id == row_id)).mappings().one()
    machine: Any = codec.from_row(TARGETS[target], row)
    state = states_of(load_corrections(connection, target=target, target_ids=[row_id])).get(
        (target, row_id), ReviewState()
    )
    return Reviewed(row_id, target, machine, apply(machine, state), state)


def _body_length(connection: Connection, article_id: str) -> int:
    body = connection.execute(select(articles.c.body).where(articles.c.id == article_id))
    return len(body.scalar_one())


def _locate(connection: Connection, article_id: str, words: str, before: Quote) -> dict[str, int]:
    """The offsets of a quote's corrected text in the body: the occurrence nearest the
    old offsets; none when the text is not in the body (the offsets then stay)."""
    body = connection.execute(
        select(articles.c.body).where(articles.c.id == article_id)
    ).scalar_one()
    found = []
    at = body.find(words)
    while at != -1 and words:
        found.append(at)
        at = body.find(words, at + 1)
    if not found:
        return {}
    start = min(found, key=lambda i: abs(i - before.start))
    return {"start": start, "end": start + len(words)}


def _after(connection: Connection, target: str, row_id: int, before: Any, after: Reviewed) -> None:
    """Keep the summaries and the search index in step with a review."""
    if target == "positions":
        keys = {(before.party, before.issue), (after.value.party, after.value.issue)}
        refresh_cells(connection, keys)
    elif target == "assessments":
        refresh_sides(connection, [row_id])
    elif target == "quotes" and connection.dialect.name == "sqlite":
        connection.execute(
            text("UPDATE quotes_fts SET text = :text, speaker = :speaker WHERE rowid = :id"),
            {"text": after.value.text, "speaker": after.value.speaker or "", "id": row_id},
        )


# -- summaries --------------------------------------------------------------------------

CellKey = tuple[str, str]


def position_order(
    day: dt.date | None,
    published: dt.date | None,
    article_id: str,
    start: int,
    row_id: int,
) -> tuple[Any, ...]:
    """How late a report of a stance is: the latest has the largest key. The order of
    :func:`dragoman.record.position_table` (dated before undated, then by day, by the
    article's publication with an undated article last, its id, the offset, the row)."""
    return (
        day is not None,
        day or dt.date.min,
        published or dt.date.max,
        article_id,
        start,
        row_id,
    )


def refresh_cells(connection: Connection, keys: Iterable[CellKey] | None = None) -> None:
    """Recompute ``position_cells`` for the (party, issue) pairs ``keys``, or for all.

    Reads the machine's rows of those pairs and every corrected position (a correction
    may move a position from one pair to another), applies the corrections, and keeps
    per (party, issue, subject) the latest report and the number of reports.
    """
    wanted = None if keys is None else set(keys)
    if wanted is not None and not wanted:
        return
    corrected = corrected_ids(connection, "positions")
    query = select(
        positions.c.id, positions.c.article_id, positions.c.party, positions.c.issue,
        positions.c.subject, positions.c.stance, positions.c.date,
        positions.c.start_offset, articles.c.published,
    ).join(articles, articles.c.id == positions.c.article_id)  # fmt: skip
    if wanted is not None:
        condition: Any = tuple_(positions.c.party, positions.c.issue).in_(sorted(wanted))
        if corrected:
            condition = condition | positions.c.id.in_(sorted(corrected))
        query = query.where(condition)
    rows = connection.execute(query).mappings().all()
    states = states_of(
        load_corrections(
            connection,
            target="positions",
            target_ids=[r["id"] for r in rows if r["id"] in corrected],
        )
    )
    best: dict[tuple[str, str, str | None], tuple[tuple[Any, ...], dict[str, Any]]] = {}
    counts: dict[tuple[str, str, str | None], int] = defaultdict(int)
    for row in rows:
        values = {
            "party": row["party"], "issue": row["issue"], "subject": row["subject"],
            "stance": row["stance"], "date": row["date"], "start": row["start_offset"],
        }  # fmt: skip
        state = states.get(("positions", row["id"]))
        if state is not None:
            if state.rejected:
                continue
            values.update({k: v for k, v in state.values.items() if k in values})
        if wanted is not None and (values["party"], values["issue"]) not in wanted:
            continue
        key = (values["party"], values["issue"], values["subject"])
        day = values["date"] or row["published"]
        order = position_order(day, row["published"], row["article_id"], values["start"], row["id"])
        counts[key] += 1
        if key not in best or order > best[key][0]:
            best[key] = (order, {**values, "day": day, "position_id": row["id"]})
    if wanted is None:
        connection.execute(delete(position_cells))
    else:
        connection.execute(
            delete(position_cells).where(
                tuple_(position_cells.c.party, position_cells.c.issue).in_(sorted(wanted))
            )
        )
    cells = [
        {
            "party": v["party"],
            "issue": v["issue"],
            "subject": v["subject"],
            "position_id": v["position_id"],
            "stance": v["stance"],
            "day": v["day"],
            "reports": counts[key],
        }
        for key, (_, v) in sorted(best.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or ""))
    ]
    if cells:
        connection.execute(position_cells.insert(), cells)


def refresh_sides(connection: Connection, assessment_ids: Sequence[int] | None = None) -> None:
    """Recompute ``assessment_sides`` for the assessments given, or for all.

    The side of an assessment is the party its (reviewed) actor belongs to among its
    article's actors, or the actor itself when the article lists it as a party; an
    assessment with no side, or rejected, has no row.
    """
    query = select(
        assessments.c.id, assessments.c.article_id, assessments.c.actor, assessments.c.date,
        articles.c.published,
    ).join(articles, articles.c.id == assessments.c.article_id)  # fmt: skip
    if assessment_ids is not None:
        if not assessment_ids:
            return
        query = query.where(assessments.c.id.in_(list(assessment_ids)))
    rows = connection.execute(query).mappings().all()
    corrected = corrected_ids(connection, "assessments")
    states = states_of(
        load_corrections(
            connection,
            target="assessments",
            target_ids=[r["id"] for r in rows if r["id"] in corrected],
        )
    )
    actor_query = select(actors.c.article_id, actors.c.name, actors.c.kind, actors.c.party)
    if assessment_ids is not None:
        actor_query = actor_query.where(actors.c.article_id.in_({r["article_id"] for r in rows}))
    cast: dict[str, list[Mapping[Any, Any]]] = defaultdict(list)
    for actor in connection.execute(actor_query).mappings():
        cast[actor["article_id"]].append(actor)
    sides = []
    for row in rows:
        state = states.get(("assessments", row["id"]))
        if state is not None and state.rejected:
            continue
        values = {"actor": row["actor"], "date": row["date"]}
        if state is not None:
            values.update({k: v for k, v in state.values.items() if k in values})
        party = side_of(values["actor"], cast.get(row["article_id"], []))
        if party is not None:
            day = values["date"] or row["published"]
            sides.append({"assessment_id": row["id"], "party": party, "day": day})
    if assessment_ids is None:
        connection.execute(delete(assessment_sides))
    else:
        connection.execute(
            delete(assessment_sides).where(
                assessment_sides.c.assessment_id.in_(list(assessment_ids))
            )
        )
    if sides:
        connection.execute(assessment_sides.insert(), sides)


def side_of(actor: str | None, cast: Iterable[Mapping[Any, Any]]) -> str | None:
    """The party ``actor`` belongs to among an article's actors (rows or dicts with
    name, kind, party): the smallest party named for it, else the actor itself when it
    is listed as a party."""
    if not actor:
        return None
    listed = [a for a in cast if a["name"] == actor]
    parties = sorted(a["party"] for a in listed if a["party"])
    if parties:
        return parties[0]
    if any(a["kind"] == "party" for a in listed):
        return actor
    return None


def refresh_article(connection: Connection, record: ArticleRecord) -> None:
    """Bring the summaries up to date after ``record`` was saved (same transaction)."""
    refresh_cells(connection, {(p.party, p.issue) for p in record.positions})
    ids = connection.execute(
        select(assessments.c.id).where(assessments.c.article_id == record.article.id)
    ).scalars()
    refresh_sides(connection, list(ids))


def rebuild(connection: Connection) -> None:
    """Recompute every summary from the stored rows and corrections (after rows were
    written without :meth:`Store.save`, as a benchmark does)."""
    refresh_cells(connection)
    refresh_sides(connection)


__all__ = [
    "ACTIONS",
    "ARTICLES",
    "CODES",
    "EDITABLE",
    "TARGETS",
    "Correction",
    "ReviewState",
    "Reviewed",
    "ReviewedArticle",
    "apply",
    "load_corrections",
    "load_reviewed",
    "position_order",
    "rebuild",
    "record_review",
    "refresh_article",
    "refresh_cells",
    "refresh_sides",
    "side_of",
]
