"""``--actor``, ``--party`` and ``--issue`` take surnames, aliases and issue words, and
say on stderr what they matched (records written by hand: no model needed)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dragoman.models import Actor, Article, ArticleRecord, Event, Position
from dragoman.store import Store

from .conftest import Invoke

BODY = (
    "Sergey Lavrov met Ukrainian officials in Antalya on Thursday. "
    "Moscow demanded that Ukraine give up its bid to join NATO, Lavrov said."
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("find") / "find.db"
    article = Article(
        body=BODY,
        source="/home/analyst/reports/antalya.md",
        outlet="Example Wire",
        title="Lavrov meets Kuleba in Antalya",
        published=dt.date(2022, 3, 10),
    )
    demand = BODY.index("Moscow demanded")
    record = ArticleRecord(
        article,
        actors=[
            Actor(name="Sergey Lavrov", kind="person", party="Russia", aliases=["Lavrov"]),
            Actor(name="Russia", kind="party", aliases=["Moscow"]),
            Actor(name="Ukraine", kind="party", aliases=["Kyiv"]),
        ],
        events=[
            Event(
                type="talks",
                status="occurred",
                date=dt.date(2022, 3, 10),
                place="Antalya",
                participants=["Sergey Lavrov", "Ukraine"],
                start=0,
                end=40,
            )
        ],
        positions=[
            Position(
                party="Russia",
                issue="alliance_membership",
                stance="demand",
                summary="no NATO",
                reported_by="Sergey Lavrov",
                start=demand,
                end=len(BODY),
            )
        ],
    )
    with Store.open(path) as store:
        store.save(record)
    return path


def test_a_surname_finds_the_actor_and_stderr_says_so(invoke: Invoke, db: Path) -> None:
    result = invoke("timeline", "--db", db, "--actor", "Lavrov")
    assert result.exit_code == 0, result.output
    assert "Antalya" in result.stdout
    assert "--actor 'Lavrov' matched Sergey Lavrov (alias)" in result.stderr


def test_an_issue_word_finds_the_code(invoke: Invoke, db: Path) -> None:
    result = invoke("positions", "--db", db, "--issue", "NATO", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["count"] == 1 and data["filters"]["issue"] == "alliance_membership"
    assert "--issue 'NATO' matched alliance_membership (word)" in result.stderr


def test_a_party_alias_and_a_surname_together(invoke: Invoke, db: Path) -> None:
    result = invoke("positions", "--db", db, "--party", "Moscow", "--actor", "lavrov")
    assert result.exit_code == 0, result.output
    assert "alliance_membership" in result.stdout and "demand" in result.stdout
    assert "--party 'Moscow' matched Russia (alias)" in result.stderr


def test_the_exact_name_says_nothing_and_an_unknown_one_says_so(invoke: Invoke, db: Path) -> None:
    exact = invoke("timeline", "--db", db, "--actor", "Sergey Lavrov")
    assert exact.exit_code == 0 and exact.stderr == ""
    unknown = invoke("timeline", "--db", db, "--actor", "Blinken")
    assert unknown.exit_code == 0
    assert "--actor 'Blinken' matches no known actor" in unknown.stderr
    assert "No events" in unknown.stdout
