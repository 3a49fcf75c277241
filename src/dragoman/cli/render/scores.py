"""The views of ``dragoman eval``: the scores per part, and each report's quote misses."""

from __future__ import annotations

import os

from rich import box
from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from dragoman.cli.render.base import plural, short, titled_table
from dragoman.evaluate import EvalReport
from dragoman.evaluation.report import ACCURACY_KEYS, COUNT_KEYS


def scores_view(report: EvalReport, directory: os.PathLike[str] | str) -> RenderableType:
    """Precision, recall and F1 per part, then the accuracies of the coded fields."""
    metrics = report.metrics()
    counts = report.counts
    scores = titled_table(
        f"Scores on {plural(len(report.details), 'report')} in {escape(str(directory))}"
    )
    for name in ("part", "P", "R", "F1", "tp", "fp", "fn"):
        scores.add_column(name, justify="left" if name == "part" else "right")
    for key in (k for k in COUNT_KEYS if k in counts):
        c = counts[key]
        scores.add_row(
            key.replace(".", " "),
            f"{metrics[f'{key}.precision']:.3f}",
            f"{metrics[f'{key}.recall']:.3f}",
            f"{metrics[f'{key}.f1']:.3f}",
            str(c.tp),
            str(c.fp),
            str(c.fn),
        )
    accuracies = Table(box=box.SIMPLE_HEAD)
    accuracies.add_column("accuracy")
    accuracies.add_column("score", justify="right")
    accuracies.add_column("right/checked", justify="right")
    tallies = report.accuracies
    for key in (k for k in ACCURACY_KEYS if k in tallies):
        t = tallies[key]
        accuracies.add_row(key, f"{metrics[key]:.3f}", f"{t.right}/{t.total}")
    return Group(scores, accuracies, calibration_view(report))


def calibration_view(report: EvalReport) -> Table:
    """Per part with confidences: precision of the predictions in each confidence bin."""
    table = titled_table("Calibration: precision by confidence")
    table.add_column("part")
    bins_of = report.calibration
    labels = [b.label for b in next(iter(bins_of.values()), [])]
    for label in labels:
        table.add_column(label, justify="right")
    for part, bins in bins_of.items():
        table.add_row(
            part,
            *(f"{b.precision:.2f} ({b.right}/{b.total})" if b.total else "–" for b in bins),
        )
    return table


def quote_misses(report: EvalReport) -> list[Text]:
    """Per report: gold quotes not found, quotes found that the gold lacks, and found
    quotes given the wrong speaker or date."""
    lines: list[Text] = []
    for detail in report.details:
        found = detail.results.get("quotes.found")
        wrong = [m for m in detail.mismatches if m.get("part") == "quotes"]
        if found is None or not (found.missed or found.false_positives or wrong):
            continue
        lines.append(Text(f"{detail.name}:", style="bold"))
        for q in found.missed:
            lines.append(Text(f"  missed          {q.get('speaker')}: “{short(q.get('text'))}”"))
        for q in found.false_positives:
            lines.append(Text(f"  false positive  {q.get('speaker')}: “{short(q.get('text'))}”"))
        for m in wrong:
            field = m.get("field")
            gold, pred = m.get("gold", {}), m.get("predicted", {})
            lines.append(
                Text(
                    f"  wrong {field:<9} gold {gold.get(field)}, got {pred.get(field)}: "
                    f"“{short(gold.get('text'), 70)}”"
                )
            )
    return lines
