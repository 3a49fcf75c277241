"""Reviews are stored beside the machine's rows; the summaries and search follow them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select, text

from dragoman.errors import NotFound, ReviewError
from dragoman.models import ArticleRecord, Position
from dragoman.record import position_table
from dragoman.store import Store, migrate
from dragoman.store.schema import assessment_sides, corrections, position_cells, quotes

MakeRecord = Callable[..., ArticleRecord]


def _ids(store: Store, table: str) -> list[int]:
    with store.engine.connect() as connection:
        return list(connection.execute(text(f"SELECT id FROM {table} ORDER BY id")).scalars())


def _cells(store: Store) -> set[tuple[object, ...]]:
    with store.engine.connect() as connection:
        rows = connection.execute(select(position_cells)).mappings()
        return {(r["party"], r["issue"], r["subject"], r["position_id"], r["stance"], r["day"],
                 r["reports"]) for r in rows}  # fmt: skip


def _sides(store: Store) -> set[tuple[object, ...]]:
    with store.engine.connect() as connection:
        return set(connection.execute(select(assessment_sides)).tuples())


def _more(make_record: MakeRecord) -> list[ArticleRecord]:
    first = make_record()
    second = make_record(body="Kyiv accepted talks in Geneva.", source="b.txt",
                         published=dt.date(2022, 3, 30))  # fmt: skip
    second.positions = [
        Position("Ukraine", "neutrality", "reject", subject="permanent neutrality", start=0, end=4),
        Position("Ukraine", "neutrality", "accept", subject="permanent neutrality", start=5, end=9),
    ]
    third = make_record(body="An undated report.", source="c.txt", published=None)
    third.positions = [Position("Russia", "territory", "concede", subject="Crimea")]
    return [first, second, third]


def test_a_correction_never_changes_the_machine_row(store: Store, make_record: MakeRecord) -> None:
    record = make_record()
    store.save(record)
    quote_id = _ids(store, "quotes")[0]
    written = store.review("quotes", quote_id, "correct", "ana", {"speaker": "Dmitry Peskov"})
    assert [(c.field, c.old, c.new, c.who) for c in written] == [
        ("speaker", "Vladimir Medinsky", "Dmitry Peskov", "ana")
    ]
    assert store.load(record.article.id) == record
    reviewed = store.load(record.article.id, reviewed=True)
    assert reviewed is not None and reviewed.quotes[0].speaker == "Dmitry Peskov"
    assert next(store.records()).quotes[0].speaker == "Dmitry Peskov"
    assert next(store.records(reviewed=False)).quotes[0].speaker == "Vladimir Medinsky"
    with store.engine.connect() as connection:
        speaker = connection.execute(select(quotes.c.speaker).where(quotes.c.id == quote_id))
        assert speaker.scalar_one() == "Vladimir Medinsky"
        assert connection.execute(select(corrections.c.action)).scalars().all() == ["correct"]
    # A correction alone does not make the report reviewed (gold): marking it does.
    assert store.reviewed_ids() == []
    store.review("articles", record.article.id, "accept", "ana")
    assert store.reviewed_ids() == [record.article.id]


def test_rejected_extractions_leave_the_record(store: Store, make_record: MakeRecord) -> None:
    record = make_record()
    store.save(record)
    store.review("positions", _ids(store, "positions")[1], "reject", "ana")
    reviewed = store.load(record.article.id, reviewed=True)
    assert reviewed is not None and [p.party for p in reviewed.positions] == ["Ukraine"]
    found = store.load_reviewed(record.article.id)
    assert found is not None and [i.status for i in found.items["positions"]] == [
        "machine",
        "rejected",
    ]


def test_a_quote_text_correction_moves_its_offsets(store: Store, make_record: MakeRecord) -> None:
    record = make_record()
    store.save(record)
    quote_id = _ids(store, "quotes")[0]
    written = store.review("quotes", quote_id, "correct", "ana", {"text": "Russia's Medinsky said"})
    assert {c.field for c in written} == {"text", "start", "end"}
    reviewed = store.load(record.article.id, reviewed=True)
    assert reviewed is not None
    q = reviewed.quotes[0]
    assert record.article.body[q.start : q.end] == "Russia's Medinsky said"


@pytest.mark.parametrize(
    ("target", "action", "changes", "error"),
    [
        ("quotes", "correct", {"kind": "rumour"}, ReviewError),
        ("quotes", "correct", {"date": "29 March"}, ReviewError),
        ("quotes", "correct", {"confidence": 1}, ReviewError),
        ("quotes", "correct", {"text": ""}, ReviewError),
        ("quotes", "correct", {}, ReviewError),
        ("quotes", "correct", {"start": 0, "end": 10_000}, ReviewError),
        ("quotes", "delete", None, ReviewError),
        ("positions", "correct", {"stance": "maybe"}, ReviewError),
        ("speeches", "reject", None, NotFound),
    ],
)
def test_bad_reviews_are_refused(
    store: Store, make_record: MakeRecord, target: str, action: str, changes: dict | None,
    error: type[Exception],
) -> None:  # fmt: skip
    store.save(make_record())
    with pytest.raises(error):
        store.review(target, _ids(store, "quotes")[0], action, "ana", changes)
    with pytest.raises(ReviewError):
        store.review("quotes", _ids(store, "quotes")[0], "accept", "  ")
    with pytest.raises(NotFound):
        store.review("quotes", 999, "accept", "ana")


def test_the_cells_are_the_latest_of_the_position_table(
    store: Store, make_record: MakeRecord
) -> None:
    for record in _more(make_record):
        store.save(record)

    def check() -> None:
        states = position_table(store.records())
        with store.engine.connect() as connection:
            rows = connection.execute(select(position_cells)).mappings().all()
        cells = {(r["party"], r["issue"], r["subject"]): r for r in rows}
        assert set(cells) == {(s.party, s.issue, s.subject) for s in states}
        for s in states:
            cell = cells[(s.party, s.issue, s.subject)]
            assert (cell["stance"], cell["day"], cell["reports"]) == (
                s.stance,
                s.date,
                len(s.history),
            )

    check()
    ids = _ids(store, "positions")
    store.review("positions", ids[-2], "reject", "ana")
    check()
    store.review("positions", ids[0], "correct", "ana", {"party": "Russia", "date": "2022-04-01"})
    check()


def test_the_migration_fills_the_summaries_as_the_store_keeps_them(
    store_url: Path | str, make_record: MakeRecord
) -> None:
    with Store.open(store_url) as store:
        for record in _more(make_record):
            store.save(record)
        kept = (_cells(store), _sides(store))
        with store.engine.connect() as connection:
            config = migrate.alembic_config(connection)
            command.downgrade(config, "0001")
            command.upgrade(config, "head")
            connection.commit()
        filled = (_cells(store), _sides(store))
        assert {c[:3] + c[4:] for c in filled[0]} == {c[:3] + c[4:] for c in kept[0]}
        assert filled[1] == kept[1]
        store.rebuild_summaries()
        assert (_cells(store), _sides(store)) == filled
        assert _sides(store)  # Medinsky's assessment is Russia's


def test_full_text_search_follows_saves_and_corrections(
    store: Store, make_record: MakeRecord
) -> None:
    record = make_record()
    store.save(record)
    store.save(record)  # idempotent: not indexed twice
    assert [r["text"] for r in store.search_quotes("istanbul", 10)] == [record.quotes[0].text]
    assert len(store.search_articles("istanbul", 10)) == 1
    quote_id = _ids(store, "quotes")[0]
    assert store.search_quotes("Peskov", 10) == []
    store.review("quotes", quote_id, "correct", "ana", {"speaker": "Dmitry Peskov"})
    found = store.search_quotes("Peskov", 10)
    assert [(r["id"], r["speaker"], r["review"]) for r in found] == [
        (quote_id, "Dmitry Peskov", "corrected")
    ]
    # The machine's words no longer find it (the name it had is not the speaker's).
    assert [r["id"] for r in store.search_quotes("Vladimir", 10)] == []
    store.review("quotes", quote_id, "correct", "ana", {"text": "Talks in Geneva ended"})
    assert [r["id"] for r in store.search_quotes("Geneva", 10)] == [quote_id]
    assert [r["id"] for r in store.search_quotes("Istanbul", 10)] == []


def test_fts5_tables_follow_saves_and_corrections(
    sqlite_store: Store, make_record: MakeRecord
) -> None:
    record = make_record()
    sqlite_store.save(record)
    sqlite_store.save(record)  # idempotent: not indexed twice
    with sqlite_store.engine.connect() as connection:
        count = connection.execute(
            text("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'istanbul'")
        )
        assert count.scalar_one() == 1
        assert connection.execute(text("SELECT count(*) FROM articles_fts")).scalar_one() == 1
    quote_id = _ids(sqlite_store, "quotes")[0]
    sqlite_store.review("quotes", quote_id, "correct", "ana", {"speaker": "Dmitry Peskov"})
    with sqlite_store.engine.connect() as connection:
        hit = connection.execute(
            text("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'speaker: peskov'")
        )
        assert hit.scalars().all() == [quote_id]


def test_dataclasses_are_not_shared_between_loads(store: Store, make_record: MakeRecord) -> None:
    record = make_record()
    store.save(record)
    store.review("quotes", _ids(store, "quotes")[0], "correct", "ana", {"cue": "told"})
    first = store.load_reviewed(record.article.id)
    assert first is not None
    assert dataclasses.replace(first.items["quotes"][0].machine).cue == "said"
    assert first.items["quotes"][0].value.cue == "told"
