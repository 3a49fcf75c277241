"""The SVG charts: one mark per report, the stance's colour, every name escaped."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from dragoman import charts
from dragoman.models import Article, ArticleRecord, Assessment, Position

NASTY = 'Evil <script>&"party"'
SVG = "{http://www.w3.org/2000/svg}"


def record(published: str, *positions: Position, title: str = "A report") -> ArticleRecord:
    body = "Someone said something about neutrality. " * 3 + published
    article = Article(body=body, published=dt.date.fromisoformat(published), title=title)
    return ArticleRecord(article=article, positions=list(positions))


def marks(svg: str) -> list[ET.Element]:
    return [c for c in ET.fromstring(svg).iter(SVG + "circle") if c.get("class") == "mark"]


def test_one_mark_per_report_and_party_coloured_by_stance() -> None:
    records = [
        record("2022-03-01", Position("Ukraine", "neutrality", "propose")),
        # Two positions of one party in one report: one mark, the report's latest.
        record(
            "2022-03-05",
            Position("Ukraine", "neutrality", "propose", start=0),
            Position("Ukraine", "neutrality", "reject", start=10),
            Position("Russia", "neutrality", "demand"),
            Position("Russia", "sanctions", "demand"),
        ),
        record("2022-03-09", Position("Ukraine", "neutrality", "accept")),
    ]
    data = charts.stance_data(records, "neutrality")
    assert [lane["name"] for lane in data["lanes"]] == ["Russia", "Ukraine"]
    assert data["marks"] == 4
    found = marks(charts.render(data))
    assert len(found) == 4
    colours = [(m.get("data-day"), m.get("fill")) for m in found]
    assert ("2022-03-05", charts.STANCE_COLOURS["reject"]) in colours
    assert ("2022-03-09", charts.STANCE_COLOURS["accept"]) in colours
    assert ("2022-03-05", charts.STANCE_COLOURS["demand"]) in colours


def test_names_and_titles_are_escaped() -> None:
    records = [
        record("2022-03-01", Position(NASTY, "neutrality", "propose"), title='<b>&"x"</b>'),
        record("2022-03-02", Position(NASTY, "neutrality", "reject")),
    ]
    svg = charts.render(charts.stance_data(records, "neutrality"))
    root = ET.fromstring(svg)  # well-formed: nothing broke out of its attribute or text
    assert "<script>" not in svg and "<b>" not in svg
    assert "Evil &lt;script&gt;&amp;&quot;party&quot;" in svg
    labels = [t.text for t in root.iter(SVG + "text") if t.get("class") == "lane-label"]
    assert labels == [NASTY]
    assert len(marks(svg)) == 2


def test_assessments_by_side_and_an_empty_chart() -> None:
    article = Article(body="Progress. No progress.", published=dt.date(2022, 3, 1))
    judged = ArticleRecord(
        article=article,
        assessments=[Assessment("A", "positive", end=9), Assessment("B", "negative", start=10)],
    )
    data = charts.assessments_data({"Russia": [judged], "Ukraine": [judged]})
    assert data["marks"] == 4
    assert {m.get("fill") for m in marks(charts.render(data))} == {
        charts.POLARITY_COLOURS["positive"],
        charts.POLARITY_COLOURS["negative"],
    }
    empty = charts.render(charts.stance_data([], "neutrality"))
    assert "nothing to show" in empty and marks(empty) == []


def test_events_by_type_coloured_by_status() -> None:
    timeline = [
        {"type": "talks", "date": "2022-03-29", "place": "Istanbul", "status": "occurred",
         "sources": [{"evidence": {"article_id": "abc"}}]},
        {"type": "call", "date": None, "place": None, "status": "planned", "sources": []},
    ]  # fmt: skip
    data = charts.events_data(timeline)
    assert data["marks"] == 1  # the undated event has no place on the axis
    [mark] = marks(charts.render(data))
    assert mark.get("fill") == charts.STATUS_COLOURS["occurred"]
