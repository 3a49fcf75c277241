"""A save adds its article to the summary tables without reading the rest of the store;
whatever the sequence of saves and reviews, the tables are those a full rebuild gives."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, select

from dragoman.errors import ReviewError
from dragoman.models import Actor, Article, ArticleRecord, Assessment, Position
from dragoman.store import Store
from dragoman.store.schema import assessment_sides, position_cells

PARTIES = ("Russia", "Ukraine")
PEOPLE = {"Russia": "Dmitry Peskov", "Ukraine": "Mykhailo Podolyak"}
ISSUES = ("ceasefire", "neutrality", "territory")
SUBJECTS = (None, "Crimea")
STANCES = ("propose", "demand", "accept", "reject", "concede")
DAYS = (None, dt.date(2022, 3, 28), dt.date(2022, 3, 29), dt.date(2022, 4, 2))


def cells(store: Store) -> list[tuple[Any, ...]]:
    """The matrix summary, without the table's own row ids."""
    with store.engine.connect() as connection:
        rows = connection.execute(select(position_cells)).mappings()
        found = [tuple(v for k, v in r.items() if k != "id") for r in rows]
    return sorted(found, key=repr)


def sides(store: Store) -> list[tuple[Any, ...]]:
    with store.engine.connect() as connection:
        return sorted(connection.execute(select(assessment_sides)).tuples(), key=repr)


def summaries(store: Store) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    return cells(store), sides(store)


def rebuilt(store: Store) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    store.rebuild_summaries()
    return summaries(store)


def briefing(n: int, published: dt.date | None, stances: list[tuple[int, int, int, int, int]],
             judges: list[tuple[int, bool]]) -> ArticleRecord:  # fmt: skip
    """A made-up briefing: the stances each party took, and how the talks went."""
    body = (
        f"Briefing {n}. The two delegations spoke again by video link on Monday. Moscow "
        "said a pause in the fighting was possible; Kyiv said the guarantees came first. "
        "Both sides described the exchange as difficult but useful."
    )
    positions = [
        Position(
            party=PARTIES[p], issue=ISSUES[i], subject=SUBJECTS[s], stance=STANCES[k],
            reported_by=PEOPLE[PARTIES[p]], date=DAYS[d], summary="a stance",
            start=10 * j, end=10 * j + 9,
        )
        for j, (p, i, s, k, d) in enumerate(stances)
    ]  # fmt: skip
    assessments = [
        Assessment(actor=PEOPLE[PARTIES[p]] if person else PARTIES[p],
                   polarity="negative" if p else "positive", date=DAYS[j % len(DAYS)],
                   start=j, end=j + 20)
        for j, (p, person) in enumerate(judges)
    ]  # fmt: skip
    return ArticleRecord(
        article=Article(body=body, source=f"briefing-{n}.txt", published=published),
        actors=[
            Actor(name=PEOPLE["Russia"], kind="person", party="Russia"),
            Actor(name=PEOPLE["Ukraine"], kind="person", party="Ukraine"),
            Actor(name="Russia", kind="party"),
        ],
        positions=positions,
        assessments=assessments,
    )


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty, migrated store, copied for each example (migrating is the slow part)."""
    path = tmp_path_factory.mktemp("summaries") / "empty.db"
    Store.open(path).close()
    return path


@pytest.fixture
def store(store_url: Path | str) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        yield opened


def _ids(store: Store, table: str) -> list[int]:
    with store.engine.connect() as connection:
        return list(connection.exec_driver_sql(f"SELECT id FROM {table} ORDER BY id").scalars())


def test_a_save_counts_its_stances_and_keeps_the_latest(store: Store) -> None:
    first = briefing(1, dt.date(2022, 3, 29), [(0, 0, 0, 0, 2), (0, 0, 0, 3, 0)], [(0, True)])
    later = briefing(2, dt.date(2022, 4, 2), [(0, 0, 0, 2, 0)], [(1, True), (0, False)])
    earlier = briefing(3, dt.date(2022, 3, 20), [(0, 0, 0, 1, 1)], [])
    for record in (first, later, earlier):
        assert store.save(record)
    (cell,) = store.position_cells()
    assert (cell["party"], cell["issue"], cell["reports"]) == ("Russia", "ceasefire", 4)
    # The dated stance of 29 March outranks every undated one, later reports' too.
    assert cell["stance"] == "propose" and cell["day"] == dt.date(2022, 3, 29)
    assert summaries(store) == rebuilt(store)


def test_a_save_reads_only_its_own_rows_and_cells(store: Store) -> None:
    for n in range(30):
        store.save(briefing(n, dt.date(2022, 3, 1) + dt.timedelta(days=n),
                            [(n % 2, n % 3, 0, n % 5, n % 4)], [(n % 2, True)]))  # fmt: skip
    statements: list[str] = []
    listen = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(store.engine, "before_cursor_execute", listen)
    try:
        store.save(briefing(99, dt.date(2022, 5, 1), [(0, 1, 0, 2, 2)], [(1, True)]))
    finally:
        event.remove(store.engine, "before_cursor_execute", listen)
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    reads = [s for s in reads if "pg_advisory_xact_lock" not in s]  # PostgreSQL's turns
    # Never the corrections, never a table scanned whole: each read names its article or
    # its cell.
    assert not any("corrections" in s for s in reads)
    assert all("WHERE" in s for s in reads), reads
    assert summaries(store) == rebuilt(store)


Stance = tuple[int, int, int, int, int]
stance = st.tuples(
    st.integers(0, 1), st.integers(0, 2), st.integers(0, 1), st.integers(0, 4), st.integers(0, 3)
)
record_plan = st.tuples(
    st.sampled_from(DAYS),
    st.lists(stance, max_size=3),
    st.lists(st.tuples(st.integers(0, 1), st.booleans()), max_size=2),
)
#: A review of a position: reject, or correct a field to a value of the small vocabulary.
review_plan = st.one_of(
    st.tuples(st.just("reject"), st.just(None), st.just(None)),
    st.tuples(st.just("correct"), st.just("party"), st.sampled_from(PARTIES)),
    st.tuples(st.just("correct"), st.just("issue"), st.sampled_from(ISSUES)),
    st.tuples(st.just("correct"), st.just("subject"), st.sampled_from(SUBJECTS)),
    st.tuples(st.just("correct"), st.just("stance"), st.sampled_from(STANCES)),
    st.tuples(st.just("correct"), st.just("date"), st.sampled_from(DAYS)),
    st.tuples(st.just("correct"), st.just("start"), st.integers(0, 60)),
)


def _change(name: str, value: Any) -> dict[str, Any]:
    """A correction as a form sends it: dates as text, the evidence moved whole."""
    if name == "start":
        return {"start": value, "end": value + 9}
    return {name: value.isoformat() if isinstance(value, dt.date) else value}


step = st.one_of(
    st.tuples(st.just("save"), record_plan),
    st.tuples(st.just("review"), st.integers(0, 50), review_plan),
    st.tuples(st.just("judge"), st.integers(0, 50), st.sampled_from(["reject", "Russia"])),
    st.tuples(st.just("add"), st.integers(0, 50), stance),
)


def _run(store: Store, steps: list[Any]) -> None:
    saved = 0
    for kind, *args in steps:
        if kind == "save":
            published, stances, judges = args[0]
            store.save(briefing(saved, published, stances, judges))
            saved += 1
            continue
        if kind == "add":
            ids = [a.id for a in store.articles()]
            if ids:
                p, i, s, k, d = args[1]
                fields = {"party": PARTIES[p], "issue": ISSUES[i], "subject": SUBJECTS[s],
                          "stance": STANCES[k], "start": 0, "end": 9,
                          **_change("date", DAYS[d])}  # fmt: skip
                store.add("positions", ids[args[0] % len(ids)], fields, "ana")
            continue
        table = "positions" if kind == "review" else "assessments"
        ids = _ids(store, table)
        if not ids:
            continue
        row = ids[args[0] % len(ids)]
        if kind == "judge":
            action, value = args[1], args[1]
            change = None if action == "reject" else {"actor": value}
            action = "reject" if action == "reject" else "correct"
        else:
            action, name, value = args[1]
            change = None if action == "reject" else _change(name, value)
        try:
            store.review(table, row, action, "ana", change)
        except ReviewError as e:  # a correction that changes nothing
            assert "already shown" in str(e), e


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(steps=st.lists(step, min_size=1, max_size=12))
def test_saves_and_reviews_keep_the_summaries_as_a_rebuild_makes_them(
    backend: str,
    empty: Path,
    tmp_path_factory: pytest.TempPathFactory,
    request: pytest.FixtureRequest,
    steps: list[Any],
) -> None:
    if backend == "sqlite":
        target: Path | str = tmp_path_factory.mktemp("example") / "store.db"
        shutil.copyfile(empty, target)
    else:  # an emptied schema: a few milliseconds
        target = request.getfixturevalue("postgres").fresh()
    with Store.open(target) as store:
        _run(store, steps)
        assert summaries(store) == rebuilt(store)


def _save_briefings(url: str, first: int) -> None:
    with Store.open(url) as store:
        for n in range(first, first + 15):
            stances = [(0, 0, 0, n % 5, n % 4), (1, 0, 0, (n + 1) % 5, 0)]
            store.save(briefing(n, dt.date(2022, 3, 1) + dt.timedelta(days=n % 9), stances, []))


def test_writers_at_once_on_postgresql_count_every_stance(postgres: Any) -> None:
    """Two processes saving stances of the same cells at once (PostgreSQL lets them):
    no report is lost from a count, no cell is made twice."""
    url = postgres.fresh()
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_save_briefings, args=(url, k * 100)) for k in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    with Store.open(url) as store:
        assert sum(c["reports"] for c in store.position_cells()) == 60
        assert summaries(store) == rebuilt(store)
