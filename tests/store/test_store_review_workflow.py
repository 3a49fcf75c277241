"""The review workflow in the store: additions, the queue, certainty, reports marked
reviewed (the gold), and the SQL views of the reviewed record on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import text

from dragoman.errors import NotFound, ReviewError
from dragoman.models import Article, ArticleRecord, Event, Position, Quote
from dragoman.store import Store

BODY = "Peskov said the talks would resume. Ukraine wants neutrality now. Talks held."


def _record(tag: str = "") -> ArticleRecord:
    article = Article(body=BODY + tag, source=f"w{tag}.txt", published=dt.date(2022, 3, 1))
    return ArticleRecord(
        article=article,
        quotes=[Quote("the talks would resume", "indirect", speaker="Peskov", start=12, end=34,
                      confidence=0.3)],
        positions=[Position("Ukraine", "neutrality", "demand", start=36, end=64, confidence=0.6)],
        events=[Event("talks", "planned", participants=["A"], start=66, end=77, confidence=0.9)],
    )  # fmt: skip


def _ids(store: Store, article_id: str) -> dict[str, int]:
    found = store.load_reviewed(article_id)
    assert found is not None
    return {table: items[0].id for table, items in found.items.items() if items}


def test_an_addition_is_a_row_and_an_audit_entry(store: Store) -> None:
    record = _record()
    store.save(record)
    (written,) = store.add(
        "quotes", record.article.id, {"start": 36, "end": 64, "speaker": "Zelensky"}, "bob"
    )
    assert (written.action, written.who, written.target) == ("add", "bob", "quotes")
    reviewed = store.load(record.article.id, reviewed=True)
    assert reviewed is not None
    added = [q for q in reviewed.quotes if q.speaker == "Zelensky"]
    assert [(q.text, q.kind, q.confidence) for q in added] == [
        ("Ukraine wants neutrality now", "direct", 1.0)
    ]
    found = store.load_reviewed(record.article.id)
    assert found is not None
    assert [q.speaker for q in found.record(reviewed=False).quotes] == ["Peskov"]
    item = next(i for i in found.items["quotes"] if i.id == written.target_id)
    assert item.status == "added" and item.state.added
    assert store.certainty("quotes", [item.id])[item.id]["checked"]["by"] == "bob"
    # An added position makes the matrix at once.
    store.add("positions", record.article.id,
              {"start": 36, "end": 64, "party": "Ukraine", "issue": "neutrality",
               "stance": "propose", "date": "2022-03-02"}, "bob")  # fmt: skip
    cells = [c for c in store.position_cells() if c["party"] == "Ukraine"]
    assert [c["stance"] for c in cells] == ["propose"]


@pytest.mark.parametrize(
    ("target", "fields", "error"),
    [
        ("quotes", {"speaker": "X"}, ReviewError),  # no span
        ("quotes", {"start": 5, "end": 5000}, ReviewError),  # outside the body
        ("positions", {"start": 0, "end": 5, "party": "X"}, ReviewError),  # no issue
        (
            "positions",
            {"start": 0, "end": 5, "party": "X", "issue": "bad", "stance": "demand"},
            ReviewError,
        ),  # fmt: skip
        ("speeches", {"start": 0, "end": 5}, NotFound),
    ],
)
def test_a_bad_addition_is_refused(
    store: Store, target: str, fields: dict[str, Any], error: type[Exception]
) -> None:
    record = _record()
    store.save(record)
    with pytest.raises(error):
        store.add(target, record.article.id, fields, "bob")
    assert store.corrections() == []


def test_only_reports_marked_reviewed_are_gold(store: Store) -> None:
    one, two = _record("1"), _record("2")
    store.save(one)
    store.save(two)
    ids = _ids(store, one.article.id)
    store.review("quotes", ids["quotes"], "correct", "ana", {"speaker": "Dmitry Peskov"})
    assert store.reviewed_ids() == []
    store.review("articles", two.article.id, "accept", "ana")
    assert store.reviewed_ids() == [two.article.id]


def test_the_queue_puts_the_least_certain_first_and_leaves_out_what_was_checked(
    store: Store,
) -> None:
    one, two = _record("1"), _record("2")
    store.save(one)
    store.save(two)
    waiting, queue = store.review_queue(10)
    assert waiting == 6
    assert [(t, x.value.confidence) for t, x, _ in queue][:2] == [("quotes", 0.3)] * 2
    # At equal confidence, the position that makes a cell of the matrix comes first.
    positions = [(t, feeds) for t, _, feeds in queue if t == "positions"]
    assert positions[0] == ("positions", True)
    first = queue[0][1]
    store.review("quotes", first.id, "accept", "ana")
    store.review("articles", two.article.id, "accept", "ana")
    waiting, queue = store.review_queue(10)
    assert waiting == 2  # the other two of report one; report two is marked reviewed
    assert all(x.article.id == one.article.id for _, x, _ in queue)
    assert ("quotes", first.id) not in {(t, x.id) for t, x, _ in queue}


def _views(store: Store, article_id: str) -> dict[str, list[dict[str, Any]]]:
    found = {}
    with store.engine.connect() as connection:
        for name in ("quotes", "positions", "events", "assessments"):
            rows = connection.execute(
                text(f"SELECT * FROM reviewed_{name} WHERE article_id = :a ORDER BY id"),
                {"a": article_id},
            ).mappings()
            found[name] = [dict(r) for r in rows]
    return found


def _check_views(store: Store, record: ArticleRecord) -> None:
    article_id = record.article.id
    ids = _ids(store, article_id)
    store.review("quotes", ids["quotes"], "correct", "ana",
                 {"speaker": "Dmitry Peskov", "date": "2022-03-02", "cue": ""})  # fmt: skip
    store.review("positions", ids["positions"], "reject", "ana")
    store.review("events", ids["events"], "correct", "ana", {"participants": "B, C"})
    store.add("quotes", article_id, {"start": 36, "end": 64, "speaker": "Zelensky"}, "bob")
    views = _views(store, article_id)
    reviewed = store.load(article_id, reviewed=True)
    assert reviewed is not None
    assert [(q["speaker"], q["text"], str(q["date"]) if q["date"] else None, q["review"])
            for q in views["quotes"]] == [
        ("Dmitry Peskov", "the talks would resume", "2022-03-02", "corrected"),
        ("Zelensky", "Ukraine wants neutrality now", None, "added"),
    ]  # fmt: skip
    assert [q.speaker for q in reviewed.quotes] == [q["speaker"] for q in views["quotes"]]
    assert views["quotes"][0]["cue"] is None and views["quotes"][0]["reviewed_by"] == "ana"
    assert views["positions"] == []  # rejected
    participants = views["events"][0]["participants"]
    assert participants in (["B", "C"], '["B","C"]', '["B", "C"]')
    assert views["events"][0]["type"] == "talks"


def test_the_reviewed_views_apply_the_corrections(store: Store) -> None:
    """On each backend (the views are written once per dialect in migration 0005)."""
    record = _record()
    store.save(record)
    _check_views(store, record)
