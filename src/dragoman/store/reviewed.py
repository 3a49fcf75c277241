"""Reading extractions as reviewed: the machine's rows with the analysts' corrections
applied and rejected ones left out.

:func:`extracts` is the one recipe every read of reviewed rows goes through: rows of a
table, their corrections applied, rejected rows dropped, their articles read; the
result gives the partial records (:meth:`Extracts.records`) that the record functions
(:mod:`dragoman.record`) take. :func:`load_reviewed` reads one whole article.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from dragoman.models import Actor, Article, ArticleRecord
from dragoman.store import codec
from dragoman.store.corrections import (
    ARTICLES,
    TABLES,
    TARGETS,
    Correction,
    ReviewState,
    apply,
    load_corrections,
    states_of,
)
from dragoman.store.schema import actors, articles
from dragoman.store.values import encode


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

    @property
    def marked_reviewed(self) -> bool:
        """Whether an analyst marked the whole report reviewed (only such reports are
        gold)."""
        return self.state.status == "accepted"

    def record(self, *, reviewed: bool = True) -> ArticleRecord:
        """The record with the reviewed values and without rejected extractions (the
        analysts' additions in), or (``reviewed=False``) as the machine saved it."""
        parts = {
            table: [
                (item.value if reviewed else item.machine)
                for item in self.items[table]
                if not (item.rejected if reviewed else item.state.added)
            ]
            for table in TARGETS
        }
        return ArticleRecord(article=self.article, actors=list(self.actors), **parts)


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
        table = TABLES[table_name]
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


def reviewed_one(connection: Connection, target: str, row_id: int) -> Reviewed:
    """One extraction of ``target`` as reviewed (it must exist)."""
    table = TABLES[target]
    row = connection.execute(select(table).where(table.c.id == row_id)).mappings().one()
    machine: Any = codec.from_row(TARGETS[target], row)
    found = load_corrections(connection, target=target, target_ids=[row_id])
    state = states_of(found).get((target, row_id), ReviewState())
    return Reviewed(row_id, target, machine, apply(machine, state), state)


# -- the one recipe: rows -> reviewed extractions with their articles -> partial records


@dataclass(frozen=True)
class Extract:
    """One reviewed extraction (not rejected), with its row id and its article."""

    id: int
    article: Article
    value: Any
    state: ReviewState

    @property
    def status(self) -> str:
        return self.state.status


@dataclass
class Extracts:
    """Reviewed extractions of one table, in the order of the rows read."""

    target: str
    items: list[Extract]
    actors: Mapping[str, list[Actor]] | None = None

    def records(self) -> list[ArticleRecord]:
        """Records holding only these extractions (and the articles' actors where they
        were read), in the order of the store: by publication (undated last), then id."""
        grouped: dict[str, list[Any]] = defaultdict(list)
        by_id: dict[str, Article] = {}
        for item in self.items:
            grouped[item.article.id].append(item.value)
            by_id[item.article.id] = item.article
        cast = self.actors or {}
        found = [
            ArticleRecord(article=by_id[aid], actors=list(cast.get(aid, [])), **{self.target: v})
            for aid, v in grouped.items()
        ]
        found.sort(key=_store_order)
        return found


def _store_order(record: ArticleRecord) -> tuple[Any, ...]:
    published = record.article.published
    return (published is None, published or dt.date.min, record.article.id)


def extracts(
    connection: Connection,
    target: str,
    rows: Sequence[Mapping[Any, Any]],
    *,
    with_actors: bool = False,
) -> Extracts:
    """The reviewed extractions of ``rows`` (rows of the ``target`` table): the
    corrections of each applied, rejected ones left out, each with its article (and,
    ``with_actors``, the actors of those articles)."""
    cls = TARGETS[target]
    states = states_of(
        load_corrections(connection, target=target, target_ids=[r["id"] for r in rows])
    )
    kept = []
    for row in rows:
        state = states.get((target, row["id"]), ReviewState())
        if not state.rejected:
            kept.append((row, state))
    by_id = articles_by_id(connection, {row["article_id"] for row, _ in kept})
    items = []
    for row, state in kept:
        machine: Any = codec.from_row(cls, row)
        items.append(Extract(row["id"], by_id[row["article_id"]], apply(machine, state), state))
    cast = actors_of(connection, by_id) if with_actors else None
    return Extracts(target, items, cast)


def articles_by_id(connection: Connection, ids: Iterable[str]) -> dict[str, Article]:
    """The stored articles with these ids."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = connection.execute(select(articles).where(articles.c.id.in_(wanted))).mappings()
    return {r["id"]: codec.from_row(Article, r) for r in rows}


def actors_of(connection: Connection, article_ids: Iterable[str]) -> dict[str, list[Actor]]:
    """The actors of these articles, per article, in the order they were saved."""
    wanted = sorted(set(article_ids))
    found: dict[str, list[Actor]] = defaultdict(list)
    if not wanted:
        return found
    rows = connection.execute(
        select(actors).where(actors.c.article_id.in_(wanted)).order_by(actors.c.id)
    ).mappings()
    for r in rows:
        found[r["article_id"]].append(codec.from_row(Actor, r))
    return found
