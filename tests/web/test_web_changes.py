"""/changes, /contradictions and /charts in-process, over a store built here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from dragoman.models import Article, ArticleRecord, Assessment, Position
from dragoman.store import Store
from dragoman.web import create_app

from .conftest import Client


def brief_records() -> list[ArticleRecord]:
    """Ukraine proposes neutrality on 2022-03-04 and rejects it on 2022-03-10; two
    judgements of the talks disagree on 2022-03-10."""
    found = []
    for published, stance, polarity in [
        ("2022-03-04", "propose", "positive"),
        ("2022-03-10", "reject", "negative"),
    ]:
        body = f"Ukraine will {stance} a neutral status. The talks look {polarity} <&>."
        found.append(
            ArticleRecord(
                article=Article(
                    body=body,
                    published=dt.date.fromisoformat(published),
                    title=f"Report of {published} <i>",
                ),
                positions=[
                    Position("Ukraine", "neutrality", stance, reported_by="Podolyak", end=10)
                ],
                assessments=[
                    Assessment(f"Judge {polarity}", polarity, start=len(body) - 20, end=len(body))
                ],
            )
        )
    return found


@pytest.fixture
def brief(tmp_path: Path) -> Iterator[Client]:
    path = tmp_path / "brief.db"
    with Store.open(path) as store:
        for record in brief_records():
            store.save(record)
    app = create_app(path)
    yield Client(app)
    app.state.web.store.close()


def test_changes_json_lists_the_change_after_the_day(brief: Client) -> None:
    data = brief.get("/api/changes?since=2022-03-07").json()
    assert data["ok"] is True and data["reports"] == 1
    [change] = data["stances"]
    assert (change["before"], change["stance"]) == ("propose", "reject")
    assert change["source"]["href"].startswith("/articles/")
    assert len(data["contradictions"]) == 1
    assert brief.get("/api/changes?since=2022-03-11").json()["stances"] == []


def test_changes_without_a_day_is_the_last_week_of_the_record(brief: Client) -> None:
    data = brief.get("/api/changes").json()
    assert data["since"] == "2022-03-03"


def test_changes_page_escapes_and_links(brief: Client) -> None:
    html = brief.get("/changes?since=2022-03-07").text
    assert "Report of 2022-03-10 &lt;i&gt;" in html and "<i>" not in html
    assert 'class="change stance-change kind-changed"' in html


def test_contradictions_page_shows_both_sides(brief: Client) -> None:
    html = brief.get("/contradictions?since=2022-03-01").text
    assert html.count('class="side"') == 2
    data = brief.get("/api/contradictions?since=2022-03-01").json()
    assert data["count"] == 1 and len(data["contradictions"][0]["sources"]) == 2


def test_chart_json_and_page(brief: Client) -> None:
    data = brief.get("/api/charts/stance?issue=neutrality").json()
    assert data["chart"]["marks"] == 2
    html = brief.get("/charts/stance?issue=neutrality").text
    assert html.count('class="mark"') == 2 and "<svg" in html
    for kind in ("events", "assessments"):
        assert brief.get(f"/charts/{kind}").status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/api/changes?since=nonsense", "/api/charts/bogus", "/api/contradictions?window=-1"],
)
def test_errors_keep_the_one_shape(brief: Client, url: str) -> None:
    response = brief.get(url)
    assert response.status_code in (400, 422)
    body = response.json()
    assert set(body) == {"ok", "error", "status"} and body["ok"] is False
