"""dragoman serve builds the web app over the database and hands it to uvicorn.

uvicorn.run is replaced, so nothing listens; the NLP pipeline is not loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from dragoman.store import Store

from .conftest import Invoke


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    import uvicorn

    calls: dict[str, Any] = {}

    def run(app: Any, **options: Any) -> None:
        calls["app"], calls["options"] = app, options

    monkeypatch.setattr(uvicorn, "run", run)
    monkeypatch.delenv("DRAGOMAN_TOKEN", raising=False)
    return calls


def test_serve_runs_the_web_app_on_the_host_and_port_given(
    invoke: Invoke, tmp_path: Path, served: dict[str, Any]
) -> None:
    db = tmp_path / "d.db"
    Store.open(db).close()
    result = invoke("serve", "--db", db, "--host", "127.0.0.2", "--port", "8123")
    assert result.exit_code == 0, result.output
    assert isinstance(served["app"], FastAPI)
    assert served["options"] == {"host": "127.0.0.2", "port": 8123, "log_level": "warning"}
    assert f"dragoman: {db} at http://127.0.0.2:8123/ — read-only (no --token)" in result.stdout
    assert "API docs at http://127.0.0.2:8123/docs" in result.stdout


def test_serve_with_a_token_says_reviews_are_enabled(
    invoke: Invoke, tmp_path: Path, served: dict[str, Any]
) -> None:
    db = tmp_path / "d.db"
    Store.open(db).close()
    result = invoke("serve", "--db", db, "--token", "s3cret")
    assert result.exit_code == 0, result.output
    assert "review enabled (token required)" in result.stdout
    assert "s3cret" not in result.output


def test_a_missing_database_never_reaches_uvicorn(
    invoke: Invoke, tmp_path: Path, served: dict[str, Any]
) -> None:
    result = invoke("serve", "--db", tmp_path / "missing.db")
    assert result.exit_code == 1 and "[D300]" in result.stderr
    assert served == {}
