"""Batches: every core, a time budget per report, one broken report never stalls the rest.

The pipeline here is a blank English spaCy pipeline with one small component that
behaves as a pathological report would make a real one behave (slow, or killing its
process), so the tests need no model and take seconds.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dragoman import api
from dragoman.batch import Analysis, analyze_article, time_budget, workers_for
from dragoman.errors import AnalysisTimeout
from dragoman.models import Article
from dragoman.nlp.extensions import register_extensions
from dragoman.nlp.pipeline import Analyzer
from dragoman.store import Store


@Language.component("test_behaves_as_told")
def behaves_as_told(doc: Doc) -> Doc:
    """Sleeps on a report that says SLOW, ends its process on one that says CRASH."""
    if "SLOW" in doc.text:
        time.sleep(30)
    if "CRASH" in doc.text and os.getpid() != PARENT:
        os._exit(3)
    return doc


PARENT = os.getpid()


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("test_behaves_as_told")
    return Analyzer(nlp)


def report(text: str, number: int = 0) -> Article:
    return Article(body=f"{text} Report number {number}.", source=f"r{number}.txt")


def test_a_report_past_its_budget_is_stopped_with_a_clear_error(analyzer: Analyzer) -> None:
    start = time.monotonic()
    with pytest.raises(AnalysisTimeout, match=r"longer than 0.5 s .*--timeout"):
        analyze_article(analyzer, report("SLOW talks in Vienna."), timeout=0.5)
    assert time.monotonic() - start < 10


def test_the_budget_is_lifted_once_the_report_is_done(analyzer: Analyzer) -> None:
    analyze_article(analyzer, report("Quick talks."), timeout=0.5)
    time.sleep(0.7)  # an alarm left armed would fire here


def test_no_budget_outside_the_main_thread() -> None:
    import threading

    ran: list[bool] = []

    def inside() -> None:
        with time_budget(0.01, "x"):
            time.sleep(0.05)
            ran.append(True)

    thread = threading.Thread(target=inside)
    thread.start()
    thread.join()
    assert ran == [True]


def test_workers_keep_the_order_and_a_slow_report_costs_only_itself(
    analyzer: Analyzer,
) -> None:
    texts = ["Envoys met."] * 6 + ["SLOW one."] + ["Envoys met again."] * 5
    pairs = [(i, report(t, i)) for i, t in enumerate(texts)]
    pairs.insert(3, (99, None))
    outcomes = list(Analysis(analyzer, workers=2, timeout=1.0).run(pairs))
    assert [o.item for o in outcomes] == [item for item, _ in pairs]
    failed = [o for o in outcomes if o.failure]
    assert [o.item for o in failed] == [6]
    assert "[D203]" in failed[0].failure[1] and failed[0].failure[0] == "r6.txt"
    assert all(o.record is not None for o in outcomes if o.item not in (6, 99))


def test_a_worker_that_dies_is_replaced_and_the_batch_goes_on(analyzer: Analyzer) -> None:
    texts = ["Envoys met."] * 3 + ["CRASH here."] + ["Envoys met again."] * 4
    pairs = [(i, report(t, i)) for i, t in enumerate(texts)]
    outcomes = list(Analysis(analyzer, workers=2, timeout=1.0, grace=1.0).run(pairs))
    assert [o.item for o in outcomes] == list(range(len(texts)))
    assert [o.item for o in outcomes if o.failure] == [3]
    assert "stopped answering" in outcomes[3].failure[1]
    assert all(o.record is not None for o in outcomes if o.item != 3)


def test_workers_by_default_follow_the_cores_and_the_size_of_the_batch() -> None:
    assert workers_for(None, 3) == 1
    assert workers_for(3, 1) == 3
    assert 1 <= workers_for(None, 10_000) <= (os.cpu_count() or 1)


def test_ingest_with_workers_stores_every_good_report_and_names_the_slow_one(
    analyzer: Analyzer, tmp_path: Path
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for number in range(9):
        text = "SLOW, this one." if number == 4 else "The delegations met on Monday."
        (folder / f"r{number}.txt").write_text(f"{text} Report {number}.\n")
    with Store.open(tmp_path / "b.db") as store:
        result = api.ingest_paths([folder], store, analyzer=analyzer, workers=2, timeout=1.0)
        assert (result.added, result.present, result.files) == (8, 0, 9)
        assert len(result.failed) == 1 and result.failed[0][0].endswith("r4.txt")
        again = api.ingest_paths([folder], store, analyzer=analyzer, workers=2, timeout=1.0)
        assert (again.added, again.present) == (0, 8)
