"""The store: one object that opens a database, keeps records and answers questions.

Writes go through :meth:`Store.save`, one transaction per article, so that a batch can
log a failed article and go on with the rest. An article is identified by the hash of
its body, so saving the same report twice (or from a second file) is a no-op.

Several processes may write to one SQLite file at once: each write transaction takes
the write lock first and waits for it (see :func:`~dragoman.store.engine.writing`).
Error messages name the database with its password masked, and never carry SQL or a
report's text.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

from sqlalchemy import Connection, Engine, exists, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from dragoman.errors import DragomanError, StoreError
from dragoman.models import Article, ArticleRecord
from dragoman.store import additions, certainty, codec, migrate, pages, queries, review, summaries
from dragoman.store import corrections as corrections_
from dragoman.store import finding as finding_
from dragoman.store import reviewed as reviewed_
from dragoman.store.certainty import MatrixPositions
from dragoman.store.corrections import Correction
from dragoman.store.engine import (
    DEFAULT_PATH,
    describe_error,
    display_name,
    make_engine,
    writing,
)
from dragoman.store.reviewed import Extracts, ReviewedArticle
from dragoman.store.schema import CHILD_TABLES, articles, corrections
from dragoman.store.values import EDITABLE

T = TypeVar("T")
#: Articles :meth:`Store.records` reads at once.
RECORDS_BATCH = 500


class Store:
    """A dragoman database (SQLite by default, or any URL SQLAlchemy accepts).

    Use :meth:`open`, not the constructor: it migrates the database first.
    """

    #: What a review may do, and the fields a correction may change per extraction.
    REVIEW_ACTIONS: tuple[str, ...] = corrections_.ACTIONS
    EDITABLE: Mapping[str, tuple[str, ...]] = EDITABLE

    def __init__(self, engine: Engine, target: str) -> None:
        self._engine: Engine | None = engine
        self.target = target
        #: The database as errors name it: a URL's password masked.
        self.name = display_name(target)
        # Reads run in parallel; writes go through this one writer (SQLite allows one
        # writer at a time, and a review reads before it writes).
        self._writer = threading.Lock()

    @classmethod
    def open(
        cls, target: str | os.PathLike[str] = DEFAULT_PATH, *, must_exist: bool = False
    ) -> Store:
        """Open (creating if needed) the database at ``target`` and upgrade it to head.

        A path names an SQLite file; a string containing ``://`` is a SQLAlchemy URL,
        such as ``postgresql+psycopg://user@host/dragoman``. With ``must_exist``, a file
        path that does not exist is an error instead of a new, empty database: asking
        questions of a store that was never filled is a typo.
        """
        raw = os.fspath(target)
        name = display_name(raw)  # never the password, in any message
        if must_exist and "://" not in raw and not Path(raw).is_file():
            raise StoreError(
                "no database here; fill one first with: dragoman ingest PATH --db " + raw,
                source=raw,
            )
        try:
            engine = make_engine(raw)
        except (SQLAlchemyError, ValueError, ImportError) as e:
            reason = describe_error(e).replace(raw, name)
            raise StoreError(f"cannot open the database: {reason}", source=name) from e
        try:
            migrate.upgrade(engine)
        except Exception as e:
            engine.dispose()
            reason = describe_error(e).replace(raw, name)
            raise StoreError(f"cannot migrate the database: {reason}", source=name) from e
        return cls(engine, raw)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, for read queries that live outside this package."""
        if self._engine is None:
            raise StoreError("the store is closed", source=self.name)
        return self._engine

    def close(self) -> None:
        """Close every pooled connection. Closing twice is harmless."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------

    def save(self, record: ArticleRecord) -> bool:
        """Keep a record; False if its article is already stored (nothing is written).

        Everything is written in one transaction: on any failure nothing of the record
        remains, and :class:`StoreError` names the article's source.
        """
        article = record.article
        try:
            # Built (and type-checked) before the transaction opens.
            now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            article_row = codec.article_row(article, now)
            child_rows = codec.record_rows(record)
            with self._writer, writing(self.engine) as connection:
                if self._has(connection, article.id):
                    return False
                connection.execute(articles.insert(), article_row)
                for table in CHILD_TABLES:
                    if child_rows[table.name]:
                        connection.execute(table.insert(), child_rows[table.name])
                summaries.refresh_article(connection, record)
            return True
        except StoreError:
            raise
        except IntegrityError as e:
            # Another writer may have stored the same article since we looked.
            if self.has(article.id):
                return False
            raise self._save_error(article, e) from e
        except Exception as e:
            raise self._save_error(article, e) from e

    @staticmethod
    def _save_error(article: Article, error: Exception) -> StoreError:
        return StoreError(
            f"cannot save article {article.id}: {describe_error(error)}",
            source=article.source or article.id,
        )

    def review(
        self,
        target: str,
        target_id: int | str,
        action: str,
        who: str,
        changes: Mapping[str, object] | None = None,
        note: str | None = None,
    ) -> list[Correction]:
        """Accept, correct or reject an extraction (``target`` is ``quotes``,
        ``positions``, ``events`` or ``assessments``; ``target_id`` its row id), or
        accept a whole article (``articles`` and its id). The machine's rows are never
        changed: each action is written to the audit trail with ``who`` and the time;
        see :mod:`dragoman.store.review`. Returns the rows written.
        """
        return self._audited(
            "the review",
            lambda connection: review.record_review(
                connection,
                target=target,
                target_id=target_id,
                action=action,
                who=who,
                changes=changes,
                note=note,
            ),
        )

    def add(
        self,
        target: str,
        article_id: str,
        fields: Mapping[str, object],
        who: str,
        note: str | None = None,
    ) -> list[Correction]:
        """Add an extraction the machine missed (``target`` is ``quotes``,
        ``positions``, ``events`` or ``assessments``) to an article, resting on the span
        ``fields["start"]:fields["end"]`` of its body; kept in the audit trail as an
        ``add`` by ``who`` (see :mod:`dragoman.store.additions`)."""
        return self._audited(
            "the addition",
            lambda connection: additions.record_addition(
                connection,
                target=target,
                article_id=article_id,
                fields=fields,
                who=who,
                note=note,
            ),
        )

    def _audited(
        self, what: str, write: Callable[[Connection], list[Correction]]
    ) -> list[Correction]:
        """``write`` to the audit trail in a transaction of its own; a database error as
        a StoreError saying it cannot save ``what``."""
        try:
            with self._writer, writing(self.engine) as connection:
                return write(connection)
        except DragomanError:
            raise
        except SQLAlchemyError as e:
            raise StoreError(f"cannot save {what}: {describe_error(e)}", source=self.name) from e

    def rebuild_summaries(self) -> None:
        """Recompute the summary tables (the position matrix, the sides of assessments)
        from every stored row and correction; for rows written without :meth:`save`."""
        with self._writer, writing(self.engine) as connection:
            summaries.rebuild(connection)

    # -- reading -------------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        with self._reading() as connection:
            return self._has(connection, article_id)

    def load(self, article_id: str, *, reviewed: bool = False) -> ArticleRecord | None:
        """The stored record of an article, as it was saved (or with the analysts'
        corrections applied and rejected extractions left out); None if there is none."""
        with self._reading() as connection:
            if reviewed:
                found = reviewed_.load_reviewed(connection, article_id)
                return None if found is None else found.record()
            return self._load(connection, article_id)

    def load_reviewed(self, article_id: str) -> ReviewedArticle | None:
        """An article with each extraction as the machine made it and as reviewed, with
        row ids and the audit trail; None if there is none."""
        with self._reading() as connection:
            return reviewed_.load_reviewed(connection, article_id)

    def corrections(
        self, article_id: str | None = None, limit: int | None = None
    ) -> list[Correction]:
        """The audit trail, newest first: every review, or those of one article."""
        with self._reading() as connection:
            return corrections_.load_corrections(
                connection, article_id=article_id, limit=limit, newest_first=True
            )

    def reviewed_ids(self) -> list[str]:
        """The ids of the articles an analyst marked reviewed as a whole (a review of one
        extraction is not enough: the rest would be the machine's), in the order of
        :meth:`articles`."""
        return self._read(certainty.marked_ids)

    def articles(self) -> list[Article]:
        """Every stored article, oldest publication first (undated ones last)."""
        query = select(articles).order_by(articles.c.published.nulls_last(), articles.c.id)
        with self._reading() as connection:
            rows = connection.execute(query).mappings().all()
        return [codec.from_row(Article, row) for row in rows]

    def records(
        self, *, reviewed: bool = True, parts: Collection[str] | None = None
    ) -> Iterator[ArticleRecord]:
        """Every stored record, in the order of :meth:`articles`: with the analysts'
        corrections applied and rejected extractions left out (``reviewed=False``: as
        saved).

        Reviewed records are read :data:`RECORDS_BATCH` articles at a time, one query
        per table (a query per article costs more than the rows it reads); no
        connection is held between batches. ``parts`` (of quotes, events, positions,
        assessments) reads only those lists, the others left empty: a command that
        needs the events alone does not pay for the quotes.
        """
        if parts is not None and not set(parts) <= set(corrections_.TARGETS):
            known = ", ".join(corrections_.TARGETS)
            raise ValueError(f"parts: {sorted(parts)} are not all among {known}")
        if parts is not None and not reviewed:
            raise ValueError("parts: only reviewed records are read in parts")
        query = select(articles.c.id).order_by(articles.c.published.nulls_last(), articles.c.id)
        with self._reading() as connection:
            ids = connection.execute(query).scalars().all()
        if reviewed:
            for at in range(0, len(ids), RECORDS_BATCH):
                batch = ids[at : at + RECORDS_BATCH]
                yield from self._read(_reviewed_records, batch, parts)
            return
        for article_id in ids:
            record = self.load(article_id, reviewed=reviewed)
            if record is not None:  # deleted since the ids were read
                yield record

    def summary(self) -> dict[str, Any]:
        """Counts per table, the span of publication dates, top speakers and parties.

        ``{"counts": {"articles": n, ...}, "published": {"first": date, "last": date},
        "top_speakers": [(name, count), ...], "parties": [name, ...],
        "sample_source": str | None}``
        """
        with self._reading() as connection:
            return queries.summary(connection)

    def quotes(
        self,
        speaker: str | None = None,
        party: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[dict[str, Any]]:
        """Quotes matching every filter given, with their article's published date,
        title and source (see :func:`dragoman.store.queries.find_quotes`)."""
        with self._reading() as connection:
            return queries.find_quotes(connection, speaker, party, since, until)

    # -- the reads behind the web app's pages (see dragoman.store.pages) ------------

    def _read(self, read: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with self._reading() as connection:
            return read(connection, *args, **kwargs)

    def counts(self) -> dict[str, int]:
        """Rows per table, the audit trail's included."""
        return self._read(pages.counts)

    def published_span(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and the last publication day."""
        return self._read(pages.published_span)

    def parties(self) -> list[str]:
        """The parties: with a stance, with a judged side, or listed as parties."""
        return self._read(pages.parties)

    def position_cells(self) -> list[dict[str, Any]]:
        """The summary of the position matrix: per (party, issue, subject) the latest
        reviewed report (``position_id``, ``stance``, ``day`` its stated date or None,
        ``reported``, ``article_id``, ``start_offset``) and the number of ``reports``."""
        return self._read(pages.position_cells_)

    def latest_events(self, limit: int) -> Extracts:
        """The latest dated event reports (and every reviewed one), as reviewed."""
        return self._read(pages.latest_events, limit)

    def side_assessments(self, per_side: int) -> dict[str, Extracts]:
        """Per side (party), its latest assessments, as reviewed."""
        return self._read(pages.side_assessments, per_side)

    def position_reports(self, party: str, issue: str, limit: int) -> tuple[int, Extracts]:
        """How many reports of a party's stance on an issue, and the latest of them."""
        return self._read(pages.position_reports, party, issue, limit)

    def event_reports(
        self,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        event_type: str | None = None,
        limit: int,
        with_actors: bool = False,
    ) -> tuple[Extracts, bool]:
        """The latest event reports in a range, as reviewed; and whether cut."""
        return self._read(
            pages.event_reports,
            since=since,
            until=until,
            event_type=event_type,
            limit=limit,
            with_actors=with_actors,
        )

    def speakers(self, limit: int) -> list[tuple[str, int]]:
        """The most quoted speakers, with their number of quotes."""
        return self._read(pages.speakers, limit)

    def actor_info(self, name: str) -> dict[str, Any]:
        """Kind, roles, party, aliases and article count of an actor."""
        return self._read(pages.actor_info, name)

    def actor_infos(self, names: Sequence[str]) -> dict[str, dict[str, Any]]:
        """:meth:`actor_info` of each name."""
        return self._read(pages.actor_infos, names)

    def actor_quotes(self, name: str, limit: int) -> tuple[Extracts, bool]:
        """An actor's latest quotes and every reviewed quote, as reviewed."""
        return self._read(pages.actor_quotes, name, limit)

    def article_page(self, page: int, size: int) -> tuple[list[dict[str, Any]], bool]:
        """One page of articles, newest first; and whether more follow."""
        return self._read(pages.article_page, page, size)

    @staticmethod
    def search_terms(words: str | None) -> list[str]:
        """The words of a search as the full-text search takes them."""
        return queries.search_terms(words)

    def search_quotes(self, words: str | None, limit: int, **filters: Any) -> list[dict[str, Any]]:
        """Quotes holding every word and matching ``filters`` (actor, party, issue,
        since, until), as reviewed, best match first; snippets as pieces."""
        sf = queries.SearchFilters(**filters)
        return self._read(pages.search_quotes, words, sf, limit)

    def search_articles(
        self, words: str | None, limit: int, **filters: Any
    ) -> list[dict[str, Any]]:
        """Articles holding every word and matching ``filters``; snippets as pieces."""
        sf = queries.SearchFilters(**filters)
        return self._read(pages.search_articles, words, sf, limit)

    # -- finding (dragoman.store.finding) --

    def search_quote_page(
        self, words: str | None, page: int, size: int, cap: int = finding_.COUNT_CAP, **filters: Any
    ) -> tuple[list[dict[str, Any]], int]:
        """One page (from 1) of :meth:`search_quotes`, and how many match in all (counted
        up to ``cap``: a total of ``cap`` means at least as many)."""
        sf = queries.SearchFilters(**filters)
        return self._read(finding_.search_quote_page, words, sf, page, size, cap)

    def search_article_page(
        self, words: str | None, page: int, size: int, cap: int = finding_.COUNT_CAP, **filters: Any
    ) -> tuple[list[dict[str, Any]], int]:
        """One page (from 1) of :meth:`search_articles`, and how many match in all (up
        to ``cap``)."""
        sf = queries.SearchFilters(**filters)
        return self._read(finding_.search_article_page, words, sf, page, size, cap)

    def known_names(self) -> dict[str, list[dict[str, Any]]]:
        """The actors and the parties, each ``{"name", "aliases", "reports"}``, for
        matching what a person types (:class:`dragoman.record.matching.Names`)."""
        return self._read(finding_.known_names)

    def titles(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The title (else the source) of each of these articles."""
        return self._read(pages.titles, article_ids)

    def reviewed_count(self) -> int:
        """How many articles an analyst reviewed anything in."""
        return self._read(pages.reviewed_count)

    def changes_reads(
        self, since: dt.date, until: dt.date | None, window: int, speakers: int = 10
    ) -> dict[str, Any]:
        """What changed since a day, as reviewed extractions (see
        :func:`dragoman.store.pages.changes_reads`)."""
        return self._read(pages.changes_reads, since, until, window, speakers)

    def contradiction_reads(
        self, since: dt.date, until: dt.date | None, window: int
    ) -> dict[str, Extracts]:
        """The positions and assessments the contradictions of a period are found in
        (see :func:`dragoman.store.pages.contradiction_reads`)."""
        return self._read(pages.contradiction_reads, since, until, window)

    def certainty(self, target: str, row_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """Per row of ``target``: its confidence, review status and who checked it."""
        return self._read(certainty.certainty, target, row_ids)

    def review_queue(self, limit: int) -> tuple[int, list[tuple[str, Any, bool]]]:
        """How many extractions wait for a check, and the ``limit`` most worth it."""
        return self._read(certainty.review_queue, limit)

    def matrix_positions(
        self, *, checked_only: bool = False, until: dt.date | None = None
    ) -> MatrixPositions:
        """The positions, as reviewed, the matrix as of ``until`` (or of checked
        reports only) is computed from (see :func:`certainty.positions_for_matrix`)."""
        return self._read(certainty.positions_for_matrix, checked_only=checked_only, until=until)

    # -- helpers -------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A connection for reading; database errors surface as StoreError."""
        try:
            with self.engine.connect() as connection:
                yield connection
        except SQLAlchemyError as e:
            raise StoreError(f"cannot read: {describe_error(e)}", source=self.name) from e

    @staticmethod
    def _has(connection: Connection, article_id: str) -> bool:
        query = select(exists().where(articles.c.id == article_id))
        return bool(connection.execute(query).scalar())

    @staticmethod
    def _load(connection: Connection, article_id: str) -> ArticleRecord | None:
        row = (
            connection.execute(select(articles).where(articles.c.id == article_id))
            .mappings()
            .first()
        )
        if row is None:
            return None
        children: dict[str, list[Any]] = {}
        for table in CHILD_TABLES:
            rows = connection.execute(
                select(table).where(table.c.article_id == article_id).order_by(table.c.id)
            ).mappings()
            cls = codec.CHILD_TYPES[table.name]
            children[table.name] = [codec.from_row(cls, r) for r in rows]
        return ArticleRecord(article=codec.from_row(Article, row), **children)


def _reviewed_records(
    connection: Connection, ids: Sequence[str], parts: Collection[str] | None = None
) -> list[ArticleRecord]:
    """The reviewed records of these articles, in this order (as
    :meth:`ReviewedArticle.record <dragoman.store.reviewed.ReviewedArticle.record>`
    gives each): one query per table for all of them (only ``parts``, when given)."""
    by_id = reviewed_.articles_by_id(connection, ids)
    found = connection.execute(select(corrections).where(corrections.c.article_id.in_(ids)))
    states = corrections_.states_of(Correction.of(r) for r in found.mappings())
    cast = reviewed_.actors_of(connection, ids)
    lists: dict[str, dict[str, list[Any]]] = {}
    for target, cls in corrections_.TARGETS.items():
        if parts is not None and target not in parts:
            continue
        table = corrections_.TABLES[target]
        rows = connection.execute(
            select(table).where(table.c.article_id.in_(ids)).order_by(table.c.id)
        ).mappings()
        kept = lists[target] = {}
        for row in rows:
            state = states.get((target, row["id"]))
            if state is None or not state.rejected:
                value = corrections_.apply(codec.from_row(cls, row), state)
                kept.setdefault(row["article_id"], []).append(value)
    return [
        ArticleRecord(
            article=by_id[i],
            actors=cast.get(i, []),
            **{t: part.get(i, []) for t, part in lists.items()},
        )  # fmt: skip
        for i in ids
        if i in by_id  # deleted since the ids were read
    ]
