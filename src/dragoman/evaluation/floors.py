"""Pinned minimum scores: the evaluation fails when a change makes a score drop.

The floors live in ``dragoman/eval_floors.json``. They may only be raised; lowering one
needs a reviewed commit that says why. Keys are dotted names from
:meth:`EvalReport.metrics`; keys starting with ``_`` are comments.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from dragoman.errors import EvaluationError
from dragoman.evaluation.report import EvalReport

DEFAULT_FLOORS = Path(__file__).resolve().parent.parent / "eval_floors.json"


def _floor_value(key: str, value: object, source: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise EvaluationError(
            f"floor {key!r} must be a number from 0 to 1, not {value!r}", source=source
        )
    return float(value)


def load_floors(path: Path | str | None = None) -> dict[str, float]:
    """The floors as ``{metric: minimum}``, comments left out; a missing or malformed
    file is an error, since checking against no floors would pass anything."""
    path = Path(path) if path is not None else DEFAULT_FLOORS
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise EvaluationError(f"cannot read floors file: {exc}", source=str(path)) from exc
    except json.JSONDecodeError as exc:
        raise EvaluationError(
            f"floors file is not valid JSON: {exc.msg}", source=str(path)
        ) from exc
    if not isinstance(data, dict):
        raise EvaluationError("floors file does not hold a JSON object", source=str(path))
    return {k: _floor_value(k, v, str(path)) for k, v in data.items() if not k.startswith("_")}


def check_floors(
    report: EvalReport | Mapping[str, float], floors: Mapping[str, float]
) -> list[str]:
    """One readable line per floor not met; empty when all are. A metric the report
    does not have fails, so a renamed metric cannot silently stop being checked."""
    metrics = report.metrics() if isinstance(report, EvalReport) else report
    failures = []
    for key, floor in floors.items():
        if key.startswith("_"):
            continue
        score = metrics.get(key)
        if score is None:
            failures.append(f"{key}: missing from the report (floor {floor:.3f})")
        elif score < floor - 1e-9:
            failures.append(f"{key}: {score:.3f} is below the floor {floor:.3f}")
    return failures
