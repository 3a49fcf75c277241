"""The review workflow in-process: the matrix as of a day and of checked reports agrees
with the CLI's record, certainty on every cell, the queue, additions, and a refused
token that keeps the form. On each backend (tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dragoman import api
from dragoman.record import matrix_of

from .conftest import TOKEN, Client, MakeClient
from .test_web_one_read_path import _cells, _corpus, _id_of, _store

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_the_matrix_as_of_a_day_is_the_positions_command_until_it(
    store_url: Path | str, make_client: MakeClient
) -> None:
    db = store_url
    _store(db, _corpus())
    client = make_client(db, token=TOKEN)
    for day in ("2022-03-01", "2022-03-10", "2022-04-30"):
        web = client.get(f"/api/matrix?until={day}").json()
        assert web["filters"] == {"until": day, "reviewed": False}
        assert _cells(web) == _cells(matrix_of(api.positions(db, until=day))), day
    early = _cells(client.get("/api/matrix?until=2022-03-01").json())
    assert early[("neutrality", "Ukraine")]["stance"] == "reject"
    assert ("ceasefire", "Turkey") not in early  # undated, reported in April
    bad = client.get("/api/matrix?until=March")
    assert bad.status_code == 400 and bad.json()["ok"] is False and bad.json()["status"] == 400


def test_the_matrix_of_checked_reports_and_its_certainty(
    store_url: Path | str, make_client: MakeClient
) -> None:
    db = store_url
    _store(db, _corpus())
    client = make_client(db, token=TOKEN)
    assert client.get("/api/matrix?reviewed=1").json()["rows"] == []
    whole = client.get("/api/matrix").json()
    assert all(v["checked"] is None for v in whole["certainty"].values())
    row_id = _id_of(db, "four.txt", "Turkey")
    body = {"action": "accept", "who": "ana"}
    assert (
        client.post(f"/api/review/positions/{row_id}", json=body, headers=AUTH).status_code == 200
    )
    checked = client.get("/api/matrix?reviewed=1").json()
    assert [(r["issue"], list(r["cells"])) for r in checked["rows"]] == [("ceasefire", ["Turkey"])]
    cell = checked["rows"][0]["cells"]["Turkey"]
    sure = checked["certainty"][str(cell["position_id"])]
    assert sure["checked"]["by"] == "ana" and sure["status"] == "accepted"
    assert 0 <= sure["confidence"] <= 1
    html = client.get("/matrix?reviewed=1").text
    assert "✓ ana" in html and 'name="until"' in html and 'type="date"' in html


def _first_quote(client: Client) -> dict[str, Any]:
    return client.get("/api/search?q=talks&scope=quotes").json()["quotes"][0]


def test_the_queue_lists_what_waits_least_certain_first(client: Client) -> None:
    data = client.get("/api/review").json()
    queue = data["queue"]
    assert data["waiting"] >= len(queue) > 0
    confidences = [q["confidence"] for q in queue]
    assert confidences[0] == min(confidences)
    first = queue[0]
    body = {"action": "accept", "who": "ana"}
    done = client.post(f"/api/review/{first['target']}/{first['id']}", json=body, headers=AUTH)
    assert done.status_code == 200
    after = client.get("/api/review").json()
    assert after["waiting"] == data["waiting"] - 1
    assert (first["target"], first["id"]) not in {(q["target"], q["id"]) for q in after["queue"]}
    html = client.get("/review").text
    assert 'id="queue"' in html and "/static/review.js" in html and 'id="session"' in html


def test_an_addition_through_the_api_and_its_errors(client: Client) -> None:
    quote = _first_quote(client)
    article = client.get(f"/api/articles/{quote['article_id']}").json()
    fields = {"start": 0, "end": 20, "speaker": "Someone Added"}
    body = {"article_id": article["article"]["id"], "who": "ana", "fields": fields}
    refused = client.post("/api/additions/quotes", json=body)
    assert refused.status_code == 403 and refused.json()["ok"] is False
    bad = client.post("/api/additions/quotes", json={**body, "fields": {"start": 5}}, headers=AUTH)
    assert bad.status_code == 400 and set(bad.json()) == {"ok", "error", "status"}
    done = client.post("/api/additions/quotes", json=body, headers=AUTH)
    assert done.status_code == 200, done.text
    (row,) = done.json()["corrections"]
    assert row["action"] == "add" and row["who"] == "ana"
    again = client.get(f"/api/articles/{quote['article_id']}").json()
    added = next(q for q in again["quotes"] if q["id"] == row["target_id"])
    assert (added["speaker"], added["review"], added["confidence"]) == ("Someone Added", "added", 1)
    assert added["checked"]["by"] == "ana"


def test_a_refused_form_shows_the_report_again_with_what_was_typed(client: Client) -> None:
    quote = _first_quote(client)
    form = (
        f"action=correct&who=ana&token=wrong&article={quote['article_id']}"
        f"&f.speaker=Kept+Speaker&was.speaker=x"
    )
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    answer = client.post(f"/review/quotes/{quote['id']}", content=form, headers=headers)
    assert answer.status_code == 403
    assert 'value="Kept Speaker"' in answer.text and "token" in answer.text
    assert 'class="error refused"' in answer.text
    assert client.get("/api/review").json()["corrections"] == []
    # A JSON client gets the one error shape.
    as_json = client.post(
        f"/review/quotes/{quote['id']}",
        content=form,
        headers={**headers, "Accept": "application/json"},
    )
    assert as_json.status_code == 403 and set(as_json.json()) == {"ok", "error", "status"}
