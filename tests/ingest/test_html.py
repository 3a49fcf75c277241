"""Saved web pages: the article's text and metadata, not the page around it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from dragoman.errors import EmptyReport
from dragoman.ingest import read_path
from dragoman.ingest.html import NO_ARTICLE, parse_html

FixturePath = Callable[[str], Path]
Write = Callable[[str, str | bytes], Path]

PAGE_FURNITURE = (
    "World news desk",
    "Business and markets",
    "Sport results",
    "Related",
    "Markets slide as hopes for a truce fade",
    "Explainer",
    "All rights reserved",
    "Privacy policy",
    "Cookie settings",
)


def test_article_text_and_metadata(fixture_path: FixturePath) -> None:
    path = fixture_path("antalya_page.html")
    loaded = read_path(path)

    assert loaded.errors == []
    [article] = loaded.articles
    assert article.title == "Antalya meeting ends without ceasefire deal"
    assert article.published == dt.date(2022, 3, 10)
    assert article.outlet == "The Meridian Post"
    assert article.url == "https://meridian.example/world/antalya-meeting"
    assert article.language == "en"
    assert article.source == str(path)
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("The foreign ministers of Russia and Ukraine left")
    assert paragraphs[-1].endswith("called it a civilised first step.")


def test_navigation_footer_and_related_links_are_dropped(fixture_path: FixturePath) -> None:
    [article] = read_path(fixture_path("antalya_page.html")).articles
    for furniture in PAGE_FURNITURE:
        assert furniture not in article.body, furniture


def test_headline_is_not_repeated_in_the_body(fixture_path: FixturePath) -> None:
    [article] = read_path(fixture_path("antalya_page.html")).articles
    assert article.title
    assert article.title not in article.body


def test_page_without_an_article_is_an_empty_report(fixture_path: FixturePath) -> None:
    path = fixture_path("section_index.html")
    loaded = read_path(path)
    assert loaded.articles == []
    [error] = loaded.errors
    assert isinstance(error, EmptyReport)
    assert error.message == NO_ARTICLE == "no article text found in the HTML page"
    assert error.source == str(path)


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Log in</title></head>"
        "<body><nav><a href='/'>Home</a></nav></body></html>",
        "<html><body><script>var talks = 'Istanbul';</script></body></html>",
        "<!-- nothing here -->",
    ],
)
def test_pages_with_nothing_to_read(page: str) -> None:
    with pytest.raises(EmptyReport, match=NO_ARTICLE):
        parse_html(page, source="p.html")


def test_htm_suffix_and_page_without_metadata(write: Write) -> None:
    page = (
        "<html><body><div><p>Ukrainian and Russian negotiators agreed in Istanbul on "
        "Tuesday to keep working on a draft treaty, a Turkish official said.</p>"
        "</div></body></html>"
    )
    [article] = read_path(write("bare.htm", page)).articles
    assert article.body == (
        "Ukrainian and Russian negotiators agreed in Istanbul on Tuesday to keep working "
        "on a draft treaty, a Turkish official said."
    )
    assert (article.title, article.published, article.outlet) == (None, None, None)
    assert article.language == "en"


def test_language_comes_from_the_html_element(write: Write) -> None:
    page = (
        '<html lang="uk-UA"><body><article><p>Делегації України та Росії зустрілися '
        "у Стамбулі у вівторок для нового раунду переговорів.</p></article></body></html>"
    )
    [article] = read_path(write("uk.html", page)).articles
    assert article.language == "uk"


def test_no_date_is_guessed_from_a_copyright_line(write: Write) -> None:
    page = (
        "<html><body><article><p>Ukrainian and Russian negotiators agreed in Istanbul on "
        "Tuesday to keep working on a draft treaty, a Turkish official said.</p></article>"
        "<footer>&copy; 2021 The Meridian Post</footer></body></html>"
    )
    [article] = read_path(write("undated.html", page)).articles
    assert article.published is None
