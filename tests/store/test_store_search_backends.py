"""Search finds the same quotes and reports on SQLite (FTS5) and on PostgreSQL (whole
words, the last as a prefix, over the same fields: a quote's text and speaker, a
report's title and body). The PostgreSQL half runs where DRAGOMAN_TEST_POSTGRES_URL is
set, in a database of its own."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from dragoman.models import Article, ArticleRecord, Quote
from dragoman.store import Store

URL = os.environ.get("DRAGOMAN_TEST_POSTGRES_URL")

REPORTS = [
    ("Talks in Vienna", "Omar Saleh", "The ceasefire must hold along the river, Saleh said."),
    ("Round two", "Lena Voss", "We will not discuss the dam before the prisoners are home."),
    ("Toward a deal", "Ana Petrel", "Progress toward a settlement was slow but real."),
    ("Ceasefire talk", "Omar Saleh", "A truce is the first step; the warfare has to end."),
]
QUERIES = [
    "Saleh", "ceasefire", "war", "war end", "ceasef", "dam prisoners", "toward", "nothing",
]  # fmt: skip


def _fill(store: Store) -> None:
    for number, (title, speaker, words) in enumerate(REPORTS):
        body = f"{words} Reported from the talks, item {number}."
        article = Article(
            body=body, title=title, source=f"r{number}.txt", published=dt.date(2031, 5, number + 1)
        )
        quote = Quote(speaker=speaker, text=words, kind="indirect", start=0, end=len(words))
        store.save(ArticleRecord(article, quotes=[quote]))


def _results(store: Store) -> dict[str, tuple[list[str], list[str]]]:
    return {
        query: (
            sorted(row["text"] for row in store.search_quotes(query, 50)),
            sorted(row["title"] for row in store.search_articles(query, 50)),
        )
        for query in QUERIES
    }


@pytest.fixture
def postgres_store() -> Iterator[Store]:
    if not URL:
        pytest.skip("DRAGOMAN_TEST_POSTGRES_URL is not set")
    name = f"dragoman_search_{uuid.uuid4().hex[:12]}"
    admin = create_engine(URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    store = Store.open(make_url(URL).set(database=name).render_as_string(hide_password=False))
    try:
        yield store
    finally:
        store.close()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_search_reads_whole_words_and_the_speaker_on_sqlite(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        _fill(store)
        found = _results(store)
    assert len(found["Saleh"][0]) == 2  # the speaker is searched, not only the words
    # The last word is a prefix ("warfare"), never the inside of a word ("toward");
    # a word before the last is a whole word.
    assert found["war"][0] == ["A truce is the first step; the warfare has to end."]
    assert found["war end"] == ([], [])
    assert found["ceasef"][1] == ["Ceasefire talk", "Talks in Vienna"]  # title or body


def test_both_backends_find_the_same(tmp_path: Path, postgres_store: Store) -> None:
    with Store.open(tmp_path / "s.db") as sqlite_store:
        _fill(sqlite_store)
        expected = _results(sqlite_store)
    _fill(postgres_store)
    assert _results(postgres_store) == expected
