"""A real HTTP server on 127.0.0.1 (port 0, in a thread) serving feeds and pages that a
test changes as it goes, a blank spaCy pipeline (what is tested is the polling, not the
NLP), and a clock that moves only when the watcher sleeps, so nothing waits."""

from __future__ import annotations

import collections
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
import spacy

from dragoman.batch import analyze_article
from dragoman.models import Article, ArticleRecord
from dragoman.nlp.extensions import register_extensions
from dragoman.nlp.pipeline import Analyzer
from dragoman.store import Store


@dataclass
class Route:
    """What the server answers on one path."""

    body: bytes = b""
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    location: str | None = None


@dataclass
class Site:
    """The routes served, the requests seen (path -> headers of each request)."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: dict[str, list[dict[str, str]]] = field(
        default_factory=lambda: collections.defaultdict(list)
    )
    release: threading.Event = field(default_factory=threading.Event)
    base: str = ""

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        return len(self.requests.get(path, []))


class _Handler(BaseHTTPRequestHandler):
    site: Site

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        site = self.site
        site.requests[self.path].append(dict(self.headers.items()))
        route = site.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        if route.delay:
            site.release.wait(route.delay)
        if route.status != 200:
            self.send_response(route.status)
            if route.location:
                self.send_header("Location", route.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        unchanged = (route.etag and self.headers.get("If-None-Match") == route.etag) or (
            route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified
        )
        self.send_response(304 if unchanged else 200)
        if route.etag:
            self.send_header("ETag", route.etag)
        if route.last_modified:
            self.send_header("Last-Modified", route.last_modified)
        if unchanged:
            self.end_headers()
            return
        self.send_header("Content-Type", route.content_type)
        self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        self.wfile.write(route.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the timeout test) is expected here


@pytest.fixture
def site() -> Iterator[Site]:
    site = Site()
    handler = type("Handler", (_Handler,), {"site": site})
    server = _Server(("127.0.0.1", 0), handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests go straight to 127.0.0.1, whatever proxy the environment names."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    register_extensions()
    return Analyzer(spacy.blank("en"))


class Counted:
    """The analysis, counting the articles it is given."""

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self.seen: list[Article] = []

    def __call__(self, article: Article) -> ArticleRecord:
        self.seen.append(article)
        return analyze_article(self.analyzer, article, None)


@pytest.fixture
def analyse(analyzer: Analyzer) -> Counted:
    return Counted(analyzer)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "watch.db") as opened:
        yield opened


class FakeTime:
    """A clock that moves only when the watcher sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


def body(number: int) -> str:
    """A full report, long enough not to be taken for a summary."""
    sentences = [
        f"Report {number}: the delegations met again in Geneva on the {number}th day.",
        "The mediators said the talks on a ceasefire would continue next week.",
        "Both sides exchanged written proposals on prisoners and on the corridor.",
        "Officials said the atmosphere had been businesslike but that gaps remained.",
    ]
    return " ".join(sentences * 3)


def rss(entries: list[dict[str, str]], title: str = "Example Wire") -> bytes:
    """An RSS 2.0 feed; each entry has a title, a link, and a ``content`` (full text)
    or a ``summary``."""
    items = []
    for entry in entries:
        parts = [f"<title>{escape(entry['title'])}</title>"]
        if "link" in entry:
            parts.append(f"<link>{escape(entry['link'])}</link>")
            parts.append(f"<guid>{escape(entry['link'])}</guid>")
        parts.append("<pubDate>Tue, 14 May 2024 10:00:00 GMT</pubDate>")
        if "summary" in entry:
            parts.append(f"<description>{escape(entry['summary'])}</description>")
        if "content" in entry:
            parts.append(f"<content:encoded><![CDATA[{entry['content']}]]></content:encoded>")
        items.append("<item>" + "".join(parts) + "</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{escape(title)}</title><link>http://127.0.0.1/</link>"
        "<description>test feed</description><language>en</language>"
        + "".join(items)
        + "</channel></rss>"
    ).encode("utf-8")


def full(number: int, link: str | None = None) -> dict[str, str]:
    entry = {"title": f"Talks, day {number}", "content": f"<p>{body(number)}</p>"}
    if link:
        entry["link"] = link
    return entry


def page(title: str, paragraphs: list[str]) -> bytes:
    text = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title>"
        '<meta property="og:site_name" content="Example Wire">'
        '<meta property="article:published_time" content="2024-05-14">'
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{text}</article>"
        "<footer>Copyright Example Wire</footer></body></html>"
    ).encode("utf-8")


HTTP_DATE = formatdate(0, usegmt=True)
