"""The app against hostile or unusual requests and data, over a store written here
(no model needed): ids beyond any integer, offsets that are not whole numbers, bodies
sent without a token, actor names that are not URL-safe, and a report with 1,500
quotes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import quote as urlquote

import httpx
import pytest

from dragoman.models import Actor, Article, ArticleRecord, Quote
from dragoman.store import Store
from dragoman.web import create_app
from dragoman.web.views import MAX_BODY

from .conftest import TOKEN, Client, MakeClient, run_async

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ODD_NAME = "Ann/Lee? #1 & 50% «Ж»"
ODD_PARTY = "North/South#Union?"
SAID = "the talks were hard"


def _record(body_prefix: str = "Report") -> ArticleRecord:
    body = f"{body_prefix}: {ODD_NAME} said {SAID}. Others disagreed."
    start = body.index(SAID)
    return ArticleRecord(
        article=Article(body=body, source="reports/odd.txt", title="Odd names"),
        actors=[Actor(name=ODD_NAME, kind="person", role="envoy", party=ODD_PARTY)],
        quotes=[
            Quote(text=SAID, kind="indirect", speaker=ODD_NAME, start=start, end=start + len(SAID))
        ],
    )


@pytest.fixture
def small_db(store_url: Path | str) -> Path | str:
    """One report, on each backend (tests/conftest.py)."""
    db = store_url
    with Store.open(db) as store:
        assert store.save(_record())
    return db


@pytest.fixture
def small(small_db: Path | str, make_client: MakeClient) -> Client:
    return make_client(small_db, token=TOKEN)


def _quote_id(client: Client) -> int:
    [article] = client.get("/api/articles").json()["articles"]
    return int(client.get(f"/api/articles/{article['id']}").json()["quotes"][0]["id"])


def _error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    data = response.json()
    assert set(data) == {"ok", "error", "status"}
    assert data["ok"] is False and data["status"] == status
    return str(data["error"])


# -- (a) ids no database can hold ------------------------------------------------------


@pytest.mark.parametrize("row_id", ["99999999999999999999999", str(2**63), "0", "-1"])
def test_a_row_id_beyond_any_integer_is_not_found(small: Client, row_id: str) -> None:
    response = small.post(
        f"/api/review/quotes/{row_id}", json={"action": "accept", "who": "analyst"}, headers=AUTH
    )
    assert _error(response, 404) == f"[D602] no quotes row {int(row_id)}"
    form = small.post(
        f"/review/quotes/{row_id}",
        data={"token": TOKEN, "action": "accept", "who": "analyst"},
        headers={"Accept": "application/json"},
    )
    _error(form, 404)


# -- (b) offsets must be whole numbers -------------------------------------------------


@pytest.mark.parametrize("value", [1.5, True, False, 2.0, "1.5", "+3", "1e3", [3], {"n": 3}])
def test_an_offset_that_is_not_a_whole_number_is_refused(small: Client, value: object) -> None:
    quote_id = _quote_id(small)
    response = small.post(
        f"/api/review/quotes/{quote_id}",
        json={"action": "correct", "who": "analyst", "changes": {"start": value}},
        headers=AUTH,
    )
    assert _error(response, 400).startswith("[D600] start: ")
    assert small.get("/api/review").json()["corrections"] == []


def test_an_infinite_offset_is_refused(small: Client) -> None:
    quote_id = _quote_id(small)
    body = '{"action": "correct", "who": "analyst", "changes": {"end": Infinity}}'
    response = small.post(
        f"/api/review/quotes/{quote_id}",
        content=body,
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert "not a whole number" in _error(response, 400)


def test_whole_numbers_are_still_taken(small: Client) -> None:
    quote_id = _quote_id(small)
    for value in (5, "6"):
        response = small.post(
            f"/api/review/quotes/{quote_id}",
            json={"action": "correct", "who": "analyst", "changes": {"start": value}},
            headers=AUTH,
        )
        assert response.status_code == 200, response.text
        [row] = response.json()["corrections"]
        assert row["new"] == int(value)


# -- (c) the token before the body -----------------------------------------------------


class Pulled:
    """A request body sent in chunks, counting how many the app asked for."""

    def __init__(self, chunks: int, size: int = 10_000) -> None:
        self.chunks, self.size, self.pulled = chunks, size, 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for _ in range(self.chunks):
            self.pulled += 1
            yield b"x" * self.size


def _post_stream(
    db: Path | str, token: str | None, path: str, body: Pulled, headers: dict[str, str]
) -> httpx.Response:
    app = create_app(Store.open(db), token=token)

    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            return await c.post(path, content=body, headers=headers)

    try:
        return run_async(go)
    finally:
        app.state.web.store.close()


def test_a_wrong_token_is_refused_before_the_body_is_read(
    small: Client, small_db: Path | str
) -> None:
    big = "token=nope&pad=" + "x" * (MAX_BODY * 3)
    headers = {"Accept": "application/json", "X-Dragoman-Token": "wrong"}
    response = small.post("/review/quotes/1", content=big, headers=headers)
    assert "token" in _error(response, 403)  # not "the form is too large"

    streamed = Pulled(chunks=1000)
    response = _post_stream(small_db, TOKEN, "/review/quotes/1", streamed, headers)
    assert "token" in _error(response, 403)
    assert streamed.pulled <= 1  # the transport may start one chunk; the app read none


def test_a_read_only_app_reads_no_body(small_db: Path | str) -> None:
    streamed = Pulled(chunks=1000)
    response = _post_stream(
        small_db, None, "/review/quotes/1", streamed, {"Accept": "application/json"}
    )
    assert "read-only" in _error(response, 403)
    assert streamed.pulled <= 1


def test_a_form_is_read_no_further_than_the_limit(small_db: Path | str) -> None:
    """The dashboard's form carries its token in the body; reading it stops at the limit."""
    streamed = Pulled(chunks=1000)  # 10 MB, sent without a Content-Length
    response = _post_stream(
        small_db, TOKEN, "/review/quotes/1", streamed, {"Accept": "application/json"}
    )
    assert "too large" in _error(response, 400)
    assert streamed.pulled <= MAX_BODY // streamed.size + 2


def test_the_form_with_its_token_field_still_reviews(small: Client) -> None:
    quote_id = _quote_id(small)
    response = small.post(
        f"/review/quotes/{quote_id}", data={"token": TOKEN, "action": "accept", "who": "analyst"}
    )
    assert response.status_code == 303
    [row] = small.get("/api/review").json()["corrections"]
    assert (row["target_id"], row["action"]) == (quote_id, "accept")


# -- (d) names in links ----------------------------------------------------------------


def test_actor_links_encode_the_name_and_lead_to_the_actor(small: Client) -> None:
    encoded = "/actors/" + urlquote(ODD_NAME, safe="")
    party = "/actors/" + urlquote(ODD_PARTY, safe="")
    assert "%2F" in encoded and "%3F" in encoded and "%23" in encoded
    [article] = small.get("/api/articles").json()["articles"]
    pages = [small.get("/actors").text, small.get(f"/articles/{article['id']}").text]
    for html in pages:
        assert f'href="{encoded}"' in html
    actor_page = small.get(encoded)
    assert actor_page.status_code == 200
    assert f'href="{party}"' in actor_page.text  # the actor's party links the same way
    data = small.get("/api" + encoded).json()
    assert data["name"] == ODD_NAME
    assert data["party"] == ODD_PARTY
    assert [q["text"] for q in data["quotes"]] == [SAID]
    search = small.get("/search?q=hard&scope=quotes").text
    assert f'href="{encoded}"' in search


# -- (e) a report with many extractions ------------------------------------------------


def test_the_page_of_a_report_with_1500_quotes_renders(
    store_url: Path | str, make_client: MakeClient
) -> None:
    sentences = [f'Envoy {i} said "round {i} went well." ' for i in range(1500)]
    body = "".join(sentences).strip()
    quotes, at = [], 0
    for i, sentence in enumerate(sentences):
        words = f"round {i} went well."
        start = at + sentence.index(words)
        quotes.append(
            Quote(
                text=words, kind="direct", speaker=f"Envoy {i}", start=start, end=start + len(words)
            )
        )
        at += len(sentence)
    record = ArticleRecord(article=Article(body=body, source="reports/long.txt"), quotes=quotes)
    db = store_url
    with Store.open(db) as store:
        assert store.save(record)
    client = make_client(db)

    page = client.get(f"/articles/{record.article.id}")
    assert page.status_code == 200
    assert page.text.count('id="quote-') == 1500
    data = client.get(f"/api/articles/{record.article.id}").json()
    assert len(data["quotes"]) == 1500
    assert data["quotes"][0]["evidence"] == 'Envoy 0 said "round 0 went well."'
    assert data["quotes"][-1]["evidence"] == 'Envoy 1499 said "round 1499 went well."'
