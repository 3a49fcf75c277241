"""Saved web pages, through trafilatura.

trafilatura finds the article among the navigation, footers and related-links boxes of
a page and reads its metadata. It is asked for precision over recall and run without
its fallback extractors, which would rather return a menu than nothing: a page that
holds no article should be reported as such, not passed on as a "report".
"""

from __future__ import annotations

import re

import trafilatura

from dragoman.errors import EmptyReport, MalformedReport
from dragoman.ingest.fields import drop_repeated_title, parse_date, parse_language
from dragoman.ingest.loaded import Loaded
from dragoman.models import Article

NO_ARTICLE = "no article text found in the HTML page"

_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)")
# Only dates the page states in its metadata: guessing from a copyright line or a URL
# gives a wrong date more often than a missing one.
_DATE_OPTIONS = {"extensive_search": False, "original_date": True}


def read(text: str, source: str) -> Loaded:
    """The article on the page; raises EmptyReport when there is none."""
    return Loaded(articles=[parse_html(text, source)])


def parse_html(page: str, source: str = "") -> Article:
    """An :class:`Article` from the main text and metadata of an HTML page."""
    try:
        document = trafilatura.bare_extraction(
            page,
            fast=True,
            favor_precision=True,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            date_extraction_params=_DATE_OPTIONS,
        )
    except Exception as err:  # a third-party parser on untrusted input: report, go on
        raise MalformedReport(f"the HTML page could not be parsed ({err})", source=source) from err
    text = getattr(document, "text", None) or ""
    title = _clean(getattr(document, "title", None))
    body = _paragraphs(text, title)
    if not body:
        raise EmptyReport(NO_ARTICLE, source=source)
    try:
        published = parse_date(getattr(document, "date", None))
    except (TypeError, ValueError):
        published = None
    language = _HTML_LANG.search(page)
    return Article(
        body=body,
        source=source,
        title=title,
        url=_clean(getattr(document, "url", None)),
        outlet=_clean(getattr(document, "sitename", None)),
        published=published,
        language=parse_language(language.group(1) if language else None),
    )


def _paragraphs(text: str, title: str | None) -> str:
    """One paragraph per block, blank-line separated as in the other formats, without
    the headline trafilatura repeats at the top (it is the title)."""
    blocks = [line.strip() for line in text.split("\n")]
    return drop_repeated_title("\n\n".join(block for block in blocks if block), title)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return value.strip() or None
