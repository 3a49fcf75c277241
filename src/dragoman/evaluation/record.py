"""Scoring one predicted record against its gold record."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from dragoman.errors import EvaluationError
from dragoman.evaluation.parts import SCORERS, Item
from dragoman.evaluation.report import ReportDetail


def record_items(record: object, part: str, *, source: str) -> list[Item]:
    """The items of one part of a record; a missing part is empty, a malformed one an
    error naming the file, since a silently skipped part would score as all-missed."""
    if not isinstance(record, Mapping):
        raise EvaluationError("the record is not a JSON object", source=source)
    items = record.get(part)
    if items is None:
        return []
    if not isinstance(items, list):
        raise EvaluationError(f"{part!r} is not a list", source=source)
    for index, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise EvaluationError(f"{part}[{index}] is not an object", source=source)
    return [dict(item) for item in items]


def evaluate_record(
    gold: Mapping[str, Any],
    predicted: Mapping[str, Any],
    name: str = "",
    *,
    gold_source: str = "gold",
    predicted_source: str = "prediction",
    parts: Collection[str] | None = None,
) -> ReportDetail:
    """Score the ``parts`` (default: every part) of ``predicted`` against ``gold`` (both
    in the output contract's shape); the sources name the inputs in error messages."""
    results, accuracies, mismatches = {}, {}, []
    for part, scorer in SCORERS.items():
        if parts is not None and part not in parts:
            continue
        score = scorer(
            record_items(gold, part, source=gold_source),
            record_items(predicted, part, source=predicted_source),
        )
        results.update(score.results)
        accuracies.update(score.accuracies)
        mismatches.extend(score.mismatches)
    return ReportDetail(name, results, accuracies, mismatches)
