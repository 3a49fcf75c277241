"""Analysing many reports: on every core, each report within a time budget.

The process that reads the files also writes the store (one writer, one transaction per
report); the analysis runs in N worker processes, forked after the pipeline is loaded so
that they share it instead of loading it N times. A report whose analysis runs past its
budget is stopped and reported as failed, and the batch goes on: one pathological
report never stalls the rest.
"""

from __future__ import annotations

import collections
import multiprocessing
import os
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult, Pool
from typing import TYPE_CHECKING, Generic, TypeVar

from dragoman.errors import AnalysisError, AnalysisTimeout, DragomanError
from dragoman.models import Article, ArticleRecord

if TYPE_CHECKING:
    from dragoman.nlp.pipeline import Analyzer

#: Seconds one report may take to analyse before it is stopped (``--timeout``).
DEFAULT_TIMEOUT = 60.0
#: Below this many reports to analyse, worker processes cost more than they save.
MIN_REPORTS_PER_WORKER = 8
#: Reports queued per worker: enough that a long report at the head of the queue does
#: not leave the other workers idle while its result is awaited in order.
IN_FLIGHT_PER_WORKER = 8
#: Extra seconds a worker is given past the budget before it is taken for dead.
GRACE = 30.0

T = TypeVar("T")


class _OutOfTime(BaseException):
    """Raised by the alarm inside the analysis; a BaseException, so that no ``except
    Exception`` inside the pipeline swallows it."""


@contextmanager
def time_budget(seconds: float | None, source: str) -> Iterator[None]:
    """Stop what runs inside after ``seconds`` with an AnalysisError naming ``source``.

    Uses the interval timer, so it works in a process's main thread (the CLI, each
    worker); elsewhere (a web server's thread) it does nothing.
    """
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _OutOfTime:
        raise AnalysisTimeout(
            f"the analysis took longer than {seconds:g} s and was stopped (--timeout)",
            source=source,
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def analyze_article(
    analyzer: Analyzer, article: Article, timeout: float | None = DEFAULT_TIMEOUT
) -> ArticleRecord:
    """The record of one article; a failure inside the pipeline, or a run past
    ``timeout`` seconds, becomes an AnalysisError naming the article."""
    source = article.source or article.id
    try:
        with time_budget(timeout, source):
            return analyzer.analyze(article)
    except DragomanError:
        raise
    except Exception as e:
        raise AnalysisError(f"analysis failed ({type(e).__name__}: {e})", source=source) from e


@dataclass
class Outcome(Generic[T]):
    """One item of a batch with its record, or the reason it has none."""

    item: T
    record: ArticleRecord | None = None
    failure: tuple[str, str] | None = None  # (source, "[code] message")


def workers_for(requested: int | None, reports: int) -> int:
    """How many processes to analyse ``reports`` with: as requested, or by default one
    per core, but never more than the reports can keep busy."""
    if requested is not None:
        return max(1, requested)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, reports // MIN_REPORTS_PER_WORKER))


# The worker side: forked children find the parent's analyzer and budget here.
_worker_analyzer: Analyzer | None = None
_worker_timeout: float | None = None


def _work(article: Article) -> tuple[ArticleRecord | None, tuple[str, str] | None]:
    assert _worker_analyzer is not None
    try:
        return analyze_article(_worker_analyzer, article, _worker_timeout), None
    except DragomanError as e:
        return None, (e.source or article.source or article.id, f"[{e.code}] {e.message}")


class Analysis:
    """Analyses a stream of items in order, in this process or in forked workers.

    ``run`` takes ``(item, article)`` pairs, an article of None passing straight
    through (a file that had nothing to analyse still reports progress), and yields an
    :class:`Outcome` per pair in the order given, keeping at most a few reports per
    worker in flight so that memory stays flat however long the batch.
    """

    def __init__(
        self,
        analyzer: Analyzer,
        workers: int = 1,
        timeout: float | None = DEFAULT_TIMEOUT,
        grace: float = GRACE,
    ) -> None:
        self.analyzer, self.workers, self.timeout, self.grace = analyzer, workers, timeout, grace

    def run(self, pairs: Iterable[tuple[T, Article | None]]) -> Iterator[Outcome[T]]:
        if self.workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            yield from self._run_here(pairs)
        else:
            yield from self._run_forked(pairs)

    def _run_here(self, pairs: Iterable[tuple[T, Article | None]]) -> Iterator[Outcome[T]]:
        for item, article in pairs:
            if article is None:
                yield Outcome(item)
                continue
            try:
                yield Outcome(item, analyze_article(self.analyzer, article, self.timeout))
            except DragomanError as e:
                source = e.source or article.source or article.id
                yield Outcome(item, failure=(source, f"[{e.code}] {e.message}"))

    def _run_forked(self, pairs: Iterable[tuple[T, Article | None]]) -> Iterator[Outcome[T]]:
        global _worker_analyzer, _worker_timeout
        _worker_analyzer, _worker_timeout = self.analyzer, self.timeout
        pool = _Workers(self.workers)
        window: collections.deque[tuple[T, Article | None]] = collections.deque()
        try:
            for item, article in pairs:
                window.append((item, article))
                pool.submit(article)
                while len(window) > self.workers * IN_FLIGHT_PER_WORKER:
                    yield self._collect(window, pool)
            while window:
                yield self._collect(window, pool)
        finally:
            pool.close()

    def _collect(
        self, window: collections.deque[tuple[T, Article | None]], pool: _Workers
    ) -> Outcome[T]:
        """The outcome of the oldest item. A worker silent past budget and grace (killed
        by the system, say) is taken for dead: its report fails, the pool starts again
        and the reports still in flight are sent to it again."""
        item, article = window.popleft()
        if article is None:
            pool.tasks.popleft()
            return Outcome(item)
        wait = None if self.timeout is None else self.timeout + self.grace
        try:
            record, failure = pool.result(wait)
        except multiprocessing.TimeoutError:
            pool.restart([a for _, a in window])
            source = article.source or article.id
            error = AnalysisTimeout("the worker analysing it stopped answering", source=source)
            return Outcome(item, failure=(source, f"[{error.code}] {error.message}"))
        return Outcome(item, record, failure)


class _Workers:
    """A pool of forked workers and the results it owes, oldest first."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.context = multiprocessing.get_context("fork")
        self.pool: Pool = self.context.Pool(workers)
        self.tasks: collections.deque[AsyncResult | None] = collections.deque()

    def submit(self, article: Article | None) -> None:
        self.tasks.append(None if article is None else self.pool.apply_async(_work, (article,)))

    def result(self, wait: float | None) -> tuple[ArticleRecord | None, tuple[str, str] | None]:
        task = self.tasks.popleft()
        assert task is not None
        outcome: tuple[ArticleRecord | None, tuple[str, str] | None] = task.get(wait)
        return outcome

    def restart(self, pending: list[Article | None]) -> None:
        self.close()
        self.pool = self.context.Pool(self.workers)
        self.tasks.clear()
        for article in pending:
            self.submit(article)

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()
