"""``dragoman ingest`` and ``dragoman summary`` on a temporary database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result

from dragoman.store import Store

from .conftest import REPORTS, run, write_reports

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def twice(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result, Result]:
    """The same folder ingested twice into one database."""
    root = tmp_path_factory.mktemp("ingest")
    write_reports(root / "reports")
    db = root / "test.db"
    first = run(["ingest", root / "reports", "--db", db])
    second = run(["ingest", root / "reports", "--db", db])
    return db, first, second


def test_first_ingest_adds_every_report(twice: tuple[Path, Result, Result]) -> None:
    _, first, _ = twice
    assert first.exit_code == 0, first.output
    assert "added 2, already present 0, failed 0" in first.stdout
    assert first.stderr == ""


def test_second_ingest_finds_them_present_and_adds_nothing(
    twice: tuple[Path, Result, Result],
) -> None:
    db, _, second = twice
    assert second.exit_code == 0, second.output
    assert "added 0, already present 2, failed 0" in second.stdout
    with Store.open(db) as store:
        assert store.summary()["counts"]["articles"] == len(REPORTS)


def test_summary_of_the_store(twice: tuple[Path, Result, Result]) -> None:
    db, _, _ = twice
    result = run(["summary", "--db", db])
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())  # Rich may wrap long lines
    assert f"sqlite3 {db} " in result.stdout  # the path, unwrapped, to copy
    assert "2 articles" in out
    assert "2024-05-14 to 2024-05-15" in out
    assert "Dmitry Peskov" in out and "Russia" in out
    assert "dragoman analyze" in out


def test_summary_json(twice: tuple[Path, Result, Result]) -> None:
    db, _, _ = twice
    result = run(["summary", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["database"] == str(db)
    assert data["counts"]["articles"] == 2
    assert data["published"] == {"first": "2024-05-14", "last": "2024-05-15"}
    assert "Dmitry Peskov" in [name for name, _ in data["top_speakers"]]


def test_summary_masks_a_database_password() -> None:
    from dragoman.api import display_name

    shown = display_name("postgresql+psycopg://ann:s3cret@db.example.org/dragoman")
    assert "s3cret" not in shown and "db.example.org/dragoman" in shown


def test_a_batch_with_broken_files_stores_the_others(tmp_path: Path) -> None:
    reports = {
        **REPORTS,
        "empty.txt": b"",
        "binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "blank.txt": "   \n\n",
    }
    write_reports(tmp_path / "batch", reports)
    db = tmp_path / "batch.db"
    result = run(["ingest", tmp_path / "batch", "--db", db])
    assert result.exit_code == 1
    assert "added 2, already present 0, failed 3" in result.stdout
    for name in ("empty.txt", "binary.md", "blank.txt"):
        assert name in result.stderr
    assert "Traceback" not in result.output
    with Store.open(db) as store:
        assert store.summary()["counts"]["articles"] == 2


def test_the_same_report_in_two_files_is_stored_once(tmp_path: Path) -> None:
    write_reports(tmp_path / "a", {"one.txt": REPORTS["peskov.txt"]})
    write_reports(tmp_path / "b", {"copy.txt": REPORTS["peskov.txt"].replace("\n\n", "\n\n\n")})
    db = tmp_path / "dup.db"
    result = run(["ingest", tmp_path / "a", tmp_path / "b", "--db", db])
    assert result.exit_code == 0, result.output
    assert "added 1, already present 1, failed 0" in result.stdout


def test_ingest_refuses_a_link_out_of_the_folder_unless_asked(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    outside = tmp_path / "private.txt"
    outside.write_text("The envoy said the ceasefire would hold until spring.\n")
    (folder / "planted.txt").symlink_to(outside)
    db = tmp_path / "links.db"
    refused = run(["ingest", folder, "--db", db])
    assert refused.exit_code == 1
    assert "link leading out of the folder" in refused.stderr
    assert "added 0" in refused.stdout + refused.stderr
    followed = run(["ingest", folder, "--db", db, "--follow-links"])
    assert followed.exit_code == 0, followed.stderr
    assert "added 1" in followed.stdout + followed.stderr


def test_a_file_name_with_control_characters_is_printed_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "empty\x1b[2J\rname\n.txt").write_text("")
    result = run(["ingest", folder, "--db", tmp_path / "names.db"])
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\r" not in result.stderr
    assert "empty\\x1b[2J\\rname\\n.txt" in result.stderr
