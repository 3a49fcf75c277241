"""Fixtures for every test folder: a fresh store on each backend.

``store_url`` gives each test an empty store, migrated to head: on SQLite a file in
``tmp_path``; on PostgreSQL, where ``DRAGOMAN_TEST_POSTGRES_URL`` is set (otherwise
that case is skipped with the reason), a schema of the session's own database, emptied
before the test. A database per test was measured first on the shared test server:
CREATE DATABASE and DROP DATABASE take 0.5-2.5 s together (each syncs the new files to
disk), a new schema and its migrations 0.4-0.7 s, TRUNCATE 0.2-0.5 s; emptying the
tables with DELETE and restarting their sequences takes a few milliseconds and leaves
the same state as a new database (ids start at 1 again). Each test gets its own URL
(``application_name``), so that nothing cached per database outlives a test.

Tests that change the schema (a trigger) undo it themselves; tests of what only SQLite
has (a file, WAL, FTS5, migrations run by hand) use an SQLite path explicitly.
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from dragoman.store import Store
from dragoman.store.schema import metadata

POSTGRES_URL = os.environ.get("DRAGOMAN_TEST_POSTGRES_URL")
NO_POSTGRES = "DRAGOMAN_TEST_POSTGRES_URL is not set"
BACKENDS = ["sqlite", "postgresql"]
#: The schema of the per-test stores (others hold shared, read-only stores).
TEST_SCHEMA = "public"

_numbers = itertools.count(1)


class PostgresDatabase:
    """A database of this test session (``dragoman_t_<hex>``) on the server of
    ``DRAGOMAN_TEST_POSTGRES_URL``, created on first use and dropped at the end; each
    schema in it holds one store."""

    def __init__(self, url: str) -> None:
        self.server = make_url(url)
        self.name = f"dragoman_t_{uuid.uuid4().hex[:16]}"
        self._admin = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        with self._admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{self.name}"'))
        # Commits here need not wait for the disk: nothing must survive a crash.
        options = "-c synchronous_commit=off -c lock_timeout=10s"
        self._engine: Engine = create_engine(
            self.server.set(database=self.name, query={"options": options}), poolclass=NullPool
        )
        self._migrated: set[str] = set()

    def url(self, schema: str = TEST_SCHEMA) -> str:
        """A URL of the store in ``schema``, different for each call (see above)."""
        options = f"-c search_path={schema}"
        query = {"options": options, "application_name": f"dragoman_test_{next(_numbers)}"}
        url = self.server.set(database=self.name, query=query)
        return url.render_as_string(hide_password=False)

    def fresh(self, schema: str = TEST_SCHEMA) -> str:
        """The URL of an empty store in ``schema``, migrated to head."""
        if schema not in self._migrated:
            with self._engine.begin() as connection:
                connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
            Store.open(self.url(schema)).close()
            self._migrated.add(schema)
        with self._engine.begin() as connection:
            connection.execute(text(f'SET LOCAL search_path = "{schema}"'))
            for table in reversed(metadata.sorted_tables):
                connection.execute(text(f'DELETE FROM "{table.name}"'))
            for sequence in _sequences(connection):
                connection.execute(text("SELECT setval(:s, 1, false)"), {"s": sequence})
        return self.url(schema)

    def copy(self, source: str, schema: str = TEST_SCHEMA) -> str:
        """The URL of a store in ``schema`` holding the rows of the store in ``source``."""
        url = self.fresh(schema)
        with self._engine.begin() as connection:
            connection.execute(text(f'SET LOCAL search_path = "{schema}"'))
            for table in metadata.sorted_tables:
                # The columns of the metadata: a generated column is not copied, it is made.
                names = ", ".join(f'"{c.name}"' for c in table.columns)
                connection.execute(
                    text(
                        f'INSERT INTO "{table.name}" ({names}) '
                        f'SELECT {names} FROM "{source}"."{table.name}"'
                    )
                )
            for sequence in _sequences(connection):
                connection.execute(
                    text(f'SELECT setval(:s, last_value, is_called) FROM "{source}".{sequence}'),
                    {"s": sequence},
                )
        return url

    def drop(self) -> None:
        self._engine.dispose()
        with self._admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        self._admin.dispose()


def _sequences(connection: Connection) -> list[str]:
    """The sequences (of the ``id`` columns) in the current schema."""
    found = connection.execute(
        text(
            "SELECT sequence_name FROM information_schema.sequences "
            "WHERE sequence_schema = current_schema() ORDER BY 1"
        )
    )
    return list(found.scalars())


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresDatabase]:
    """This session's PostgreSQL database (skips without DRAGOMAN_TEST_POSTGRES_URL)."""
    if not POSTGRES_URL:
        pytest.skip(NO_POSTGRES)
    database = PostgresDatabase(POSTGRES_URL)
    yield database
    database.drop()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """``sqlite``, then ``postgresql`` (skipped without DRAGOMAN_TEST_POSTGRES_URL)."""
    if request.param == "postgresql" and not POSTGRES_URL:
        pytest.skip(NO_POSTGRES)
    return str(request.param)


@pytest.fixture
def store_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Path | str:
    """An empty store on each backend: an SQLite file path or a PostgreSQL URL."""
    if backend == "sqlite":
        return tmp_path / "dragoman.db"
    database: PostgresDatabase = request.getfixturevalue("postgres")
    return database.fresh()
