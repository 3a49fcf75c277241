"""RSS and Atom feeds: one report per entry, HTML reduced to text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import feedparser.api
import pytest

from dragoman.errors import EmptyReport, IngestError, MalformedReport
from dragoman.ingest import read_path
from dragoman.ingest.htmltext import html_to_text

FixturePath = Callable[[str], Path]
Write = Callable[[str, str | bytes], Path]


def test_rss_entries_become_articles(fixture_path: FixturePath) -> None:
    path = fixture_path("wire.rss")
    loaded = read_path(path)

    assert loaded.errors == []
    first, second = loaded.articles
    assert first.title == "Istanbul talks end with pledge to scale back near Kyiv"
    assert first.url == "https://wire.example/europe/istanbul-talks"
    assert first.outlet == "Example Wire: Europe"
    assert first.language == "en"
    assert first.source == str(path)
    assert first.body == (
        "Russia said it would reduce military activity near Kyiv after talks in Istanbul."
        "\n\nUkraine asked for security guarantees from a group of states."
    )
    assert second.body.endswith("ceasefire & corridors.")
    assert second.published == dt.date(2022, 3, 10)


def test_rss_date_is_the_day_the_feed_wrote_not_utc(fixture_path: FixturePath) -> None:
    # "Tue, 29 Mar 2022 23:30:00 -0500" is already 30 March in UTC.
    first = read_path(fixture_path("wire.rss")).articles[0]
    assert first.published == dt.date(2022, 3, 29)


def test_atom_prefers_content_and_reports_an_entry_without_text(
    fixture_path: FixturePath,
) -> None:
    path = fixture_path("wire.atom")
    loaded = read_path(path)

    first, third = loaded.articles
    assert first.title == "Kremlin sees no breakthrough after Istanbul"
    assert first.url == "https://bosphorus.example/kremlin-istanbul"
    assert first.outlet == "Bosphorus Daily"
    assert first.published == dt.date(2022, 3, 30)  # published, not updated
    assert first.body == (
        "The Kremlin said on Wednesday that it saw nothing very promising in the Istanbul "
        "talks.\n\nIt added that work on a treaty would take a long time."
    )
    assert "teaser" not in first.body
    assert third.body == "Both sides said the delegations would continue talks by video link."
    assert third.published == dt.date(2022, 3, 31)  # only <updated> is given
    [error] = loaded.errors
    assert isinstance(error, EmptyReport)
    assert error.source == str(path)
    assert "entry 2 ('Photo gallery') has no text" in error.message


def test_an_impossible_date_is_reported_not_rolled_over(write: Write) -> None:
    """feedparser reads 2022-02-31 as 3 March; the entry is reported instead, and the
    other entries of the feed are still read."""
    feed = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        "<entry><title>Bad day</title><published>2022-02-31T10:00:00Z</published>"
        "<content>Peskov said the talks were hard.</content></entry>"
        "<entry><title>Good day</title><published>2022-02-28T10:00:00Z</published>"
        "<content>Kuleba met Lavrov in Antalya.</content></entry>"
        "<entry><title>No day</title><content>Talks resumed by video link.</content></entry>"
        "</feed>"
    )
    path = write("dates.atom", feed)
    loaded = read_path(path)

    assert [(a.title, a.published) for a in loaded.articles] == [
        ("Good day", dt.date(2022, 2, 28)),
        ("No day", None),
    ]
    [error] = loaded.errors
    assert isinstance(error, MalformedReport)
    assert error.source == str(path)
    assert error.message == "entry 1 ('Bad day'): unrecognised date '2022-02-31T10:00:00Z'"


def test_an_impossible_rss_date_is_reported(write: Write) -> None:
    feed = (
        "<rss version='2.0'><channel><title>W</title><item><title>Bad</title>"
        "<pubDate>Thu, 31 Feb 2022 10:00:00 GMT</pubDate>"
        "<description>Peskov said the talks were hard.</description></item>"
        "</channel></rss>"
    )
    loaded = read_path(write("dates.rss", feed))
    assert loaded.articles == []
    [error] = loaded.errors
    assert isinstance(error, MalformedReport)
    assert "unrecognised date 'Thu, 31 Feb 2022 10:00:00 GMT'" in error.message


def test_plain_text_summary_is_not_parsed_as_html(write: Write) -> None:
    feed = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        '<entry><title>E</title><summary type="text">Troops &lt;b&gt;pulled back&lt;/b&gt; '
        "near Kyiv.</summary></entry></feed>"
    )
    [article] = read_path(write("plain.atom", feed)).articles
    assert article.body == "Troops <b>pulled back</b> near Kyiv."


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ("<rss version='2.0'><channel><title>Quiet</title></channel></rss>", EmptyReport),
        ("this is <<< not a feed", MalformedReport),
    ],
)
def test_feeds_without_entries(write: Write, content: str, kind: type[IngestError]) -> None:
    loaded = read_path(write("f.xml", content))
    assert loaded.articles == []
    [error] = loaded.errors
    assert type(error) is kind


def test_file_content_is_never_taken_as_a_path_or_url(
    write: Write, fixture_path: FixturePath, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("feedparser tried to fetch a URL")

    monkeypatch.setattr(feedparser.api.http, "get", no_network)
    real_feed = fixture_path("wire.rss").resolve()
    for name, content in [("pointer.rss", str(real_feed)), ("link.rss", "https://x.example/feed")]:
        loaded = read_path(write(name, content))
        assert loaded.articles == [], name
        assert len(loaded.errors) == 1


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
        ("Line one<br>line two", "Line one\nline two"),
        ("<div>Talks &amp; truce</div><script>x = 1</script><style>p{}</style>", "Talks & truce"),
        ("<p>  spread \n  over   lines </p>", "spread over lines"),
        ("<ul><li>first</li><li>second</li></ul>", "first\n\nsecond"),
        ("no markup at all", "no markup at all"),
    ],
)
def test_html_to_text(fragment: str, text: str) -> None:
    assert html_to_text(fragment) == text
