"""Alembic environment for the dragoman store.

At run time :func:`dragoman.store.migrate.upgrade` passes an open connection in
``config.attributes["connection"]``. When a developer runs the ``alembic`` command
(``alembic -c src/dragoman/store/alembic.ini revision --autogenerate -m "..."``), the
URL comes from ``sqlalchemy.url`` instead. Logging is never configured here, so that
migrating prints nothing.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from dragoman.store.engine import DEFAULT_PATH, make_engine
from dragoman.store.schema import include_in_comparison, metadata

config = context.config


def include_name(name: str | None, type_: str, parents: object) -> bool:
    """Leave the full-text structures out of autogenerate: the FTS5 tables (and their
    shadow tables) of migration 0002, which SQLAlchemy cannot describe, and the columns
    of words and their GIN indexes of migration 0006, which exist on PostgreSQL only."""
    return include_in_comparison(name, type_, parents)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # One transaction per migration, as on PostgreSQL; on SQLite the engine emits
        # a real BEGIN (see engine.py), so its DDL is transactional too.
        transaction_per_migration=True,
        transactional_ddl=True if connection.dialect.name == "sqlite" else None,
        # SQLite cannot ALTER most things; autogenerate batch operations there.
        render_as_batch=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or DEFAULT_PATH)
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


def run_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
