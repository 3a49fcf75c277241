"""The web app in-process: every page as JSON, one error shape, reviews and tokens,
search, and the corrected values reaching the record; on each backend (the corpus and
its copies: tests/web/conftest.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from dragoman import api
from dragoman.models import Article, ArticleRecord, Assessment, Event, Position, Quote
from dragoman.store import Store
from dragoman.web.data import segments

from .conftest import TOKEN, Client, MakeClient

pytestmark = pytest.mark.model  # the corpus is ingested with the trained model

AUTH = {"Authorization": f"Bearer {TOKEN}"}
PAGES = [
    "/",
    "/matrix",
    "/timeline",
    "/actors",
    "/articles",
    "/search?q=neutral",
    "/search?party=Ukraine&issue=neutrality",
    "/review",
    "/history?party=Ukraine&issue=neutrality",
    "/actors/Ukraine",
]


def _first_quote(client: Client) -> dict[str, Any]:
    return client.get("/api/search?q=talks&scope=quotes").json()["quotes"][0]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_html_and_the_same_data_as_json(reader: Client, path: str) -> None:
    html = reader.get(path)
    assert html.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in html.headers["content-security-policy"]
    api_path = "/api" + (path if path != "/" else "/overview")
    as_api = reader.get(api_path)
    negotiated = reader.get(path, headers={"Accept": "application/json"})
    assert as_api.status_code == negotiated.status_code == 200
    assert as_api.json() == negotiated.json()
    assert as_api.json()["ok"] is True


def test_the_overview_holds_the_parties_and_the_matrix(reader: Client) -> None:
    data = reader.get("/api/overview").json()
    assert data["counts"]["articles"] == 15
    assert {"Russia", "Ukraine"} <= set(data["parties"])
    cell = next(r for r in data["matrix"]["rows"] if r["issue"] == "neutrality")["cells"]
    assert cell["Ukraine"]["stance"] in {"propose", "accept", "demand", "reject", "concede"}
    assert cell["Ukraine"]["date"]


def test_the_matrix_is_the_latest_stance_of_the_position_table(
    reader: Client, corpus: Path | str
) -> None:
    matrix = reader.get("/api/matrix").json()
    for state in api.positions(corpus):
        cell = next(r for r in matrix["rows"] if r["issue"] == state.issue)["cells"][state.party]
        if state.subject is None and not cell["subjects"]:
            assert (cell["stance"], cell["date"]) == (state.stance, str(state.date))


def test_every_article_page_highlights_its_extractions(reader: Client) -> None:
    for item in reader.get("/api/articles").json()["articles"]:
        data = reader.get(f"/api/articles/{item['id']}").json()
        assert "".join(s["text"] for s in data["segments"]) == data["body"]
        for quote in data["quotes"]:
            assert data["body"][quote["start"] : quote["end"]]  # offsets inside the body


ERRORS = [
    ("GET", "/api/nowhere", None, 404),
    ("GET", "/nowhere", None, 404),
    ("GET", "/api/articles/0000000000000000", None, 404),
    ("GET", "/api/actors/Nobody%20At%20All", None, 404),
    ("GET", "/api/history?party=Ukraine", None, 422),
    ("GET", "/api/articles?page=0", None, 422),
    ("GET", "/api/search?since=yesterday", None, 400),
    ("GET", "/api/timeline?since=2022-04-01&until=2022-03-01", None, 400),
    ("POST", "/api/overview", None, 405),
    ("POST", "/api/review/quotes/1", {}, 403),
    ("POST", "/api/review/quotes/1", AUTH | {"X-Body": "bad-action"}, 400),
    ("POST", "/api/review/speeches/1", AUTH, 404),
    ("POST", "/api/review/quotes/999999", AUTH, 404),
]


@pytest.mark.parametrize(("method", "path", "headers", "status"), ERRORS)
def test_every_error_has_one_json_shape(
    client: Client, method: str, path: str, headers: dict[str, str] | None, status: int
) -> None:
    body = {"action": "reject", "who": "tester"}
    if headers and headers.get("X-Body") == "bad-action":
        body = {"action": "delete", "who": "tester"}
    response = client.request(
        method, path, headers={"Accept": "application/json", **(headers or {})}, json=body
    )
    assert response.status_code == status
    data = response.json()
    assert set(data) == {"ok", "error", "status"}
    assert data["ok"] is False and data["status"] == status
    assert isinstance(data["error"], str) and data["error"]


def test_an_html_error_is_a_page_with_the_same_message(reader: Client) -> None:
    response = reader.get("/articles/0000000000000000")
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]
    assert "no article 0000000000000000" in response.text


def test_the_openapi_document_lists_every_page_and_the_review(reader: Client) -> None:
    paths = reader.get("/openapi.json").json()["paths"]
    for path in ("/api/overview", "/api/matrix", "/api/history", "/api/timeline", "/api/actors",
                 "/api/actors/{name}", "/api/articles", "/api/articles/{article_id}",
                 "/api/search", "/api/review", "/api/review/{target}/{target_id}"):  # fmt: skip
        assert path in paths, path
    assert reader.get("/docs").status_code == 200


def test_without_a_token_the_app_is_read_only(reader: Client) -> None:
    quote = _first_quote(reader)
    response = reader.post(
        f"/api/review/quotes/{quote['id']}", json={"action": "accept", "who": "x"}, headers=AUTH
    )
    assert response.status_code == 403
    assert "read-only" in response.json()["error"]
    page = reader.get(f"/articles/{quote['article_id']}").text
    assert "Read-only" in page and 'value="correct"' not in page
    form = reader.post(
        f"/review/quotes/{quote['id']}",
        content=f"action=accept&who=x&token={TOKEN}",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert form.status_code == 403


def test_a_wrong_token_is_refused(client: Client) -> None:
    quote = _first_quote(client)
    response = client.post(
        f"/api/review/quotes/{quote['id']}",
        json={"action": "accept", "who": "x"},
        headers={"Authorization": "Bearer wrong"},
    )
    assert response.status_code == 403
    assert client.get("/api/review").json()["corrections"] == []


def test_a_correction_is_kept_beside_the_machine_output(
    client: Client, db_copy: Path | str
) -> None:
    quote = _first_quote(client)
    response = client.post(
        f"/api/review/quotes/{quote['id']}",
        json={
            "action": "correct",
            "who": "ana",
            "changes": {"speaker": "Oleksii Reznikov", "date": "2022-03-02"},
            "note": "checked the wire",
        },
        headers={"X-Dragoman-Token": TOKEN},
    )
    assert response.status_code == 200, response.text
    written = response.json()["corrections"]
    assert {c["field"] for c in written} == {"speaker", "date"}
    assert all(c["who"] == "ana" and c["at"].endswith("Z") for c in written)
    speaker = next(c for c in written if c["field"] == "speaker")
    assert speaker["old"] == quote["speaker"] and speaker["new"] == "Oleksii Reznikov"
    # The pages and the record use the corrected value; the machine's row is unchanged.
    article = client.get(f"/api/articles/{quote['article_id']}").json()
    shown = next(q for q in article["quotes"] if q["id"] == quote["id"])
    assert shown["speaker"] == "Oleksii Reznikov" and shown["review"] == "corrected"
    assert shown["machine"]["speaker"] == quote["speaker"]
    actor = client.get("/api/actors/Oleksii%20Reznikov").json()
    assert [q["id"] for q in actor["quotes"]] == [quote["id"]]
    found = client.get("/api/search?q=talks&actor=Oleksii+Reznikov&scope=quotes").json()
    assert [q["id"] for q in found["quotes"]] == [quote["id"]]
    with Store.open(db_copy) as store:
        raw = store.load(quote["article_id"])
        reviewed = store.load(quote["article_id"], reviewed=True)
    assert raw is not None and reviewed is not None
    assert "Oleksii Reznikov" not in {q.speaker for q in raw.quotes}
    assert "Oleksii Reznikov" in {q.speaker for q in reviewed.quotes}
    # A correction that changes nothing is refused.
    again = client.post(
        f"/api/review/quotes/{quote['id']}",
        json={"action": "correct", "who": "ana", "changes": {"speaker": "Oleksii Reznikov"}},
        headers=AUTH,
    )
    assert again.status_code == 400


def test_rejecting_the_latest_position_changes_the_matrix(
    client: Client, db_copy: Path | str
) -> None:
    cell = next(r for r in client.get("/api/matrix").json()["rows"] if r["issue"] == "neutrality")
    latest = cell["cells"]["Ukraine"]
    response = client.post(
        f"/api/review/positions/{latest['position_id']}",
        json={"action": "reject", "who": "ana"},
        headers=AUTH,
    )
    assert response.status_code == 200
    after = next(r for r in client.get("/api/matrix").json()["rows"] if r["issue"] == "neutrality")
    cell_after = after["cells"].get("Ukraine")
    assert cell_after is None or cell_after["position_id"] != latest["position_id"]
    assert cell_after is None or cell_after["reports"] == latest["reports"] - 1
    # The record functions agree with the matrix.
    states = [s for s in api.positions(db_copy, party="Ukraine", issue="neutrality")]
    assert sum(len(s.history) for s in states) == latest["reports"] - 1


def test_the_form_review_redirects_to_the_article(client: Client) -> None:
    quote = _first_quote(client)
    response = client.post(
        f"/review/quotes/{quote['id']}",
        content=(
            f"action=correct&who=ana&token={TOKEN}&f.kind=indirect&was.kind={quote['kind']}"
            f"&f.speaker={quote['speaker']}&was.speaker={quote['speaker']}"
        ),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    if quote["kind"] == "indirect":
        assert response.status_code == 400  # nothing changed
        return
    assert response.status_code == 303
    assert response.headers["location"] == f"/articles/{quote['article_id']}#quote-{quote['id']}"
    trail = client.get("/api/review").json()["corrections"]
    assert [(c["field"], c["new"]) for c in trail] == [("kind", "indirect")]


def test_a_whole_article_can_be_marked_reviewed(client: Client) -> None:
    article_id = client.get("/api/articles").json()["articles"][0]["id"]
    response = client.post(
        f"/api/review/articles/{article_id}", json={"action": "accept", "who": "ana"}, headers=AUTH
    )
    assert response.status_code == 200
    assert client.get(f"/api/articles/{article_id}").json()["accepted"] is True
    bad = client.post(
        f"/api/review/articles/{article_id}", json={"action": "reject", "who": "ana"}, headers=AUTH
    )
    assert bad.status_code == 400


def test_report_text_is_escaped_never_executed(reader: Client) -> None:
    hostile = next(
        a
        for a in reader.get("/api/articles").json()["articles"]
        if a["outlet"] == "Hostile Example Wire"
    )
    html = reader.get(f"/articles/{hostile['id']}").text
    assert "<script>window.__pwned" not in html
    assert "&lt;script&gt;window.__pwned = &#39;body&#39;&lt;/script&gt;" in html
    assert "<img src=x" not in html and 'onerror="window' not in html
    assert "<b onmouseover" not in html
    search = reader.get("/search?q=pwned").text
    assert "<script>window" not in search


@pytest.mark.parametrize("q", ['"', "NEAR(a b", "a AND OR", "*", 'x"; DROP TABLE quotes; --', "ü"])
def test_search_takes_any_text(reader: Client, q: str) -> None:
    response = reader.get("/api/search", params={"q": q})
    assert response.status_code == 200
    assert reader.get("/api/overview").json()["counts"]["quotes"] > 0


def test_search_filters(reader: Client) -> None:
    everything = reader.get("/api/search?q=the&scope=quotes").json()["quotes"]
    assert everything
    peskov = reader.get("/api/search?q=the&scope=quotes&actor=Dmitry+Peskov").json()["quotes"]
    assert peskov and all(q["speaker"] == "Dmitry Peskov" for q in peskov)
    russia = reader.get("/api/search?q=the&scope=quotes&party=Russia").json()["quotes"]
    assert {q["speaker"] for q in peskov} <= {q["speaker"] for q in russia}
    march = reader.get("/api/search?q=the&since=2022-03-01&until=2022-03-10").json()
    assert all("2022-03-01" <= q["date"] <= "2022-03-10" for q in march["quotes"])
    assert all("2022-03-01" <= a["published"] <= "2022-03-10" for a in march["articles"])
    issue = reader.get("/api/search?q=the&scope=articles&issue=neutrality").json()["articles"]
    assert issue and len(issue) < len(
        reader.get("/api/search?q=the&scope=articles").json()["articles"]
    )


def test_segments_split_overlapping_highlights() -> None:
    spans = [
        {"start": 0, "end": 5, "kind": "quote", "ref": "quote-1", "label": "q"},
        {"start": 3, "end": 8, "kind": "position", "ref": "position-2", "label": "p"},
    ]
    pieces = segments("abcdefghij", spans)
    assert [(p["text"], p["kinds"]) for p in pieces] == [
        ("abc", ["quote"]), ("de", ["position", "quote"]), ("fgh", ["position"]), ("ij", []),
    ]  # fmt: skip


def test_timeline_and_judgements_of_each_side(
    store_url: Path | str, make_client: MakeClient
) -> None:
    """Events and assessments (the example corpus has none yet) on hand-made records."""
    db = store_url
    body = "Russia and Ukraine met in Istanbul. Medinsky said the talks were constructive."
    with Store.open(db) as store:
        for day, source in ((dt.date(2022, 3, 29), "a.txt"), (dt.date(2022, 3, 30), "b.txt")):
            from dragoman.models import Actor

            store.save(
                ArticleRecord(
                    article=Article(body=body + f" ({source})", source=source, published=day),
                    actors=[
                        Actor("Vladimir Medinsky", "person", party="Russia"),
                        Actor("Russia", "party"),
                        Actor("Ukraine", "party"),
                    ],
                    quotes=[
                        Quote(
                            "the talks were constructive",
                            "indirect",
                            "Vladimir Medinsky",
                            start=50,
                            end=77,
                        )
                    ],
                    events=[
                        Event(
                            "talks",
                            "occurred",
                            dt.date(2022, 3, 29),
                            "Istanbul",
                            ["Russia", "Ukraine"],
                            0,
                            35,
                        )
                    ],
                    positions=[Position("Ukraine", "neutrality", "propose", date=day)],
                    assessments=[
                        Assessment("Vladimir Medinsky", "positive", day, "constructive", 36, 78)
                    ],
                )
            )
    client = make_client(db, token=TOKEN)
    data = client.get("/api/overview").json()
    assert len(data["timeline"]) == 1 and data["timeline"][0]["source_count"] == 2
    assert [a["actor"] for a in data["assessments"]["Russia"]] == ["Vladimir Medinsky"] * 2
    timeline = client.get("/api/timeline?party=Russia").json()
    assert timeline["count"] == 1
    first = data["assessments"]["Russia"][0]
    response = client.post(
        f"/api/review/assessments/{first['id']}",
        json={"action": "correct", "who": "ana", "changes": {"polarity": "mixed"}},
        headers=AUTH,
    )
    assert response.status_code == 200
    again = client.get("/api/overview").json()["assessments"]["Russia"]
    assert next(a for a in again if a["id"] == first["id"])["polarity"] == "mixed"
    event_id = client.get(f"/api/articles/{first['evidence']['article_id']}").json()["events"][0][
        "id"
    ]
    client.post(
        f"/api/review/events/{event_id}", json={"action": "reject", "who": "ana"}, headers=AUTH
    )
    assert client.get("/api/overview").json()["timeline"][0]["source_count"] == 1
