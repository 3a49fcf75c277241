"""``dragoman changes`` and ``dragoman chart`` on a store built here (no model)."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from dragoman.models import Article, ArticleRecord, Position
from dragoman.store import Store

from .conftest import Invoke


def _record(published: str, stance: str) -> ArticleRecord:
    body = f"Ukraine said it would {stance} a neutral status on {published}."
    return ArticleRecord(
        article=Article(body=body, published=dt.date.fromisoformat(published), title=published),
        positions=[Position("Ukraine", "neutrality", stance, reported_by="Podolyak", end=10)],
    )


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "brief.db"
    with Store.open(path) as store:
        for published, stance in [("2022-03-01", "propose"), ("2022-03-10", "reject")]:
            store.save(_record(published, stance))
    return str(path)


def test_changes_prints_the_markdown_brief(invoke: Invoke, db: str) -> None:
    result = invoke("changes", "--db", db, "--since", "2022-03-05", "--base-url", "http://h/")
    assert result.exit_code == 0, result.output
    assert "# What changed, 2022-03-05 to now" in result.stdout
    assert "**Ukraine** on neutrality: propose → reject" in result.stdout
    assert "](http://h/articles/" in result.stdout


def test_changes_as_json_and_a_bad_day(invoke: Invoke, db: str) -> None:
    result = invoke("changes", "--db", db, "--since", "2022-03-11", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["since"] == "2022-03-11" and data["stances"] == [] and data["reports"] == 0
    bad = invoke("changes", "--db", db, "--since", "last week")
    assert bad.exit_code == 1 and "since" in bad.output and "Traceback" not in bad.output


def test_chart_writes_an_svg_with_a_mark_per_report(
    invoke: Invoke, db: str, tmp_path: Path
) -> None:
    out = tmp_path / "neutrality.svg"
    result = invoke("chart", "stance", "--issue", "neutrality", "--db", db, "--out", str(out))
    assert result.exit_code == 0, result.output
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    circles = [
        c for c in root.iter("{http://www.w3.org/2000/svg}circle") if c.get("class") == "mark"
    ]
    assert len(circles) == 2
    other = invoke(
        "chart", "stance", "--issue", "neutrality", "--db", db, "--out", str(tmp_path / "x.gif")
    )
    assert other.exit_code == 1 and "SVG" in other.output and not (tmp_path / "x.gif").exists()
    nothing = invoke("chart", "stance", "--db", db)
    assert nothing.exit_code == 1 and "issue" in nothing.output
