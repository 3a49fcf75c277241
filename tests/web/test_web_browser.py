"""What a person sees: the real server (uvicorn on 127.0.0.1) in headless Chromium.

The browser and the server are shared by the session; the review test writes to the
served database, so the other tests do not depend on the speaker it corrects.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from dragoman import api

from .conftest import TOKEN, shots

pytestmark = pytest.mark.model  # the corpus is ingested with the trained model

# Screenshots go to DRAGOMAN_SCREENSHOT_DIR when set (`make screenshots` sets it to
# build/screenshots/, not tracked, then copies them to docs/), else to a temporary
# folder: `make test` leaves the working tree as it found it.
NEW_SPEAKER = "Mykhailo Podolyak"


def _article_ids(server: str) -> list[dict[str, Any]]:
    return httpx.get(f"{server}/api/articles").json()["articles"]


def test_the_overview_loads_with_the_example_corpus(page: Any, server: str, tmp_path: Path) -> None:
    page.goto("/")
    assert page.title() == "Overview · dragoman"
    assert page.locator("h1").inner_text() == "The negotiation"
    parties = page.locator("#parties li").all_inner_texts()
    assert {"Russia", "Ukraine"} <= set(parties)
    cells = page.locator("table.matrix td.cell:not(.none)")
    assert cells.count() >= 5
    assert "15 reports" in page.locator(".facts").inner_text()
    # Stances are coloured: a cell's link has a background from the stylesheet.
    colour = cells.first.locator("a").evaluate("a => getComputedStyle(a).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    shot = shots(tmp_path) / "overview.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert page.errors == []


def test_the_stance_chart_and_the_brief_of_the_example_corpus(
    page: Any, server: str, tmp_path: Path
) -> None:
    """What the README shows of time and change: a stance chart with a lane per party
    and a mark per report, and what changed in the last days of the talks."""
    page.goto("/charts/stance?issue=security_guarantees")
    lanes = page.locator("figure.chart svg g.lane")
    assert {"Russia", "Ukraine"} <= {g.get_attribute("data-lane") for g in lanes.all()}
    marks = page.locator("figure.chart svg circle.mark")
    assert marks.count() >= 4
    # Ukraine's stance moved: its marks carry more than one stance's colour.
    assert len({m.get_attribute("data-key") for m in marks.all()}) >= 2
    shot = shots(tmp_path) / "chart.png"
    page.locator("main").screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    page.goto("/changes?since=2022-03-25")
    assert page.locator("#stances li").count() >= 1
    assert "2022-03-25" in page.locator("h1").inner_text()
    shot = shots(tmp_path) / "changes.png"
    page.screenshot(path=str(shot))  # the top of the brief: the stances
    assert shot.stat().st_size > 10_000
    assert page.errors == []


def test_a_matrix_cell_opens_its_history_with_evidence(page: Any) -> None:
    page.goto("/")
    cell = page.locator("table.matrix td.cell[data-party='Ukraine'][data-issue='neutrality']")
    assert cell.count() == 1
    stance = cell.locator(".st").inner_text()
    cell.locator("a").click()
    page.wait_for_url("**/history?**")
    assert page.locator("h1").inner_text() == "Ukraine on neutrality"
    entries = page.locator("tr.entry")
    assert entries.count() >= 1
    evidence = entries.last.locator("blockquote.evidence").inner_text()
    assert "neutral" in evidence.casefold()
    # The latest entry is the stance the cell showed.
    assert entries.last.locator(".stance").inner_text() == stance
    # The evidence links to its report, where it is highlighted.
    entries.last.locator("blockquote.evidence cite a").click()
    page.wait_for_url("**/articles/**")
    assert page.locator("mark.hl-position").count() >= 1


def test_a_corrected_speaker_shows_in_the_pages_and_in_export_gold(
    page: Any, server: str, server_db: Path, tmp_path: Path
) -> None:
    hostile = next(a for a in _article_ids(server) if a["outlet"] == "Hostile Example Wire")
    article = httpx.get(f"{server}/api/articles/{hostile['id']}").json()
    quote_ = next(q for q in article["quotes"] if q["speaker"] != NEW_SPEAKER)
    page.goto(f"/articles/{hostile['id']}")
    item = page.locator(f"#quote-{quote_['id']}")
    form = item.locator("form.review")
    form.locator("input[name='who']").fill("test analyst")
    form.locator("input[name='token']").fill(TOKEN)
    form.locator("input[name='f.speaker']").fill(NEW_SPEAKER)
    form.locator("button[value='correct']").click()
    page.wait_for_url(f"**/articles/{hostile['id']}#quote-{quote_['id']}")
    item = page.locator(f"#quote-{quote_['id']}")
    assert NEW_SPEAKER in item.locator(".said").inner_text()
    assert item.locator(".badge").inner_text().casefold() == "corrected"
    assert "test analyst" in (item.locator("details.trail").text_content() or "")
    # The actor's page lists the quote; the search finds it under the new speaker.
    page.goto(f"/actors/{quote(NEW_SPEAKER)}")
    assert page.locator(f"#quote-{quote_['id']}").count() == 1
    page.goto(f"/search?q=negotiations&actor={quote(NEW_SPEAKER)}&scope=quotes")
    assert NEW_SPEAKER in page.locator("#quote-results").inner_text()
    # The audit trail shows who changed what.
    page.goto("/review")
    row = page.locator("table.audit tbody tr").first.inner_text()
    assert "test analyst" in row and "speaker" in row and NEW_SPEAKER in row
    # export-gold writes the corrected speaker once the report is marked reviewed; the
    # machine's row is untouched.
    with api.open_store(server_db) as store:
        store.review("articles", hostile["id"], "accept", "test analyst")
    result = api.export_gold(server_db, tmp_path / "gold")
    gold = json.loads(Path(result.files[0][0]).read_text(encoding="utf-8"))
    assert any(q["speaker"] == NEW_SPEAKER for q in gold["quotes"])
    assert any(a["name"] == NEW_SPEAKER for a in gold["actors"])
    with api.open_store(server_db) as store:
        raw = store.load(hostile["id"])
    assert raw is not None
    machine = next(q for q in raw.quotes if (q.start, q.end) == (quote_["start"], quote_["end"]))
    assert machine.speaker == quote_["speaker"] != NEW_SPEAKER


def test_an_injected_script_does_not_run(page: Any, server: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    hostile = next(a for a in _article_ids(server) if a["outlet"] == "Hostile Example Wire")
    for path in (
        f"/articles/{hostile['id']}",
        "/articles",
        "/search?q=pwned",
        "/search?q=continue",
    ):
        page.goto(path)
        page.mouse.move(10, 10)
        assert page.evaluate("() => window.__pwned === undefined"), path
        assert page.locator("main script").count() == 0, path
    page.goto(f"/articles/{hostile['id']}")
    body = page.locator("#body").inner_text()
    assert "<script>window.__pwned = 'body'</script>" in body  # shown as text
    assert "onerror" in page.locator("#photo").inner_text()  # the caption, as text
    assert "<script>" in page.locator("h1").inner_text()
    # Hover every highlight and tag: nothing fires.
    for mark in page.locator("#body mark").all()[:10]:
        mark.hover()
    assert page.evaluate("() => window.__pwned === undefined")
    assert dialogs == [] and page.errors == []


def test_a_review_without_the_token_is_refused(page: Any, server: str) -> None:
    quote_id = httpx.get(f"{server}/api/search?q=talks&scope=quotes").json()["quotes"][0]["id"]
    page.goto("/")
    answer = page.evaluate(
        """async (id) => {
            const r = await fetch(`/api/review/quotes/${id}`, {method: "POST",
                headers: {"Content-Type": "application/json"},
                body: JSON.stringify({action: "reject", who: "intruder"})});
            return {status: r.status, body: await r.json()};
        }""",
        quote_id,
    )
    assert answer["status"] == 403
    assert answer["body"]["ok"] is False and answer["body"]["status"] == 403
    # The dashboard's form with a wrong token is refused too, and nothing is written.
    article_id = httpx.get(f"{server}/api/search?q=talks&scope=quotes").json()["quotes"][0][
        "article_id"
    ]
    page.goto(f"/articles/{article_id}")
    form = page.locator(f"#quote-{quote_id} form.review")
    form.locator("input[name='who']").fill("intruder")
    form.locator("input[name='token']").fill("not-the-token")
    page.on("dialog", lambda d: d.accept())
    with page.expect_response(lambda r: "/review/quotes/" in r.url) as info:
        form.locator("button[value='reject']").click()
    assert info.value.status == 403
    assert "token" in page.locator("p.error").inner_text()
    trail = httpx.get(f"{server}/api/review").json()["corrections"]
    assert all(c["who"] != "intruder" for c in trail)
