"""The result of an evaluation: per-report details and the micro-averaged scores."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dragoman.evaluation.calibration import CalibrationBin, calibrate
from dragoman.evaluation.counts import Counts, Tally
from dragoman.evaluation.parts import SCORERS, PartResult

# Metric prefixes with precision/recall/F1, and accuracies, in the order they print.
COUNT_KEYS = (
    "quotes.found",
    "quotes.attribution",
    "actors",
    "positions",
    "events",
    "assessments",
)
ACCURACY_KEYS = (
    "quotes.date_accuracy",
    "actors.party_accuracy",
    "actors.kind_accuracy",
    "positions.stance_accuracy",
    "events.status_accuracy",
    "events.date_accuracy",
    "assessments.polarity_accuracy",
)


@dataclass
class ReportDetail:
    """How one report scored, with what was missed, invented or got wrong: the
    breakdown a developer reads to find what to fix."""

    name: str
    results: dict[str, PartResult]
    accuracies: dict[str, Tally]
    mismatches: list[dict[str, Any]] = field(default_factory=list)
    gold_path: str | None = None
    report_path: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "gold": self.gold_path,
            "report": self.report_path,
            "counts": {k: r.counts.to_dict() for k, r in self.results.items()},
            "accuracies": {k: t.to_dict() for k, t in self.accuracies.items()},
            "missed": {k: r.missed for k, r in self.results.items() if r.missed},
            "false_positives": {
                k: r.false_positives for k, r in self.results.items() if r.false_positives
            },
            "mismatches": self.mismatches,
        }


@dataclass
class EvalReport:
    """Scores over a set of reports, micro-averaged: counts are summed over the
    reports first, then precision, recall, F1 and accuracies computed once."""

    details: list[ReportDetail] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    #: The parts scored: a set whose gold annotates only quotes scores only quotes.
    parts: tuple[str, ...] = tuple(SCORERS)

    def _scored(self, key: str) -> bool:
        return key.split(".", 1)[0] in self.parts

    @property
    def counts(self) -> dict[str, Counts]:
        """Summed counts per scored part (every key present, even with no reports)."""
        totals = {key: Counts() for key in COUNT_KEYS if self._scored(key)}
        for detail in self.details:
            for key, result in detail.results.items():
                totals[key] = totals.get(key, Counts()) + result.counts
        return totals

    @property
    def accuracies(self) -> dict[str, Tally]:
        """Summed tallies per scored accuracy (every key present, even with no reports)."""
        totals = {key: Tally() for key in ACCURACY_KEYS if self._scored(key)}
        for detail in self.details:
            for key, tally in detail.accuracies.items():
                totals[key] = totals.get(key, Tally()) + tally
        return totals

    @property
    def calibration(self) -> dict[str, list[CalibrationBin]]:
        """Confidence bins against precision, per part with confidences."""
        return calibrate([d.results for d in self.details])

    def metrics(self) -> dict[str, float]:
        """Flat dotted scores, e.g. ``quotes.attribution.f1``: the keys floors pin.
        A score with a zero denominator is 0.0; see :meth:`to_dict` for the counts."""
        flat: dict[str, float] = {}
        for key, counts in self.counts.items():
            flat[f"{key}.precision"] = counts.precision
            flat[f"{key}.recall"] = counts.recall
            flat[f"{key}.f1"] = counts.f1
        for key, tally in self.accuracies.items():
            flat[key] = tally.accuracy
        return flat

    def to_dict(self) -> dict[str, Any]:
        """Everything, JSON-ready: scores, the counts behind them, per-report details."""
        return {
            "reports": len(self.details),
            "parts": list(self.parts),
            "metrics": self.metrics(),
            "counts": {k: c.to_dict() for k, c in self.counts.items()},
            "accuracies": {k: t.to_dict() for k, t in self.accuracies.items()},
            "calibration": {
                part: [b.to_dict() for b in bins] for part, bins in self.calibration.items()
            },
            "details": [d.to_dict() for d in self.details],
            "skipped": self.skipped,
        }
