"""What a person sees of time and change, in headless Chromium over a real server: the
stance chart (one mark per report, coloured by stance) and /changes since a day.

The store is built here (no model needed). Screenshots go to ``DRAGOMAN_SCREENSHOT_DIR``
when set, else to the test's temporary folder: never into the working tree.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dragoman.charts import STANCE_COLOURS
from dragoman.store import Store
from dragoman.web import create_app

from .conftest import opened_tab, serving, shots
from .test_web_changes import brief_records

HEX = {"propose": "rgb(47, 111, 219)", "reject": "rgb(194, 65, 12)"}


@pytest.fixture(scope="module")
def brief_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("brief") / "brief.db"
    with Store.open(path) as store:
        for record in brief_records():
            store.save(record)
    app = create_app(path)
    with serving(app) as url:
        yield url
    app.state.web.store.close()


@pytest.fixture
def tab(browser: Any, brief_server: str) -> Iterator[Any]:
    with opened_tab(browser, brief_server, width=1280) as page:
        yield page


def test_the_stance_chart_shows_one_mark_per_report_in_its_colour(tab: Any, tmp_path: Path) -> None:
    tab.goto("/charts/stance?issue=neutrality")
    marks = tab.locator("figure.chart svg circle.mark")
    assert marks.count() == 2  # two reports of Ukraine's stance on neutrality
    seen = {
        (m.get_attribute("data-day"), m.evaluate("c => getComputedStyle(c).fill"))
        for m in marks.all()
    }
    assert seen == {("2022-03-04", HEX["propose"]), ("2022-03-10", HEX["reject"])}
    assert STANCE_COLOURS["propose"] == "#2f6fdb"
    assert tab.locator("svg g.lane").count() == 1
    shot = shots(tmp_path) / "chart-brief.png"
    tab.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 5_000
    # A mark leads to its report.
    marks.last.click()
    tab.wait_for_url("**/articles/**")
    assert tab.errors == []


def test_changes_since_a_day_lists_the_change_after_it_and_nothing_before(
    tab: Any, tmp_path: Path
) -> None:
    tab.goto("/changes")
    tab.fill("input[name=since]", "2022-03-07")
    tab.click("form.filters button")
    tab.wait_for_url("**/changes?since=2022-03-07**")
    changes = tab.locator("#stances li.stance-change")
    assert changes.count() == 1
    text = changes.first.inner_text()
    assert "Ukraine" in text and "propose" in text and "reject" in text
    assert "2022-03-04" not in tab.locator("#stances").inner_text()
    shot = shots(tmp_path) / "changes-brief.png"
    tab.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 5_000
    # Nothing after the last report.
    tab.goto("/changes?since=2022-03-11")
    assert tab.locator("#stances li.stance-change").count() == 0
    assert tab.errors == []
