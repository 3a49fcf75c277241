"""Saving is idempotent per article and all-or-nothing per record."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from dragoman.errors import StoreError
from dragoman.models import Article, ArticleRecord, Quote
from dragoman.store import Store
from dragoman.store.schema import CHILD_TABLES, articles, quotes

MakeRecord = Callable[..., ArticleRecord]
Refuse = Callable[..., Callable[[], None]]


def row_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (articles, *CHILD_TABLES)
        }


def test_saving_twice_is_a_no_op(store: Store, make_record: MakeRecord) -> None:
    record = make_record()
    assert store.save(record) is True
    counts = row_counts(store)
    assert counts == {
        "articles": 1, "actors": 3, "quotes": 2, "events": 1, "positions": 2, "assessments": 1
    }  # fmt: skip
    assert store.save(record) is False
    assert row_counts(store) == counts


def test_same_body_from_another_source_is_a_no_op(store: Store, make_record: MakeRecord) -> None:
    first = make_record(source="crawler-a/report.txt")
    # The same report as another crawler saved it: other file, curly quotes, spacing.
    body = first.article.body.replace("Talks", "Talks ").replace("'", "\u2019")
    second = make_record(body=body + "\n", source="crawler-b/copy.html")
    assert second.article.id == first.article.id
    assert store.save(first) is True
    counts = row_counts(store)
    assert store.save(second) is False
    assert row_counts(store) == counts
    loaded = store.load(first.article.id)
    assert loaded is not None
    assert loaded.article.source == "crawler-a/report.txt"


def test_a_bad_value_saves_nothing_and_names_the_source(
    store: Store, make_record: MakeRecord
) -> None:
    record = make_record(source="reports/bad.txt")
    bad_text: Any = {"not": "a string"}
    record.quotes.append(Quote(text=bad_text, kind="direct", speaker="Peskov"))
    with pytest.raises(StoreError) as info:
        store.save(record)
    assert info.value.source == "reports/bad.txt"
    assert "Quote.text" in str(info.value)
    assert "reports/bad.txt" in str(info.value)
    assert set(row_counts(store).values()) == {0}
    assert not store.has(record.article.id)

    good = make_record(body="Another report entirely.")
    assert store.save(good) is True
    assert store.load(good.article.id) == good


@pytest.mark.parametrize(
    ("field", "value"),
    [("start", "12"), ("confidence", None), ("date", "2022-03-29"), ("anonymous", "no")],
)
def test_values_of_the_wrong_type_are_refused(
    store: Store, make_record: MakeRecord, field: str, value: object
) -> None:
    record = make_record()
    record.quotes[0] = dataclasses.replace(record.quotes[0], **{field: value})
    with pytest.raises(StoreError, match=f"Quote.{field}"):
        store.save(record)
    assert not store.has(record.article.id)


def test_a_failure_midway_rolls_back_everything(
    store: Store, make_record: MakeRecord, refuse: Refuse
) -> None:
    # A trigger makes the database itself refuse the second quote, after the article,
    # the actors and the first quote have been written inside the transaction.
    allow = refuse("quotes", when="NEW.kind = 'mixed'")
    record = make_record(source="reports/midway.txt")
    with pytest.raises(StoreError) as info:
        store.save(record)
    assert info.value.source == "reports/midway.txt"
    assert isinstance(info.value.__cause__, IntegrityError)
    assert set(row_counts(store).values()) == {0}

    other = make_record(body="A second report.")
    other.quotes = [q for q in other.quotes if q.kind != "mixed"]
    assert store.save(other) is True

    allow()
    assert store.save(record) is True
    assert store.load(record.article.id) == record


def test_child_rows_need_their_article(store: Store) -> None:
    """Foreign keys are enforced, so no row can point at a missing article."""
    row = {
        "article_id": "does-not-exist", "text": "x", "kind": "direct",
        "start_offset": 0, "end_offset": 1, "anonymous": False, "confidence": 0.5,
    }  # fmt: skip
    with pytest.raises(IntegrityError), store.engine.begin() as connection:
        connection.execute(quotes.insert(), row)


def test_a_source_less_article_is_named_by_its_id(store: Store) -> None:
    article = Article(body="Nameless report.")
    bad_kind: Any = 3
    record = ArticleRecord(article=article, quotes=[Quote(text="x", kind=bad_kind)])
    with pytest.raises(StoreError) as info:
        store.save(record)
    assert info.value.source == article.id
