"""The same store on PostgreSQL; runs only where DRAGOMAN_TEST_POSTGRES_URL is set.

For example ``DRAGOMAN_TEST_POSTGRES_URL=postgresql+psycopg://user@localhost/test``
(install the ``postgres`` extra). The database is migrated and left in place; each
test uses a unique article body and removes what it saved.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import delete, func, select

from dragoman.errors import StoreError
from dragoman.models import ArticleRecord, Quote
from dragoman.store import Store, migrate
from dragoman.store.schema import articles, include_in_comparison, metadata, quotes

URL = os.environ.get("DRAGOMAN_TEST_POSTGRES_URL")

pytestmark = pytest.mark.skipif(not URL, reason="DRAGOMAN_TEST_POSTGRES_URL is not set")

MakeRecord = Callable[..., ArticleRecord]


@pytest.fixture
def pg_store() -> Iterator[Store]:
    assert URL is not None
    with Store.open(URL) as store:
        yield store


@pytest.fixture
def unique(make_record: MakeRecord, pg_store: Store) -> Iterator[ArticleRecord]:
    tag = uuid.uuid4().hex
    record = make_record(body=f"Report {tag}: talks in Istanbul.", source=f"pg/{tag}.txt")
    # Tagged names, so that rows left by other runs cannot match the filters.
    for quote in record.quotes:
        quote.speaker = f"{quote.speaker} {tag}"
    for actor in record.actors:
        actor.name = f"{actor.name} {tag}"
    yield record
    with pg_store.engine.begin() as connection:  # children go by ON DELETE CASCADE
        connection.execute(delete(articles).where(articles.c.id == record.article.id))


def test_postgres_is_at_head(pg_store: Store) -> None:
    assert pg_store.engine.dialect.name == "postgresql"
    assert migrate.current(pg_store.engine) == migrate.head()
    Store.open(URL or "").close()  # reopening is a no-op
    with pg_store.engine.connect() as connection:
        # The GIN search indexes (0006) are made by hand, like the FTS5 tables.
        opts = {"compare_type": True, "include_name": include_in_comparison}
        context = MigrationContext.configure(connection, opts=opts)
        assert compare_metadata(context, metadata) == []


def test_postgres_round_trip_and_idempotence(pg_store: Store, unique: ArticleRecord) -> None:
    assert pg_store.save(unique) is True
    assert pg_store.save(unique) is False
    assert pg_store.load(unique.article.id) == unique
    speaker = unique.quotes[0].speaker
    rows = pg_store.quotes(speaker=speaker, party="Russia", since=dt.date(2022, 3, 29))
    assert [r["text"] for r in rows] == [unique.quotes[0].text]
    assert rows[0]["published"] == dt.date(2022, 3, 29)
    assert pg_store.summary()["counts"]["articles"] >= 1


def test_postgres_failure_rolls_back(pg_store: Store, unique: ArticleRecord) -> None:
    bad_text: object = 42
    unique.quotes.append(Quote(text=bad_text, kind="direct"))  # type: ignore[arg-type]
    with pytest.raises(StoreError):
        pg_store.save(unique)
    with pg_store.engine.connect() as connection:
        count = select(func.count()).select_from(quotes)
        count = count.where(quotes.c.article_id == unique.article.id)
        assert connection.execute(count).scalar_one() == 0
    assert not pg_store.has(unique.article.id)
