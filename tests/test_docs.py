"""The examples of docs/api.md run (doctest), in a fresh temporary folder; the docs name
every command of the command line."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from dragoman.cli import app

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_the_api_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = doctest.testfile(
        str(DOCS / "api.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        raise_on_error=False,
        verbose=False,
    )
    assert result.attempted > 20
    assert result.failed == 0, "docs/api.md: an example fails (run: python -m doctest -v)"


def test_the_guide_names_every_command() -> None:
    guide = (DOCS / "guide.md").read_text(encoding="utf-8")
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    missing = [name for name in names if f"dragoman {name}" not in guide]
    assert not missing, f"docs/guide.md does not mention: {missing}"


def test_the_docs_are_there() -> None:
    for name in ("guide.md", "codebook.md", "api.md", "evaluation.md"):
        assert (DOCS / name).read_text(encoding="utf-8").startswith("# "), name


def test_the_datasette_metadata_describes_every_table_and_column() -> None:
    import json

    from dragoman.store.schema import metadata

    meta = json.loads((DOCS / "datasette-metadata.json").read_text(encoding="utf-8"))
    tables = meta["databases"]["demo"]["tables"]
    for table in metadata.sorted_tables:
        described = tables[table.name]
        assert described["description"], table.name
        for column in table.columns:
            assert described["columns"].get(column.name), f"{table.name}.{column.name}"
    for target in ("quotes", "positions", "events", "assessments"):
        view = tables[f"reviewed_{target}"]["columns"]
        assert {"review", "reviewed_by", "reviewed_at"} <= set(view), target
