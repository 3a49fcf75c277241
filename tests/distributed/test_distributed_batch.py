"""``run_batch`` and ``load_partitions`` on a two-worker local cluster, with a blank
pipeline (no trained model): failures are rows, never a failed job; twice is once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from distributed_helpers import blank_analyzer

from dragoman.distributed import BatchOptions, load_partitions, run_batch
from dragoman.distributed.partitions import partitions, read_partition, stored_errors
from dragoman.store import Store

pytest.importorskip("distributed", reason="dask[distributed] is not installed")

GOOD = {
    f"report{n}.txt": f"Delegations of Aldoria and Brevia met in Geneva, round {n}.\n"
    for n in range(6)
}


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


def options(**kwargs: Any) -> BatchOptions:
    return BatchOptions(analyzer_factory=blank_analyzer, partition_size=4, **kwargs)


def test_failures_are_rows_of_the_errors_table(client: Any, tmp_path: Path) -> None:
    reports = write(
        tmp_path / "in",
        {
            **GOOD,
            "binary.txt": b"\x00\x01\x02\x03 not text",
            "empty.md": "",
            "fails.txt": "The FAIL report.\n",
            "slow.txt": "The SLOW report.\n",
        },
    )
    result = run_batch([reports], tmp_path / "out", options(timeout=1.0), client=client)

    assert result.analysed == len(GOOD) and result.present == 0
    reasons = {Path(source).name: reason for source, reason in result.failed}
    assert set(reasons) == {"binary.txt", "empty.md", "fails.txt", "slow.txt"}
    assert reasons["slow.txt"].startswith("[D203] the analysis took longer than 1 s")
    assert reasons["fails.txt"].startswith("[D201] analysis failed (ValueError")
    rows = {Path(row.source).name: row for row in stored_errors(tmp_path / "out")}
    assert {name: row.reason for name, row in rows.items()} == reasons
    assert rows["slow.txt"].code == "D203" and rows["slow.txt"].article_id
    assert rows["binary.txt"].article_id is None
    written = [r for part in partitions(tmp_path / "out") for r in read_partition(part)[0]]
    assert sorted(Path(r.article.source).name for r in written) == sorted(GOOD)
    assert len(result.partitions) == 2  # 4 + 2 records, the errors beside them

    loaded = load_partitions(tmp_path / "out", tmp_path / "db.sqlite")
    assert (loaded.added, loaded.present) == (len(GOOD), 0)
    assert sorted(Path(s).name for s, _ in loaded.failed) == sorted(reasons)


def test_a_report_that_kills_its_worker_is_a_row(client: Any, tmp_path: Path) -> None:
    # Alone: the cluster is set to fail a task on the first worker lost while running
    # it, so a report queued on the same worker would fail beside it (by default Dask
    # tries such tasks again on other workers).
    reports = write(tmp_path / "in", {"crash.txt": "The CRASH report.\n"})
    result = run_batch([reports], tmp_path / "out", options(), client=client)
    assert result.failed == [
        (str(reports / "crash.txt"), "[D201] the worker analysing it was lost (KilledWorker)")
    ]
    assert [row.code for row in stored_errors(tmp_path / "out")] == ["D201"]
    client.wait_for_workers(2, timeout=60)  # restarted by its nanny, for the next tests


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.parquet"))}


def test_batch_twice_and_load_twice_change_nothing(client: Any, tmp_path: Path) -> None:
    reports = write(tmp_path / "in", {**GOOD, "empty.md": ""})
    out, db = tmp_path / "out", tmp_path / "db.sqlite"
    first = run_batch([reports], out, options(), client=client)
    before = snapshot(out)
    second = run_batch([reports], out, options(), client=client)
    assert (first.analysed, first.present) == (len(GOOD), 0)
    assert (second.analysed, second.present, second.partitions) == (0, len(GOOD), [])
    assert len(second.failed) == 1  # still reported, not written again
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == sorted(first.partitions)  # no leftovers

    once = load_partitions(out, db)
    with Store.open(db) as store:
        stored = [r.to_dict() for r in store.records()]
    twice = load_partitions(out, db)
    assert (once.added, once.present) == (len(GOOD), 0)
    assert (twice.added, twice.present) == (0, len(GOOD))
    assert once.failed == twice.failed and len(once.failed) == 1
    with Store.open(db) as store:
        assert [r.to_dict() for r in store.records()] == stored


def test_new_reports_in_the_same_folder_are_added(client: Any, tmp_path: Path) -> None:
    reports = write(tmp_path / "in", dict(list(GOOD.items())[:3]))
    out = tmp_path / "out"
    run_batch([reports], out, options(), client=client)
    write(reports, GOOD)
    again = run_batch([reports], out, options(), client=client)
    assert (again.analysed, again.present) == (len(GOOD) - 3, 3)
    loaded = load_partitions(out, tmp_path / "db.sqlite")
    assert (loaded.added, loaded.partitions) == (len(GOOD), 2)
