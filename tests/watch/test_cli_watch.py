"""``dragoman watch`` from the command line: one line per cycle, the state kept beside
the database, a refused scheme as one error line, and a real record end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dragoman import api
from dragoman.cli import app
from dragoman.nlp.pipeline import Analyzer
from dragoman.store import Store

from .conftest import Route, Site, full, rss

REPORT = (
    "Kremlin spokesman Dmitry Peskov said on Tuesday that Moscow was ready to continue "
    "the talks in Geneva next week.\n\n"
    "\u201cWe are ready to sit down at the table again,\u201d Peskov told reporters, "
    "adding that the date depended on the Ukrainian side.\n\n"
    "Ukrainian Foreign Minister Andrii Sybiha said Kyiv would study the Russian draft "
    "carefully before the next round, and that a ceasefire remained the first condition "
    "for any agreement on the exchange of prisoners."
)


def _watch(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["watch", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_each_cycle_is_one_line_and_the_state_is_kept_beside_the_database(
    site: Site, tmp_path: Path, analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api, "default_analyzer", lambda: analyzer)
    site.routes["/feed.xml"] = Route(rss([full(1), full(2)]), etag='"v1"')
    site.routes["/broken.xml"] = Route(status=500)
    db = tmp_path / "w.db"

    code, out, err = _watch(
        site.url("/feed.xml"), site.url("/broken.xml"), "--every", "0s", "--cycles", "2",
        "--db", str(db), "--timeout", "5",
    )  # fmt: skip

    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 2
    assert "cycle 1: 2 feeds polled, 2 new, 0 present, 1 failed, 0 not modified" in lines[0]
    assert "cycle 2: 2 feeds polled, 0 new, 0 present, 1 failed, 1 not modified" in lines[1]
    assert "broken.xml" in err and "HTTP 500" in err
    state = json.loads((tmp_path / "w.db.watch.json").read_text(encoding="utf-8"))
    assert state["feeds"][site.url("/feed.xml")]["etag"] == '"v1"'


def test_a_refused_scheme_is_one_error_line_and_no_database(tmp_path: Path) -> None:
    db = tmp_path / "never.db"
    code, out, err = _watch("ftp://127.0.0.1/feed.xml", "--db", str(db), "--cycles", "1")
    assert code == 1
    assert "only http(s) URLs and local files" in err
    assert "Traceback" not in err
    assert not db.exists()


def test_a_bad_interval_is_refused(tmp_path: Path) -> None:
    code, _out, err = _watch("http://127.0.0.1:9/x", "--every", "soon", "--db", str(tmp_path / "d"))
    assert code == 2
    assert "not an interval" in err


def test_the_help_has_an_example() -> None:
    code, out, _err = _watch("--help")
    assert code == 0
    assert "Example: dragoman watch" in out


@pytest.mark.model
def test_a_new_report_is_stored_with_its_record_by_the_real_pipeline(
    site: Site, tmp_path: Path
) -> None:
    entry = {"title": "Peskov: ready for more talks", "content": REPORT}
    site.routes["/feed.xml"] = Route(rss([entry]), etag='"1"')
    db = tmp_path / "real.db"

    code, out, err = _watch(site.url("/feed.xml"), "--cycles", "1", "--db", str(db))

    assert code == 0, err
    assert "1 new" in out
    with Store.open(db) as store:
        [article] = store.articles()
        record = store.load(article.id)
    assert record is not None
    assert record.article.title == "Peskov: ready for more talks"
    assert record.article.source == site.url("/feed.xml")
    assert any("Peskov" in actor.name for actor in record.actors)
    assert record.quotes
