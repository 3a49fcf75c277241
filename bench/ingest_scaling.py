"""Reports per second of `ingest` with 1 and with N workers, and of a second run.

Builds N varied reports from the paragraphs of examples/ (each a different selection
and order of paragraphs, so each has its own hash), ingests them into a fresh SQLite
store with one worker, then into another with ``--workers`` workers, then ingests the
same folder again (every report already stored). Prints reports per second for each
run and the speed-up. A measurement, not a test: see bench/README.md.

    .venv/bin/python bench/ingest_scaling.py [-n 1000] [--workers 2] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from dragoman import api
from dragoman.ingest import read_paths
from dragoman.store import Store

ROOT = Path(__file__).resolve().parent.parent


def write_reports(folder: Path, count: int, seed: int = 3) -> None:
    """``count`` plain-text reports of 3 to 8 example paragraphs each."""
    paragraphs = [
        p
        for _, loaded in read_paths([ROOT / "examples"])
        for a in loaded.articles
        for p in a.body.split("\n\n")
        if len(p) > 80
    ]
    rng = random.Random(seed)
    for number in range(count):
        chosen = rng.sample(paragraphs, rng.randint(3, min(8, len(paragraphs))))
        body = "\n\n".join(chosen) + f"\n\nReference {number}."
        (folder / f"report-{number:05d}.txt").write_text(body, encoding="utf-8")


def timed_ingest(folder: Path, db: Path, workers: int) -> dict[str, Any]:
    start = time.perf_counter()
    with Store.open(db) as store:
        result = api.ingest_paths([folder], store, workers=workers)
    seconds = time.perf_counter() - start
    return {
        "workers": workers,
        "seconds": round(seconds, 2),
        "added": result.added,
        "present": result.present,
        "failed": len(result.failed),
        "reports_per_second": round(result.files / seconds, 2),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="reports to build")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    api.default_analyzer()  # loaded once, before timing; forked workers share it
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "reports")
        folder.mkdir()
        write_reports(folder, args.n)
        one = timed_ingest(folder, Path(tmp, "one.db"), 1)
        many = timed_ingest(folder, Path(tmp, "many.db"), args.workers)
        again = timed_ingest(folder, Path(tmp, "many.db"), args.workers)
    result = {
        "reports": args.n,
        "runs": [one, many, again],
        "speed_up": round(many["reports_per_second"] / one["reports_per_second"], 2),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    labels = ("1 worker", f"{args.workers} workers", "again")
    for label, run in zip(labels, result["runs"], strict=True):
        print(
            f"{label:<12} {run['seconds']:>8.1f} s  {run['reports_per_second']:>7.1f} reports/s"
            f"  added {run['added']}, present {run['present']}, failed {run['failed']}"
        )
    print(f"speed-up with {args.workers} workers: {result['speed_up']}x")


if __name__ == "__main__":
    main()
