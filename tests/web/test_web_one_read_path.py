"""The CLI's record and the web pages read the store one way and date items by one
rule: the matrix is the position table's latest stances (with corrections, subjects and
ties on one day), and an item the NLP leaves undated is undated everywhere."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from sqlalchemy import text

from dragoman import api
from dragoman.models import Actor, Article, ArticleRecord, Event, Position, Quote
from dragoman.record import matrix_of
from dragoman.store import Store

from .conftest import TOKEN, MakeClient

AUTH = {"Authorization": f"Bearer {TOKEN}"}
D = dt.date.fromisoformat


def _report(body: str, source: str, published: str | None, **parts: Any) -> ArticleRecord:
    article = Article(body=body, source=source, published=D(published) if published else None)
    return ArticleRecord(article=article, **parts)


def _position(party: str, issue: str, stance: str, date: str | None, **kw: Any) -> Position:
    return Position(party, issue, stance, date=D(date) if date else None, start=0, end=10, **kw)


def _corpus() -> list[ArticleRecord]:
    return [
        _report("Report one about Crimea and Donbas.", "one.txt", "2022-03-01", positions=[
            _position("Russia", "territory", "demand", "2022-03-01", subject="Crimea"),
            _position("Russia", "territory", "demand", "2022-02-28", subject="Donbas"),
            _position("Ukraine", "neutrality", "reject", "2022-03-01"),
        ]),
        # Two stances of Ukraine on neutrality on one day, in one report and another.
        _report("Report two, same day twice over.", "two.txt", "2022-03-10", positions=[
            _position("Ukraine", "neutrality", "propose", "2022-03-10", reported_by="A"),
            Position("Ukraine", "neutrality", "accept", date=D("2022-03-10"), start=20, end=25),
        ]),
        _report("Report three, also of the tenth.", "three.txt", "2022-03-11", positions=[
            _position("Ukraine", "neutrality", "reject", "2022-03-10", reported_by="B"),
            _position("Russia", "territory", "accept", "2022-03-11", subject="Donbas"),
        ]),
        # An undated stance in a later report never overrides the dated ones.
        _report("Report four, a plan of some year.", "four.txt", "2022-04-01", positions=[
            _position("Ukraine", "neutrality", "concede", None),
            _position("Turkey", "ceasefire", "propose", None),
        ]),
    ]  # fmt: skip


def _store(db: Path | str, records: list[ArticleRecord]) -> None:
    with Store.open(db) as store:
        for record in records:
            assert store.save(record)


def _cells(matrix: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    found = {}
    for row in matrix["rows"]:
        for party, cell in row["cells"].items():
            found[(row["issue"], party)] = {k: v for k, v in cell.items() if k != "position_id"}
            found[(row["issue"], party)]["by_subject"] = [
                {k: v for k, v in s.items() if k != "position_id"} for s in cell["by_subject"]
            ]
    return found


def test_the_matrix_and_the_positions_command_agree(
    store_url: Path | str, make_client: MakeClient
) -> None:
    db = store_url
    _store(db, _corpus())
    client = make_client(db, token=TOKEN)

    def check() -> None:
        web = client.get("/api/matrix").json()
        states = api.positions(db)
        assert _cells(web) == _cells(matrix_of(states))
        # Per subject too: each state's latest stance is its cell's.
        for state in states:
            row = next(r for r in web["rows"] if r["issue"] == state.issue)
            (cell,) = [
                s for s in row["cells"][state.party]["by_subject"] if s["subject"] == state.subject
            ]
            assert (cell["stance"], cell["date"], cell["dating"], cell["reports"]) == (
                state.stance, state.to_dict()["date"], state.to_dict()["dating"],
                len(state.history),
            )  # fmt: skip

    check()
    neutral = _cells(client.get("/api/matrix").json())[("neutrality", "Ukraine")]
    # The tie on 2022-03-10 goes to the later report; the undated concession never wins.
    assert (neutral["stance"], neutral["date"]) == ("reject", "2022-03-10")
    territory = _cells(client.get("/api/matrix").json())[("territory", "Russia")]
    assert territory["subjects"] == ["Crimea", "Donbas"]
    assert (territory["stance"], territory["subject"]) == ("accept", "Donbas")
    turkey = _cells(client.get("/api/matrix").json())[("ceasefire", "Turkey")]
    assert (turkey["date"], turkey["dating"], turkey["reported"]) == (None, "undated", "2022-04-01")

    def review(row_id: int, action: str, **changes: str) -> None:
        body = {"action": action, "who": "ana", **({"changes": changes} if changes else {})}
        response = client.post(f"/api/review/positions/{row_id}", json=body, headers=AUTH)
        assert response.status_code == 200, response.text

    review(_id_of(db, "three.txt", "Ukraine"), "reject")
    check()
    review(
        _id_of(db, "one.txt", "Russia", "Crimea"), "correct", subject="Donbas", date="2022-03-12"
    )
    check()
    review(_id_of(db, "four.txt", "Ukraine"), "correct", date="2022-03-10")
    check()
    review(
        _id_of(db, "two.txt", "Ukraine", start=20), "correct", party="Russia", issue="neutrality"
    )
    check()
    assert _cells(client.get("/api/matrix").json())[("territory", "Russia")]["subjects"] == [
        "Donbas"
    ]


def _id_of(
    db: Path | str, source: str, party: str, subject: str | None = None, start: int = 0
) -> int:
    with Store.open(db) as store, store.engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT p.id, p.subject FROM positions p JOIN articles a ON a.id = p.article_id"
                " WHERE a.source = :source AND p.party = :party AND p.start_offset = :start"
                " ORDER BY p.id"
            ),
            {"source": source, "party": party, "start": start},
        ).all()
    return next(r.id for r in rows if subject is None or r.subject == subject)


# -- one dating rule, through every layer --------------------------------------------------

BODY = (
    "Kremlin spokesman Dmitry Peskov said the talks in Istanbul went on. "
    "Ukraine made its offer of neutrality in April 2025, Peskov said."
)


def _undated_record() -> ArticleRecord:
    """What analyze gives for a statement "made in April 2025" in a report of 2022-03-30:
    the NLP leaves the quote, the position and the event undated on purpose."""
    said = BODY.index("Ukraine made")
    return _report(
        BODY,
        "undated.txt",
        "2022-03-30",
        actors=[Actor("Dmitry Peskov", "person", party="Russia"), Actor("Ukraine", "party")],
        quotes=[Quote("Ukraine made its offer of neutrality in April 2025", "indirect",
                      "Dmitry Peskov", "said", None, said, said + 51)],
        positions=[Position("Ukraine", "neutrality", "propose", summary="offer",
                            reported_by="Dmitry Peskov", date=None, start=said, end=said + 51)],
        events=[Event("talks", "occurred", None, "Istanbul", ["Russia", "Ukraine"], 18, 40)],
    )  # fmt: skip


def test_an_undated_quote_and_position_stay_undated_everywhere(
    store_url: Path | str, tmp_path: Path, make_client: MakeClient
) -> None:
    record = _undated_record()
    contract = json.loads(json.dumps(record.to_dict()))  # analyze --json
    assert contract["quotes"][0]["date"] is None and contract["positions"][0]["date"] is None
    db = store_url
    _store(db, [record])
    with Store.open(db) as store:
        loaded = store.load(record.article.id, reviewed=True)
    assert loaded is not None
    assert loaded.quotes[0].date is None and loaded.positions[0].date is None

    (state,) = api.positions(db)
    data = state.to_dict()
    assert (data["date"], data["dating"], data["reported"]) == (None, "undated", "2022-03-30")
    assert data["history"][0]["date"] is None and data["history"][0]["dating"] == "undated"
    (event,) = api.timeline(db)
    assert event.to_dict()["date"] is None

    stream = io.StringIO()
    api.export(db, "jsonl", stream)
    exported = json.loads(stream.getvalue())
    assert exported["quotes"][0]["date"] is None and exported["positions"][0]["date"] is None
    api.export(db, "csv", tmp_path / "csv")
    for table in ("quotes", "positions"):
        with (tmp_path / "csv" / f"{table}.csv").open(encoding="utf-8") as handle:
            (row,) = list(csv.DictReader(handle))
        assert row["date"] == ""

    client = make_client(db)
    undated = {"date": None, "dating": "undated", "reported": "2022-03-30"}

    def dating(item: dict[str, Any]) -> dict[str, Any]:
        return {k: item[k] for k in undated}

    matrix = client.get("/api/matrix").json()
    assert dating(matrix["rows"][0]["cells"]["Ukraine"]) == undated
    overview = client.get("/api/overview").json()
    assert dating(overview["matrix"]["rows"][0]["cells"]["Ukraine"]) == undated
    history = client.get("/api/history?party=Ukraine&issue=neutrality").json()
    assert dating(history["positions"][0]) == undated
    assert dating(history["positions"][0]["history"][0]) == undated
    article = client.get(f"/api/articles/{record.article.id}").json()
    assert dating(article["quotes"][0]) == undated and dating(article["positions"][0]) == undated
    actor = client.get("/api/actors/Dmitry Peskov").json()
    assert [dating(q) for q in actor["quotes"]] == [undated]
    found = client.get("/api/search?q=neutrality&scope=quotes").json()
    assert [dating(q) for q in found["quotes"]] == [undated]
    # The pages say so in words, never showing the report's day as the date.
    for path in ("/matrix", "/history?party=Ukraine&issue=neutrality",
                 f"/articles/{record.article.id}", "/actors/Dmitry Peskov",
                 "/search?q=neutrality"):  # fmt: skip
        html = client.get(path, headers={"accept": "text/html"}).text
        assert "undated (reported 2022-03-30)" in html, path
