"""Evaluating a directory of reports with gold records beside them.

A report ``X.md`` (or .txt, .html, .jsonl) has its gold in ``X.json``. The seed keeps
its gold as ``expected.json`` next to a single report, so that layout is accepted too.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from dragoman.errors import EvaluationError
from dragoman.evaluation.record import evaluate_record
from dragoman.evaluation.report import EvalReport

REPORT_SUFFIXES = (".md", ".txt", ".html", ".jsonl")
SHARED_GOLD = "expected.json"

Analyze = Callable[[Path], Mapping[str, Any]]


def load_gold(path: Path) -> dict[str, Any]:
    """A gold record read from its file; unreadable or malformed JSON is an error naming
    the file, never a silently skipped report."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"cannot read gold file: {exc}", source=str(path)) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise EvaluationError(
            f"gold file is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
            source=str(path),
        ) from exc
    if not isinstance(data, dict):
        raise EvaluationError("gold file does not hold a JSON object", source=str(path))
    return data


def _is_report(path: Path) -> bool:
    return path.is_file() and path.suffix in REPORT_SUFFIXES and path.stem.upper() != "README"


def _sibling_report(gold: Path) -> Path | None:
    for suffix in REPORT_SUFFIXES:
        candidate = gold.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


def _lone_report(directory: Path, golds: list[Path]) -> list[Path]:
    """Reports with no gold of their own: the candidates for ``expected.json``."""
    stems = {g.stem for g in golds}
    return [p for p in sorted(directory.iterdir()) if _is_report(p) and p.stem not in stems]


def find_pairs(directory: Path) -> tuple[list[tuple[Path, Path]], list[dict[str, str]]]:
    """(gold, report) pairs of a directory, and the gold files skipped with the reason."""
    if not directory.is_dir():
        raise EvaluationError("not a directory", source=str(directory))
    golds = sorted(p for p in directory.glob("*.json") if p.is_file())
    pairs: list[tuple[Path, Path]] = []
    skipped: list[dict[str, str]] = []
    for gold in golds:
        report = _sibling_report(gold)
        if report is None and gold.name == SHARED_GOLD:
            lone = _lone_report(directory, golds)
            report = lone[0] if len(lone) == 1 else None
        if report is None:
            skipped.append({"gold": str(gold), "reason": "no report file beside it"})
        else:
            pairs.append((gold, report))
    return pairs, skipped


def evaluate_dir(
    directory: Path | str,
    analyze: Analyze,
    parts: Sequence[str] | None = None,
    only: str | None = None,
) -> EvalReport:
    """Run ``analyze`` on every report that has a gold record and score the results
    (only ``parts``, where the set's gold annotates only those; only the reports whose
    name matches the glob ``only``, to score a subset).

    ``analyze`` takes a report's path and returns its record as the output contract's
    dict (what ``dragoman analyze --json`` prints). A directory with no such pair is an
    error: an empty evaluation would pass every floor of zero and hide a wrong path.
    """
    pairs, skipped = find_pairs(Path(directory))
    if only is not None:
        pairs = [(g, r) for g, r in pairs if fnmatch.fnmatch(r.stem, only)]
    if not pairs:
        raise EvaluationError("no gold record with a report beside it", source=str(directory))
    report = EvalReport(skipped=skipped)
    if parts is not None:
        report.parts = tuple(parts)
    for gold_path, report_path in pairs:
        gold = load_gold(gold_path)
        detail = evaluate_record(
            gold,
            analyze(report_path),
            report_path.stem,
            gold_source=str(gold_path),
            predicted_source=f"prediction for {report_path}",
            parts=report.parts,
        )
        detail.gold_path, detail.report_path = str(gold_path), str(report_path)
        report.details.append(detail)
    return report
