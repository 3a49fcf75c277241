"""The client side of a distributed batch: read the reports, send them to the cluster,
write what comes back as partitions.

The client reads every file and writes every partition itself; the workers only
analyse. So the workers need no access to the input or the output (a Kubernetes pod,
a Slurm node), only dragoman and its model. Reports are sent a few per worker at a
time, so memory stays flat however large the archive; a report already in the output
is recognised by its id before anything is sent.
"""

from __future__ import annotations

import itertools
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dragoman.batch import DEFAULT_TIMEOUT, workers_for
from dragoman.distributed import partitions as parts
from dragoman.distributed.partitions import ErrorRow
from dragoman.errors import AnalysisError, DistributedError
from dragoman.ingest import iter_report_files, read_path
from dragoman.models import Article, ArticleRecord

if TYPE_CHECKING:
    from distributed import Client, Future

    from dragoman.nlp.pipeline import Analyzer

#: Reports per partition: files large enough to read fast, small enough to lose little.
PARTITION_SIZE = 500
#: Seconds to wait for a scheduler to answer, or for the workers asked for to join.
CONNECT_TIMEOUT = 60.0
#: Reports in flight per worker thread: enough to keep it busy between round trips.
IN_FLIGHT_PER_THREAD = 4

#: Called after each report: (reports done, files read, files in all).
Progress = Callable[[int, int, int], None]


@dataclass
class BatchOptions:
    """How to run a batch. ``scheduler`` is a scheduler's address (``tcp://host:8786``)
    or a scheduler file (``.json``); without one, a local cluster of ``workers``
    single-threaded processes (default: one per core) runs it. With a scheduler,
    ``workers`` is how many workers to wait for before starting. ``analyzer_factory``
    builds each worker's Analyzer (default: the trained model); it must be importable
    on the workers."""

    scheduler: str | None = None
    workers: int | None = None
    timeout: float | None = DEFAULT_TIMEOUT
    partition_size: int = PARTITION_SIZE
    follow_links: bool = False
    analyzer_factory: Callable[[], Analyzer] | None = None


@dataclass
class BatchResult:
    """What a batch did: reports analysed and written, reports the output holds already,
    each failure as ``(source, reason)``, and the partitions written. ``seconds`` is the
    time spent analysing, with the workers ready (the pipeline loaded)."""

    out: str
    files: int = 0
    analysed: int = 0
    present: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    partitions: list[str] = field(default_factory=list)
    workers: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def rate(self) -> float:
        """Reports analysed per second (0 when none were)."""
        return self.analysed / self.seconds if self.analysed and self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "out": self.out,
            "files": self.files,
            "analysed": self.analysed,
            "present": self.present,
            "failed": [{"source": s, "reason": r} for s, r in self.failed],
            "partitions": list(self.partitions),
            "workers": self.workers,
            "seconds": round(self.seconds, 3),
            "rate": round(self.rate, 3),
        }


def run_batch(
    paths: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    options: BatchOptions | None = None,
    *,
    client: Client | None = None,
    progress: Progress | None = None,
) -> BatchResult:
    """Analyse every report under ``paths`` on a Dask cluster and write the records as
    partitions under ``out`` (see :mod:`dragoman.distributed.partitions`).

    A bad file, a report the pipeline fails on or stops after ``timeout`` seconds, or a
    worker lost while analysing a report, is an error row and a failure in the result,
    never an exception. ``client`` is a connected dask Client to use instead of the one
    ``options`` describes (the caller keeps it open).
    """
    options = options or BatchOptions()
    folder = parts.prepare(out)
    files = list(iter_report_files(paths, options.follow_links))
    result = BatchResult(out=str(folder), files=len(files))
    writer = _Writer(folder, options.partition_size, result)
    todo = _to_analyse(files, parts.stored_ids(folder), result, writer, progress)
    # Up to the first report to analyse: when the output holds every report already,
    # no cluster is started, and a second run of a batch stays fast.
    first = next(todo, None)
    if first is None:
        writer.flush()
        return result
    with _connected(options, len(files), client) as connected:
        _ready(connected, options)
        result.workers = len(connected.nthreads())
        started = time.monotonic()
        articles = itertools.chain([first], todo)
        for article, record, failure in _analysed(connected, articles, options.timeout):
            if failure is not None:
                result.failed.append(failure)
                writer.error(ErrorRow(failure[0], failure[1], article.id))
            elif record is not None:
                writer.record(record)
            if progress is not None:
                progress(result.analysed + len(result.failed), writer.files_read, len(files))
        writer.flush()
        result.seconds = time.monotonic() - started
    return result


def _to_analyse(
    files: list[Path],
    stored: set[str],
    result: BatchResult,
    writer: _Writer,
    progress: Progress | None,
) -> Iterator[Article]:
    """The reports not in the output yet, read one file at a time; a bad file or entry
    is written as an error row, a report seen before counted as present."""
    for path in files:
        loaded = read_path(path)
        for error in loaded.errors:
            row = ErrorRow(error.source or str(path), f"[{error.code}] {error.message}")
            result.failed.append((row.source, row.reason))
            writer.error(row)
        writer.files_read += 1
        if progress is not None and not loaded.articles:
            progress(result.analysed + len(result.failed), writer.files_read, len(files))
        for article in loaded.articles:
            if article.id in stored:
                result.present += 1
                continue
            stored.add(article.id)
            yield article


def _analysed(
    client: Client, articles: Iterable[Article], timeout: float | None
) -> Iterator[tuple[Article, ArticleRecord | None, tuple[str, str] | None]]:
    """Each article with its record or failure, as the cluster finishes them; only a
    few per worker thread are sent ahead."""
    from distributed import as_completed

    from dragoman.distributed.worker import analyse

    articles = iter(articles)
    threads = sum(client.nthreads().values()) or 1
    window = max(8, threads * IN_FLIGHT_PER_THREAD)
    pending: dict[Future, Article] = {}
    finished = as_completed()

    def top_up() -> None:
        while len(pending) < window:
            article = next(articles, None)
            if article is None:
                return
            future = client.submit(analyse, article, timeout, pure=False)
            pending[future] = article
            finished.add(future)

    top_up()
    for future in finished:
        article = pending.pop(future)
        record, failure = _outcome(future, article)
        future.release()
        top_up()
        yield article, record, failure


def _outcome(
    future: Future, article: Article
) -> tuple[ArticleRecord | None, tuple[str, str] | None]:
    """A task's result; a task that raised (its worker died: a crash, memory) or was
    cancelled is the report's failure."""
    source = article.source or article.id
    if future.status == "finished":
        record, failure = future.result()
        return record, failure
    if future.status == "error":
        kind = type(future.exception()).__name__
        error = AnalysisError(f"the worker analysing it was lost ({kind})", source=source)
    else:
        error = AnalysisError(f"its task was {future.status}", source=source)
    return None, (source, f"[{error.code}] {error.message}")


class _Writer:
    """Buffers records and error rows; writes a partition every ``size`` records. An
    error row the output holds already (the same failure in an earlier run) is not
    written again."""

    def __init__(self, folder: Path, size: int, result: BatchResult) -> None:
        self.folder, self.size, self.result = folder, max(1, size), result
        self.known = {row.key for row in parts.stored_errors(folder)}
        self.records: list[ArticleRecord] = []
        self.errors: list[ErrorRow] = []
        self.files_read = 0

    def record(self, record: ArticleRecord) -> None:
        self.records.append(record)
        self.result.analysed += 1
        if len(self.records) >= self.size:
            self.flush()

    def error(self, row: ErrorRow) -> None:
        if row.key not in self.known:
            self.known.add(row.key)
            self.errors.append(row)

    def flush(self) -> None:
        if self.records or self.errors:
            part = parts.write_partition(self.folder, self.records, self.errors)
            self.result.partitions.append(part.name)
            self.records, self.errors = [], []


# -- the cluster -------------------------------------------------------------------------


@contextmanager
def _connected(options: BatchOptions, files: int, client: Client | None) -> Iterator[Client]:
    """The client given, or one connected to the scheduler of ``options``, or to a new
    local cluster (closed afterwards)."""
    if client is not None:
        yield client
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise DistributedError(
            "dragoman batch needs dask, which is not installed: "
            "pip install 'dragoman[dask]' (or pip install 'dask[distributed]')"
        ) from e
    if options.scheduler:
        with _remote(Client, options.scheduler) as remote:
            yield remote
        return
    workers = workers_for(options.workers, files)
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    try:
        with Client(cluster) as local:
            yield local
    finally:
        cluster.close()


@contextmanager
def _remote(client_class: Any, scheduler: str) -> Iterator[Client]:
    """A client of a running scheduler: an address, or a scheduler file."""
    as_file = scheduler.endswith(".json") and "://" not in scheduler
    if as_file and not Path(scheduler).is_file():
        raise DistributedError("no scheduler file here", source=scheduler)
    try:
        if as_file:
            client = client_class(scheduler_file=scheduler, timeout=CONNECT_TIMEOUT)
        else:
            client = client_class(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as e:
        raise DistributedError(f"cannot reach the scheduler: {e}", source=scheduler) from e
    try:
        yield client
    finally:
        client.close()


def _ready(client: Client, options: BatchOptions) -> None:
    """Wait for the workers asked for, check that they run this dragoman, and load the
    pipeline in each (workers that join later load it as they join)."""
    from dragoman import __version__
    from dragoman.distributed.worker import AnalyzerPlugin, version

    if options.scheduler and options.workers:
        try:
            client.wait_for_workers(options.workers, timeout=CONNECT_TIMEOUT)
        except TimeoutError as e:
            raise DistributedError(
                f"fewer than {options.workers} workers joined within {CONNECT_TIMEOUT:g} s",
                source=options.scheduler,
            ) from e
    try:
        versions = client.run(version)
        client.register_plugin(AnalyzerPlugin(options.analyzer_factory))
    except Exception as e:  # noqa: BLE001 - whatever a worker raised, named in one line
        raise DistributedError(
            "the workers cannot run dragoman (install dragoman[dask] and its model on "
            f"them): {type(e).__name__}: {e}"
        ) from e
    other = sorted({v for v in versions.values() if v != __version__})
    if other:
        raise DistributedError(
            f"the workers run dragoman {', '.join(other)}, this machine {__version__}"
        )
