"""How the record commands grow with the store: seconds of ``positions``, ``timeline``,
``contradictions``, ``summary``, ``changes`` and ``export`` at 5,000, 50,000 and 100,000
reports, the time of one save into the largest store, and peak memory.

    .venv/bin/python bench/record_scaling.py                      # 5k, 50k, 100k
    .venv/bin/python bench/record_scaling.py --no-large           # 5k and 50k only
    .venv/bin/python bench/record_scaling.py --sizes 2000,20000 --cache /tmp/dragoman-bench
    .venv/bin/python bench/record_scaling.py --json

The stores are built with ``build()``/``make_batch()`` of ``web_latency.py`` (synthetic
reports written straight into the tables) and kept in ``--cache`` (default: a temporary
folder) so that a rerun only times. Each command runs as the command line runs it:
through :mod:`dragoman.api`, its output consumed (JSON for the listings, Markdown for
``changes``, JSON Lines to ``/dev/null`` for ``export``). Times are CPU seconds of this
process (``time.process_time``: SQLite runs in-process), which a loaded machine disturbs
less than the wall clock; the wall clock is printed beside. The ratio of the larger size
to the smaller should stay near the ratio of the sizes (target: at most 12 from 5,000 to
50,000). Saves are timed on a copy of the largest store: the median of ``--saves`` saves
of new, real-looking records (target under 20 ms).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from web_latency import PARTIES, PEOPLE, PLACES, build

from dragoman import api
from dragoman.cli.record import CONTRADICTIONS_SHOWN
from dragoman.models import Actor, Article, ArticleRecord, Assessment, Event, Position, Quote
from dragoman.record import changes_markdown
from dragoman.store import Store

SAVE_TARGET_MS = 20.0
LARGE_TARGET_S = 30.0
RATIO_TARGET = 12.0


def _listing(found: list[Any]) -> int:
    """What ``--json`` prints of a listing, as the length of its text."""
    return len(json.dumps([item.to_dict() for item in found], ensure_ascii=False))


def commands(store: Store) -> dict[str, Callable[[], int]]:
    """Each record command as the CLI runs it, returning the size of its output."""

    def export() -> int:
        with open(os.devnull, "w", encoding="utf-8") as sink:
            return api.export(store, "jsonl", sink).rows["articles"]

    return {
        "summary": lambda: len(json.dumps(api.summary(store), default=str)),
        "positions": lambda: _listing(api.positions(store)),
        "timeline": lambda: _listing(api.timeline(store)),
        # As `dragoman contradictions` runs by default: the earliest page (and one more,
        # to know whether more follow); then the whole list (`--limit 0`).
        "contradictions": lambda: _listing(
            api.contradictions(store, limit=CONTRADICTIONS_SHOWN + 1)
        ),
        "contradictions (all)": lambda: _listing(api.contradictions(store)),
        "changes": lambda: len(changes_markdown(api.changes(store))),
        "export": export,
    }


def peak_mib() -> float:
    """The peak resident memory of this process so far (``ru_maxrss``), in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def timed(run: Callable[[], int]) -> dict[str, float]:
    began_cpu, began = time.process_time(), time.perf_counter()
    size = run()
    return {
        "cpu": time.process_time() - began_cpu,
        "wall": time.perf_counter() - began,
        "output": float(size),
        "peak_mib": peak_mib(),
    }


def new_record(rng: random.Random, n: int) -> ArticleRecord:
    """A report like the ones the pipeline stores: a meeting, a quote, two stances and a
    judgement of the talks."""
    day = dt.date(2026, 5, 1) + dt.timedelta(days=n % 30)
    side, other = rng.sample(PARTIES[:2], 2)
    speaker = rng.choice(PEOPLE[side])
    place = rng.choice(PLACES)
    said = f"We will not sign anything that leaves {place} out of the agreement, round {n}"
    body = (
        f"The delegations of {side} and {other} met again in {place} on {day:%A}, "
        f'the {n}th meeting this year. "{said}," {speaker} told reporters after the session. '
        f"{other} said it was ready to discuss a ceasefire but rejected the new draft."
    )
    start = body.index(said)
    article = Article(
        body=body,
        source=f"bench/save-{n}.txt",
        outlet="Bench Wire",
        published=day,
        title=f"Talks resume in {place} ({n})",
    )
    return ArticleRecord(
        article=article,
        actors=[
            Actor(name=speaker, kind="person", party=side, role="negotiator"),
            Actor(name=side, kind="party"),
            Actor(name=other, kind="party"),
        ],
        quotes=[
            Quote(
                text=said,
                kind="direct",
                speaker=speaker,
                cue="told",
                date=day,
                start=start,
                end=start + len(said),
            )
        ],
        events=[
            Event(
                type="talks",
                status="occurred",
                date=day,
                place=place,
                participants=[side, other],
                start=0,
                end=60,
            )
        ],
        positions=[
            Position(
                party=other,
                issue="ceasefire",
                stance="accept",
                reported_by=other,
                date=day,
                summary="ready to discuss a ceasefire",
                start=0,
                end=40,
            ),
            Position(
                party=other,
                issue="agreement",
                stance="reject",
                reported_by=other,
                date=None,
                summary="rejected the new draft",
                start=40,
                end=80,
            ),
        ],
        assessments=[
            Assessment(
                actor=speaker,
                polarity="negative",
                date=day,
                summary=said,
                start=start,
                end=start + len(said),
            )
        ],
    )


def time_saves(db: Path, count: int) -> dict[str, float]:
    """The median and worst milliseconds of ``count`` saves into a copy of ``db``."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "save.db"
        shutil.copyfile(db, copy)
        rng = random.Random(11)
        records = [new_record(rng, n) for n in range(count + 3)]
        with Store.open(copy) as store:
            for record in records[:3]:  # warm-up: caches, the first statement plans
                store.save(record)
            cpu, wall = [], []
            for record in records[3:]:
                began_cpu, began = time.process_time(), time.perf_counter()
                assert store.save(record)
                cpu.append((time.process_time() - began_cpu) * 1000)
                wall.append((time.perf_counter() - began) * 1000)
    return {
        "median_cpu_ms": statistics.median(cpu),
        "median_wall_ms": statistics.median(wall),
        "max_wall_ms": max(wall),
    }


def run(sizes: list[int], cache: Path, saves: int) -> dict[str, Any]:
    results: dict[str, Any] = {"sizes": sizes, "commands": {}, "peak_mib": {}}
    for size in sizes:
        db = cache / f"records-{size}.db"
        with contextlib.redirect_stdout(sys.stderr):  # build() says what it does on stdout
            store = build(db, size)
        try:
            for name, command in commands(store).items():
                results["commands"].setdefault(name, {})[str(size)] = timed(command)
                took = results["commands"][name][str(size)]
                print(
                    f"  {size:>7,} {name:<21} {took['cpu']:8.2f} s cpu {took['wall']:8.2f} s",
                    file=sys.stderr,
                )
        finally:
            store.close()
        results["peak_mib"][str(size)] = peak_mib()
    largest = cache / f"records-{max(sizes)}.db"
    results["save"] = {"reports": max(sizes), **time_saves(largest, saves)}
    return results


def report(results: dict[str, Any]) -> None:
    sizes = results["sizes"]
    header = "".join(f"{s:>11,}" for s in sizes)
    print("\nCPU seconds per command at each size; the ratio of the second size to the first;")
    print(f"wall seconds at the largest size\n{'command':<22}{header}{'ratio':>8}{'wall':>9}")
    over = []
    for name, by_size in results["commands"].items():
        cells = "".join(f"{by_size[str(s)]['cpu']:>11.2f}" for s in sizes)
        ratio = _ratio(by_size, sizes)
        if ratio > RATIO_TARGET:
            over.append(name)
        wall = by_size[str(sizes[-1])]["wall"]
        print(f"{name:<22}{cells}{ratio:>8.1f}{wall:>9.2f}")
    first, second = sizes[0], sizes[min(1, len(sizes) - 1)]
    verdict = "met" if not over else "NOT met by " + ", ".join(over)
    print(f"ratio {second:,} / {first:,} reports, target <= {RATIO_TARGET:.0f}: {verdict}")
    largest = str(sizes[-1])
    for name in ("timeline", "contradictions"):
        took = results["commands"][name][largest]
        verdict = "met" if took["cpu"] < LARGE_TARGET_S else "NOT met"
        print(
            f"{name} at {sizes[-1]:,}: {took['cpu']:.1f} s cpu ({took['wall']:.1f} s wall); "
            f"target < {LARGE_TARGET_S:.0f} s: {verdict}"
        )
    save = results["save"]
    verdict = "met" if save["median_wall_ms"] < SAVE_TARGET_MS else "NOT met"
    print(
        f"save into {save['reports']:,} reports: median {save['median_wall_ms']:.1f} ms wall "
        f"({save['median_cpu_ms']:.1f} ms cpu), worst {save['max_wall_ms']:.1f} ms; "
        f"target < {SAVE_TARGET_MS:.0f} ms: {verdict}"
    )
    peaks = ", ".join(f"{int(s):,}: {m:.0f}" for s, m in results["peak_mib"].items())
    print(f"peak memory of the process (MiB, after each size): {peaks}")


def _ratio(by_size: dict[str, dict[str, float]], sizes: list[int]) -> float:
    if len(sizes) < 2:
        return 1.0
    small, large = by_size[str(sizes[0])]["cpu"], by_size[str(sizes[1])]["cpu"]
    return large / max(small, 1e-3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="5000,50000",
        help="comma-separated numbers of reports (default 5000,50000)",
    )
    parser.add_argument(
        "--large",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also 100,000 reports (default on)",
    )
    parser.add_argument("--cache", type=Path, help="folder of the built stores, kept")
    parser.add_argument("--saves", type=int, default=20, help="saves timed (default 20)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    if args.large and 100_000 not in sizes:
        sizes.append(100_000)
    with tempfile.TemporaryDirectory() as tmp:
        cache = args.cache or Path(tmp)
        cache.mkdir(parents=True, exist_ok=True)
        results = run(sizes, cache, args.saves)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        report(results)


if __name__ == "__main__":
    main()
