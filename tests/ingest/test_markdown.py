"""Markdown reports with YAML front matter, as crawlers save them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from dragoman.errors import EmptyReport, MalformedReport
from dragoman.ingest import read_path
from dragoman.ingest.markdown import markdown_to_text, parse_markdown

FixturePath = Callable[[str], Path]
Write = Callable[[str, str | bytes], Path]

BODY = "Delegations from Moscow and Kyiv met again in Istanbul on Tuesday."


def test_front_matter_fields_and_plain_body(fixture_path: FixturePath) -> None:
    path = fixture_path("istanbul_frontmatter.md")
    loaded = read_path(path)

    assert loaded.errors == []
    [article] = loaded.articles
    assert article.title == "Istanbul round ends with offer to scale back near Kyiv"
    assert article.url == "https://news.example.org/world/2022/03/29/istanbul-round"  # source:
    assert article.outlet == "Bosphorus Daily"  # site:
    assert article.published == dt.date(2022, 3, 29)  # published: full ISO datetime
    assert article.language == "en"  # en-GB
    assert article.source == str(path)
    assert article.body.startswith("Russian and Ukrainian delegations spent")  # no headline


def test_markup_is_reduced_to_prose(fixture_path: FixturePath) -> None:
    [article] = read_path(fixture_path("istanbul_frontmatter.md")).articles
    body = article.body
    assert "at the Dolmabahce palace on Tuesday, in talks hosted by Turkey." in body
    assert "according to a statement." in body
    assert "What was proposed\n" in body
    assert "\nKyiv proposed a neutral status" in body
    assert "\nMoscow said it would drastically reduce military activity" in body
    for debris in ("](", "http", "wikipedia", "![", "#", "**", "__", "* ", "- ", "---"):
        assert debris not in body, debris
    assert "Delegates at the negotiating table" not in body  # the image's alt text


@pytest.mark.parametrize(
    ("front_matter", "field", "expected"),
    [
        ('date: "2022-03-29"', "published", dt.date(2022, 3, 29)),
        ("date: 2022-03-29", "published", dt.date(2022, 3, 29)),  # YAML reads a date
        ("published: 2022-03-29T23:10:00-05:00", "published", dt.date(2022, 3, 29)),
        ('date: "2022-03-29T07:00:00Z"', "published", dt.date(2022, 3, 29)),
        ('date: "Mar 29, 2022"', "published", dt.date(2022, 3, 29)),
        ('date: "March 29, 2022"', "published", dt.date(2022, 3, 29)),
        ('date: "29 March 2022"', "published", dt.date(2022, 3, 29)),
        ('url: "https://a.example/x"', "url", "https://a.example/x"),
        ('source: "https://b.example/y"', "url", "https://b.example/y"),
        ('source: "Example Wire"', "outlet", "Example Wire"),
        ('outlet: "Example Wire"', "outlet", "Example Wire"),
        ('site: "Example Wire"', "outlet", "Example Wire"),
        ('publisher: "Example Wire"', "outlet", "Example Wire"),
        ("language: uk", "language", "uk"),
        ("language: en-US", "language", "en"),
        ('title: "Istanbul talks resume"', "language", "en"),  # the default
        ("title: 1991", "title", "1991"),
        ("url: null", "url", None),
    ],
)
def test_front_matter_variants(front_matter: str, field: str, expected: object) -> None:
    article = parse_markdown(f"---\n{front_matter}\n---\n\n{BODY}\n", source="r.md")
    assert getattr(article, field) == expected
    assert article.body == BODY


@pytest.mark.parametrize(
    ("front_matter", "field", "expected"),
    [
        # YAML would make these a date, a boolean, a float, a timestamp: they are text.
        ("title: 2022-03-29", "title", "2022-03-29"),
        ("title: No", "title", "No"),
        ("title: yes", "title", "yes"),
        ("title: Off", "title", "Off"),
        ("title: 1e3", "title", "1e3"),
        ("title: 0x1F", "title", "0x1F"),
        ("title: 2022-03-29 10:00:00 +03:00", "title", "2022-03-29 10:00:00 +03:00"),
        ("outlet: True", "outlet", "True"),
        ("caption: 2022-03-29", "caption", "2022-03-29"),
        ("credit: NO", "credit", "NO"),
        ("language: no", "language", "no"),  # Norwegian, not false
        ("lang: NO", "language", "no"),
        ("title: null", "title", None),  # still "no title"
        ("date: 2022-03-29\ntitle: No", "published", dt.date(2022, 3, 29)),  # dates stay
    ],
)
def test_text_fields_keep_the_words_yaml_would_convert(
    front_matter: str, field: str, expected: object
) -> None:
    article = parse_markdown(f"---\n{front_matter}\n---\n\n{BODY}\n", source="r.md")
    assert getattr(article, field) == expected


def test_url_wins_over_source_and_outlet_over_site() -> None:
    text = (
        "---\nurl: https://a.example/1\nsource: https://b.example/2\n"
        "outlet: First\nsite: Second\n---\n" + BODY
    )
    article = parse_markdown(text)
    assert (article.url, article.outlet) == ("https://a.example/1", "First")


def test_markdown_without_front_matter_is_body_only(write: Write) -> None:
    [article] = read_path(
        write("notes.md", f"\n{BODY}\n\nA [second](https://x.example) line.\n")
    ).articles
    assert article.body == f"{BODY}\n\nA second line."
    assert (article.title, article.published, article.url) == (None, None, None)


def test_empty_front_matter_is_allowed() -> None:
    assert parse_markdown(f"---\n---\n{BODY}").body == BODY


def test_malformed_yaml_names_the_file_and_line(write: Write) -> None:
    path = write("broken.md", f'---\ntitle: "Istanbul\ndate: [2022-03-29\n---\n{BODY}\n')
    loaded = read_path(path)
    assert loaded.articles == []
    [error] = loaded.errors
    assert isinstance(error, MalformedReport)
    assert error.source == str(path)
    assert str(path) in str(error)
    assert "malformed YAML front matter" in error.message
    assert "line " in error.message


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (f"---\ntitle: Never closed\n{BODY}\n", "never closed"),
        (f"---\n- a\n- list\n---\n{BODY}\n", "not a mapping"),
        (f"---\ndate: sometime soon\n---\n{BODY}\n", "unrecognised date"),
        (f"---\ndate: 2022\n---\n{BODY}\n", "expected a date"),
        (f"---\ntitle: [a, b]\n---\n{BODY}\n", "'title' must be text"),
        (f"---\ndate: 2022-02-31\n---\n{BODY}\n", "day is out of range for month"),
        (f"---\nlength: {'9' * 5000}\n---\n{BODY}\n", "integer string conversion"),
        (f"---\ntags: {'[' * 500}{']' * 500}\n---\n{BODY}\n", "nested too deeply"),
    ],
)
def test_bad_front_matter_is_malformed(text: str, reason: str) -> None:
    with pytest.raises(MalformedReport, match=reason):
        parse_markdown(text, source="bad.md")


def test_front_matter_without_body_is_empty() -> None:
    with pytest.raises(EmptyReport):
        parse_markdown("---\ntitle: Only metadata\n---\n\n![photo](p.jpg)\n")


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("See [the statement](https://x.example/a_(b)) now.", "See the statement now."),
        ('A [link](https://x.example "Title") here.', "A link here."),
        ("Before\n![alt](pic.png)\nAfter", "Before\nAfter"),
        ("Before\n[![alt](pic.png)](https://x.example)\nAfter", "Before\nAfter"),
        ("Inline ![alt](pic.png) image.", "Inline  image."),
        ("### Heading\nText", "Heading\nText"),
        (
            "  - indented bullet\n* star bullet\n+ plus bullet",
            "indented bullet\nstar bullet\nplus bullet",
        ),
        ("**bold** and __strong__ words", "bold and strong words"),
        ("> quoted line", "quoted line"),
        ("Para one.\n\n* * *\n\nPara two.", "Para one.\n\nPara two."),
        ("Talks in Kyiv - and Moscow - went on.", "Talks in Kyiv - and Moscow - went on."),
        ("A 2*3 sum and snake_case_name stay.", "A 2*3 sum and snake_case_name stay."),
    ],
)
def test_markdown_to_text(markdown: str, text: str) -> None:
    assert markdown_to_text(markdown) == text
