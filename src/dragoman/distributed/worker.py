"""The worker side of a distributed batch: one pipeline per worker process, one report
per task, each within its time budget.

Loading the pipeline takes seconds and analysing a report a fraction of one, so each
worker loads it once: :class:`AnalyzerPlugin` does so as the worker joins (so that the
batch's clock starts with workers ready), and :func:`current_analyzer` loads it on
first use where the plugin did not run. Imported only on a cluster (it needs dask).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from distributed import WorkerPlugin

import dragoman
from dragoman.batch import analyze_article
from dragoman.distributed.budget import thread_budget
from dragoman.errors import DragomanError
from dragoman.models import Article, ArticleRecord

if TYPE_CHECKING:
    from dragoman.nlp.pipeline import Analyzer

AnalyzerFactory = Callable[[], "Analyzer"]
#: What a task returns: the record, or ``(source, "[code] message")``.
TaskResult = tuple[ArticleRecord | None, tuple[str, str] | None]

_analyzer: Analyzer | None = None
_factory: AnalyzerFactory | None = None
_lock = threading.Lock()


def _default_analyzer() -> Analyzer:
    from dragoman.nlp.pipeline import Analyzer

    return Analyzer()


class AnalyzerPlugin(WorkerPlugin):
    """Loads the pipeline in each worker process as it joins the cluster (workers
    added later, by an adaptive cluster, too). ``factory`` builds the Analyzer; it is
    sent to the workers, so it must be importable there (the default: the model)."""

    name = "dragoman-analyzer"

    def __init__(self, factory: AnalyzerFactory | None = None) -> None:
        self.factory = factory

    def setup(self, worker: Any) -> None:
        global _analyzer, _factory
        with _lock:
            _factory = self.factory
            _analyzer = (self.factory or _default_analyzer)()

    def teardown(self, worker: Any) -> None:
        global _analyzer, _factory
        with _lock:
            _analyzer, _factory = None, None


def current_analyzer() -> Analyzer:
    """This process's Analyzer, loaded on first use if no plugin loaded it."""
    global _analyzer
    with _lock:
        if _analyzer is None:
            _analyzer = (_factory or _default_analyzer)()
        return _analyzer


def analyse(article: Article, timeout: float | None) -> TaskResult:
    """The task: one report's record, or the reason it has none. A failure is a value,
    never an exception, so that a bad report never fails the batch."""
    source = article.source or article.id
    try:
        with thread_budget(timeout, source):
            return analyze_article(current_analyzer(), article, timeout), None
    except DragomanError as e:
        return None, (e.source or source, f"[{e.code}] {e.message}")


def version() -> str:
    """dragoman's version on this worker, to check that the cluster runs the client's."""
    return dragoman.__version__
