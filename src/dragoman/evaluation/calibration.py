"""Calibration of confidences: does a prediction's ``confidence`` mean something?

For positions, events and assessments, every prediction either matched a gold item
(right) or did not (a false positive). Binned by confidence, the share of right ones
is the precision an analyst can expect of a prediction with that confidence: a table
whose precision rises with the bins means the confidence can be trusted to sort a
review queue. Predictions excused by the scorer (matching an optional gold item's
words) count in neither column.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from dragoman.evaluation.parts import PartResult

#: The parts whose predictions carry a confidence.
CALIBRATED_PARTS = ("positions", "events", "assessments")
#: Bin edges: [0, 0.4), [0.4, 0.6), [0.6, 0.8), [0.8, 1.0].
EDGES = (0.0, 0.4, 0.6, 0.8, 1.0)


@dataclass
class CalibrationBin:
    """The predictions whose confidence lies in ``[low, high)`` (the last bin
    includes 1.0): how many, and how many matched gold."""

    low: float
    high: float
    right: int = 0
    total: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.total if self.total else 0.0

    @property
    def label(self) -> str:
        closing = "]" if self.high >= EDGES[-1] else ")"
        return f"[{self.low:.1f}, {self.high:.1f}{closing}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "low": self.low,
            "high": self.high,
            "right": self.right,
            "total": self.total,
            "precision": round(self.precision, 4),
        }


def confidence_of(item: dict[str, Any]) -> float:
    """A prediction's confidence, 0.0 when it gives none."""
    value = item.get("confidence")
    try:
        return min(max(float(value), 0.0), 1.0) if value is not None else 0.0
    except (TypeError, ValueError):
        return 0.0


def bin_predictions(scored: Iterable[tuple[float, bool]]) -> list[CalibrationBin]:
    """Bins of (confidence, right) pairs."""
    bins = [CalibrationBin(low, high) for low, high in zip(EDGES, EDGES[1:], strict=False)]
    for confidence, right in scored:
        k = next((n for n, b in enumerate(bins) if confidence < b.high), len(bins) - 1)
        bins[k].total += 1
        bins[k].right += int(right)
    return bins


def calibrate(results: Sequence[dict[str, PartResult]]) -> dict[str, list[CalibrationBin]]:
    """The calibration table of each part with confidences, over the results of
    every report (one ``{part: PartResult}`` per report)."""
    table: dict[str, list[CalibrationBin]] = {}
    for part in CALIBRATED_PARTS:
        scored: list[tuple[float, bool]] = []
        for result in (r[part] for r in results if part in r):
            scored.extend((confidence_of(p), True) for p in result.matched)
            scored.extend((confidence_of(p), False) for p in result.false_positives)
        if any(True for _ in scored) or any(part in r for r in results):
            table[part] = bin_predictions(scored)
    return table


def precision_at(bins: Sequence[CalibrationBin], threshold: float) -> tuple[float, int]:
    """Precision over the bins at or above ``threshold``, and how many predictions."""
    right = sum(b.right for b in bins if b.low >= threshold)
    total = sum(b.total for b in bins if b.low >= threshold)
    return (right / total if total else 0.0), total
