"""Turn what the user names (a file path or a database URL) into a configured Engine.

SQLite needs three things the driver does not do by default: write-ahead logging (so
that readers do not block the writer), foreign keys (off by default in SQLite), and a
real ``BEGIN`` before DDL, so that a migration is all-or-nothing like on PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url

DEFAULT_PATH = "dragoman.db"


def url_for(target: str | Path) -> URL:
    """A path becomes an SQLite file URL; a string containing ``://`` is taken as a URL."""
    if isinstance(target, str) and "://" in target:
        return make_url(target)
    return URL.create("sqlite", database=str(Path(target)))


def make_engine(target: str | Path) -> Engine:
    """An Engine for ``target``; for SQLite, with the connection settings above."""
    engine = create_engine(url_for(target))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
    return engine


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control away from the sqlite3 module, which would not BEGIN
    # before DDL; _begin_sqlite emits BEGIN instead (SQLAlchemy's documented recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _begin_sqlite(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")
