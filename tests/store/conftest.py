"""Fixtures for the store tests: a fresh SQLite file per test and full records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dragoman.models import (
    Actor,
    Article,
    ArticleRecord,
    Assessment,
    Event,
    Position,
    Quote,
)
from dragoman.store import Store

MakeRecord = Callable[..., ArticleRecord]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "dragoman.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path) as opened:
        yield opened


def full_record(
    body: str = "Talks in Istanbul ended after three hours, Russia's Medinsky said.",
    source: str = "reports/istanbul.txt",
    published: dt.date | None = dt.date(2022, 3, 29),
) -> ArticleRecord:
    """A record in which every field of every dataclass has a non-default value."""
    article = Article(
        body=body,
        source=source,
        outlet="Example Wire",
        url="https://example.org/istanbul",
        published=published,
        title="Talks in Istanbul — «progress»",
        caption="Delegations at Dolmabahçe Palace",
        credit="Photo: A. N. Other",
        language="en",
    )
    return ArticleRecord(
        article=article,
        actors=[
            Actor(
                name="Vladimir Medinsky",
                kind="person",
                aliases=["Medinsky", "Russia's chief negotiator"],
                role="chief negotiator",
                party="Russia",
                mentions=[(43, 51), (80, 88)],
                confidence=0.9,
            ),
            Actor(name="Russia", kind="party", aliases=["Moscow"], mentions=[(0, 6)]),
            Actor(name="Ukraine", kind="party", party=None, confidence=0.75),
        ],
        quotes=[
            Quote(
                text="Talks in Istanbul ended after three hours",
                kind="indirect",
                speaker="Vladimir Medinsky",
                cue="said",
                date=dt.date(2022, 3, 29),
                start=2,
                end=41,
                anonymous=False,
                speaker_text="Medinsky",
                confidence=0.8,
            ),
            Quote(
                text="the talks were “constructive”",
                kind="mixed",
                speaker="anonymous",
                cue="according to",
                date=None,
                start=50,
                end=79,
                anonymous=True,
                speaker_text="a source close to the talks",
                confidence=0.4,
            ),
        ],
        events=[
            Event(
                type="talks_round",
                status="happened",
                date=dt.date(2022, 3, 29),
                place="Istanbul",
                participants=["Russia", "Ukraine"],
                start=1,
                end=17,
                confidence=0.7,
                country="Turkey",
            )
        ],
        positions=[
            Position(
                party="Ukraine",
                issue="neutrality",
                stance="propose",
                subject="permanent neutrality",
                summary="proposed neutral status",
                reported_by="Vladimir Medinsky",
                date=dt.date(2022, 3, 29),
                start=10,
                end=30,
                confidence=0.6,
            ),
            Position(party="Russia", issue="territory", stance="demand", subject="Crimea"),
        ],
        assessments=[
            Assessment(
                actor="Vladimir Medinsky",
                polarity="positive",
                date=dt.date(2022, 3, 29),
                summary="constructive talks",
                start=50,
                end=79,
                confidence=0.55,
            )
        ],
    )


@pytest.fixture
def make_record() -> MakeRecord:
    return full_record
