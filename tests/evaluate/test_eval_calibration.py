"""The calibration table and the events' date accuracy."""

from __future__ import annotations

from dragoman.evaluation.calibration import bin_predictions, calibrate, precision_at
from dragoman.evaluation.parts import score_events, score_positions


def test_bins_count_right_and_wrong_predictions_by_confidence() -> None:
    bins = bin_predictions([(0.9, True), (0.85, False), (1.0, True), (0.5, False), (0.1, True)])
    by_label = {b.label: (b.right, b.total) for b in bins}
    assert by_label["[0.8, 1.0]"] == (2, 3)
    assert by_label["[0.4, 0.6)"] == (0, 1)
    assert by_label["[0.0, 0.4)"] == (1, 1)
    assert precision_at(bins, 0.8) == (2 / 3, 3)


def test_calibration_uses_matched_and_unmatched_predictions() -> None:
    gold = [{"party": "Valdoria", "issue": "prisoners", "stance": "demand"}]
    predicted = [
        {"party": "Valdoria", "issue": "prisoners", "stance": "demand", "confidence": 0.9},
        {"party": "Kestrania", "issue": "ceasefire", "stance": "accept", "confidence": 0.3},
    ]
    result = score_positions(gold, predicted).results
    table = calibrate([result])["positions"]
    assert precision_at(table, 0.8) == (1.0, 1)
    assert sum(b.total for b in table) == 2
    assert table[0].right == 0 and table[0].total == 1


def test_event_date_accuracy_counts_undated_predictions_of_dated_events() -> None:
    gold = [
        {"type": "talks", "date": "2031-04-07", "participants": ["Valdoria"]},
        {"type": "call", "date": None, "participants": ["Valdoria"]},
    ]
    predicted = [
        {"type": "talks", "date": None, "participants": ["Valdoria"]},
        {"type": "call", "date": "2031-04-08", "participants": ["Valdoria"]},
    ]
    tally = score_events(gold, predicted).accuracies["events.date_accuracy"]
    assert (tally.right, tally.total) == (0, 1)
    right = [dict(predicted[0], date="2031-04-07"), predicted[1]]
    tally = score_events(gold, right).accuracies["events.date_accuracy"]
    assert (tally.right, tally.total) == (1, 1)
