"""The library API: one function per task, for the CLI, the web app and scripts.

The interfaces are thin layers over these functions: they open the store, call one of
them, and format what comes back. Nothing here prints. A bad file or a record that
cannot be analysed or saved is reported beside the results, never raised, so that a
batch always goes on; errors that stop everything (no model, no database) are raised
as :class:`~dragoman.errors.DragomanError`.

Entry points only: no SQL here (the store answers through
:class:`~dragoman.store.Store`), no web app (``dragoman serve`` builds it with
:func:`dragoman.web.create_app`), and the gold files are written by
:mod:`dragoman.ingest.writers`.

The NLP pipeline is loaded lazily, once per process (:func:`default_analyzer`), and
only when there is an article to analyse: ingesting a folder that is already in the
store does not load it at all.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from dragoman import record as rec
from dragoman.batch import DEFAULT_TIMEOUT, Analysis, Outcome, analyze_article, workers_for
from dragoman.errors import DragomanError, EvaluationError
from dragoman.evaluate import (
    DEFAULT_FLOORS,
    EvalReport,
    EvalSet,
    check_floors,
    evaluate_dir,
    load_eval_set,
    load_floors,
)
from dragoman.ingest import iter_report_files, read_path, writers
from dragoman.ingest.writers import GoldExportResult
from dragoman.models import Article, ArticleRecord
from dragoman.record import (
    FORMATS,
    Contradiction,
    ExportError,
    ExportResult,
    Filters,
    PositionState,
    TimelineEvent,
)
from dragoman.record.contradictions import DEFAULT_WINDOW
from dragoman.record.filters import DateLike
from dragoman.store import DEFAULT_PATH, Store
from dragoman.store.engine import display_name as _display_name

if TYPE_CHECKING:  # the pipeline imports spaCy: slow, and only needed to analyse
    from dragoman.nlp.pipeline import Analyzer

__all__ = [
    "DEFAULT_FLOORS",
    "EvalSet",
    "DEFAULT_PATH",
    "EXPORT_FORMATS",
    "GoldExportResult",
    "IngestResult",
    "Progress",
    "analyze_paths",
    "contradictions",
    "default_analyzer",
    "display_name",
    "evaluate",
    "export",
    "export_gold",
    "floor_failures",
    "ingest_paths",
    "load_eval_set",
    "load_floors",
    "open_store",
    "positions",
    "reason",
    "summary",
    "timeline",
]

EXPORT_FORMATS = FORMATS

#: Called after each file of a batch: (the file, files done so far, files in all).
Progress = Callable[[Path, int, int], None]

Db = Store | str | os.PathLike[str]

_analyzer: Analyzer | None = None
_analyzer_lock = threading.Lock()


def default_analyzer() -> Analyzer:
    """The process's Analyzer, loaded on first use (raises ModelNotFound)."""
    global _analyzer
    with _analyzer_lock:
        if _analyzer is None:
            from dragoman.nlp.pipeline import Analyzer

            _analyzer = Analyzer()
        return _analyzer


def _analyze_one(
    analyzer: Analyzer, article: Article, timeout: float | None = DEFAULT_TIMEOUT
) -> ArticleRecord:
    """The record of one article; a failure inside the pipeline, or a run past
    ``timeout`` seconds, becomes an AnalysisError naming the article, so that the batch
    it belongs to can go on (see :func:`dragoman.batch.analyze_article`)."""
    return analyze_article(analyzer, article, timeout)


def reason(error: DragomanError) -> str:
    """An error's message with its code, without its source: ``[D102] the file is empty``."""
    return f"[{error.code}] {error.message}"


# -- analyse ------------------------------------------------------------------------


def analyze_paths(
    paths: Iterable[str | os.PathLike[str]],
    analyzer: Analyzer | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Iterator[tuple[Path, ArticleRecord | None, DragomanError | None]]:
    """Each report under ``paths`` with its record, or with the reason it has none.

    Files come in the order given (directories expanded, sorted); a file holding several
    reports (JSON Lines, feeds) yields one item per report, then one per bad entry. An
    item is ``(path, record, None)`` or ``(path, None, error)``; the error is an
    :class:`~dragoman.errors.IngestError` for a bad file, or a DragomanError for a
    report the pipeline failed on or stopped after ``timeout`` seconds. Nothing is stored.
    """
    for path in iter_report_files(paths):
        loaded = read_path(path)
        for article in loaded.articles:
            if analyzer is None:
                analyzer = default_analyzer()
            try:
                record = _analyze_one(analyzer, article, timeout)
            except DragomanError as e:
                yield path, None, e
            else:
                yield path, record, None
        for error in loaded.errors:
            yield path, None, error


# -- ingest -------------------------------------------------------------------------


@dataclass
class IngestResult:
    """What a batch did: articles added, articles already stored, and each failure as
    ``(source, reason)`` (a bad file, a bad entry of a file, or an article that could
    not be analysed or saved)."""

    added: int = 0
    present: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    files: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "added": self.added,
            "present": self.present,
            "failed": [{"source": s, "reason": r} for s, r in self.failed],
        }


def open_store(db: str | os.PathLike[str] = DEFAULT_PATH, *, must_exist: bool = False) -> Store:
    """Open the database at ``db`` (a file path or a SQLAlchemy URL).

    With ``must_exist``, a file path that does not exist is an error instead of a new,
    empty database: asking questions of a store that was never filled is a typo.
    """
    return Store.open(db, must_exist=must_exist)


class _Opened:
    """A store given, or opened from a path and closed afterwards."""

    def __init__(self, db: Db, must_exist: bool = False) -> None:
        self.owned = not isinstance(db, Store)
        self.store = db if isinstance(db, Store) else open_store(db, must_exist=must_exist)

    def __enter__(self) -> Store:
        return self.store

    def __exit__(self, *exc: object) -> None:
        if self.owned:
            self.store.close()


def ingest_paths(
    paths: Iterable[str | os.PathLike[str]],
    db: Db,
    progress: Progress | None = None,
    analyzer: Analyzer | None = None,
    follow_links: bool = False,
    workers: int | None = 1,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> IngestResult:
    """Read, analyse and store every report under ``paths``.

    Each article is saved in its own transaction. An article already stored (same body,
    whatever the file) is counted as present and not analysed again, so running a batch
    twice is fast and changes nothing. ``db`` is an open Store or a path/URL to open.
    A link in a folder that leads out of it is reported and not read, unless
    ``follow_links``. The analysis runs in ``workers`` processes (None: one per core,
    when there are reports enough to keep them busy); a report whose analysis takes
    longer than ``timeout`` seconds is stopped and reported as failed.
    """
    files = list(iter_report_files(paths, follow_links))
    result = IngestResult(files=len(files))
    with _Opened(db) as store:
        todo = _to_analyse(files, store, result)
        # Items up to the first report to analyse: when every report is stored already,
        # the pipeline is never loaded, and a second run of a batch stays fast.
        ahead: list[tuple[_Item, Article | None]] = []
        for pair in todo:
            ahead.append(pair)
            if pair[1] is not None:
                analyzer = analyzer or default_analyzer()
                break
        items = itertools.chain(ahead, todo)
        analysis = Analysis(analyzer, workers_for(workers, len(files)), timeout)  # type: ignore[arg-type]
        for outcome in analysis.run(items):
            index, path, last = outcome.item
            _keep(outcome, store, result)
            if last and progress is not None:
                progress(path, index + 1, len(files))
    return result


_Item = tuple[int, Path, bool]  # (the file's index, the file, whether its last item)


def _to_analyse(
    files: list[Path], store: Store, result: IngestResult
) -> Iterator[tuple[_Item, Article | None]]:
    """What each file holds that is not stored yet, read one file at a time, the file's
    failures counted; a file with nothing to analyse is one pass-through item."""
    for index, path in enumerate(files):
        loaded = read_path(path)
        for error in loaded.errors:
            result.failed.append((error.source or str(path), reason(error)))
        fresh = []
        for article in loaded.articles:
            try:
                stored = store.has(article.id)
            except DragomanError as e:
                result.failed.append((e.source or article.source or str(path), reason(e)))
                continue
            if stored:
                result.present += 1
            else:
                fresh.append(article)
        if not fresh:
            yield (index, path, True), None
        for number, article in enumerate(fresh, 1):
            yield (index, path, number == len(fresh)), article


def _keep(outcome: Outcome[_Item], store: Store, result: IngestResult) -> None:
    """Save an analysed report (in its own transaction), or count why it failed."""
    if outcome.failure is not None:
        result.failed.append(outcome.failure)
    elif outcome.record is not None:
        try:
            saved = store.save(outcome.record)
        except DragomanError as e:
            source = e.source or outcome.record.article.source or str(outcome.item[1])
            result.failed.append((source, reason(e)))
            return
        if saved:
            result.added += 1
        else:
            result.present += 1


# -- evaluate -----------------------------------------------------------------------


def evaluate(
    directory: str | os.PathLike[str],
    analyzer: Analyzer | None = None,
    parts: Sequence[str] | None = None,
    only: str | None = None,
) -> EvalReport:
    """Analyse every report in ``directory`` that has a gold record beside it, and
    score the records (see :func:`dragoman.evaluate.evaluate_dir`): every part, or only
    ``parts`` where the set's gold annotates only those (see :func:`load_eval_set`).

    A report that cannot be read or analysed stops the evaluation with its reason:
    scoring without it would flatter the scores.
    """

    def analyze(path: Path) -> dict[str, Any]:
        loaded = read_path(path)
        if loaded.errors:
            raise loaded.errors[0]
        if len(loaded.articles) != 1:
            raise EvaluationError(
                f"holds {len(loaded.articles)} reports; a gold record describes one",
                source=str(path),
            )
        return _analyze_one(analyzer or default_analyzer(), loaded.articles[0]).to_dict()

    return evaluate_dir(Path(directory), analyze, parts, only)


def floor_failures(
    report: EvalReport, floors: Mapping[str, float] | str | os.PathLike[str] | None = None
) -> list[str]:
    """One line per pinned floor the report falls below; empty when all are met.

    ``floors`` is a mapping from :func:`load_floors`, a floors file, or None for the
    pinned ``dragoman/eval_floors.json``.
    """
    if isinstance(floors, Mapping):
        limits = floors
    else:
        limits = load_floors(None if floors is None else os.fspath(floors))
    return check_floors(report, limits)


# -- summary ------------------------------------------------------------------------


def _iso(value: object) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    return None if value is None else str(value)


def display_name(target: str | os.PathLike[str]) -> str:
    """A database as it may be shown: a URL's password is masked
    (see :func:`dragoman.store.engine.display_name`)."""
    return _display_name(os.fspath(target))


def summary(db: Db) -> dict[str, Any]:
    """What the store holds, JSON-ready: ``database``, ``counts`` per table,
    ``published`` (first/last ISO dates), ``top_speakers`` as ``[name, quotes]`` pairs,
    ``parties`` and ``sample_source`` (a stored report's source, to point users at)."""
    with _Opened(db, must_exist=True) as store:
        data = store.summary()
        return {
            "database": display_name(store.target),
            "counts": dict(data["counts"]),
            "published": {k: _iso(v) for k, v in data["published"].items()},
            "top_speakers": [[name, count] for name, count in data["top_speakers"]],
            "parties": list(data["parties"]),
            "sample_source": data["sample_source"],
        }


# -- the record across reports ------------------------------------------------------


def positions(
    db: Db,
    *,
    party: str | None = None,
    issue: str | None = None,
    actor: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
) -> list[PositionState]:
    """Where each party stands on each issue, with the history of every report
    (see :func:`dragoman.record.position_table`). Dates are ``datetime.date`` or
    ``YYYY-MM-DD``; a malformed one raises :class:`~dragoman.record.BadFilter`."""
    Filters.of(party=party, issue=issue, actor=actor, since=since, until=until)
    with _Opened(db, must_exist=True) as store:
        return rec.position_table(
            store.records(parts=("positions",)),
            party=party,
            issue=issue,
            actor=actor,
            since=since,
            until=until,
        )


def timeline(
    db: Db,
    *,
    party: str | None = None,
    actor: str | None = None,
    event_type: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
) -> list[TimelineEvent]:
    """The events of the store, each merged across the reports of it, by date
    (see :func:`dragoman.record.timeline`)."""
    Filters.of(party=party, actor=actor, since=since, until=until)
    with _Opened(db, must_exist=True) as store:
        return rec.timeline(
            store.records(parts=("events",)),
            party=party,
            actor=actor,
            event_type=event_type,
            since=since,
            until=until,
        )


def contradictions(
    db: Db,
    *,
    party: str | None = None,
    issue: str | None = None,
    actor: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    window: int = DEFAULT_WINDOW,
    limit: int | None = None,
) -> list[Contradiction]:
    """Assessments and reported stances that disagree within ``window`` days, earliest
    first; the first ``limit`` of them when given, so that a large store is not drawn
    whole (see :func:`dragoman.record.contradictions`)."""
    Filters.of(party=party, issue=issue, actor=actor, since=since, until=until)
    with _Opened(db, must_exist=True) as store:
        return rec.contradictions(
            store.records(parts=("positions", "assessments")),
            party=party,
            issue=issue,
            actor=actor,
            since=since,
            until=until,
            window=window,
            limit=limit,
        )


def export(db: Db, fmt: str, out: str | os.PathLike[str] | TextIO) -> ExportResult:
    """Write every stored record as ``jsonl`` (to a file or text stream), or as
    ``csv``/``parquet`` (one file per table, in the folder ``out``); see
    :mod:`dragoman.record.export`."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")
    with _Opened(db, must_exist=True) as store:
        return rec.export_records(store.records(), fmt, out)


# -- review: gold files ------------------------------------------------------------


def export_gold(
    db: Db,
    out: str | os.PathLike[str],
    *,
    include_unreviewed: bool = False,
    force: bool = False,
) -> GoldExportResult:
    """Write each reviewed report (every report with ``include_unreviewed``) as a gold
    pair that ``dragoman eval`` reads: ``ID.json``, the reviewed record in the output
    contract's shape (corrections applied, rejected extractions left out), and the
    report's text as ``ID.md`` (front matter: title, url, outlet, date, caption,
    credit) or, where Markdown would change the body, as ``ID.txt`` (the seed's format).
    Either is checked to read back to the same body, so that offsets stay right
    (see :mod:`dragoman.ingest.writers`). Existing files are not overwritten unless
    ``force``, and a link is never written through.
    """
    folder = writers.gold_folder(out)
    result = GoldExportResult(out=str(folder))
    with _Opened(db, must_exist=True) as store:
        ids = [a.id for a in store.articles()] if include_unreviewed else store.reviewed_ids()
        writers.make_folder(folder)
        for article_id in ids:
            record = store.load(article_id, reviewed=True)
            if record is not None:
                result.add(writers.write_gold(record, folder, force))
    return result


# -- time and change: what changed, charts -------------------------------------------


def changes(
    db: Db,
    *,
    since: DateLike = None,
    until: DateLike = None,
    today: dt.date | None = None,
    window: int = DEFAULT_WINDOW,
) -> rec.Changes:
    """What changed in the reports published since a day (``YYYY-MM-DD``, or ``7d``
    before ``today``); by default the last week of the record, up to the latest
    report (see :mod:`dragoman.record.changes`).

    >>> brief = changes("demo.db", since="2022-03-28")  # doctest: +SKIP
    >>> [s.party for s in brief.stances]  # doctest: +SKIP
    """
    with _Opened(db, must_exist=True) as store:
        return rec.changes_in(store, since, until, today, window)


def chart(
    db: Db,
    kind: str,
    *,
    issue: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
) -> dict[str, Any]:
    """The data of a chart (``stance`` of an ``issue``, ``events`` or ``assessments``),
    JSON-ready; :func:`dragoman.charts.render` draws it as SVG."""
    from dragoman import charts

    with _Opened(db, must_exist=True) as store:
        return charts.chart_data(store, kind, issue=issue, since=since, until=until)
