"""Sources are named by outlet, title and date (never a file path) and link to the item
on its report's page; the original URL is shown as text."""

from __future__ import annotations

import re
from typing import Any

from .conftest import Client


def _first_source(reader: Client) -> dict[str, Any]:
    events = reader.get("/timeline?format=json").json()["events"]
    return next(s["evidence"] for e in events for s in e["sources"] if s["evidence"]["title"])


def test_timeline_sources_carry_outlet_title_date_and_the_items_anchor(reader: Client) -> None:
    ev = _first_source(reader)
    assert ev["outlet"] and ev["title"] and ev["published"]
    assert re.fullmatch(r"event-\d+", ev["anchor"])
    article = reader.get(f"/articles/{ev['article_id']}").text
    assert f'id="{ev["anchor"]}"' in article


def test_pages_show_no_file_paths_as_sources(reader: Client, corpus_db: Any) -> None:
    folder = str(corpus_db.parent)
    for path in ("/timeline", "/search?q=talks", "/actors/Dmitry%20Peskov", "/"):
        page = reader.get(path).text
        assert folder not in page, path
        assert "/home/" not in page and "examples/" not in page, path


def test_a_search_result_links_to_the_quote_on_its_report(reader: Client) -> None:
    data = reader.get("/search?q=ready&scope=quotes&format=json").json()
    quote = data["quotes"][0]
    assert quote["anchor"] == f"quote-{quote['id']}"
    page = reader.get("/search?q=ready&scope=quotes").text
    assert f'href="/articles/{quote["article_id"]}#quote-{quote["id"]}"' in page
    if quote["outlet"]:
        assert f'<span class="outlet">{quote["outlet"]}</span>' in page


def test_the_original_url_is_shown_as_text_not_as_a_link(reader: Client) -> None:
    articles = reader.get("/search?q=the&scope=articles&format=json").json()["articles"]
    with_url = [a for a in articles if a["url"]]
    assert with_url, "the example corpus has reports with a URL"
    page = reader.get("/search?q=the&scope=articles").text
    url = with_url[0]["url"].replace("&", "&amp;")
    assert f'<span class="url">{url}</span>' in page
    assert f'href="{url}"' not in page


def test_the_history_links_each_report_to_its_position(reader: Client) -> None:
    matrix = reader.get("/matrix?format=json").json()
    row = matrix["rows"][0]
    party = next(iter(row["cells"]))
    page = reader.get(f"/history?party={party}&issue={row['issue']}").text
    assert re.search(r'href="/articles/[^"#]+#position-\d+"', page)


def test_a_click_on_a_source_opens_the_report_at_the_item(page: Any) -> None:
    page.goto("/timeline")
    page.locator("details summary").first.click()
    link = page.locator("cite .source a").first
    label = link.inner_text()
    assert "/" not in label.split("·")[-1], label  # a title, not a path
    href = link.get_attribute("href")
    assert href is not None and "#event-" in href
    link.click()
    page.wait_for_url(re.compile(r"/articles/.+#event-\d+$"))
    anchor = href.split("#", 1)[1]
    assert page.locator(f"#{anchor}").is_visible()
    assert page.errors == []
