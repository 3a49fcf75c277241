"""Pinned minimum scores, per evaluation set: the evaluation fails when a change makes a
score drop.

The floors live in ``dragoman/eval_floors.json``, one entry per set under ``sets``
(``devset``, ``polnear/dev``): a set is recognised by the last parts of its folder's path,
the longest name that fits winning. A set may say which ``parts`` its gold annotates
(PolNeAR's gold has quotes only), so the others are not scored as all-invented. Floors
may only be raised; lowering one needs a reviewed commit that says why. Keys are dotted
names from :meth:`EvalReport.metrics`; keys starting with ``_`` are comments. A file
without ``sets`` (``--floors my.json``) is one flat set that applies to any folder.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dragoman.errors import EvaluationError
from dragoman.evaluation.parts import SCORERS
from dragoman.evaluation.report import EvalReport

DEFAULT_FLOORS = Path(__file__).resolve().parent.parent / "eval_floors.json"
ALL_PARTS: tuple[str, ...] = tuple(SCORERS)


@dataclass(frozen=True)
class EvalSet:
    """What is pinned for one set of gold records: its name (None for a folder no set
    names), the parts its gold annotates, and the floors."""

    name: str | None
    parts: tuple[str, ...]
    floors: dict[str, float]


def _floor_value(key: str, value: object, source: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise EvaluationError(
            f"floor {key!r} must be a number from 0 to 1, not {value!r}", source=source
        )
    return float(value)


def _read(path: Path) -> dict[str, Any]:
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
    return data


def _floors(data: Mapping[str, Any], source: str) -> dict[str, float]:
    return {k: _floor_value(k, v, source) for k, v in data.items() if not k.startswith("_")}


def _parts(value: object, source: str) -> tuple[str, ...]:
    if value is None:
        return ALL_PARTS
    if not isinstance(value, list) or not value or any(p not in SCORERS for p in value):
        raise EvaluationError(
            f"'parts' must be a list of {', '.join(SCORERS)}, not {value!r}", source=source
        )
    return tuple(p for p in ALL_PARTS if p in value)


def _set_names(path: Path, data: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    sets = data["sets"]
    if not isinstance(sets, dict) or not all(isinstance(v, dict) for v in sets.values()):
        raise EvaluationError("'sets' must map set names to objects", source=str(path))
    return sets


def _which_set(directory: Path, names: list[str]) -> str | None:
    parts = directory.resolve().parts
    fitting = [n for n in names if tuple(parts[-len(n.split("/")) :]) == tuple(n.split("/"))]
    return max(fitting, key=lambda n: len(n.split("/")), default=None)


def load_eval_set(
    path: Path | str | None = None, directory: Path | str | None = None
) -> EvalSet:
    """The set pinned for ``directory`` in the floors file (the shipped one by default).

    A folder that no set names gets no floors and every part; a missing or malformed
    file is an error, since checking against no floors would pass anything.
    """
    path = Path(path) if path is not None else DEFAULT_FLOORS
    data = _read(path)
    if "sets" not in data:
        return EvalSet(None, ALL_PARTS, _floors(data, str(path)))
    sets = _set_names(path, data)
    name = _which_set(Path(directory), list(sets)) if directory is not None else None
    if name is None:
        return EvalSet(None, ALL_PARTS, {})
    entry = sets[name]
    floors = entry.get("floors", {})
    if not isinstance(floors, dict):
        raise EvaluationError(f"set {name!r}: 'floors' must be an object", source=str(path))
    return EvalSet(name, _parts(entry.get("parts"), str(path)), _floors(floors, str(path)))


def pinned_sets(path: Path | str | None = None) -> dict[str, EvalSet]:
    """Every set of a floors file, by name (a flat file is one set named "")."""
    path = Path(path) if path is not None else DEFAULT_FLOORS
    data = _read(path)
    if "sets" not in data:
        return {"": EvalSet(None, ALL_PARTS, _floors(data, str(path)))}
    return {
        name: load_eval_set(path, Path("/", *name.split("/")))
        for name in _set_names(path, data)
    }


def load_floors(
    path: Path | str | None = None, directory: Path | str | None = None
) -> dict[str, float]:
    """The floors as ``{metric: minimum}`` for ``directory`` (see :func:`load_eval_set`);
    with no directory, the floors of the shipped file's first set."""
    if directory is None:
        sets = pinned_sets(path)
        return next(iter(sets.values())).floors if sets else {}
    return load_eval_set(path, directory).floors


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
