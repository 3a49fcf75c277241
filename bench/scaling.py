"""How each pipeline component's time grows with the length of one report.

Builds reports of 10, 20, 40, 80, 160 and 320 KB (by default) from the paragraphs of
the example reports, or from a hostile pattern (``--pattern "he said "``), runs the
pipeline on each one component at a time, and prints the CPU seconds per component and
the exponent of its growth (the slope of log time against log size, fitted over the
sizes: 1.0 is linear, 2.0 quadratic). A measurement, not a test: see bench/README.md.

    .venv/bin/python bench/scaling.py [--sizes 10,20,40,80,160,320] [--pattern TEXT]
                                      [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path
from typing import Any

from spacy.language import Language

from dragoman.ingest import read_paths
from dragoman.nlp.pipeline import load_pipeline

ROOT = Path(__file__).resolve().parent.parent


def paragraphs(folder: Path) -> list[str]:
    """The paragraphs of every readable report in ``folder``."""
    found: list[str] = []
    for _, loaded in read_paths([folder]):
        for article in loaded.articles:
            found.extend(p for p in article.body.split("\n\n") if p.strip())
    if not found:
        sys.exit(f"no report text under {folder}")
    return found


def text_of(size: int, source: list[str] | str) -> str:
    """About ``size`` characters: paragraphs taken in turn, or a pattern repeated."""
    if isinstance(source, str):
        return (source * (size // len(source) + 1))[:size]
    parts: list[str] = []
    length, index = 0, 0
    while length < size:
        paragraph = source[index % len(source)]
        parts.append(paragraph)
        length += len(paragraph) + 2
        index += 1
    return "\n\n".join(parts)


def time_components(nlp: Language, text: str) -> dict[str, float]:
    """CPU seconds spent in the tokenizer and in each component, on one text (CPU time
    of this process, so that other jobs on the machine do not inflate the figures)."""
    timings: dict[str, float] = {}
    start = time.process_time()
    doc = nlp.make_doc(text)
    timings["tokenizer"] = time.process_time() - start
    for name, component in nlp.pipeline:
        start = time.process_time()
        doc = component(doc)
        timings[name] = time.process_time() - start
    return timings


def exponent(sizes: list[int], times: list[float]) -> float | None:
    """The least-squares slope of log(time) on log(size); None when times are too
    small to measure (under a millisecond at the largest size)."""
    if times[-1] < 1e-3:
        return None
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-6)) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var


def measure(sizes_kb: list[int], source: list[str] | str, repeat: int) -> dict[str, Any]:
    nlp = load_pipeline()
    nlp.max_length = max(nlp.max_length, max(sizes_kb) * 1024 + 1)
    rows: dict[int, dict[str, float]] = {}
    for kb in sizes_kb:
        text = text_of(kb * 1024, source)
        runs = [time_components(nlp, text) for _ in range(repeat)]
        rows[kb] = {name: min(run[name] for run in runs) for name in runs[0]}
    names = list(rows[sizes_kb[0]])
    sizes = [kb * 1024 for kb in sizes_kb]
    return {
        "sizes_kb": sizes_kb,
        "seconds": {name: [rows[kb][name] for kb in sizes_kb] for name in names},
        "exponent": {name: exponent(sizes, [rows[kb][name] for kb in sizes_kb]) for name in names},
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,20,40,80,160,320", help="sizes in KB")
    parser.add_argument("--pattern", help="repeat this text instead of real paragraphs")
    parser.add_argument("--source", type=Path, default=ROOT / "examples")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs per size")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    source: list[str] | str = args.pattern if args.pattern else paragraphs(args.source)
    result = measure(sizes, source, args.repeat)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    header = f"{'component':<22}" + "".join(f"{kb:>8} KB" for kb in sizes) + "  exponent"
    print(header)
    for name, times in result["seconds"].items():
        slope = result["exponent"][name]
        shown = "-" if slope is None else f"{slope:.2f}"
        print(f"{name:<22}" + "".join(f"{t:>10.3f}s"[:11] for t in times) + f"  {shown:>8}")


if __name__ == "__main__":
    main()
