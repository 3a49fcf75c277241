"""The charts: one mark per report, the stance's colour, every name escaped; the PNG
drawn from the same layout as the SVG."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET

from PIL import Image

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


def _blend(colour: str, opacity: float = charts.MARK_OPACITY) -> tuple[int, ...]:
    """A mark's colour over the white ground, as the PNG shows it."""
    rgb = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return tuple(round(c * opacity + 255 * (1 - opacity)) for c in rgb)


def test_the_png_shows_each_mark_in_its_colour_where_the_svg_puts_it() -> None:
    records = [
        record("2022-03-01", Position("Ukraine", "neutrality", "propose")),
        record("2022-03-20", Position("Ukraine", "neutrality", "reject")),
        record("2022-03-09", Position("Russia", "neutrality", "demand")),
    ]
    data = charts.stance_data(records, "neutrality")
    svg = ET.fromstring(charts.render(data))
    image = Image.open(io.BytesIO(charts.render_png(data, scale=2)))
    assert image.format == "PNG" and image.mode == "RGB"
    assert image.size == (2 * int(svg.get("width") or 0), 2 * int(svg.get("height") or 0))
    assert image.info["Title"] == "Stances on neutrality"
    for mark in marks(charts.render(data)):
        x, y = float(mark.get("cx") or 0), float(mark.get("cy") or 0)
        seen = image.getpixel((round(2 * x), round(2 * (y + 3))))  # off the lane's rule
        expected = _blend(mark.get("fill") or "")
        assert max(abs(a - b) for a, b in zip(seen, expected, strict=True)) <= 3, (seen, expected)
    # Between the marks, only the lane's rule and the white ground.
    assert image.getpixel((2 * charts.LEFT + 4, 10)) == (255, 255, 255)


def test_an_empty_png_says_so_without_marks() -> None:
    png = charts.render_png(charts.stance_data([], "neutrality"), scale=1)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = {c for _, c in image.getcolors(maxcolors=1 << 16) or []}
    assert all(_blend(c) not in colours for c in charts.STANCE_COLOURS.values())
    assert len(colours) > 2  # the grey words, antialiased
