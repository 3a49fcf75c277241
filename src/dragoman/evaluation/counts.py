"""Counts and the scores computed from them.

Scores are micro-averaged: counts are summed over every report first and the scores
computed once, so a report with forty quotes weighs more than one with two. A score
whose denominator is zero is 0.0 (never None, so that floors compare plainly); the
counts are reported beside it so a 0.0 from "nothing to score" can be told apart.
"""

from __future__ import annotations

from dataclasses import dataclass


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


@dataclass
class Counts:
    """True positives, false positives and false negatives of one part."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Tally:
    """Right answers out of the matched items that could be checked (an accuracy)."""

    right: int = 0
    total: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.right + other.right, self.total + other.total)

    def add(self, correct: bool) -> None:
        self.right += int(correct)
        self.total += 1

    @property
    def accuracy(self) -> float:
        return _ratio(self.right, self.total)

    def to_dict(self) -> dict[str, int]:
        return {"right": self.right, "total": self.total}
