"""Several processes writing to one SQLite file at once: every record arrives.

Each test runs real processes (the same interpreter, ``python -c``) against one
database file; nothing is simulated. Before, a save (which reads, then writes) could
lose to another process's write with "database is locked", and two processes creating
a new database could both try to create its tables.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from dragoman.store import Store
from dragoman.store.schema import articles, corrections, quotes

# argv: database, tag, how many records, the file whose appearance starts the writing.
WRITER = """
import sys, time, pathlib
from dragoman.models import Article, ArticleRecord, Position, Quote
from dragoman.store import Store

db, tag, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), pathlib.Path(sys.argv[4])
while not go.exists():
    time.sleep(0.002)
with Store.open(db) as store:
    for i in range(count):
        words = "the talks in Istanbul were hard"
        body = f"Report {tag}-{i}: Peskov said {words}. Ukraine asked for guarantees."
        start = body.index(words)
        record = ArticleRecord(
            article=Article(body=body, source=f"{tag}/{i}.txt"),
            quotes=[Quote(text=words, kind="indirect", speaker="Dmitry Peskov",
                          start=start, end=start + len(words))],
            positions=[Position(party="Ukraine", issue="security_guarantees",
                                stance="demand", start=start, end=len(body))],
        )
        assert store.save(record) is True, record.article.id
        if i % 5 == 0:  # reviews read, then write, too
            reviewed = store.load_reviewed(record.article.id)
            quote_id = reviewed.items["quotes"][0].id
            store.review("quotes", quote_id, "accept", f"analyst {tag}")
print("done", tag)
"""


def run_writers(
    db: Path, go: Path, tags: list[str], count: int
) -> list[subprocess.CompletedProcess[str]]:
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), tag, str(count), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in tags
    ]
    time.sleep(1.0)  # every interpreter is up and waiting, so that they start together
    go.touch()
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=240)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return results


def counts(db: Path) -> tuple[int, int, int]:
    with Store.open(db) as store, store.engine.connect() as connection:
        return tuple(  # type: ignore[return-value]
            connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (articles, quotes, corrections)
        )


def test_two_processes_create_and_fill_one_new_database(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    results = run_writers(db, tmp_path / "go", ["a", "b"], count=60)
    for result in results:
        assert result.returncode == 0, result.stderr[-2000:]
        assert "database is locked" not in result.stderr
    assert sorted(r.stdout.strip() for r in results) == ["done a", "done b"]
    assert counts(db) == (120, 120, 24)


def test_writers_join_a_database_in_use(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    Store.open(db).close()
    results = run_writers(db, tmp_path / "go", ["a", "b", "c"], count=40)
    assert [r.returncode for r in results] == [0, 0, 0], [r.stderr[-2000:] for r in results]
    assert counts(db) == (120, 120, 24)
