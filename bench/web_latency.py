"""Latency of the web app on a large store: p50 and p95 of the overview, the matrix and
a search, over a database of synthetic reports.

    .venv/bin/python bench/web_latency.py                  # 100,000 reports
    .venv/bin/python bench/web_latency.py --reports 20000 --requests 50
    .venv/bin/python bench/web_latency.py --db /tmp/big.db  # keep (and reuse) the database

The reports are made up from templates (parties, negotiators, issues, stances, places)
and written straight into the tables through SQLAlchemy Core in batches, not through
the NLP pipeline; the FTS5 tables fill through their triggers, and the summaries the
pages read are rebuilt once at the end (Store.rebuild_summaries). Requests go to the
app in-process (httpx over ASGI), one at a time, after a warm-up; the target is a p95
under 50 ms on SQLite.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from dragoman.store import Store
from dragoman.store.schema import actors, articles, assessments, events, positions, quotes
from dragoman.web import create_app

PARTIES = ["Russia", "Ukraine", "Turkey", "United States", "European Union", "Belarus"]
PEOPLE = {
    "Russia": ["Vladimir Medinsky", "Dmitry Peskov", "Sergei Lavrov", "Vladimir Putin"],
    "Ukraine": ["Mykhailo Podolyak", "David Arakhamia", "Volodymyr Zelensky", "Dmytro Kuleba"],
    "Turkey": ["Mevlut Cavusoglu", "Recep Tayyip Erdogan"],
    "United States": ["Antony Blinken", "Jake Sullivan"],
    "European Union": ["Josep Borrell"],
    "Belarus": ["Alexander Lukashenko"],
}
ISSUES = [
    "ceasefire", "neutrality", "security_guarantees", "territory", "alliance_membership",
    "humanitarian", "prisoners", "sanctions", "agreement", "leaders_meeting",
    "armed_forces_limits", "nuclear_status", "troop_withdrawal", "foreign_troops",
]  # fmt: skip
STANCES = ["propose", "demand", "accept", "reject", "concede"]
PLACES = ["Istanbul", "Gomel", "Antalya", "Geneva", "Abu Dhabi", "Riyadh", "Minsk"]
EVENT_TYPES = ["talks", "call", "summit", "press_conference", "prisoner_exchange"]
WORDS = [
    "delegation",
    "proposal",
    "draft",
    "memorandum",
    "corridor",
    "guarantees",
    "neutral",
    "status",
    "talks",
    "round",
    "progress",
    "breakthrough",
    "demands",
    "sanctions",
    "ceasefire",
    "withdrawal",
    "treaty",
    "referendum",
    "frontline",
    "negotiators",
    "document",
    "agreement",
    "positions",
    "constructive",
    "difficult",
    "compromise",
]
BATCH = 5_000
START = dt.date(2022, 2, 28)


def make_batch(rng: random.Random, first: int, count: int) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in
        ("articles", "actors", "quotes", "events", "positions", "assessments")}  # fmt: skip
    now = dt.datetime(2026, 1, 1)
    for n in range(first, first + count):
        article_id = hashlib.sha256(f"report {n}".encode()).hexdigest()[:16]
        day = START + dt.timedelta(days=rng.randrange(1500))
        side = rng.choice(PARTIES[:2])
        other = PARTIES[1] if side == PARTIES[0] else PARTIES[0]
        speaker = rng.choice(PEOPLE[side])
        third = rng.choice(PARTIES[2:])
        place = rng.choice(PLACES)
        issue = rng.choice(ISSUES)
        said = " ".join(rng.choice(WORDS) for _ in range(14))
        quote_text = f"We are ready to discuss {issue.replace('_', ' ')} but {said}"
        body = (
            f"{speaker} said on {day:%A} that the delegations of {side} and {other} met in "
            f'{place}. "{quote_text}," {speaker.split()[-1]} told reporters. '
            f"{other} demanded {rng.choice(WORDS)} and {rng.choice(WORDS)} on "
            f"{issue.replace('_', ' ')}, while {third} offered to host the next round. "
            + " ".join(rng.choice(WORDS) for _ in range(40))
            + "."
        )
        q_start = body.index(quote_text)
        rows["articles"].append({
            "id": article_id, "source": f"synthetic/{n}.txt", "url": None,
            "outlet": "Synthetic Wire", "published": day, "title": f"Talks in {place}, report {n}",
            "caption": None, "credit": None, "language": "en", "body": body, "ingested_at": now,
        })  # fmt: skip
        for name, kind, party in (
            (speaker, "person", side), (side, "party", None), (other, "party", None),
            (third, "party", None),
        ):  # fmt: skip
            rows["actors"].append({
                "article_id": article_id, "name": name, "kind": kind, "role": "negotiator"
                if kind == "person" else None, "party": party, "aliases": [],
                "mentions": [[0, 5]], "confidence": 0.9,
            })  # fmt: skip
        for k in range(3):
            rows["quotes"].append({
                "article_id": article_id, "speaker": speaker if k else rng.choice(PEOPLE[other]),
                "text": quote_text if k == 0 else " ".join(rng.choice(WORDS) for _ in range(12)),
                "kind": rng.choice(["direct", "indirect", "mixed"]), "cue": "said",
                "date": day if k else None, "start_offset": q_start,
                "end_offset": q_start + len(quote_text), "anonymous": False,
                "speaker_text": speaker.split()[-1], "confidence": 0.7,
            })  # fmt: skip
        rows["events"].append({
            "article_id": article_id, "type": rng.choice(EVENT_TYPES),
            "status": "occurred", "date": day - dt.timedelta(days=rng.randrange(2)),
            "place": place, "participants": [side, other], "start_offset": 0,
            "end_offset": 60, "confidence": 0.6,
        })  # fmt: skip
        for party, stance_issue in ((side, issue), (other, rng.choice(ISSUES))):
            rows["positions"].append({
                "article_id": article_id, "party": party, "issue": stance_issue,
                "subject": rng.choice(["Crimea", "Donbas"])
                if stance_issue == "territory"
                else None,
                "stance": rng.choice(STANCES), "summary": "synthetic", "reported_by": speaker,
                "date": day if rng.random() < 0.7 else None, "start_offset": 0,
                "end_offset": 40, "confidence": 0.6,
            })  # fmt: skip
        rows["assessments"].append({
            "article_id": article_id, "actor": speaker,
            "polarity": rng.choice(["positive", "negative", "mixed"]), "date": day,
            "summary": "synthetic", "start_offset": q_start,
            "end_offset": q_start + len(quote_text), "confidence": 0.6,
        })  # fmt: skip
    return rows


def build(db: Path, reports: int, seed: int = 7) -> Store:
    store = Store.open(db)
    with store.engine.connect() as connection:
        have = connection.execute(select(func.count()).select_from(articles)).scalar_one()
    if have >= reports:
        print(f"reusing {db} ({have:,} reports)")
        return store
    rng = random.Random(seed)
    began = time.perf_counter()
    tables = {"articles": articles, "actors": actors, "quotes": quotes, "events": events,
              "positions": positions, "assessments": assessments}  # fmt: skip
    for first in range(have, reports, BATCH):
        rows = make_batch(rng, first, min(BATCH, reports - first))
        with store.engine.begin() as connection:
            for name, table in tables.items():
                connection.execute(table.insert(), rows[name])
        print(f"\r  {min(first + BATCH, reports):,} reports", end="", file=sys.stderr)
    print(file=sys.stderr)
    store.rebuild_summaries()
    with store.engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")
    print(f"built {reports:,} reports in {time.perf_counter() - began:.0f} s")
    return store


async def measure(app: Any, paths: dict[str, str], requests: int) -> dict[str, list[float]]:
    transport = httpx.ASGITransport(app=app)
    timings: dict[str, list[float]] = {name: [] for name in paths}
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for name, path in paths.items():
            for _ in range(5):  # warm-up
                (await client.get(path)).raise_for_status()
            for _ in range(requests):
                began = time.perf_counter()
                response = await client.get(path)
                timings[name].append((time.perf_counter() - began) * 1000)
                response.raise_for_status()
    return timings


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--db", type=Path, help="database file to build or reuse")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        store = build(db, args.reports)
        app = create_app(store)
        paths = {
            "overview": "/api/overview",
            "overview (HTML)": "/",
            "matrix": "/api/matrix",
            "search": "/api/search?q=neutral+status",
            "search+filters": "/api/search?q=ceasefire&party=Ukraine&since=2023-01-01",
        }
        timings = asyncio.run(measure(app, paths, args.requests))
        store.close()
    print(f"\n{args.reports:,} reports, {args.requests} requests each (ms)")
    print(f"{'page':<18}{'p50':>8}{'p95':>8}{'max':>8}")
    worst = 0.0
    for name, values in timings.items():
        p95 = percentile(values, 95)
        worst = max(worst, p95)
        print(f"{name:<18}{statistics.median(values):>8.1f}{p95:>8.1f}{max(values):>8.1f}")
    print(f"target p95 < 50 ms: {'met' if worst < 50 else 'NOT met'}")


if __name__ == "__main__":
    main()
