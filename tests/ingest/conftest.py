"""Shared helpers for the ingest tests: the fixture folder and a file writer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


@pytest.fixture
def fixture_path() -> Callable[[str], Path]:
    """The path of a fixture file under tests/fixtures/ingest, checked to exist."""

    def _path(name: str) -> Path:
        path = FIXTURES / name
        assert path.is_file(), f"missing fixture {path}"
        return path

    return _path


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write text (UTF-8, line ends as given) or bytes to ``tmp_path/name``."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return _write
