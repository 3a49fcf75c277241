"""``dragoman chart``: SVG and PNG files of a stance chart, on a store built here."""

from __future__ import annotations

import datetime as dt
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from dragoman.models import Article, ArticleRecord, Position
from dragoman.store import Store

from .conftest import Invoke

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}"


def _record(published: str, party: str, stance: str) -> ArticleRecord:
    body = f"{party} said on {published} that it would {stance} a neutral status for Kyiv."
    return ArticleRecord(
        article=Article(body=body, published=dt.date.fromisoformat(published), title=published),
        positions=[Position(party, "neutrality", stance, reported_by="a negotiator", end=20)],
    )


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "charts.db"
    with Store.open(path) as store:
        for published, party, stance in [
            ("2022-03-01", "Ukraine", "propose"),
            ("2022-03-10", "Ukraine", "reject"),
            ("2022-03-12", "Russia", "demand"),
        ]:
            store.save(_record(published, party, stance))
    return str(path)


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG's header chunk (IHDR, right after the signature)."""
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_an_svg_with_a_mark_per_report(invoke: Invoke, db: str, tmp_path: Path) -> None:
    out = tmp_path / "neutrality.svg"
    result = invoke("chart", "stance", "--issue", "neutrality", "--db", db, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "3 mark(s) in 2 lane(s)" in result.output and "(SVG)" in result.output
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    marks = [c for c in root.iter(SVG + "circle") if c.get("class") == "mark"]
    assert len(marks) == 3


def test_a_png_of_the_same_chart_at_the_expected_size(
    invoke: Invoke, db: str, tmp_path: Path
) -> None:
    args = ("chart", "stance", "--issue", "neutrality", "--db", db, "--out")
    assert invoke(*args, str(tmp_path / "n.svg")).exit_code == 0
    svg = ET.fromstring((tmp_path / "n.svg").read_text(encoding="utf-8"))
    width, height = int(svg.get("width") or 0), int(svg.get("height") or 0)
    assert (width, height) == (960, 154)  # two lanes
    out = tmp_path / "neutrality.PNG"
    result = invoke(*args, str(out))
    assert result.exit_code == 0, result.output
    assert "3 mark(s) in 2 lane(s)" in result.output and "(PNG)" in result.output
    assert png_size(out.read_bytes()) == (2 * width, 2 * height)  # the default scale, 2
    small = tmp_path / "small.png"
    assert invoke(*args, str(small), "--scale", "1").exit_code == 0
    assert png_size(small.read_bytes()) == (width, height)


def test_other_file_kinds_and_a_missing_issue_are_refused(
    invoke: Invoke, db: str, tmp_path: Path
) -> None:
    args = ("chart", "stance", "--issue", "neutrality", "--db", db, "--out")
    jpeg = invoke(*args, str(tmp_path / "x.jpg"))
    assert jpeg.exit_code == 1 and ".svg" in jpeg.output and ".png" in jpeg.output
    big = invoke(*args, str(tmp_path / "x.png"), "--scale", "9")
    assert big.exit_code != 0 and "scale" in big.output
    assert list(tmp_path.glob("x.*")) == []
    nothing = invoke("chart", "stance", "--db", db)
    assert nothing.exit_code == 1 and "issue" in nothing.output


def test_the_stance_chart_data_does_not_depend_on_the_issue_s_capitals(db: str) -> None:
    from dragoman.charts import chart_data

    with Store.open(db) as store:
        lower = chart_data(store, "stance", "neutrality")
        upper = chart_data(store, "stance", "Neutrality")
    drop = {"issue", "title"}  # the issue as asked
    assert {k: v for k, v in upper.items() if k not in drop} == {
        k: v for k, v in lower.items() if k not in drop
    }
    assert "Ukraine" in str(upper) and "Russia" in str(upper) and "reject" in str(upper)
