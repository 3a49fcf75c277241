"""Pages that would grow with the store come a page at a time: the matrix as of a day
reads a few reports per cell (and still counts them all), and /changes,
/contradictions and /timeline show a page with its total and a link to the next. On
each backend (tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from dragoman import api
from dragoman.models import Article, ArticleRecord, Event, Position
from dragoman.record import matrix_of
from dragoman.web.pages.changes import PAGE_SIZE
from dragoman.web.pages.timeline import TIMELINE_LIMIT

from .conftest import TOKEN, MakeClient
from .test_web_one_read_path import _cells, _corpus, _id_of, _position, _report, _store

AUTH = {"Authorization": f"Bearer {TOKEN}"}
START = dt.date(2022, 3, 1)


def _review(client: Any, row_id: int, action: str, **changes: str) -> None:
    body: dict[str, Any] = {"action": action, "who": "ana"}
    if changes:
        body["changes"] = changes
    response = client.post(f"/api/review/positions/{row_id}", json=body, headers=AUTH)
    assert response.status_code == 200, response.text


def test_the_matrix_as_of_a_day_counts_every_report_and_follows_corrections(
    store_url: Path | str, make_client: MakeClient
) -> None:
    db = store_url
    records = _corpus()
    # More reports of one cell than the matrix reads: each still counts.
    for n in range(6):
        day = (START + dt.timedelta(days=n)).isoformat()
        body = f"Delegates repeated on day {n} that Kyiv would not give up the region."
        records.append(_report(body, f"more{n}.txt", day, positions=[
            _position("Ukraine", "territory", "reject", day, subject="Donbas"),
            _position("Ukraine", "territory", "reject", None, subject="Donbas"),
        ]))  # fmt: skip
    _store(db, records)
    client = make_client(db, token=TOKEN)
    # A correction moves the latest report of a cell to another day; a rejected one
    # leaves its cell; another report is moved to a party it did not name.
    _review(client, _id_of(db, "three.txt", "Ukraine", start=0), "correct", date="2022-02-20")
    _review(client, _id_of(db, "more5.txt", "Ukraine"), "reject")
    _review(client, _id_of(db, "one.txt", "Russia", subject="Crimea"), "correct", party="Belarus")
    for day in ("2022-02-27", "2022-03-01", "2022-03-04", "2022-03-10", "2022-04-30"):
        web = client.get(f"/api/matrix?until={day}").json()
        assert _cells(web) == _cells(matrix_of(api.positions(db, until=day))), day
    donbas = _cells(client.get("/api/matrix?until=2022-03-04").json())[("territory", "Ukraine")]
    assert donbas["reports"] == 8  # four days, a dated and an undated report each


def _contested(days: int) -> list[ArticleRecord]:
    """A report a day in which two envoys give Ukraine opposite answers on neutrality."""
    found = []
    for n in range(days):
        day = START + dt.timedelta(days=n)
        body = (
            f"Envoy Arvo said Kyiv accepted a neutral status on day {n}. "
            f"Envoy Bram said the same day that Kyiv rejected any neutral status."
        )
        second = body.index("Envoy Bram")
        article = Article(body=body, source=f"contested/{n}.txt", published=day)
        found.append(ArticleRecord(article=article, positions=[
            Position("Ukraine", "neutrality", "accept", summary="accepts", reported_by="Arvo",
                     date=day, start=0, end=second - 1),
            Position("Ukraine", "neutrality", "reject", summary="rejects", reported_by="Bram",
                     date=day, start=second, end=len(body)),
        ]))  # fmt: skip
    return found


def test_changes_and_contradictions_come_a_page_at_a_time(
    store_url: Path | str, make_client: MakeClient
) -> None:
    _store(store_url, _contested(2 * PAGE_SIZE + 10))
    client = make_client(store_url)
    first = client.get("/api/contradictions?since=2022-03-01").json()
    # Drawn up to the page asked for and one more: the count is "at least", and
    # ``more`` says whether others follow.
    assert first["more"] and first["count"] == PAGE_SIZE and first["pages"] == 2
    assert len(first["contradictions"]) == PAGE_SIZE and first["page"] == 1
    data, shown = first, []
    while True:
        shown += [c["first"]["date"] for c in data["contradictions"]]
        if not data["more"]:
            break
        data = client.get(f"/api/contradictions?since=2022-03-01&page={data['page'] + 1}").json()
    assert data["page"] == data["pages"] >= 3 and data["count"] == len(shown)
    assert 0 < len(data["contradictions"]) <= PAGE_SIZE
    assert shown == sorted(shown)  # the earliest first, page after page
    html = client.get("/contradictions?since=2022-03-01").text
    assert 'rel="next"' in html and "page=2" in html and "page 1 of 2" in html
    assert f"{PAGE_SIZE}+ contradiction(s)" in html

    brief = client.get("/api/changes?since=2022-03-01").json()
    assert brief["more_contradictions"] and brief["totals"]["contradictions"] == PAGE_SIZE
    assert len(brief["contradictions"]) == PAGE_SIZE and brief["pages"] >= 2
    assert brief["markdown"].count("Arvo") <= 2 * PAGE_SIZE + 10  # the page's brief only
    nothing = client.get(f"/api/contradictions?since=2022-03-01&page={data['pages'] + 1}")
    assert nothing.json()["contradictions"] == []
    assert client.get("/api/changes?page=0").status_code == 422


def test_the_timeline_comes_a_page_at_a_time_without_losing_a_day(
    store_url: Path | str, make_client: MakeClient
) -> None:
    records = []
    for n in range(TIMELINE_LIMIT + 40):
        day = START + dt.timedelta(days=3 * n)  # apart: reports a day apart are one event
        body = f"Negotiators from Kyiv and Moscow held round {n} of talks in Istanbul."
        event = Event("talks", "occurred", day, "Istanbul", ["Russia", "Ukraine"], 0, len(body))
        records.append(_report(body, f"rounds/{n}.txt", day.isoformat(), events=[event]))
    _store(store_url, records)
    client = make_client(store_url)
    seen: list[str] = []
    path = "/api/timeline"
    while path:
        data = client.get(path).json()
        days = [e["date"] for e in data["events"]]
        assert days and not set(days) & set(seen)
        if data["earlier"]:
            assert min(days) > data["earlier"]
            path = f"/api/timeline?until={data['earlier']}"
        else:
            path = ""
        seen += days
    assert len(seen) == len(records)  # every round once, on one page or the next
    html = client.get("/timeline").text
    assert "earlier events" in html and 'rel="next"' in html
