"""Fixtures for the record tests: articles written by hand for these tests, saved
into a real store and read back, as the record functions meet them: on SQLite, and on
PostgreSQL where DRAGOMAN_TEST_POSTGRES_URL is set (``store_url``, tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from dragoman.models import Actor, Article, ArticleRecord
from dragoman.store import Store

Stored = Callable[[Sequence[ArticleRecord]], list[ArticleRecord]]


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def span(body: str, phrase: str) -> dict[str, int]:
    """``start``/``end`` of ``phrase`` in ``body``, as keyword arguments."""
    start = body.index(phrase)
    return {"start": start, "end": start + len(phrase)}


def article(body: str, source: str, published: str | None) -> Article:
    return Article(
        body=body,
        source=source,
        outlet="Example Wire",
        published=day(published) if published else None,
        title=source.removesuffix(".txt").replace("-", " "),
    )


def person(name: str, party: str) -> Actor:
    return Actor(name=name, kind="person", party=party)


@pytest.fixture
def stored(store_url: Path | str) -> Stored:
    """Save records into a fresh store and give back what the store returns."""

    def save_and_read(records: Sequence[ArticleRecord]) -> list[ArticleRecord]:
        with Store.open(store_url) as store:
            for record in records:
                assert store.save(record) is True
            return list(store.records())

    return save_and_read
