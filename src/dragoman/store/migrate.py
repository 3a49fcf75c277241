"""Bring a database to the current schema with the Alembic migrations shipped here.

Alembic is driven from code (no ``alembic.ini`` is needed at run time): the script
location is the ``migrations`` folder next to this module, and the open connection is
handed to ``env.py`` through ``Config.attributes``. Each migration runs in its own
transaction (on SQLite, the whole upgrade runs in one) and is recorded in the
``alembic_version`` table.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from dragoman.store.engine import writing

MIGRATIONS = Path(__file__).with_name("migrations")
#: The key of the PostgreSQL advisory lock held while migrating (any fixed 64-bit
#: number that other applications on the same server are unlikely to use).
MIGRATION_LOCK = 0x647261676F6D616E  # "dragoman" in ASCII


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config for the shipped migrations, bound to ``connection`` if given."""
    # Alembic's own messages go to a buffer, never to the caller's stdout.
    config = Config(stdout=io.StringIO())
    # ConfigParser interpolates "%", which may occur in a path.
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head() -> str | None:
    """The newest revision shipped with this version of dragoman."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current(engine: Engine) -> str | None:
    """The revision the database is at (``None`` for an empty database)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Apply every migration the database lacks; a no-op when it is at head.

    On SQLite the whole upgrade is one write transaction (``BEGIN IMMEDIATE``): two
    processes opening a new database at once take turns, and the second finds it at
    head instead of creating the tables again. On PostgreSQL an advisory lock does the
    same. A database already at head is only read.
    """
    _quiet_alembic_logging()
    if engine.dialect.name == "sqlite":
        if current(engine) == head():
            return
        with writing(engine) as connection:
            # Alembic runs inside a transaction it is given, without one of its own.
            command.upgrade(alembic_config(connection), "head")
        return
    with engine.connect() as lock:
        # Two processes opening a new PostgreSQL database at once would both create
        # the tables; a session-level advisory lock makes them take turns, and the
        # second finds the database at head.
        lock.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK})
        lock.commit()
        try:
            with engine.connect() as connection:
                command.upgrade(alembic_config(connection), "head")
        finally:
            lock.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK})
            lock.commit()


def _quiet_alembic_logging() -> None:
    # Alembic logs each step at INFO; an application that logs at INFO would print
    # them on every open. Respect a level the application has set on purpose.
    logger = logging.getLogger("alembic")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.WARNING)
