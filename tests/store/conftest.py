"""Fixtures for the store tests: a fresh store per test on each backend (SQLite, and
PostgreSQL where DRAGOMAN_TEST_POSTGRES_URL is set; see tests/conftest.py), an SQLite
file for what only SQLite has (a file, WAL, FTS5), and full records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dragoman.models import (
    Actor,
    Article,
    ArticleRecord,
    Assessment,
    Event,
    Position,
    Quote,
)
from dragoman.store import Store

MakeRecord = Callable[..., ArticleRecord]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """An SQLite file (not yet created), for the tests of what only SQLite has."""
    return tmp_path / "dragoman.db"


@pytest.fixture
def store(store_url: Path | str) -> Iterator[Store]:
    """A fresh store on each backend."""
    with Store.open(store_url) as opened:
        yield opened


@pytest.fixture
def sqlite_store(db_path: Path) -> Iterator[Store]:
    """A fresh store in an SQLite file."""
    with Store.open(db_path) as opened:
        yield opened


#: The message of the test trigger.
REFUSED = "refused by test trigger"
Refuse = Callable[..., Callable[[], None]]


@pytest.fixture
def refuse(store: Store) -> Iterator[Refuse]:
    """``refuse(table, when)`` makes the database itself refuse the inserts into
    ``table`` of the rows where ``when`` holds (a trigger, written as each backend
    writes one), so that the error comes from the driver; it returns the undo, which
    also runs after the test (a PostgreSQL store outlives it: tests/conftest.py)."""
    installed: list[str] = []
    sqlite = store.engine.dialect.name == "sqlite"

    def undo() -> None:
        while installed:
            table = installed.pop()
            on = "" if sqlite else f" ON {table}"
            with store.engine.begin() as connection:
                connection.exec_driver_sql(f"DROP TRIGGER refuse{on}")

    def install(table: str, when: str = "TRUE") -> Callable[[], None]:
        if sqlite:
            statements = [
                f"CREATE TRIGGER refuse BEFORE INSERT ON {table} WHEN {when} "
                f"BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END"
            ]
        else:
            statements = [
                "CREATE OR REPLACE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN RAISE EXCEPTION '{REFUSED}' "
                "USING ERRCODE = 'integrity_constraint_violation'; END $$",
                f"CREATE TRIGGER refuse BEFORE INSERT ON {table} FOR EACH ROW WHEN ({when}) "
                "EXECUTE FUNCTION refuse()",
            ]
        with store.engine.begin() as connection:
            for statement in statements:
                connection.exec_driver_sql(statement)
        installed.append(table)
        return undo

    yield install
    undo()


def full_record(
    body: str = "Talks in Istanbul ended after three hours, Russia's Medinsky said.",
    source: str = "reports/istanbul.txt",
    published: dt.date | None = dt.date(2022, 3, 29),
) -> ArticleRecord:
    """A record in which every field of every dataclass has a non-default value."""
    article = Article(
        body=body,
        source=source,
        outlet="Example Wire",
        url="https://example.org/istanbul",
        published=published,
        title="Talks in Istanbul — «progress»",
        caption="Delegations at Dolmabahçe Palace",
        credit="Photo: A. N. Other",
        language="en",
    )
    return ArticleRecord(
        article=article,
        actors=[
            Actor(
                name="Vladimir Medinsky",
                kind="person",
                aliases=["Medinsky", "Russia's chief negotiator"],
                role="chief negotiator",
                party="Russia",
                mentions=[(43, 51), (80, 88)],
                confidence=0.9,
            ),
            Actor(name="Russia", kind="party", aliases=["Moscow"], mentions=[(0, 6)]),
            Actor(name="Ukraine", kind="party", party=None, confidence=0.75),
        ],
        quotes=[
            Quote(
                text="Talks in Istanbul ended after three hours",
                kind="indirect",
                speaker="Vladimir Medinsky",
                cue="said",
                date=dt.date(2022, 3, 29),
                start=2,
                end=41,
                anonymous=False,
                speaker_text="Medinsky",
                confidence=0.8,
            ),
            Quote(
                text="the talks were “constructive”",
                kind="mixed",
                speaker="anonymous",
                cue="according to",
                date=None,
                start=50,
                end=79,
                anonymous=True,
                speaker_text="a source close to the talks",
                confidence=0.4,
            ),
        ],
        events=[
            Event(
                type="talks_round",
                status="happened",
                date=dt.date(2022, 3, 29),
                place="Istanbul",
                participants=["Russia", "Ukraine"],
                start=1,
                end=17,
                confidence=0.7,
                country="Turkey",
            )
        ],
        positions=[
            Position(
                party="Ukraine",
                issue="neutrality",
                stance="propose",
                subject="permanent neutrality",
                summary="proposed neutral status",
                reported_by="Vladimir Medinsky",
                date=dt.date(2022, 3, 29),
                start=10,
                end=30,
                confidence=0.6,
            ),
            Position(party="Russia", issue="territory", stance="demand", subject="Crimea"),
        ],
        assessments=[
            Assessment(
                actor="Vladimir Medinsky",
                polarity="positive",
                date=dt.date(2022, 3, 29),
                summary="constructive talks",
                start=50,
                end=79,
                confidence=0.55,
            )
        ],
    )


@pytest.fixture
def make_record() -> MakeRecord:
    return full_record
