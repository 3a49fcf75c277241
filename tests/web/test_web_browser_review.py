"""The review workflow in a real browser: the queue by keyboard, certainty in the matrix,
adding what the machine missed by selecting text, marking a report reviewed (the gold),
and a refused token that keeps what was typed.

These tests write, so they get their own server over their own copy of the corpus.
Screenshots go to ``DRAGOMAN_SCREENSHOT_DIR`` when set (for the README), else to a
temporary folder: ``make test`` leaves the tree as it found it.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from sqlalchemy import text

from dragoman import api
from dragoman.web import create_app

from .conftest import TOKEN, opened_tab, serving, shots

pytestmark = pytest.mark.model  # the corpus is ingested with the trained model

ANALYST = "queue analyst"
ADDED_SPEAKER = "Added Speaker Example"


@pytest.fixture(scope="module")
def review_db(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("review") / "review.db"
    shutil.copy(corpus_db, target)
    return target


@pytest.fixture(scope="module")
def review_server(review_db: Path) -> Iterator[str]:
    with serving(create_app(review_db, token=TOKEN)) as url:
        yield url


@pytest.fixture
def tab(browser: Any, review_server: str) -> Iterator[Any]:
    with opened_tab(browser, review_server) as page:
        yield page


def _sign_in(page: Any, token: str = TOKEN) -> None:
    page.locator("#session input.who").fill(ANALYST)
    page.locator("#session input.token").fill(token)


def _matrix_position(server: str) -> tuple[int, str, str]:
    matrix = httpx.get(f"{server}/api/matrix").json()
    row = matrix["rows"][0]
    party, cell = next(iter(row["cells"].items()))
    return cell["position_id"], party, row["issue"]


def test_the_least_certain_item_comes_first_and_is_corrected_by_keyboard(
    tab: Any, review_server: str, review_db: Path, tmp_path: Path
) -> None:
    position_id, party, issue = _matrix_position(review_server)
    with api.open_store(review_db) as store, store.engine.begin() as connection:
        connection.execute(
            text("UPDATE positions SET confidence = 0.01 WHERE id = :id"), {"id": position_id}
        )
    tab.goto("/")
    cell = tab.locator(f"table.matrix td.cell[data-position='{position_id}']")
    assert "machine" in (cell.get_attribute("class") or "")
    assert "confidence 0.01" in (cell.locator("a").get_attribute("title") or "")
    tab.screenshot(path=str(shots(tmp_path) / "overview-certainty.png"), full_page=True)

    tab.goto("/review")
    first = tab.locator("#queue .qitem").first
    assert (first.get_attribute("data-target"), first.get_attribute("data-id")) == (
        "positions",
        str(position_id),
    )
    _sign_in(tab)
    tab.screenshot(path=str(shots(tmp_path) / "review-queue.png"), full_page=False)
    tab.locator("h1").click()  # leave the field: the keys go to the queue
    assert "current" in (first.get_attribute("class") or "")
    tab.keyboard.press("e")  # edit: the first field (party)
    for _ in range(3):  # party, issue, stance, subject
        tab.keyboard.press("Tab")
    tab.keyboard.type("Keyboard subject")
    tab.keyboard.press("Enter")
    tab.wait_for_selector(f"#queue .qitem.done[data-id='{position_id}']")
    assert "corrected by " + ANALYST in first.locator(".outcome").inner_text()

    tab.goto("/matrix?reviewed=1")
    cell = tab.locator(f"table.matrix td.cell[data-party='{party}'][data-issue='{issue}']")
    assert "checked" in (cell.get_attribute("class") or "")
    assert f"✓ {ANALYST}" in cell.inner_text()
    assert "reviewed by " + ANALYST in (cell.locator("a").get_attribute("title") or "")
    # As of a day before everything, the matrix is empty; the date input keeps the day.
    tab.goto("/matrix?until=1990-01-01")
    assert tab.locator("table.matrix").count() == 0
    assert tab.locator("input[name='until']").input_value() == "1990-01-01"
    assert tab.errors == []


def _select_in_body(page: Any, words: str) -> None:
    """Select ``words`` in the report's body as a person would, and let go of the mouse."""
    page.evaluate(
        """(words) => {
            const body = document.getElementById("body");
            const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.data.indexOf(words);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + words.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    body.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
                    return;
                }
            }
            throw new Error("not in the body: " + words);
        }""",
        words,
    )


def test_a_missed_quote_added_by_selection_reaches_the_actor_and_the_gold(
    tab: Any, review_server: str, review_db: Path, tmp_path: Path
) -> None:
    reports = httpx.get(f"{review_server}/api/articles").json()["articles"]
    hostile = next(a for a in reports if a["outlet"] == "Hostile Example Wire")
    tab.goto(f"/articles/{hostile['id']}")
    _sign_in(tab)
    assert tab.locator("form#add").is_hidden()
    words = "Ukraine proposed a permanent neutral status"
    _select_in_body(tab, words)
    form = tab.locator("form#add")
    assert form.is_visible() and form.locator(".sel").inner_text() == words
    form.locator("select[name='target']").select_option("quotes")
    form.locator("fieldset[data-for='quotes'] input[name='f.speaker']").fill(ADDED_SPEAKER)
    form.locator("button.add-it").click()
    tab.wait_for_url("**#quote-*")
    ref = tab.url.rsplit("#", 1)[1]
    item = tab.locator(f"#{ref}")
    assert ADDED_SPEAKER in item.locator(".said").inner_text()
    assert item.locator(".badge").inner_text().casefold() == "added"
    assert "reviewed by " + ANALYST in item.locator(".said").inner_text()

    tab.goto(f"/actors/{quote(ADDED_SPEAKER)}")
    assert tab.locator(f"#{ref}").count() == 1

    # Not marked reviewed: not gold.
    assert api.export_gold(review_db, tmp_path / "before").files == []
    tab.goto(f"/articles/{hostile['id']}")
    tab.locator("form.whole button.mark-reviewed").click()
    tab.wait_for_url(f"**/articles/{hostile['id']}")
    assert "marked reviewed by " + ANALYST in tab.locator(".report-review").inner_text()
    result = api.export_gold(review_db, tmp_path / "gold")
    assert [Path(gold).stem for gold, _ in result.files] == [hostile["id"]]
    gold = json.loads(Path(result.files[0][0]).read_text(encoding="utf-8"))
    added = [q for q in gold["quotes"] if q["speaker"] == ADDED_SPEAKER]
    assert [q["text"] for q in added] == [words]
    assert any(a["name"] == ADDED_SPEAKER for a in gold["actors"])
    assert tab.errors == []


def test_a_wrong_token_keeps_what_was_typed(tab: Any, review_server: str) -> None:
    found = httpx.get(f"{review_server}/api/search?q=talks&scope=quotes").json()["quotes"][0]
    tab.goto(f"/articles/{found['article_id']}")
    _sign_in(tab, token="not-the-token")
    form = tab.locator(f"#quote-{found['id']} form.review")
    form.locator("input[name='f.speaker']").fill("Typed Before Refusal")
    with tab.expect_response(lambda r: "/review/quotes/" in r.url) as info:
        form.locator("button[value='correct']").click()
    assert info.value.status == 403
    form = tab.locator(f"#quote-{found['id']} form.review")
    assert "token" in form.locator("p.error").inner_text()
    assert form.locator("input[name='f.speaker']").input_value() == "Typed Before Refusal"
    assert form.locator("input[name='who']").input_value() == ANALYST
    trail = httpx.get(f"{review_server}/api/review").json()["corrections"]
    assert all(c.get("field") != "speaker" or c["new"] != "Typed Before Refusal" for c in trail)

    # In the queue too: the card says why and keeps the edit.
    tab.goto("/review")
    _sign_in(tab, token="not-the-token")
    card = tab.locator("#queue .qitem").first
    field = card.locator("[name^='f.']").first
    if field.evaluate("el => el.tagName") == "INPUT":
        field.fill("kept text")
    card.locator("button[data-action='accept']").click()
    error = card.locator("p.error")
    error.wait_for(state="visible")
    assert "403" in error.inner_text() and "token" in error.inner_text()
    if field.evaluate("el => el.tagName") == "INPUT":
        assert field.input_value() == "kept text"
    assert "done" not in (card.get_attribute("class") or "")
