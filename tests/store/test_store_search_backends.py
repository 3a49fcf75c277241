"""Search finds the same quotes and reports on SQLite (FTS5) and on PostgreSQL (GIN
indexes over the same fields, migration 0006): every word, the last also as a prefix,
in a quote's text and speaker or a report's title and body. The PostgreSQL half runs
where DRAGOMAN_TEST_POSTGRES_URL is set (tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from dragoman import api
from dragoman.models import Article, ArticleRecord, Quote
from dragoman.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

REPORTS = [
    ("Talks in Vienna", "Omar Saleh", "The ceasefire must hold along the river, Saleh said."),
    ("Round two", "Lena Voss", "We will not discuss the dam before the prisoners are home."),
    ("Toward a deal", "Ana Petrel", "Progress toward a settlement was slow but real."),
    ("Ceasefire talk", "Omar Saleh", "A truce is the first step; the warfare has to end."),
    ("U.N. envoy", "Ivo Marr", "The U.N. plan, version 2.5, reached envoys at talks@un.org."),
]
QUERIES = [
    "Saleh", "ceasefire", "war", "war end", "ceasef", "dam prisoners", "toward", "nothing",
    "U N", "2 5", "un org", "envoy",
]  # fmt: skip
#: Searches of the example corpus: names, issue words, a prefix, several words.
EXAMPLE_QUERIES = [
    "Medinsky", "Peskov", "neutrality", "security guarantees", "Crimea", "NATO",
    "negotiat", "ceasefire", "Istanbul talks", "Russia Ukraine", "humanitarian corr",
]  # fmt: skip


def _fill(store: Store) -> None:
    for number, (title, speaker, words) in enumerate(REPORTS):
        body = f"{words} Reported from the talks, item {number}."
        article = Article(
            body=body, title=title, source=f"r{number}.txt", published=dt.date(2031, 5, number + 1)
        )
        quote = Quote(speaker=speaker, text=words, kind="indirect", start=0, end=len(words))
        store.save(ArticleRecord(article, quotes=[quote]))


def _results(store: Store, queries: list[str]) -> dict[str, tuple[list[Any], list[Any]]]:
    """What each query finds, in an order of its own (the ranks differ: bm25, ts_rank)."""
    return {
        query: (
            sorted(
                (r["source"], r["start"], r["speaker"], r["text"])
                for r in store.search_quotes(query, 500)
            ),
            sorted((r["source"], r["title"]) for r in store.search_articles(query, 500)),
        )
        for query in queries
    }


@pytest.fixture
def postgres_store(postgres: Any) -> Iterator[Store]:
    with Store.open(postgres.fresh()) as store:
        yield store


def test_search_reads_whole_words_and_the_speaker_on_sqlite(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        _fill(store)
        found = _results(store, QUERIES)
    assert len(found["Saleh"][0]) == 2  # the speaker is searched, not only the words
    # The last word is a prefix ("warfare"), never the inside of a word ("toward");
    # a word before the last is a whole word.
    assert [q[3] for q in found["war"][0]] == ["A truce is the first step; the warfare has to end."]
    assert found["war end"] == ([], [])
    assert [a[1] for a in found["ceasef"][1]] == ["Talks in Vienna", "Ceasefire talk"]
    # Punctuation separates words: "U.N." is u and n, "2.5" is 2 and 5.
    assert len(found["U N"][0]) == len(found["2 5"][0]) == len(found["un org"][0]) == 1


def test_both_backends_find_the_same(tmp_path: Path, postgres_store: Store) -> None:
    with Store.open(tmp_path / "s.db") as sqlite_store:
        _fill(sqlite_store)
        expected = _results(sqlite_store, QUERIES)
    _fill(postgres_store)
    assert _results(postgres_store, QUERIES) == expected


@pytest.fixture(scope="module")
def example_stores(tmp_path_factory: pytest.TempPathFactory, postgres: Any) -> tuple[Path, str]:
    """examples/ ingested through the real pipeline into each backend."""
    sqlite = tmp_path_factory.mktemp("examples") / "examples.db"
    postgresql = postgres.fresh("examples")
    for target in (sqlite, postgresql):
        result = api.ingest_paths([EXAMPLES], target)
        assert result.ok and result.added == 14, result.failed
    return sqlite, postgresql


@pytest.mark.model
def test_the_example_corpus_gives_the_same_results_on_both_backends(
    example_stores: tuple[Path, str],
) -> None:
    found = []
    for target in example_stores:
        with Store.open(target) as store:
            results = _results(store, EXAMPLE_QUERIES)
            totals = [
                (store.search_quote_page(q, 1, 5)[1], store.search_article_page(q, 1, 5)[1])
                for q in EXAMPLE_QUERIES
            ]
        found.append((results, totals))
    (sqlite, sqlite_totals), (postgresql, postgresql_totals) = found
    for query in EXAMPLE_QUERIES:
        assert postgresql[query] == sqlite[query], query
    assert postgresql_totals == sqlite_totals
    # The searches are not vacuous: names, issue words and prefixes find quotes.
    assert all(sqlite[q][1] for q in EXAMPLE_QUERIES)
    assert all(sqlite[q][0] for q in ("Medinsky", "Peskov", "neutrality", "negotiat"))


def _explained(store: Store, search: Any) -> str:
    """The plans of the full-text statements that ``search()`` runs, with sequential
    and plain index scans off: in a table this small, reading it whole (or newest
    first, checking each row) costs as little, so this asks whether the GIN index can
    answer the search at all (the column and the operator match it)."""
    run: list[tuple[str, Any]] = []

    def keep(_c: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if "search_words" in statement:
            run.append((statement, params))

    event.listen(store.engine, "before_cursor_execute", keep)
    try:
        search()
    finally:
        event.remove(store.engine, "before_cursor_execute", keep)
    assert run, "the search did not read the column of words"
    with store.engine.connect() as connection:
        connection.exec_driver_sql("SET enable_seqscan = off")
        connection.exec_driver_sql("SET enable_indexscan = off")
        plans = [
            "\n".join(connection.exec_driver_sql(f"EXPLAIN {s}", p).scalars()) for s, p in run
        ]
    return "\n".join(plans)


def test_postgres_search_uses_the_gin_indexes(postgres_store: Store) -> None:
    _fill(postgres_store)
    quotes = _explained(postgres_store, lambda: postgres_store.search_quotes("ceasef", 10))
    assert "Bitmap Index Scan on ix_quotes_search" in quotes
    articles = _explained(
        postgres_store, lambda: postgres_store.search_article_page("river talks", 1, 10)
    )
    assert "Bitmap Index Scan on ix_articles_search" in articles
    assert "Seq Scan on articles" not in articles


def test_a_body_of_more_words_than_a_tsvector_holds_is_stored_and_found(
    store: Store,
) -> None:
    # 1.3 MB of distinct words: more than PostgreSQL's 1 MB tsvector. PostgreSQL
    # indexes the first 150,000 characters instead of refusing the report.
    words = [f"w{n:07d}x" for n in range(130_000)]
    body = "Talks resumed. " + " ".join(words)
    article = Article(body=body, title="A long list", source="long.txt")
    assert store.save(ArticleRecord(article)) is True
    assert [r["source"] for r in store.search_articles("w0000042x", 5)] == ["long.txt"]
    assert [r["source"] for r in store.search_articles("Talks resumed", 5)] == ["long.txt"]
