"""Every command is documented with an example; errors are one line, never a traceback.

None of these tests loads the NLP pipeline.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from dragoman import __version__
from dragoman.cli import app

from .conftest import Invoke

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_the_expected_commands_exist() -> None:
    assert set(COMMANDS) >= {"analyze", "ingest", "summary", "eval"}


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(invoke: Invoke, command: str) -> None:
    click_command = typer.main.get_command(app).commands[command]  # type: ignore[attr-defined]
    assert "Example: dragoman " + command in (click_command.help or "")
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout


def test_the_app_help_lists_commands_and_an_example(invoke: Invoke) -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    for command in COMMANDS:
        assert command in result.stdout


def test_version(invoke: Invoke) -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"dragoman {__version__}"


def test_python_dash_m_dragoman() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dragoman", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"dragoman {__version__}"


def test_summary_of_a_missing_database_is_one_line(invoke: Invoke, tmp_path: Path) -> None:
    db = tmp_path / "nothing.db"
    result = invoke("summary", "--db", db)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "[D300]" in lines[0] and "nothing.db" in lines[0]
    assert not db.exists(), "summary must not create an empty database"


def test_eval_of_a_folder_without_gold_is_one_line(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("eval", tmp_path)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "[D400]" in result.stderr
    assert "Traceback" not in result.output


def test_eval_with_a_malformed_floors_file_is_one_line(invoke: Invoke, tmp_path: Path) -> None:
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"quotes.found.f1": 7}), encoding="utf-8")
    result = invoke("eval", tmp_path, "--floors", floors)
    assert result.exit_code == 1
    assert "[D400]" in result.stderr and "floors.json" in result.stderr
    assert "Traceback" not in result.output


def test_analyze_bad_files_only_needs_no_model(invoke: Invoke, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    odd = tmp_path / "notes.docx"
    odd.write_bytes(b"PK\x03\x04")
    result = invoke("analyze", empty, odd, tmp_path / "missing.txt", "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3
    for name, line in zip(("empty.txt", "notes.docx", "missing.txt"), errors, strict=True):
        assert line.startswith("error: ") and name in line
