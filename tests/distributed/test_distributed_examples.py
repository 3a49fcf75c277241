"""``dragoman batch`` on a two-worker local cluster over the example corpus, then
``dragoman load`` into SQLite (and PostgreSQL, where DRAGOMAN_TEST_POSTGRES_URL is set):
the same records as ``dragoman ingest`` stores. Needs the trained model (each worker
loads it: seconds apiece), so the whole run is shared by the module."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dragoman import api
from dragoman.cli import app
from dragoman.store import Store

pytest.importorskip("distributed", reason="dask[distributed] is not installed")
pytestmark = pytest.mark.model

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
POSTGRES = os.environ.get("DRAGOMAN_TEST_POSTGRES_URL")
PARTS = ("quotes", "positions", "events", "assessments", "actors")


def run(*args: object) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def stored(db: str | Path) -> dict[str, dict[str, Any]]:
    """Each stored article's record, by id."""
    with Store.open(db) as store:
        return {r.article.id: r.to_dict() for r in store.records()}


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("batch") / "records"
    result = run("batch", EXAMPLES, "--out", out, "--workers", 2)
    assert result.exit_code == 0, result.output
    assert "analysed 14, already present 0, failed 0" in result.stdout
    assert "on 2 workers" in result.stdout
    return out


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    db = tmp_path_factory.mktemp("ingest") / "ingest.db"
    result = api.ingest_paths([EXAMPLES], db, workers=1)
    assert result.ok and result.added == 14
    return stored(db)


def assert_same_records(loaded: dict[str, Any], ingested: dict[str, Any]) -> None:
    assert sorted(loaded) == sorted(ingested)
    for article_id, record in ingested.items():
        assert loaded[article_id]["article"] == record["article"], article_id
        for part in PARTS:
            assert loaded[article_id][part] == record[part], (article_id, part)


def test_batch_then_load_into_sqlite_is_ingest(
    batch_out: Path, ingested: dict[str, Any], tmp_path: Path
) -> None:
    db = tmp_path / "loaded.db"
    result = run("load", batch_out, "--db", db)
    assert result.exit_code == 0, result.output
    assert "added 14, already present 0, failed 0" in result.stdout
    assert_same_records(stored(db), ingested)
    again = run("load", batch_out, "--db", db)
    assert "added 0, already present 14, failed 0" in again.stdout


def test_batch_again_analyses_nothing(batch_out: Path) -> None:
    before = sorted(p.name for p in batch_out.iterdir())
    result = run("batch", EXAMPLES, "--out", batch_out, "--workers", 1, "--json")
    assert result.exit_code == 0, result.output
    assert '"analysed": 0' in result.stdout and '"present": 14' in result.stdout
    assert sorted(p.name for p in batch_out.iterdir()) == before


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """The test database, in a schema of its own (dropped afterwards), so that the
    examples stored by other tests cannot count as present here."""
    if not POSTGRES:
        pytest.skip("DRAGOMAN_TEST_POSTGRES_URL is not set")
    from sqlalchemy import create_engine, text

    schema = f"dragoman_batch_{uuid.uuid4().hex[:8]}"
    engine = create_engine(POSTGRES)
    with engine.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in POSTGRES else "?"
    try:
        yield f"{POSTGRES}{separator}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


def test_batch_then_load_into_postgres_is_ingest(
    batch_out: Path, ingested: dict[str, Any], postgres_url: str
) -> None:
    result = run("load", batch_out, "--db", postgres_url)
    assert result.exit_code == 0, result.output
    assert "added 14, already present 0, failed 0" in result.stdout
    with Store.open(postgres_url) as store:
        assert store.engine.dialect.name == "postgresql"
    assert_same_records(stored(postgres_url), ingested)
    again = run("load", batch_out, "--db", postgres_url)
    assert "added 0, already present 14, failed 0" in again.stdout
