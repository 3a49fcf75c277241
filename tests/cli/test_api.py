"""The library API under the CLI, with a stand-in analyser (no model needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dragoman import api
from dragoman.errors import DragomanError, IngestError
from dragoman.models import Article, ArticleRecord, Quote
from dragoman.store import Store

from .conftest import REPORTS, write_reports


class StubAnalyzer:
    """Records one quote per article; fails on bodies containing ``fail_on``."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.fail_on = fail_on
        self.seen: list[str] = []

    def analyze(self, article: Article) -> ArticleRecord:
        self.seen.append(article.source)
        if self.fail_on and self.fail_on in article.body:
            raise RuntimeError("component exploded")
        return ArticleRecord(article, quotes=[Quote(text=article.body[:20], kind="direct")])


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make loading the real pipeline an error: these tests must never need it."""

    def refuse() -> None:
        raise AssertionError("the NLP pipeline was loaded")

    monkeypatch.setattr(api, "default_analyzer", refuse)


def test_analyze_paths_yields_records_and_errors_in_order(tmp_path: Path, no_model: None) -> None:
    good = write_reports(tmp_path, {"a.txt": REPORTS["peskov.txt"], "b.txt": b""})
    stub = StubAnalyzer()
    items = list(api.analyze_paths([good[1], good[0]], analyzer=stub))  # type: ignore[arg-type]
    assert [(p.name, r is not None, e is not None) for p, r, e in items] == [
        ("b.txt", False, True),
        ("a.txt", True, False),
    ]
    assert isinstance(items[0][2], IngestError)


def test_ingest_is_idempotent_and_skips_analysis_of_stored_articles(
    tmp_path: Path, no_model: None
) -> None:
    write_reports(tmp_path / "r")
    db = tmp_path / "t.db"
    stub = StubAnalyzer()
    first = api.ingest_paths([tmp_path / "r"], db, analyzer=stub)  # type: ignore[arg-type]
    assert (first.added, first.present, first.failed, first.files) == (2, 0, [], 2)
    stub.seen.clear()
    steps: list[tuple[str, int, int]] = []
    second = api.ingest_paths(
        [tmp_path / "r"],
        db,
        progress=lambda path, done, total: steps.append((path.name, done, total)),
        analyzer=stub,  # type: ignore[arg-type]
    )
    assert (second.added, second.present, second.failed) == (0, 2, [])
    assert stub.seen == []  # nothing analysed again
    assert steps == [("medinsky.md", 1, 2), ("peskov.txt", 2, 2)]


def test_ingest_already_stored_needs_no_pipeline(tmp_path: Path, no_model: None) -> None:
    write_reports(tmp_path / "r")
    db = tmp_path / "t.db"
    api.ingest_paths([tmp_path / "r"], db, analyzer=StubAnalyzer())  # type: ignore[arg-type]
    again = api.ingest_paths([tmp_path / "r"], db)  # default analyser: must not load
    assert again.present == 2 and again.ok


def test_ingest_goes_on_after_a_failing_record_and_a_bad_file(
    tmp_path: Path, no_model: None
) -> None:
    write_reports(tmp_path / "r", {**REPORTS, "zero.txt": b""})
    with api.open_store(tmp_path / "t.db") as store:
        stub = StubAnalyzer(fail_on="Medinsky")
        result = api.ingest_paths([tmp_path / "r"], store, analyzer=stub)  # type: ignore[arg-type]
        assert (result.added, result.present) == (1, 0)
        assert [Path(source).name for source, _ in result.failed] == ["medinsky.md", "zero.txt"]
        assert "analysis failed (RuntimeError: component exploded)" in result.failed[0][1]
        assert result.failed[1][1].startswith("[D102]")
        assert store.summary()["counts"]["articles"] == 1
    assert result.to_dict()["failed"][1]["source"].endswith("zero.txt")


def test_summary_needs_an_existing_database(tmp_path: Path) -> None:
    with pytest.raises(DragomanError, match="no database here"):
        api.summary(tmp_path / "none.db")
    assert not (tmp_path / "none.db").exists()


def test_summary_is_json_ready(tmp_path: Path, no_model: None) -> None:
    write_reports(tmp_path / "r")
    db = tmp_path / "t.db"
    api.ingest_paths([tmp_path / "r"], db, analyzer=StubAnalyzer())  # type: ignore[arg-type]
    data = api.summary(db)
    assert data["database"] == str(db)
    assert data["published"] == {"first": "2024-05-14", "last": "2024-05-15"}
    assert data["counts"]["articles"] == 2 and data["counts"]["quotes"] == 2
    assert Path(data["sample_source"]).name == "peskov.txt"
    with Store.open(db) as store:
        assert api.summary(store)["counts"] == data["counts"]
