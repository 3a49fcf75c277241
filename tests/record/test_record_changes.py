"""What changed since a day, on a store filled with records built here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dragoman.errors import BadFilter
from dragoman.models import Article, ArticleRecord, Assessment, Event, Position
from dragoman.record import Changes, changes_markdown, since_day, what_changed
from dragoman.store import Store


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def report(
    published: str, title: str, sentences: list[str], **items: list[object]
) -> ArticleRecord:
    """A report of ``sentences``; each item's ``start`` is the index of its sentence."""
    body = " ".join(sentences)
    offsets, at = [], 0
    for sentence in sentences:
        offsets.append((at, at + len(sentence)))
        at += len(sentence) + 1
    for values in items.values():
        for item in values:
            start, end = offsets[item.start]  # type: ignore[attr-defined]
            item.start, item.end = start, end  # type: ignore[attr-defined]
    article = Article(body=body, source=f"{title}.txt", published=day(published), title=title)
    return ArticleRecord(article=article, **items)  # type: ignore[arg-type]


def position(party: str, stance: str, issue: str = "neutrality", at: int = 0) -> Position:
    return Position(
        party, issue, stance, summary=f"{party} {stance}", reported_by="Podolyak", start=at
    )


def corpus() -> list[ArticleRecord]:
    return [
        report(
            "2022-03-01",
            "First round",
            ["Ukraine proposed a neutral status.", "Talks are planned for March 15."],
            positions=[position("Ukraine", "propose")],
            events=[
                Event(
                    "talks",
                    "planned",
                    day("2022-03-15"),
                    "Istanbul",
                    ["Russia", "Ukraine"],
                    start=1,
                )
            ],
        ),
        report(
            "2022-03-10",
            "Second round",
            ["Ukraine now rejects neutrality.", "Medinsky sees progress."],
            positions=[position("Ukraine", "reject")],
            assessments=[Assessment("Vladimir Medinsky", "positive", day("2022-03-10"), start=1)],
        ),
        report(
            "2022-03-20",
            "Third round <&>",
            [
                "Ukraine still rejects neutrality.",
                "Russia demands sanctions relief.",
                "The talks are moved to March 25.",
                "Podolyak sees no progress.",
            ],
            positions=[position("Ukraine", "reject"), position("Russia", "demand", "sanctions", 1)],
            events=[
                Event(
                    "talks",
                    "planned",
                    day("2022-03-25"),
                    "Istanbul",
                    ["Russia", "Ukraine"],
                    start=2,
                )
            ],
            assessments=[Assessment("Mykhailo Podolyak", "negative", day("2022-03-16"), start=3)],
        ),
    ]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "changes.db")
    for record in corpus():
        assert opened.save(record)
    return opened


def changed(store: Store, since: str, until: str | None = None) -> Changes:
    start, end = day(since), day(until) if until else None
    return what_changed(store.changes_reads(start, end, 7), start, end)


def test_a_stance_change_after_the_day_is_listed_and_nothing_before(store: Store) -> None:
    found = changed(store, "2022-03-05", "2022-03-12")
    assert found.reports == 1
    [change] = found.stances
    assert (change.party, change.issue, change.before, change.stance) == (
        "Ukraine",
        "neutrality",
        "propose",
        "reject",
    )
    assert change.source.href.startswith("/articles/") and "#position-" in change.source.href
    assert change.source.text == "Ukraine now rejects neutrality."


def test_the_same_stance_again_is_not_a_change_and_a_new_key_is_new(store: Store) -> None:
    found = changed(store, "2022-03-15")
    kinds = {(s.party, s.issue): s.kind for s in found.stances}
    assert kinds == {("Russia", "sanctions"): "new"}


def test_a_planned_event_given_another_day_is_rescheduled(store: Store) -> None:
    found = changed(store, "2022-03-15")
    [event] = found.events
    assert (event.kind, event.date, event.before_date) == (
        "rescheduled",
        day("2022-03-25"),
        day("2022-03-15"),
    )


def test_a_first_report_of_an_event_is_new(store: Store) -> None:
    found = changed(store, "2022-02-01", "2022-03-05")
    assert [e.kind for e in found.events] == ["new"]


def test_new_contradictions_have_a_side_in_a_new_report(store: Store) -> None:
    found = changed(store, "2022-03-15")
    [(c, first, second)] = found.contradictions
    assert c.kind == "assessment"
    assert {first.title, second.title} == {"Second round", "Third round <&>"}
    assert changed(store, "2022-03-21").contradictions == []


def test_the_markdown_brief_links_every_line_and_escapes_titles(store: Store) -> None:
    text = changes_markdown(changed(store, "2022-03-15"), "http://host:8000/")
    assert "# What changed, 2022-03-15 to now" in text
    assert "](http://host:8000/articles/" in text
    assert "Third round \\<&\\>" in text
    for line in text.splitlines():
        if line.startswith("- ") and "quote(s)" not in line:
            assert "](http://host:8000/articles/" in line, line


def test_since_takes_days_weeks_and_dates() -> None:
    today = day("2022-04-10")
    assert since_day("7d", today) == day("2022-04-03")
    assert since_day("2w", today) == day("2022-03-27")
    assert since_day("2022-03-01", today) == day("2022-03-01")
    with pytest.raises(BadFilter):
        since_day("last week", today)


def test_until_before_since_is_refused(store: Store) -> None:
    with pytest.raises(BadFilter):
        changed(store, "2022-03-15", "2022-03-01")
