"""Turn what the user names (a file path or a database URL) into a configured Engine.

SQLite needs a few things the driver does not do by default: write-ahead logging (so
that readers do not block the writer), foreign keys (off by default in SQLite), a real
``BEGIN`` before DDL, so that a migration is all-or-nothing like on PostgreSQL, and
``BEGIN IMMEDIATE`` for the transactions that write (:func:`writing`): a transaction
that reads before it writes would otherwise have to upgrade its lock halfway, which
SQLite refuses ("database is locked") when another process wrote in the meantime. A
writer waits up to :data:`BUSY_TIMEOUT_MS` for another process's write to finish.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import SQLAlchemyError

DEFAULT_PATH = "dragoman.db"

#: How long an SQLite writer waits for another connection's write lock.
BUSY_TIMEOUT_MS = 30_000

_MAX_DETAIL = 200

#: The execution option that marks a connection's transactions as writes.
WRITE_OPTION = "dragoman_write"

# A password given as a query parameter (libpq reads ``?password=...``).
_PASSWORD_PARAM = re.compile(r"([?&]password=)[^&#]*", re.IGNORECASE)


def url_for(target: str | Path) -> URL:
    """A path becomes an SQLite file URL; a string containing ``://`` is taken as a URL."""
    if isinstance(target, str) and "://" in target:
        return make_url(target)
    return URL.create("sqlite", database=str(Path(target)))


def display_name(target: str | Path) -> str:
    """A database as it may be shown (in messages, pages, logs): a URL's password is
    masked as ``***``; read by hand, so that a URL SQLAlchemy cannot parse (a bad port,
    an unescaped ``@`` in the password) is masked too."""
    text = str(target)
    scheme, sep, rest = text.partition("://")
    if not sep:
        return text
    query_at = min((i for i in (rest.find("?"), rest.find("#")) if i != -1), default=len(rest))
    head, tail = rest[:query_at], rest[query_at:]
    userinfo, at, host = head.rpartition("@")
    if at and ":" in userinfo:
        head = f"{userinfo.split(':', 1)[0]}:***@{host}"
    return f"{scheme}://{head}" + _PASSWORD_PARAM.sub(r"\1***", tail)


def describe_error(error: BaseException) -> str:
    """A failure in one line, for a :class:`~dragoman.errors.StoreError`'s message.

    For a database error, the driver's own words (``OperationalError: database is
    locked``), never SQLAlchemy's ``[SQL: …]`` and ``[parameters: …]``, which hold the
    statement and a report's text, nor its background link.
    """
    shown: BaseException = error
    if isinstance(error, SQLAlchemyError):
        orig = getattr(error, "orig", None)
        if isinstance(orig, BaseException):
            shown = orig
    text = str(shown)
    for marker in ("[SQL:", "[parameters:", "(Background on this error"):
        text = text.split(marker, 1)[0]
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    if len(line) > _MAX_DETAIL:
        line = line[: _MAX_DETAIL - 1] + "…"
    if shown is error and not isinstance(error, SQLAlchemyError):
        return line or type(error).__name__
    return f"{type(shown).__name__}: {line}" if line else type(shown).__name__


def make_engine(target: str | Path) -> Engine:
    """An Engine for ``target``; for SQLite, with the connection settings above."""
    engine = create_engine(url_for(target))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
    return engine


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A transaction that writes: committed at the end, rolled back on an exception.

    On SQLite it begins with ``BEGIN IMMEDIATE``, taking the write lock before the
    first read, so that reading then writing never fails because another process
    wrote between the two; elsewhere it is ``engine.begin()``.
    """
    with engine.connect() as connection:
        connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            yield connection


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control away from the sqlite3 module, which would not BEGIN
    # before DDL; _begin_sqlite emits BEGIN instead (SQLAlchemy's documented recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS:d}")
        _switch_to_wal(cursor)
        # In WAL mode NORMAL syncs at checkpoints, not at every commit: a commit stays
        # atomic and survives a crash of the process (kill -9); only a power cut may lose
        # the last commits. FULL costs an fsync per report, which made the single writer
        # of a multi-worker ingest the bottleneck.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _switch_to_wal(cursor: Any) -> None:
    """Put the file in WAL mode (a no-op once it is). Two processes switching a new file
    at the same moment: the loser gets "database is locked" at once, without SQLite's
    busy wait, so it waits here instead, up to the same timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.005
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            busy = "locked" in str(e) or "busy" in str(e)
            if not busy or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def _begin_sqlite(connection: Connection) -> None:
    immediate = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
