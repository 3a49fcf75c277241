"""Micro-averaging and the flat metrics the floors pin."""

import json

import pytest

from dragoman.errors import EvaluationError
from dragoman.evaluation.counts import Counts, Tally
from dragoman.evaluation.record import evaluate_record
from dragoman.evaluation.report import ACCURACY_KEYS, COUNT_KEYS, EvalReport


def quotes_record(*texts: str) -> dict:
    return {"quotes": [{"text": t, "speaker": "Ivan Kovalenko", "date": None} for t in texts]}


def test_scores_are_micro_averaged_over_reports() -> None:
    # Report a: 1 of 1 found. Report b: 1 of 3 found, 1 invented.
    a = evaluate_record(
        quotes_record("ships may pass the strait"), quotes_record("ships may pass the strait"), "a"
    )
    b = evaluate_record(
        quotes_record("grain will move by sea", "the border stays shut", "no deal before spring"),
        quotes_record("grain will move by sea", "fireworks lit the square at dusk"),
        "b",
    )
    report = EvalReport([a, b])
    assert report.counts["quotes.found"] == Counts(tp=2, fp=1, fn=2)
    metrics = report.metrics()
    assert metrics["quotes.found.precision"] == pytest.approx(2 / 3)
    assert metrics["quotes.found.recall"] == pytest.approx(2 / 4)
    # Macro-averaging would give recall (1 + 1/3) / 2 = 0.667 instead.
    assert metrics["quotes.found.f1"] == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))


def test_metrics_have_every_documented_key_even_when_empty() -> None:
    metrics = EvalReport().metrics()
    for key in COUNT_KEYS:
        for score in ("precision", "recall", "f1"):
            assert metrics[f"{key}.{score}"] == 0.0
    for key in ACCURACY_KEYS:
        assert metrics[key] == 0.0


def test_a_zero_denominator_scores_zero_and_reports_its_counts() -> None:
    assert Counts().f1 == 0.0
    assert Tally().accuracy == 0.0
    data = EvalReport().to_dict()
    assert data["accuracies"]["quotes.date_accuracy"] == {"right": 0, "total": 0}


def test_to_dict_is_json_and_lists_what_was_missed() -> None:
    detail = evaluate_record(quotes_record("the corridor opens at dawn"), quotes_record(), "a")
    data = EvalReport([detail]).to_dict()
    json.dumps(data)
    assert data["reports"] == 1
    assert data["details"][0]["missed"]["quotes.found"][0]["text"] == "the corridor opens at dawn"


def test_a_part_that_is_not_a_list_is_an_error_naming_its_source() -> None:
    with pytest.raises(EvaluationError, match="gold-x.*'quotes' is not a list"):
        evaluate_record({"quotes": "oops"}, {}, gold_source="gold-x")
    with pytest.raises(EvaluationError, match=r"events\[0\] is not an object"):
        evaluate_record({}, {"events": [3]})
