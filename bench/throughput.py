"""Throughput of dragoman's pipeline beside the bare spaCy model it is built on.

Reads the reports (by default examples/ and ../shared/devset when it exists), repeats
their texts up to N, and times (a) ``nlp.pipe`` of the base model alone and (b) the full
dragoman pipeline (``Analyzer.analyze_many``). Prints reports per second for both, their
ratio, and the process's peak memory. A measurement, not a test: see bench/README.md.

    .venv/bin/python bench/throughput.py [PATH ...] [-n 200] [--batch-size 16] [--json]
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import resource
import sys
import time
from collections.abc import Iterable
from itertools import cycle, islice
from pathlib import Path
from typing import Any

from dragoman.ingest import read_paths
from dragoman.models import Article
from dragoman.nlp.pipeline import Analyzer, load_base_model

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = (ROOT / "examples", ROOT.parent / "shared" / "devset")


def peak_mib() -> float:
    """Peak resident memory of this process so far, in MiB (ru_maxrss is KiB on
    Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def load_articles(paths: Iterable[Path]) -> list[Article]:
    """Every readable report under ``paths``; bad files are reported and left out."""
    articles: list[Article] = []
    for _, loaded in read_paths(paths):
        articles.extend(loaded.articles)
        for error in loaded.errors:
            print(f"skipped: {error}", file=sys.stderr)
    return articles


def seconds(items: Iterable[object], expected: int) -> float:
    """How long it takes to exhaust ``items`` (checked to hold ``expected`` items)."""
    start = time.perf_counter()
    count = sum(1 for _ in items)
    elapsed = time.perf_counter() - start
    assert count == expected, f"{count} items, not {expected}"
    return elapsed


def measure(articles: list[Article], batch_size: int) -> dict[str, Any]:
    texts = [a.body for a in articles]

    base = load_base_model()
    meta = base.meta
    model = f"{meta.get('lang', '?')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
    list(base.pipe(texts[:2]))  # warm-up: first calls allocate
    bare_s = seconds(base.pipe(texts, batch_size=batch_size), len(texts))
    peak_bare = peak_mib()
    del base
    gc.collect()

    analyzer = Analyzer()
    list(analyzer.analyze_many(articles[:2]))
    full_s = seconds(analyzer.analyze_many(articles, batch_size=batch_size), len(articles))
    peak_full = peak_mib()

    n = len(texts)
    bare_rate, full_rate = n / bare_s, n / full_s
    return {
        "texts": n,
        "characters": sum(len(t) for t in texts),
        "batch_size": batch_size,
        "model": model,
        "components": list(analyzer.nlp.pipe_names),
        "bare": {"seconds": round(bare_s, 3), "reports_per_second": round(bare_rate, 1)},
        "dragoman": {"seconds": round(full_s, 3), "reports_per_second": round(full_rate, 1)},
        "ratio": round(full_rate / bare_rate, 3),
        "peak_mib": {"after_bare": round(peak_bare, 1), "after_dragoman": round(peak_full, 1)},
        "python": platform.python_version(),
        "machine": platform.machine(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="report files or folders")
    parser.add_argument("-n", "--texts", type=int, default=200, help="texts to process")
    parser.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch size")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)

    sources = args.paths or [p for p in DEFAULT_SOURCES if p.is_dir()]
    reports = load_articles(sources)
    if not reports:
        print("no reports found in: " + ", ".join(map(str, sources)), file=sys.stderr)
        return 1
    articles = list(islice(cycle(reports), max(args.texts, 1)))
    result = measure(articles, args.batch_size)
    result["reports"] = len(reports)
    result["sources"] = [str(s) for s in sources]

    if args.json:
        print(json.dumps(result))
        return 0
    bare, full = result["bare"], result["dragoman"]
    print(
        f"{result['texts']} texts ({result['reports']} distinct reports, "
        f"{result['characters']:,} characters) from {', '.join(result['sources'])}"
    )
    print(f"model {result['model']}, batch size {result['batch_size']}")
    print(
        f"  bare nlp.pipe          {bare['reports_per_second']:8.1f} reports/s"
        f"  ({bare['seconds']:.2f} s)"
    )
    print(
        f"  dragoman analyze_many  {full['reports_per_second']:8.1f} reports/s"
        f"  ({full['seconds']:.2f} s)"
    )
    print(f"  ratio dragoman/bare    {result['ratio']:8.3f}")
    print(
        f"  peak memory            {result['peak_mib']['after_dragoman']:8.1f} MiB"
        f"  (after the bare run: {result['peak_mib']['after_bare']:.1f} MiB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
