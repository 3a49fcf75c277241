"""Finding things on the web: surnames, aliases and issue words in filters (said on
the page and in the JSON), known values suggested, and search with totals and pages."""

from __future__ import annotations

import re

from dragoman.web.pages.search import SEARCH_LIMIT

from .conftest import Client


def test_a_surname_filter_finds_the_actor_and_the_page_says_so(reader: Client) -> None:
    data = reader.get("/search?actor=Lavrov&format=json").json()
    assert data["filters"]["actor"] == "Sergei Lavrov" and data["given"]["actor"] == "Lavrov"
    assert data["matched"][0]["value"] == "Sergei Lavrov"
    assert data["notes"] == ["actor 'Lavrov' matched Sergei Lavrov (alias)"]
    assert data["quote_total"] >= 1
    assert {q["speaker"] for q in data["quotes"]} == {"Sergei Lavrov"}
    page = reader.get("/search?actor=Lavrov").text
    assert "matched Sergei Lavrov" in page and 'value="Sergei Lavrov"' in page


def test_an_issue_word_filters_by_the_issue(reader: Client) -> None:
    word = reader.get("/search?issue=NATO&format=json").json()
    code = reader.get("/search?issue=alliance_membership&format=json").json()
    assert word["filters"]["issue"] == "alliance_membership"
    assert word["notes"] == ["issue 'NATO' matched alliance_membership (word)"]
    assert code["notes"] == []
    assert word["quote_total"] == code["quote_total"] > 0
    assert word["article_total"] == code["article_total"] > 0


def test_the_actor_page_takes_a_surname(reader: Client) -> None:
    data = reader.get("/actors/Medinsky?format=json").json()
    assert data["name"] == "Vladimir Medinsky" and data["given"] == "Medinsky"
    assert data["notes"] == ["actor 'Medinsky' matched Vladimir Medinsky (alias)"]
    assert data["quote_count"] > 0
    assert "matched Vladimir Medinsky" in reader.get("/actors/Medinsky").text
    assert reader.get("/actors/Nobody%20Atall?format=json").status_code == 404


def test_the_timeline_takes_a_party_alias(reader: Client) -> None:
    data = reader.get("/timeline?party=Kyiv&format=json").json()
    assert data["filters"]["party"] == "Ukraine"
    assert data["count"] > 0 and data["notes"] == ["party 'Kyiv' matched Ukraine (alias)"]


def test_inputs_suggest_known_values(reader: Client) -> None:
    for path in ("/search", "/timeline"):
        page = reader.get(path).text
        for name in ("actors", "parties"):
            assert f'list="known-{name}"' in page and f'<datalist id="known-{name}">' in page
        assert '<option value="Sergei Lavrov">' in page and '<option value="Ukraine">' in page
    assert '<option value="alliance_membership">' in reader.get("/search").text
    assert '<option value="talks">' in reader.get("/timeline").text


def test_search_shows_the_total_and_pages_through_it(reader: Client) -> None:
    first = reader.get("/search?q=the&scope=quotes&format=json").json()
    total = first["quote_total"]
    assert total > SEARCH_LIMIT, "the corpus should hold more quotes than one page"
    assert len(first["quotes"]) == SEARCH_LIMIT and first["pages"] == -(-total // SEARCH_LIMIT)
    second = reader.get("/search?q=the&scope=quotes&page=2&format=json").json()
    assert second["page"] == 2 and len(second["quotes"]) == total - SEARCH_LIMIT
    ids = [q["id"] for q in first["quotes"]] + [q["id"] for q in second["quotes"]]
    assert len(set(ids)) == total
    html = reader.get("/search?q=the&scope=quotes").text
    assert f'Quotes <span class="total">({total}; 1–{SEARCH_LIMIT} shown)' in html
    nxt = re.search(r'<a rel="next" href="([^"]+)"', html)
    assert nxt is not None and "page=2" in nxt.group(1) and "q=the" in nxt.group(1)
    last = reader.get(nxt.group(1).replace("&amp;", "&")).text
    assert 'rel="prev"' in last and 'rel="next"' not in last


def test_article_totals_count_every_match(reader: Client) -> None:
    data = reader.get("/search?q=talks&scope=articles&format=json").json()
    assert data["article_total"] == len(data["articles"]) > 0
    assert reader.get("/search?q=talks&page=0").status_code == 422
