"""The seeded hostile corpus through a real batch: each file ends stored or in a clear
one-line error within its budget, every good report is stored, memory stays bounded."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest

from dragoman import api
from dragoman.store import Store

from .hostile_corpus import write_corpus

pytestmark = pytest.mark.model  # the batch runs the trained pipeline

TIMEOUT = 20.0


def test_a_hostile_batch_stores_every_good_report_and_names_every_bad_file(
    tmp_path: Path,
) -> None:
    corpus = write_corpus(tmp_path / "drop", seed=11, good=12, scale=0.2)
    with Store.open(tmp_path / "hostile.db") as store:
        result = api.ingest_paths([corpus.folder], store, workers=2, timeout=TIMEOUT)
        stored = {article.source for article in store.articles()}
    failed = dict(result.failed)
    assert all("\n" not in reason and len(reason) < 400 for reason in failed.values())

    def reported(path: Path) -> bool:  # a JSON Lines source is FILE:LINE
        return any(source.split(":")[0] == str(path) for source in failed)

    for path in corpus.bad:
        assert reported(path), f"{path.name} was not reported"
    for path in corpus.good:
        assert str(path) in stored or reported(path), f"{path.name} was lost"
    good_reports = [p for p in corpus.good if p.name.startswith("good-")]
    assert all(str(p) in stored for p in good_reports)
    feed = corpus.folder / "feed-one-bad-entry.xml"
    assert str(feed) in stored and "entry 2" in failed[str(feed)]
    peak_kib = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    assert peak_kib < 2 * 1024 * 1024, f"peak memory {peak_kib // 1024} MiB"
