"""evaluate_dir on a small invented development set."""

import json
from pathlib import Path

import pytest

from dragoman.errors import EvaluationError
from dragoman.evaluate import check_floors, evaluate_dir

REPORT = """---
title: Talks resume by the lake
outlet: The Example Courier
date: 2031-06-01
---
"The ferry line must reopen before any truce," Ivan Kovalenko said on Sunday.
"""

GOLD = {
    "article": {"title": "Talks resume by the lake"},
    "actors": [{"name": "Ivan Kovalenko", "kind": "person", "party": "Freedonia"}],
    "quotes": [
        {
            "speaker": "Ivan Kovalenko",
            "text": "The ferry line must reopen before any truce",
            "kind": "direct",
            "date": "2031-06-01",
        }
    ],
    "events": [
        {
            "type": "talks",
            "status": "occurred",
            "date": "2031-06-01",
            "participants": ["Freedonia", "Sylvania"],
        }
    ],
    "positions": [{"party": "Freedonia", "issue": "ceasefire", "stance": "demand"}],
    "assessments": [],
}

PREDICTION = {
    "article": {"title": "Talks resume by the lake"},
    "actors": [{"name": "Kovalenko", "kind": "person", "party": "Freedonia"}],
    "quotes": [
        {
            "speaker": "Kovalenko",
            "text": "The ferry line must reopen before any truce,",
            "kind": "direct",
            "date": "2031-06-01",
        },
        {"speaker": None, "text": "Talks resume by the lake", "kind": "direct", "date": None},
    ],
    "events": [{"type": "talks", "status": "occurred", "date": None, "participants": ["Sylvania"]}],
    "positions": [{"party": "Freedonia", "issue": "ceasefire", "stance": "propose"}],
    "assessments": [],
}


@pytest.fixture
def devset(tmp_path: Path) -> Path:
    (tmp_path / "lake.md").write_text(REPORT)
    (tmp_path / "lake.json").write_text(json.dumps(GOLD))
    (tmp_path / "README.md").write_text("notes, not a report")
    return tmp_path


def test_evaluate_dir_scores_each_report_with_its_gold(devset: Path) -> None:
    seen: list[Path] = []

    def analyze(path: Path) -> dict:
        seen.append(path)
        return PREDICTION

    report = evaluate_dir(devset, analyze)
    assert seen == [devset / "lake.md"]
    metrics = report.metrics()
    assert metrics["quotes.attribution.recall"] == 1.0
    assert metrics["quotes.attribution.precision"] == 0.5  # the headline is a false positive
    assert metrics["quotes.date_accuracy"] == 1.0
    assert metrics["events.f1"] == 1.0
    assert metrics["positions.stance_accuracy"] == 0.0
    assert metrics["actors.f1"] == 1.0
    detail = report.details[0]
    assert detail.name == "lake" and detail.report_path == str(devset / "lake.md")
    assert detail.results["quotes.found"].false_positives[0]["text"] == "Talks resume by the lake"
    assert check_floors(report, {"quotes.attribution.f1": 0.75}) == [
        "quotes.attribution.f1: 0.667 is below the floor 0.750"
    ]


def test_an_expected_json_beside_one_report_is_its_gold(tmp_path: Path) -> None:
    (tmp_path / "001_lake.txt").write_text(REPORT)
    (tmp_path / "README.md").write_text("notes, not a report")
    (tmp_path / "expected.json").write_text(json.dumps(GOLD))
    report = evaluate_dir(tmp_path, lambda path: GOLD)
    assert report.details[0].report_path == str(tmp_path / "001_lake.txt")
    assert report.metrics()["quotes.found.f1"] == 1.0


def test_an_expected_json_beside_several_reports_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "001_lake.txt").write_text(REPORT)
    (tmp_path / "002_lake.txt").write_text(REPORT)
    (tmp_path / "expected.json").write_text(json.dumps(GOLD))
    with pytest.raises(EvaluationError, match="no gold record"):
        evaluate_dir(tmp_path, lambda path: GOLD)


def test_a_gold_file_without_a_report_is_skipped_and_listed(devset: Path) -> None:
    (devset / "orphan.json").write_text(json.dumps(GOLD))
    report = evaluate_dir(devset, lambda path: PREDICTION)
    assert len(report.details) == 1
    assert report.skipped == [
        {"gold": str(devset / "orphan.json"), "reason": "no report file beside it"}
    ]


def test_a_gold_file_that_is_not_json_is_an_error_naming_it(devset: Path) -> None:
    (devset / "broken.md").write_text(REPORT)
    (devset / "broken.json").write_text('{"quotes": [')
    with pytest.raises(EvaluationError, match=r"broken\.json.*not valid JSON"):
        evaluate_dir(devset, lambda path: PREDICTION)


def test_a_gold_file_holding_a_list_is_an_error(devset: Path) -> None:
    (devset / "lake.json").write_text("[]")
    with pytest.raises(EvaluationError, match=r"lake\.json"):
        evaluate_dir(devset, lambda path: PREDICTION)


def test_a_prediction_that_is_not_an_object_is_an_error_naming_the_report(devset: Path) -> None:
    with pytest.raises(EvaluationError, match=r"lake\.md"):
        evaluate_dir(devset, lambda path: ["not", "a", "record"])  # type: ignore[arg-type,return-value]


def test_a_directory_without_pairs_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "lonely.md").write_text(REPORT)
    with pytest.raises(EvaluationError, match="no gold record"):
        evaluate_dir(tmp_path, lambda path: PREDICTION)
    with pytest.raises(EvaluationError, match="not a directory"):
        evaluate_dir(tmp_path / "missing", lambda path: PREDICTION)


def test_a_set_scored_on_some_parts_ignores_the_others(devset: Path) -> None:
    report = evaluate_dir(devset, lambda path: PREDICTION, parts=["quotes"])
    assert set(report.counts) == {"quotes.found", "quotes.attribution"}
    assert "positions.f1" not in report.metrics()
    assert set(report.details[0].results) == {"quotes.found", "quotes.attribution"}


def test_only_scores_the_reports_whose_name_matches(devset: Path) -> None:
    (devset / "dam.md").write_text(REPORT)
    (devset / "dam.json").write_text(json.dumps(GOLD))
    seen: list[str] = []

    def analyze(path: Path) -> dict:
        seen.append(path.name)
        return PREDICTION

    report = evaluate_dir(devset, analyze, only="da*")
    assert seen == ["dam.md"] and [d.name for d in report.details] == ["dam"]
    with pytest.raises(EvaluationError, match="no gold record"):
        evaluate_dir(devset, analyze, only="nothing-*")
