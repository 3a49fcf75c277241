"""The summary and the quote finder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from dragoman.models import Actor, Article, ArticleRecord, Quote
from dragoman.store import Store

MakeRecord = Callable[..., ArticleRecord]


def report(
    body: str,
    published: dt.date | None,
    quotes: list[Quote],
    actors: list[Actor] | None = None,
) -> ArticleRecord:
    article = Article(body=body, source=f"reports/{body[:8]}.txt", published=published,
                      title=body[:20])  # fmt: skip
    return ArticleRecord(article=article, actors=actors or [], quotes=quotes)


PESKOV = Actor(name="Dmitry Peskov", kind="person", party="Russia")
PODOLYAK = Actor(name="Mykhailo Podolyak", kind="person", party="Ukraine")


@pytest.fixture
def filled(store: Store) -> Store:
    store.save(report(
        "First report.", dt.date(2022, 3, 1),
        [
            Quote(text="We see no progress", kind="direct", speaker="Dmitry Peskov"),
            Quote(text="Talks go on", kind="indirect", speaker="Mykhailo Podolyak",
                  date=dt.date(2022, 2, 27)),
            Quote(text="Moscow wants more", kind="indirect", speaker="anonymous",
                  anonymous=True),
        ],
        [PESKOV, PODOLYAK],
    ))  # fmt: skip
    store.save(report(
        "Second report.", dt.date(2022, 3, 15),
        [
            Quote(text="Some progress", kind="mixed", speaker="Dmitry Peskov"),
            Quote(text="Ukraine will stay neutral", kind="indirect", speaker="Ukraine"),
            Quote(text="Unattributed", kind="direct", speaker=None),
        ],
        [PESKOV, Actor(name="Ukraine", kind="party")],
    ))  # fmt: skip
    store.save(report(
        "Undated report.", None,
        [Quote(text="Nothing to add", kind="direct", speaker="Dmitry Peskov")],
        [PESKOV],
    ))  # fmt: skip
    return store


def texts(rows: list[dict[str, object]]) -> list[object]:
    return [row["text"] for row in rows]


def test_summary_of_an_empty_store(store: Store) -> None:
    assert store.summary() == {
        "counts": dict.fromkeys(
            ["articles", "actors", "quotes", "events", "positions", "assessments"], 0
        ),
        "published": {"first": None, "last": None},
        "top_speakers": [],
        "parties": [],
        "sample_source": None,
    }


def test_summary_counts_and_ranges(store: Store, make_record: MakeRecord) -> None:
    store.save(make_record())
    store.save(make_record(body="Later report.", published=dt.date(2022, 4, 5)))
    store.save(make_record(body="Undated report.", published=None))
    summary = store.summary()
    assert summary["counts"] == {
        "articles": 3, "actors": 9, "quotes": 6, "events": 3, "positions": 6, "assessments": 3,
    }  # fmt: skip
    assert summary["published"] == {"first": dt.date(2022, 3, 29), "last": dt.date(2022, 4, 5)}
    # The anonymous source is not a speaker.
    assert summary["top_speakers"] == [("Vladimir Medinsky", 3)]
    # Parties named as actors or holding positions.
    assert summary["parties"] == ["Russia", "Ukraine"]


def test_top_speakers_are_ranked_by_count_then_name(filled: Store) -> None:
    assert filled.summary()["top_speakers"] == [
        ("Dmitry Peskov", 3), ("Mykhailo Podolyak", 1), ("Ukraine", 1),
    ]  # fmt: skip


def test_quotes_carry_their_article(filled: Store) -> None:
    rows = filled.quotes()
    assert len(rows) == 7
    first = rows[0]
    assert first["text"] == "Talks go on"  # dated 27 February, before any publication
    assert first["published"] == dt.date(2022, 3, 1)
    assert first["title"] == "First report."
    assert first["source"] == "reports/First re.txt"
    assert first["date"] == dt.date(2022, 2, 27)
    assert {"start", "end", "speaker", "kind", "cue", "anonymous", "confidence"} <= set(first)
    assert "start_offset" not in first
    assert rows[-1]["text"] == "Nothing to add"  # undated quote in an undated article


def test_quotes_by_speaker(filled: Store) -> None:
    assert texts(filled.quotes(speaker="Dmitry Peskov")) == [
        "We see no progress", "Some progress", "Nothing to add",
    ]  # fmt: skip
    assert filled.quotes(speaker="Nobody") == []


def test_quotes_by_party(filled: Store) -> None:
    # Podolyak belongs to Ukraine; "Ukraine" also speaks as a party.
    assert texts(filled.quotes(party="Ukraine")) == ["Talks go on", "Ukraine will stay neutral"]
    assert texts(filled.quotes(party="Russia")) == [
        "We see no progress", "Some progress", "Nothing to add",
    ]  # fmt: skip


def test_quotes_by_date_use_the_quote_date_or_the_publication(filled: Store) -> None:
    assert texts(filled.quotes(since=dt.date(2022, 3, 1), until=dt.date(2022, 3, 1))) == [
        "We see no progress", "Moscow wants more",
    ]  # fmt: skip
    assert texts(filled.quotes(until=dt.date(2022, 2, 28))) == ["Talks go on"]
    assert len(filled.quotes(since=dt.date(2022, 3, 2))) == 3


def test_filters_combine(filled: Store) -> None:
    rows = filled.quotes(speaker="Dmitry Peskov", party="Russia", since=dt.date(2022, 3, 10))
    assert texts(rows) == ["Some progress"]


def test_filters_are_bound_parameters(filled: Store) -> None:
    assert filled.quotes(speaker="x' OR '1'='1") == []
    assert filled.quotes(party="') OR 1=1 --") == []
    assert filled.summary()["counts"]["quotes"] == 7
