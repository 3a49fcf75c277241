"""``dragoman eval`` on a folder with one report and its gold record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import PESKOV_TXT, run

pytestmark = pytest.mark.model

GOLD = {
    "article": {"published": "2024-05-14"},
    "actors": [
        {"name": "Dmitry Peskov", "role": "Kremlin spokesman", "party": "Russia", "kind": "person"}
    ],
    "quotes": [
        {
            "speaker": "Dmitry Peskov",
            "text": "We are ready to sit down at the table again,",
            "kind": "direct",
            "date": "2024-05-14",
        },
        {
            # Words the report does not hold: always missed, so always listed by --verbose.
            "speaker": "Andrii Sybiha",
            "text": "the ceasefire line must be monitored by neutral observers",
            "kind": "indirect",
            "date": "2024-05-14",
        },
    ],
    "events": [],
    "positions": [],
    "assessments": [],
}


@pytest.fixture(scope="module")
def devset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("devset")
    (folder / "peskov.txt").write_text(PESKOV_TXT, encoding="utf-8")
    (folder / "peskov.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (folder / "orphan.json").write_text(json.dumps(GOLD), encoding="utf-8")  # no report
    return folder


def floors_file(folder: Path, floors: dict[str, float]) -> Path:
    path = folder / "floors.json"
    path.write_text(json.dumps({"_about": "test floors", **floors}), encoding="utf-8")
    return path


def test_eval_prints_the_scores_and_meets_reachable_floors(devset: Path, tmp_path: Path) -> None:
    floors = floors_file(tmp_path, {"quotes.found.recall": 0.5, "quotes.date_accuracy": 0.0})
    result = run(["eval", devset, "--floors", floors])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for part in ("quotes found", "quotes attribution", "actors", "positions", "events"):
        assert part in out
    for heading in ("P", "R", "F1", "quotes.date_accuracy", "positions.stance_accuracy"):
        assert heading in out
    assert "Scores on 1 report in" in out
    assert "floors" in out and "met" in out
    assert "orphan.json" in result.stderr  # a gold without a report is named, not hidden


def test_eval_fails_below_unreachable_floors(devset: Path, tmp_path: Path) -> None:
    floors = floors_file(tmp_path, {"quotes.found.recall": 1.0, "events.f1": 0.5})
    result = run(["eval", devset, "--floors", floors])
    assert result.exit_code == 1
    assert "quotes.found.recall: 0.500 is below the floor 1.000" in result.stderr
    assert "events.f1" in result.stderr
    assert "Traceback" not in result.output


def test_eval_json(devset: Path, tmp_path: Path) -> None:
    floors = floors_file(tmp_path, {"quotes.found.recall": 1.0})
    result = run(["eval", devset, "--floors", floors, "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["reports"] == 1
    assert data["metrics"]["quotes.found.recall"] == pytest.approx(0.5)
    assert data["floors"]["failures"] == ["quotes.found.recall: 0.500 is below the floor 1.000"]


def test_eval_verbose_lists_the_missed_quote(devset: Path, tmp_path: Path) -> None:
    floors = floors_file(tmp_path, {})
    result = run(["eval", devset, "--floors", floors, "--verbose"])
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "peskov:" in out
    assert "missed Andrii Sybiha" in out
    assert "neutral observers" in out
