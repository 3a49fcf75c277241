"""Several processes opening one new PostgreSQL database at once all succeed: the
migration is taken in turns (an advisory lock), not raced into UniqueViolation.
Runs only where DRAGOMAN_TEST_POSTGRES_URL is set; each run makes its own database."""

from __future__ import annotations

import multiprocessing
import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from dragoman.store import Store, migrate

URL = os.environ.get("DRAGOMAN_TEST_POSTGRES_URL")

pytestmark = pytest.mark.skipif(not URL, reason="DRAGOMAN_TEST_POSTGRES_URL is not set")


@pytest.fixture
def fresh_database() -> Iterator[str]:
    assert URL is not None
    name = f"dragoman_race_{uuid.uuid4().hex[:12]}"
    admin = create_engine(URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _open(url: str) -> str | None:
    try:
        with Store.open(url):
            return None
    except Exception as e:  # noqa: BLE001 - reported to the parent as text
        return f"{type(e).__name__}: {e}"


def test_processes_opening_a_new_database_at_once_all_succeed(fresh_database: str) -> None:
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        failures = [f for f in pool.map(_open, [fresh_database] * 4) if f]
    assert failures == []
    engine = create_engine(fresh_database)
    try:
        assert migrate.current(engine) == migrate.head()
    finally:
        engine.dispose()
