"""Floors: pinned minimum scores."""

import json
from pathlib import Path

import pytest

from dragoman.errors import EvaluationError
from dragoman.evaluation.floors import (
    ALL_PARTS,
    DEFAULT_FLOORS,
    check_floors,
    load_eval_set,
    load_floors,
    pinned_sets,
)
from dragoman.evaluation.report import EvalReport


def test_the_shipped_floors_load_and_name_real_metrics() -> None:
    floors = load_floors()
    assert DEFAULT_FLOORS.name == "eval_floors.json"
    assert floors
    assert set(floors) <= set(EvalReport().metrics())


def test_comment_keys_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"_about": "why", "events.f1": 0.5}))
    assert load_floors(path) == {"events.f1": 0.5}


def test_scores_at_or_above_their_floors_pass() -> None:
    assert (
        check_floors(
            {"events.f1": 0.5, "quotes.date_accuracy": 0.95},
            {"events.f1": 0.5, "quotes.date_accuracy": 0.9},
        )
        == []
    )


def test_a_score_below_its_floor_fails_with_a_readable_line() -> None:
    failures = check_floors({"events.f1": 0.42}, {"events.f1": 0.5})
    assert failures == ["events.f1: 0.420 is below the floor 0.500"]


def test_a_metric_missing_from_the_report_fails() -> None:
    failures = check_floors(EvalReport(), {"quotes.speed": 0.1})
    assert len(failures) == 1 and "quotes.speed" in failures[0] and "missing" in failures[0]


def test_an_empty_report_fails_a_positive_floor() -> None:
    assert check_floors(EvalReport(), {"quotes.attribution.f1": 0.75})


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[0.5]",
        json.dumps({"events.f1": "high"}),
        json.dumps({"events.f1": 1.5}),
        json.dumps({"events.f1": True}),
    ],
)
def test_a_malformed_floors_file_is_an_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "floors.json"
    path.write_text(content)
    with pytest.raises(EvaluationError, match="floors.json"):
        load_floors(path)


def test_a_missing_floors_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="cannot read"):
        load_floors(tmp_path / "nowhere.json")


def _sets_file(tmp_path: Path) -> Path:
    path = tmp_path / "floors.json"
    path.write_text(
        json.dumps(
            {
                "sets": {
                    "devset": {"floors": {"events.f1": 0.5}},
                    "news/dev": {"parts": ["quotes"], "floors": {"quotes.found.f1": 0.7}},
                    "dev": {"floors": {"actors.f1": 0.1}},
                }
            }
        )
    )
    return path


def test_a_set_is_recognised_by_the_end_of_its_folder_path(tmp_path: Path) -> None:
    path = _sets_file(tmp_path)
    assert load_eval_set(path, tmp_path / "shared" / "devset").floors == {"events.f1": 0.5}
    news = load_eval_set(path, tmp_path / "news" / "dev")
    assert (news.name, news.parts, news.floors) == (
        "news/dev",
        ("quotes",),
        {"quotes.found.f1": 0.7},
    )
    assert load_eval_set(path, tmp_path / "other" / "dev").name == "dev"


def test_a_folder_no_set_names_has_no_floors_and_every_part(tmp_path: Path) -> None:
    unknown = load_eval_set(_sets_file(tmp_path), tmp_path / "my-gold")
    assert unknown.floors == {} and unknown.parts == ALL_PARTS


def test_unknown_parts_are_an_error(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"sets": {"x": {"parts": ["speeches"]}}}))
    with pytest.raises(EvaluationError, match="parts"):
        load_eval_set(path, tmp_path / "x")


def test_the_shipped_sets_pin_real_metrics_of_the_parts_they_score() -> None:
    sets = pinned_sets()
    assert {"devset", "polnear/dev"} <= set(sets)
    for pinned in sets.values():
        metrics = EvalReport(parts=pinned.parts).metrics()
        assert pinned.floors and set(pinned.floors) <= set(metrics)


def test_a_report_of_some_parts_has_only_their_metrics() -> None:
    metrics = EvalReport(parts=("quotes",)).metrics()
    assert metrics and all(key.startswith("quotes.") for key in metrics)
