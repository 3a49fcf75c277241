"""The pieces of a distributed batch that need no cluster: the time budget of a task's
thread, and records written as a partition and read back."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

from dragoman.distributed.budget import thread_budget
from dragoman.distributed.partitions import (
    ErrorRow,
    partitions,
    read_partition,
    stored_errors,
    stored_ids,
    write_partition,
)
from dragoman.errors import AnalysisTimeout
from dragoman.models import Actor, Article, ArticleRecord, Assessment, Event, Position, Quote


def in_a_thread(work):  # type: ignore[no-untyped-def]
    """What ``work()`` returns or raises, run in another thread."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as e:  # noqa: BLE001 - handed back to the test
            outcome.append(e)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    assert not thread.is_alive()
    return outcome[0]


def busy(seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.005)
    return "done"


def test_the_budget_stops_python_code_in_a_worker_thread() -> None:
    def work() -> str:
        with thread_budget(0.3, "slow.txt"):
            return busy(20)

    start = time.monotonic()
    outcome = in_a_thread(work)
    assert isinstance(outcome, AnalysisTimeout)
    assert outcome.source == "slow.txt" and "longer than 0.3 s" in outcome.message
    assert time.monotonic() - start < 5


def test_work_within_its_budget_is_left_alone_and_nothing_stays_pending() -> None:
    def work() -> str:
        with thread_budget(0.2, "quick.txt"):
            busy(0.05)
        return busy(0.5)  # well past the budget: no exception may be left pending

    assert in_a_thread(work) == "done"


def test_in_the_main_thread_the_budget_is_left_to_the_alarm() -> None:
    with thread_budget(0.05, "main.txt"):
        assert busy(0.2) == "done"


def record(body: str, number: int) -> ArticleRecord:
    day = dt.date(2022, 3, number)
    return ArticleRecord(
        article=Article(body=body, source=f"r{number}.txt", published=day, title=f"T{number}"),
        actors=[Actor("Dmitry Peskov", "person", ["Peskov"], "spokesman", "Russia", [(0, 6)])],
        quotes=[Quote("We are ready", "direct", "Dmitry Peskov", "said", day, 10, 22)],
        events=[Event("talks_round", "held", None, "Istanbul", ["Russia", "Ukraine"], 1, 5)],
        positions=[Position("Russia", "neutrality", "demands", summary="s", date=day)],
        assessments=[Assessment("Peskov", "negative", None, "no breakthrough", 3, 9, 0.7)],
    )


def test_a_partition_reads_back_to_the_same_records(tmp_path: Path) -> None:
    records = [record("Peskov said talks went on.", 1), record("Medinsky said no.", 2)]
    errors = [
        ErrorRow("bad.bin", "[D103] the file is binary"),
        ErrorRow("x.txt", "[D203] slow", "ab"),
    ]
    part = write_partition(tmp_path, records, errors)
    back, rows = read_partition(part)
    assert [r.to_dict() for r in back] == [r.to_dict() for r in records]
    assert back == records  # dates as dates, mentions as tuples
    assert rows == errors and rows[0].code == "D103"
    assert stored_ids(tmp_path) == {r.article.id for r in records}
    assert stored_errors(tmp_path) == errors


def test_the_same_content_is_one_partition_and_a_partial_one_is_not_seen(tmp_path: Path) -> None:
    records = [record("Peskov said talks went on.", 1)]
    first = write_partition(tmp_path, records, [])
    assert write_partition(tmp_path, list(records), []) == first
    (tmp_path / ".part-0123.tmp").mkdir()  # left by a run that was killed while writing
    (tmp_path / "part-0123").mkdir()  # no articles table: not complete
    assert partitions(tmp_path) == [first]


def test_nothing_written_is_no_partition(tmp_path: Path) -> None:
    assert partitions(tmp_path / "missing") == []
    assert stored_ids(tmp_path) == set()
