"""Records come back from the store exactly as they went in."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dragoman.errors import StoreError
from dragoman.models import Article, ArticleRecord
from dragoman.store import DEFAULT_PATH, Store
from dragoman.store.schema import articles

MakeRecord = Callable[..., ArticleRecord]


def test_full_record_round_trips(store: Store, make_record: MakeRecord) -> None:
    record = make_record()
    assert store.save(record) is True
    loaded = store.load(record.article.id)
    assert loaded == record
    assert loaded is not None
    assert type(loaded.article.published) is dt.date
    assert type(loaded.quotes[0].date) is dt.date
    assert loaded.actors[0].mentions == [(43, 51), (80, 88)]
    assert all(type(m) is tuple for m in loaded.actors[0].mentions)
    assert loaded.article.body == record.article.body


def test_every_field_is_set_in_the_fixture(make_record: MakeRecord) -> None:
    """Guards the round-trip test: a default value could hide a field not stored."""
    record = make_record()
    items = [record.article, record.actors[0], record.quotes[0], record.events[0]]
    items += [record.positions[0], record.assessments[0]]
    for item in items:
        for f in dataclasses.fields(item):
            value = getattr(item, f.name)
            if f.default is not dataclasses.MISSING and f.name not in ("language", "anonymous"):
                assert value != f.default, f"{type(item).__name__}.{f.name}"
            if f.default_factory is not dataclasses.MISSING:
                assert value != f.default_factory(), f"{type(item).__name__}.{f.name}"


def test_minimal_record_round_trips(store: Store) -> None:
    record = ArticleRecord(article=Article(body="A short report."))
    assert store.save(record)
    assert store.load(record.article.id) == record


def test_load_of_an_unknown_id_is_none(store: Store) -> None:
    assert store.load("0000000000000000") is None
    assert store.has("0000000000000000") is False


def test_has_after_save(store: Store, make_record: MakeRecord) -> None:
    record = make_record()
    store.save(record)
    assert store.has(record.article.id)


def test_articles_and_records_are_in_publication_order(
    store: Store, make_record: MakeRecord
) -> None:
    late = make_record(body="Late report.", published=dt.date(2022, 4, 2))
    undated = make_record(body="Undated report.", published=None)
    early = make_record(body="Early report.", published=dt.date(2022, 2, 28))
    for record in (late, undated, early):
        store.save(record)
    expected = [early, late, undated]
    assert store.articles() == [r.article for r in expected]
    assert list(store.records()) == expected


def test_ingested_at_is_recorded(store: Store, make_record: MakeRecord) -> None:
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    store.save(make_record())
    with store.engine.connect() as connection:
        stamp = connection.execute(select(func.max(articles.c.ingested_at))).scalar_one()
    assert isinstance(stamp, dt.datetime)
    assert before - dt.timedelta(seconds=1) <= stamp <= before + dt.timedelta(minutes=1)


def test_data_survives_reopening(db_path: Path, make_record: MakeRecord) -> None:
    record = make_record()
    with Store.open(db_path) as first:
        first.save(record)
    with Store.open(str(db_path)) as second:
        assert second.load(record.article.id) == record


def test_a_sqlite_url_is_accepted(db_path: Path, make_record: MakeRecord) -> None:
    with Store.open(f"sqlite:///{db_path}") as opened:
        opened.save(make_record())
    with Store.open(db_path) as reopened:
        assert reopened.summary()["counts"]["articles"] == 1


def test_default_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with Store.open():
        pass
    assert DEFAULT_PATH == "dragoman.db"
    assert (tmp_path / "dragoman.db").is_file()


def test_sqlite_uses_wal_and_foreign_keys(sqlite_store: Store) -> None:
    with sqlite_store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_closed_store_refuses_work(db_path: Path) -> None:
    opened = Store.open(db_path)
    opened.close()
    opened.close()  # twice is harmless
    with pytest.raises(StoreError, match="closed"):
        opened.has("0000000000000000")


def test_unopenable_path_is_a_store_error(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "dir" / "x.db"
    with pytest.raises(StoreError) as info:
        Store.open(target)
    assert info.value.source == str(target)
    assert info.value.code == "D300"


@pytest.mark.parametrize("url", ["nosuchdb://somewhere/db", "postgresql+nodriver://h/db"])
def test_an_unusable_url_is_a_store_error(url: str) -> None:
    with pytest.raises(StoreError) as info:
        Store.open(url)
    assert info.value.source == url


def test_records_can_read_only_some_parts(store: Store, make_record: MakeRecord) -> None:
    record = make_record()
    assert record.events and record.quotes and record.positions and record.assessments
    store.save(record)
    (events_only,) = store.records(parts=("events",))
    assert events_only.events == record.events and events_only.actors == record.actors
    assert events_only.quotes == [] and events_only.positions == []
    assert events_only.assessments == []
    (whole,) = store.records()
    assert whole == record
    with pytest.raises(ValueError, match="parts"):
        list(store.records(parts=("speeches",)))
    with pytest.raises(ValueError, match="reviewed"):
        list(store.records(parts=("events",), reviewed=False))
