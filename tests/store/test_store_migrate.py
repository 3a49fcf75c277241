"""Opening a store migrates it: to head, quietly, each migration all-or-nothing."""

from __future__ import annotations

import logging
import shutil
import tomllib
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from dragoman.errors import StoreError
from dragoman.store import Store, migrate
from dragoman.store.engine import make_engine
from dragoman.store.schema import include_in_comparison, is_search_table, metadata

TABLES = {
    "articles", "actors", "quotes", "events", "positions", "assessments",
    "corrections", "position_cells", "assessment_sides",
}  # fmt: skip
HEAD = "0007"
REPO = Path(__file__).resolve().parents[2]


def test_a_new_database_is_at_head(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assert migrate.head() == HEAD
        assert migrate.current(store.engine) == migrate.head()
        with store.engine.connect() as connection:
            versions = connection.execute(text("SELECT version_num FROM alembic_version"))
            assert versions.scalars().all() == [HEAD]
        names = set(inspect(store.engine).get_table_names())
        assert {n for n in names if not is_search_table(n)} == TABLES | {"alembic_version"}
        assert {"quotes_fts", "articles_fts"} <= names  # SQLite: FTS5


def test_reopening_an_existing_database_works(db_path: Path) -> None:
    Store.open(db_path).close()
    with Store.open(db_path) as store:
        assert migrate.current(store.engine) == HEAD


def test_indexes_are_created(store: Store) -> None:
    inspector = inspect(store.engine)
    indexed = {
        table: {tuple(ix["column_names"]) for ix in inspector.get_indexes(table)}
        for table in TABLES
    }
    for table in ("actors", "quotes", "events", "positions", "assessments", "corrections"):
        assert ("article_id",) in indexed[table]
    assert ("speaker",) in indexed["quotes"]
    assert ("party", "issue") in indexed["positions"]
    assert ("type", "date") in indexed["events"]
    assert ("date",) in indexed["events"]
    assert ("target", "target_id") in indexed["corrections"]
    assert ("party", "issue") in indexed["position_cells"]


def test_the_migrations_build_exactly_the_schema(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                # FTS5 tables (SQLite) and GIN indexes (PostgreSQL) are made by hand.
                "include_name": include_in_comparison,
            },
        )
        assert compare_metadata(context, metadata) == []


def test_a_failing_migration_leaves_nothing_behind(tmp_path: Path, db_path: Path) -> None:
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9000_broken.py").write_text(
        "import sqlalchemy as sa\n"
        "from alembic import op\n"
        "revision = '9000'\n"
        f"down_revision = '{HEAD}'\n"
        "def upgrade():\n"
        "    op.create_table('half_done', sa.Column('id', sa.Integer, primary_key=True))\n"
        "    op.execute('SELECT * FROM no_such_table')\n"
    )
    engine = make_engine(db_path)
    try:
        with engine.connect() as connection:
            config = migrate.alembic_config(connection)
            config.set_main_option("script_location", str(scripts))
            with pytest.raises(Exception, match="no_such_table"):
                command.upgrade(config, "head")
        assert migrate.current(engine) == HEAD  # the migrations before were kept
        assert "half_done" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_a_database_from_a_newer_dragoman_is_refused(db_path: Path) -> None:
    Store.open(db_path).close()
    engine = make_engine(db_path)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    finally:
        engine.dispose()
    with pytest.raises(StoreError, match="migrate") as info:
        Store.open(db_path)
    assert info.value.source == str(db_path)


def test_migrating_prints_and_logs_nothing(
    db_path: Path, capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    alembic_logger = logging.getLogger("alembic")
    level = alembic_logger.level
    alembic_logger.setLevel(logging.NOTSET)  # as in a fresh process
    caplog.set_level(logging.INFO)  # an application that logs at INFO
    try:
        Store.open(db_path).close()
        Store.open(db_path).close()
    finally:
        alembic_logger.setLevel(level)
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
    assert [r for r in caplog.records if r.name.startswith("alembic")] == []


def test_package_data_ships_the_migrations() -> None:
    pyproject = REPO / "pyproject.toml"
    if not pyproject.is_file():
        pytest.skip("not running from a source checkout")
    globs = tomllib.loads(pyproject.read_text())["tool"]["setuptools"]["package-data"]
    package = migrate.MIGRATIONS.parent.parent  # src/dragoman
    shipped = [
        p.relative_to(package).as_posix()
        for p in migrate.MIGRATIONS.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    ]
    assert {"store/migrations/env.py", "store/migrations/versions/0001_initial.py"} <= set(shipped)
    # Expanded as setuptools does: "*" does not cross into sub-folders.
    matched = {
        p.relative_to(package).as_posix() for g in globs["dragoman"] for p in package.glob(g)
    }
    assert set(shipped) <= matched
