"""Polling feeds against a real server on 127.0.0.1: new entries stored once each,
conditional requests, a failing feed backed off while the others go on, a slow one cut
off, summaries replaced by their pages, and any scheme but http(s) and files refused."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from dragoman.errors import IngestError
from dragoman.models import article_id
from dragoman.store import Store
from dragoman.watch import (
    CycleReport,
    Watcher,
    WatchOptions,
    check_location,
    decode,
    parse_interval,
    read_feed,
    watch,
)

from .conftest import HTTP_DATE, Counted, FakeTime, Route, Site, body, full, page, rss


def _ids(numbers: list[int]) -> list[str]:
    return [article_id(body(n)) for n in numbers]


def _run(
    site: Site,
    feeds: list[str],
    store: Store,
    analyse: Counted,
    fake_time: FakeTime,
    on_cycle: object = None,
    **options: object,
) -> list[CycleReport]:
    reports: list[CycleReport] = []

    def keep(report: CycleReport) -> None:
        reports.append(report)
        if callable(on_cycle):
            on_cycle(report)

    settings = WatchOptions(**{"every": 60.0, "timeout": 5.0, "cycles": 1, **options})  # type: ignore[arg-type]
    watch(
        [site.url(f) for f in feeds],
        store,
        analyse,
        settings,
        clock=fake_time.clock,
        sleep=fake_time.sleep,
        on_cycle=keep,
    )
    return reports


def test_a_feed_that_changes_stores_each_new_entry_once(
    site: Site, store: Store, analyse: Counted, fake_time: FakeTime
) -> None:
    site.routes["/feed.xml"] = Route(rss([full(1), full(2)]), etag='"v1"')

    def publish_more(report: CycleReport) -> None:
        if report.number == 1:
            site.routes["/feed.xml"] = Route(rss([full(3), full(1), full(2)]), etag='"v2"')

    reports = _run(site, ["/feed.xml"], store, analyse, fake_time, publish_more, cycles=3)

    assert [(r.new, r.present, r.not_modified) for r in reports] == [
        (2, 0, 0),
        (1, 2, 0),
        (0, 0, 1),
    ]
    assert all(store.has(i) for i in _ids([1, 2, 3]))
    assert sorted(a.id for a in analyse.seen) == sorted(_ids([1, 2, 3]))  # each once
    assert fake_time.slept == [60.0, 60.0]  # between cycles, never after the last
    assert reports[0].line() == (
        "cycle 1: 1 feeds polled, 2 new, 0 present, 0 failed, 0 not modified"
    )


@pytest.mark.parametrize(
    ("route", "header", "value"),
    [
        (Route(etag='"abc"'), "If-None-Match", '"abc"'),
        (Route(last_modified=HTTP_DATE), "If-Modified-Since", HTTP_DATE),
    ],
    ids=["etag", "last-modified"],
)
def test_an_unchanged_feed_answers_304_and_nothing_is_read(
    site: Site,
    store: Store,
    analyse: Counted,
    fake_time: FakeTime,
    route: Route,
    header: str,
    value: str,
) -> None:
    route.body = rss([full(1)])
    site.routes["/feed.xml"] = route

    reports = _run(site, ["/feed.xml"], store, analyse, fake_time, cycles=3)

    assert [(r.new, r.not_modified) for r in reports] == [(1, 0), (0, 1), (0, 1)]
    assert len(analyse.seen) == 1
    first, *later = site.requests["/feed.xml"]
    assert header not in first
    assert [headers.get(header) for headers in later] == [value, value]


def test_the_validators_are_remembered_across_runs(
    site: Site, store: Store, analyse: Counted, fake_time: FakeTime, tmp_path: Path
) -> None:
    site.routes["/feed.xml"] = Route(rss([full(1)]), etag='"same"')
    state = tmp_path / "state.json"

    _run(site, ["/feed.xml"], store, analyse, fake_time, state_path=state)
    again = _run(site, ["/feed.xml"], store, analyse, FakeTime(), state_path=state)

    assert again[0].not_modified == 1
    assert site.requests["/feed.xml"][1].get("If-None-Match") == '"same"'
    assert len(analyse.seen) == 1


def test_a_server_ignoring_validators_is_not_read_again_for_the_same_bytes(
    site: Site, store: Store, analyse: Counted, fake_time: FakeTime
) -> None:
    site.routes["/feed.xml"] = Route(rss([full(1)]))  # no ETag, no Last-Modified

    reports = _run(site, ["/feed.xml"], store, analyse, fake_time, cycles=2)

    assert [(r.new, r.present, r.not_modified) for r in reports] == [(1, 0, 0), (0, 0, 1)]


def test_a_failing_feed_is_reported_and_backed_off_while_the_others_are_polled(
    site: Site, store: Store, analyse: Counted, fake_time: FakeTime
) -> None:
    site.routes["/broken.xml"] = Route(status=500)
    site.routes["/good.xml"] = Route(rss([full(1)]), etag='"g"')

    reports = _run(site, ["/broken.xml", "/good.xml"], store, analyse, fake_time, cycles=5)

    # Failures at 0 s and 60 s; then a wait of two intervals (to 180 s), then four.
    assert site.hits("/broken.xml") == 3
    assert site.hits("/good.xml") == 5
    assert [len(r.failed) for r in reports] == [1, 1, 0, 1, 0]
    assert [r.waiting for r in reports] == [0, 0, 1, 0, 1]
    source, reason = reports[0].failed[0]
    assert source == site.url("/broken.xml")
    assert "HTTP 500" in reason
    assert store.has(_ids([1])[0])
    assert "backing off" in reports[2].line()


def test_the_feed_is_polled_as_usual_once_it_recovers(
    site: Site, store: Store, analyse: Counted, fake_time: FakeTime
) -> None:
    site.routes["/flaky.xml"] = Route(status=503)

    def recover(report: CycleReport) -> None:
        site.routes["/flaky.xml"] = Route(rss([full(1)]))

    reports = _run(site, ["/flaky.xml"], store, analyse, fake_time, recover, cycles=3)

    assert [(len(r.failed), r.new) for r in reports] == [(1, 0), (0, 1), (0, 0)]
    assert site.hits("/flaky.xml") == 3


def test_a_slow_feed_is_cut_off_and_the_cycle_goes_on(
    site: Site, store: Store, analyse: Counted, fake_time: FakeTime
) -> None:
    site.routes["/slow.xml"] = Route(rss([full(1)]), delay=5.0)
    site.routes["/good.xml"] = Route(rss([full(2)]))

    start = time.monotonic()
    reports = _run(site, ["/slow.xml", "/good.xml"], store, analyse, fake_time, timeout=0.3)

    assert time.monotonic() - start < 3
    [(source, reason)] = reports[0].failed
    assert source == site.url("/slow.xml")
    assert "within 0.3 s" in reason
    assert reports[0].new == 1
    assert not store.has(_ids([1])[0])
    assert store.has(_ids([2])[0])


def test_an_oversized_feed_is_refused(
    site: Site, store: Store, analyse: Counted, fake_time: FakeTime
) -> None:
    site.routes["/huge.xml"] = Route(rss([full(n) for n in range(20)]))

    reports = _run(site, ["/huge.xml"], store, analyse, fake_time, max_bytes=4096)

    assert "limit" in reports[0].failed[0][1]
    assert not analyse.seen


def test_an_entry_with_only_a_summary_is_read_from_its_page(
    site: Site, store: Store, analyse: Counted, fake_time: FakeTime
) -> None:
    paragraphs = [
        "The foreign ministers met in Geneva on Tuesday for a third round of talks.",
        "They agreed to exchange prisoners next week, the mediators said in a statement.",
        "A further meeting on the humanitarian corridor is planned for June.",
    ]
    site.routes["/news/geneva"] = Route(
        page("Ministers agree prisoner exchange", paragraphs), "text/html; charset=utf-8"
    )
    teaser = {
        "title": "Ministers agree prisoner exchange",
        "link": "/news/geneva",  # relative: read against the feed's URL
        "summary": "Ministers agreed a prisoner exchange in Geneva.",
    }
    site.routes["/feed.xml"] = Route(rss([teaser]), etag='"1"')

    def republish(report: CycleReport) -> None:  # the same entry, with another beside it
        site.routes["/feed.xml"] = Route(rss([full(9), teaser]), etag=f'"{report.number + 1}"')

    reports = _run(site, ["/feed.xml"], store, analyse, fake_time, republish, cycles=2)

    assert [(r.new, r.present) for r in reports] == [(1, 0), (1, 1)]
    assert site.hits("/news/geneva") == 1  # remembered: the page is not fetched again
    article = analyse.seen[0]
    assert "third round of talks" in article.body
    assert "Home" not in article.body and "Copyright" not in article.body
    assert article.url == site.url("/news/geneva")
    assert article.title == "Ministers agree prisoner exchange"
    stored = store.load(article.id)
    assert stored is not None and stored.article.url == site.url("/news/geneva")


def test_a_page_that_fails_is_reported_and_tried_again_when_the_feed_is_read(
    site: Site, store: Store, analyse: Counted, fake_time: FakeTime
) -> None:
    teaser = {"title": "Short", "link": site.url("/gone"), "summary": "Only a teaser."}
    site.routes["/feed.xml"] = Route(rss([teaser]), etag='"1"')

    reports = _run(site, ["/feed.xml"], store, analyse, fake_time, cycles=2)

    assert [len(r.failed) for r in reports] == [1, 1]
    assert "HTTP 404" in reports[0].failed[0][1]
    # The feed's ETag was not kept, since an entry was missed: it is read again.
    assert "If-None-Match" not in site.requests["/feed.xml"][1]
    assert not analyse.seen


def test_a_local_feed_file_is_read_again_only_when_it_changes(
    store: Store, analyse: Counted, fake_time: FakeTime, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_bytes(rss([full(1)]))

    def publish_more(report: CycleReport) -> None:
        if report.number == 2:
            feed.write_bytes(rss([full(2), full(1)]))

    reports: list[CycleReport] = []

    def keep(report: CycleReport) -> None:
        reports.append(report)
        publish_more(report)

    watch(
        [str(feed)],
        store,
        analyse,
        WatchOptions(every=60, cycles=3),
        clock=fake_time.clock,
        sleep=fake_time.sleep,
        on_cycle=keep,
    )
    assert [(r.new, r.present, r.not_modified) for r in reports] == [
        (1, 0, 0),
        (0, 0, 1),
        (1, 1, 0),
    ]


@pytest.mark.parametrize(
    "location",
    ["ftp://127.0.0.1/feed.xml", "gopher://127.0.0.1/feed", "javascript:alert(1)", "http:///x"],
)
def test_a_location_neither_http_nor_a_file_is_refused(
    location: str, store: Store, analyse: Counted
) -> None:
    with pytest.raises(IngestError, match=r"only http\(s\) URLs and local files|needs a host"):
        watch([location], store, analyse, WatchOptions(cycles=1))
    with pytest.raises(IngestError):
        check_location(location)


def test_a_redirect_to_another_scheme_is_not_followed(
    site: Site, store: Store, analyse: Counted, fake_time: FakeTime
) -> None:
    site.routes["/moved.xml"] = Route(status=302, location="ftp://127.0.0.1/feed.xml")

    reports = _run(site, ["/moved.xml"], store, analyse, fake_time)

    assert "redirected to a non-http URL" in reports[0].failed[0][1]


def test_a_link_that_is_not_http_is_not_followed(
    site: Site, store: Store, analyse: Counted, fake_time: FakeTime
) -> None:
    entry = {"title": "T", "link": "file:///etc/passwd", "summary": "A short teaser of talks."}
    site.routes["/feed.xml"] = Route(rss([entry]))

    reports = _run(site, ["/feed.xml"], store, analyse, fake_time)

    assert reports[0].new == 1
    assert analyse.seen[0].body == "A short teaser of talks."


def test_ctrl_c_stops_cleanly_and_keeps_the_state(
    site: Site, store: Store, analyse: Counted, tmp_path: Path
) -> None:
    site.routes["/feed.xml"] = Route(rss([full(1)]), etag='"x"')
    state = tmp_path / "state.json"

    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt

    watcher = Watcher([site.url("/feed.xml")], store, analyse, WatchOptions(state_path=state))
    result = watcher.run(sleep=interrupt)

    assert result.interrupted and result.cycles == 1 and result.new == 1
    feeds = json.loads(state.read_text(encoding="utf-8"))["feeds"]
    assert feeds[site.url("/feed.xml")]["etag"] == '"x"'


def test_intervals() -> None:
    assert [parse_interval(t) for t in ("90", "30s", "15m", "2h", "1d", "1.5m")] == [
        90,
        30,
        900,
        7200,
        86400,
        90,
    ]
    with pytest.raises(ValueError, match="not an interval"):
        parse_interval("soon")


def test_a_feed_in_another_encoding_is_read() -> None:
    data = rss([full(1, "http://127.0.0.1/a")]).replace(b"utf-8", b"iso-8859-1")
    data = data.replace(b"Geneva", "Gen\u00e8ve".encode("iso-8859-1"))
    [article] = read_feed(data, None, "http://127.0.0.1/feed.xml")
    assert "Gen\u00e8ve" in article.body
    assert decode(b"\xef\xbb\xbfabc", None) == "abc"
