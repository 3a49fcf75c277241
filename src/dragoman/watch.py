"""Following RSS/Atom feeds: poll, fetch only what changed, store each new report once.

A watcher polls its feeds once a cycle. Each request is conditional (ETag and
Last-Modified remembered per feed), so an unchanged feed costs one 304 and nothing is
parsed or analysed. Every request is bounded in time and in bytes, and only http(s)
URLs and local files are read: a feed is untrusted input from the network. A feed that
fails is reported and retried after an exponential, capped delay, while the others are
still polled. An entry that carries only a summary is replaced by its article page
(read with trafilatura, as :mod:`dragoman.ingest.html` reads a saved page).

Nothing here prints: each cycle is handed to a callback as a :class:`CycleReport`. The
analysis is injected as a function (the CLI wraps :func:`dragoman.batch.analyze_article`),
and so are the clock and the sleep, so that tests neither load a model nor wait.
What a feed's validators and followed entries were is kept across runs in a small JSON
file (``state_path``), never in the store's schema; the backoff lives in memory only.
"""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
import http.client
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dragoman import __version__
from dragoman.errors import DragomanError, EmptyReport, IngestError
from dragoman.ingest import feeds
from dragoman.ingest.html import parse_html
from dragoman.models import Article, ArticleRecord
from dragoman.store import Store

#: One report in, its record out (a DragomanError when it cannot be analysed).
Analyse = Callable[[Article], ArticleRecord]

#: Entries remembered per feed (link -> stored article id); the oldest are forgotten.
SEEN_PER_FEED = 2000
_STATE_VERSION = 1
_CHUNK = 64 * 1024
_SLACK = 0.5  # seconds: a feed due at the start of a cycle is not skipped for a rounding


class FetchError(IngestError):
    """A feed or page could not be fetched (HTTP error, timeout, too large, refused);
    ``retry_after`` is the server's Retry-After in seconds, when it sent one."""

    def __init__(self, message: str, *, source: str, retry_after: float | None = None) -> None:
        super().__init__(message, source=source)
        self.retry_after = retry_after


@dataclass
class WatchOptions:
    """How often to poll, and the bounds on every request."""

    every: float = 900.0  # seconds between the starts of two cycles
    cycles: int | None = None  # stop after this many cycles (None: until interrupted)
    timeout: float = 30.0  # seconds one request may take, connection to last byte
    max_bytes: int = 10 * 1024 * 1024  # a larger feed or page is refused
    follow_under: int = 600  # an entry's text shorter than this is only a summary
    max_backoff: float = 6 * 3600.0  # the longest a failing feed is left alone
    state_path: Path | None = None  # where validators are kept across runs
    user_agent: str = f"dragoman/{__version__} (feed watcher)"


@dataclass
class FeedState:
    """What is remembered of one feed between polls."""

    etag: str | None = None
    last_modified: str | None = None
    digest: str | None = None  # of the last body, for servers that ignore validators
    seen: dict[str, str] = field(default_factory=dict)  # followed link -> article id
    failures: int = 0
    retry_at: float = 0.0  # clock time before which the feed is not polled

    def to_json(self) -> dict[str, Any]:
        return {
            "etag": self.etag,
            "last_modified": self.last_modified,
            "digest": self.digest,
            "seen": self.seen,
        }

    @classmethod
    def from_json(cls, data: Any) -> FeedState:
        if not isinstance(data, dict):
            return cls()
        seen = data.get("seen")

        def text(key: str) -> str | None:
            value = data.get(key)
            return value if isinstance(value, str) else None

        return cls(
            etag=text("etag"),
            last_modified=text("last_modified"),
            digest=text("digest"),
            seen={str(k): str(v) for k, v in seen.items()} if isinstance(seen, dict) else {},
        )


@dataclass
class CycleReport:
    """What one cycle did: feeds polled, records added, articles already stored,
    failures as ``(source, reason)``, feeds unchanged (304) and feeds left to back off."""

    number: int
    polled: int = 0
    new: int = 0
    present: int = 0
    not_modified: int = 0
    waiting: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        """The one line a cycle is logged as."""
        text = (
            f"cycle {self.number}: {self.polled} feeds polled, {self.new} new, "
            f"{self.present} present, {len(self.failed)} failed, "
            f"{self.not_modified} not modified"
        )
        return text + (f", {self.waiting} backing off" if self.waiting else "")


@dataclass
class WatchResult:
    """The totals of a watch, and whether it was stopped by an interrupt (Ctrl-C)."""

    cycles: int = 0
    new: int = 0
    present: int = 0
    failed: int = 0
    not_modified: int = 0
    interrupted: bool = False

    def add(self, report: CycleReport) -> None:
        self.cycles += 1
        self.new += report.new
        self.present += report.present
        self.failed += len(report.failed)
        self.not_modified += report.not_modified


# -- what may be read -------------------------------------------------------------


def parse_interval(text: str) -> float:
    """Seconds in ``90``, ``30s``, ``15m``, ``2h`` or ``1d``; ValueError otherwise."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    if not match:
        raise ValueError(f"not an interval: {text!r} (write 90, 30s, 15m, 2h or 1d)")
    scale = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]
    return float(match.group(1)) * scale


def check_location(location: str) -> str:
    """``location`` if it is an http(s) URL or a local file (path or ``file:`` URL);
    an IngestError for any other scheme, so that a typo never reaches the network."""
    scheme = urllib.parse.urlsplit(location).scheme.lower()
    if scheme in ("http", "https"):
        if not urllib.parse.urlsplit(location).hostname:
            raise IngestError("an http(s) URL needs a host", source=location)
        return location
    if scheme in ("", "file") or (len(scheme) == 1 and os.name == "nt"):  # C:\ on Windows
        return location
    raise IngestError(
        f"the {scheme}: scheme is refused; only http(s) URLs and local files are watched",
        source=location,
    )


def _local_path(location: str) -> Path | None:
    parts = urllib.parse.urlsplit(location)
    if parts.scheme.lower() == "file":
        return Path(urllib.request.url2pathname(parts.path))
    if parts.scheme.lower() in ("http", "https"):
        return None
    return Path(location)


# -- fetching -----------------------------------------------------------------------


@dataclass
class Fetched:
    """A response read in full (``data`` is None for a 304) and its validators."""

    data: bytes | None
    etag: str | None = None
    last_modified: str | None = None
    charset: str | None = None


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to another http(s) URL (urllib would also go to ftp:)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise FetchError(f"redirected to a non-http URL ({newurl})", source=req.full_url)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_HttpOnlyRedirects)


def fetch(
    url: str,
    options: WatchOptions,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Fetched:
    """GET ``url`` within ``options.timeout`` seconds and ``options.max_bytes`` bytes,
    conditionally when validators are given; raises FetchError on any failure."""
    check_location(url)
    headers = {"User-Agent": options.user_agent, "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    deadline = time.monotonic() + options.timeout
    try:
        with _opener.open(request, timeout=options.timeout) as response:
            data = _read_bounded(response, url, options, deadline)
            info = response.headers
            return Fetched(
                data, info.get("ETag"), info.get("Last-Modified"), info.get_content_charset()
            )
    except urllib.error.HTTPError as e:
        e.close()
        if e.code == 304:
            return Fetched(None, e.headers.get("ETag") or etag, last_modified=last_modified)
        retry = _retry_after(e.headers.get("Retry-After"))
        raise FetchError(f"HTTP {e.code} {e.reason}", source=url, retry_after=retry) from None
    except TimeoutError:
        raise FetchError(_too_slow(options), source=url) from None
    except urllib.error.URLError as e:
        if isinstance(e.reason, TimeoutError):
            raise FetchError(_too_slow(options), source=url) from None
        raise FetchError(f"cannot fetch ({e.reason})", source=url) from None
    except (OSError, http.client.HTTPException, ValueError) as e:
        raise FetchError(f"cannot fetch ({type(e).__name__}: {e})", source=url) from None


def _read_bounded(response: Any, url: str, options: WatchOptions, deadline: float) -> bytes:
    """The body, refused once it passes the byte limit or the deadline (a server that
    trickles bytes would otherwise hold the cycle for ever)."""
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > options.max_bytes:
        raise FetchError(_too_large(int(length), options), source=url)
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > options.max_bytes:
            raise FetchError(_too_large(size, options), source=url)
        if time.monotonic() > deadline:
            raise FetchError(_too_slow(options), source=url)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_slow(options: WatchOptions) -> str:
    return f"no complete answer within {options.timeout:g} s (--timeout)"


def _too_large(size: int, options: WatchOptions) -> str:
    return f"the response is {size} bytes or more, beyond the {options.max_bytes}-byte limit"


def _retry_after(value: str | None) -> float | None:
    return float(value) if value and value.strip().isdigit() else None


def _fetch_file(path: Path, options: WatchOptions, stamp: str | None) -> Fetched:
    """A local feed, read again only when its size or modification time changed."""
    try:
        info = path.stat()
        now = f"{info.st_mtime_ns}-{info.st_size}"
        if stamp == now:
            return Fetched(None, last_modified=now)
        if info.st_size > options.max_bytes:
            raise FetchError(_too_large(info.st_size, options), source=str(path))
        return Fetched(path.read_bytes()[: options.max_bytes + 1], last_modified=now)
    except OSError as e:
        raise FetchError(f"cannot read ({e.strerror or e})", source=str(path)) from None


# -- decoding (helpers the ingest readers lack: they take text read from files) --------

_DECLARED = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE)
_META = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_DECLARATION = re.compile(r"""\A(\s*<\?xml[^>]*?encoding\s*=\s*)(["'])[\w.:-]+\2""")


def decode(data: bytes, charset: str | None) -> str:
    """Text from a response: by its byte-order mark, its Content-Type charset, the
    encoding it declares (XML or ``<meta>``), UTF-8, and Windows-1252 as a last resort."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    head = data[:2048]
    declared = _DECLARED.search(head) or _META.search(head)
    names = [charset, declared.group(1).decode("ascii") if declared else None, "utf-8"]
    for name in names:
        if not name:
            continue
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def read_feed(data: bytes, charset: str | None, source: str) -> list[Article]:
    """The articles of a feed fetched as bytes, ``source`` being its URL; a feed without
    entries is an empty list, an unreadable one raises MalformedReport. Entries without
    text are left out (the feed reader names them; here they would recur every poll)."""
    text = decode(data, charset).replace("\r\n", "\n")
    # The text is handed on as UTF-8: a declared encoding would now be a lie.
    text = _DECLARATION.sub(lambda m: f"{m.group(1)}{m.group(2)}utf-8{m.group(2)}", text, 1)
    try:
        return feeds.read(text, source).articles
    except EmptyReport:
        return []


# -- the watcher --------------------------------------------------------------------


class Watcher:
    """Polls ``locations`` into ``store``, analysing each new report with ``analyse``."""

    def __init__(
        self,
        locations: Sequence[str],
        store: Store,
        analyse: Analyse,
        options: WatchOptions | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.locations = [check_location(location) for location in locations]
        if not self.locations:
            raise IngestError("no feed to watch")
        self.store, self.analyse, self.clock = store, analyse, clock
        self.options = options or WatchOptions()
        self.states = load_state(self.options.state_path)
        for location in self.locations:
            self.states.setdefault(location, FeedState())

    def run(
        self,
        sleep: Callable[[float], None] = time.sleep,
        on_cycle: Callable[[CycleReport], None] | None = None,
    ) -> WatchResult:
        """Cycle until ``options.cycles`` are done, or until Ctrl-C (a clean stop: the
        report being saved is rolled back and the state file is written)."""
        result = WatchResult()
        try:
            while self.options.cycles is None or result.cycles < self.options.cycles:
                start = self.clock()
                report = self.cycle(result.cycles + 1)
                result.add(report)
                self.save()
                if on_cycle is not None:
                    on_cycle(report)
                if self.options.cycles is not None and result.cycles >= self.options.cycles:
                    break
                sleep(max(0.0, start + self.options.every - self.clock()))
        except KeyboardInterrupt:
            result.interrupted = True
        finally:
            self.save()
        return result

    def cycle(self, number: int = 1) -> CycleReport:
        """Poll every feed that is not backing off, once."""
        report = CycleReport(number)
        now = self.clock()
        for location in self.locations:
            state = self.states[location]
            if now + _SLACK < state.retry_at:
                report.waiting += 1
                continue
            report.polled += 1
            try:
                self._poll(location, state, report)
            except FetchError as e:
                self._back_off(state, now, e.retry_after)
                report.failed.append((e.source or location, f"[{e.code}] {e.message}"))
            except DragomanError as e:  # an unreadable feed, or the store failing
                self._back_off(state, now, None)
                report.failed.append((e.source or location, f"[{e.code}] {e.message}"))
            else:
                state.failures, state.retry_at = 0, 0.0
        return report

    def save(self) -> None:
        """Write the state file, if there is one."""
        if self.options.state_path is not None:
            save_state(self.options.state_path, self.states)

    def _back_off(self, state: FeedState, now: float, retry_after: float | None) -> None:
        """Retry after one interval, then two, four... at most ``max_backoff`` (or as
        long as the server's Retry-After asks, within the same cap)."""
        state.failures += 1
        cap = max(self.options.max_backoff, self.options.every)
        delay = self.options.every * 2 ** min(state.failures - 1, 30)
        delay = min(cap, max(delay, retry_after or 0.0))
        state.retry_at = now + delay

    def _poll(self, location: str, state: FeedState, report: CycleReport) -> None:
        path = _local_path(location)
        if path is not None:
            fetched = _fetch_file(path, self.options, state.last_modified)
        else:
            fetched = fetch(location, self.options, state.etag, state.last_modified)
        digest = None if fetched.data is None else hashlib.sha256(fetched.data).hexdigest()
        if fetched.data is None or digest == state.digest:
            report.not_modified += 1
            state.etag = fetched.etag or state.etag
            state.last_modified = fetched.last_modified or state.last_modified
            return
        articles = read_feed(fetched.data, fetched.charset, location)
        complete = True
        for article in articles:
            if article.url and path is None:  # a relative link, as the feed's own URL reads it
                article.url = urllib.parse.urljoin(location, article.url)
            complete &= self._take(article, state, report)
        if complete:  # else the feed is read again next time, for the entries missed
            state.etag, state.last_modified = fetched.etag, fetched.last_modified
            state.digest = digest

    def _take(self, entry: Article, state: FeedState, report: CycleReport) -> bool:
        """Store one entry unless it is stored already; False when its page could not
        be fetched (worth another try), True otherwise, failures of analysis included."""
        article = entry
        link = entry.url if entry.url and _is_http(entry.url) else None
        follow = link is not None and len(entry.body) < self.options.follow_under
        try:
            if follow and link is not None:
                known = state.seen.get(link)
                if known is not None and self.store.has(known):
                    report.present += 1
                    return True
                article = self._page(entry, link)
            if self.store.has(article.id):
                report.present += 1
            else:
                saved = self.store.save(self.analyse(article))
                report.new += saved
                report.present += not saved
        except FetchError as e:
            report.failed.append((e.source or entry.source, f"[{e.code}] {e.message}"))
            return False
        except DragomanError as e:
            source = e.source or article.url or article.source
            report.failed.append((source, f"[{e.code}] {e.message}"))
            return True  # a page without an article, a failed analysis: not retried
        if follow and link is not None:
            _remember(state, link, article.id)
        return True

    def _page(self, entry: Article, link: str) -> Article:
        """The article page an entry links to, its gaps filled from the entry."""
        fetched = fetch(link, self.options)
        page = parse_html(decode(fetched.data or b"", fetched.charset), source=link)
        return dataclasses.replace(
            page,
            url=page.url or link,
            title=page.title or entry.title,
            published=page.published or entry.published,
            outlet=page.outlet or entry.outlet,
        )


def _is_http(url: str) -> bool:
    return urllib.parse.urlsplit(url).scheme.lower() in ("http", "https")


def _remember(state: FeedState, link: str, article_id: str) -> None:
    state.seen.pop(link, None)
    state.seen[link] = article_id
    while len(state.seen) > SEEN_PER_FEED:
        state.seen.pop(next(iter(state.seen)))


def watch(
    locations: Sequence[str],
    store: Store,
    analyse: Analyse,
    options: WatchOptions | None = None,
    *,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    on_cycle: Callable[[CycleReport], None] | None = None,
) -> WatchResult:
    """Poll the feeds at ``locations`` into ``store`` (see :class:`Watcher`).

    Raises IngestError before any request when a location is neither an http(s) URL
    nor a local file; every later failure is reported in its cycle, never raised.
    """
    return Watcher(locations, store, analyse, options, clock).run(sleep, on_cycle)


# -- the state file -----------------------------------------------------------------


def state_path_for(db: str) -> Path | None:
    """Where the state of a watch into ``db`` is kept by default: beside an SQLite
    file; None (memory only) for a database given by URL."""
    if "://" in db or db == ":memory:":
        return None
    return Path(db + ".watch.json")


def load_state(path: Path | None) -> dict[str, FeedState]:
    """The remembered feeds; a missing or unreadable file is a fresh start (it only
    saves requests, so it is never worth stopping for)."""
    if path is None or not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != _STATE_VERSION:
        return {}
    stored = data.get("feeds")
    if not isinstance(stored, dict):
        return {}
    return {str(k): FeedState.from_json(v) for k, v in stored.items()}


def save_state(path: Path, states: dict[str, FeedState]) -> None:
    """Write the state atomically (a new file, then a rename); a failure to write is
    ignored, as the only cost is a full fetch next run."""
    data = {"version": _STATE_VERSION, "feeds": {k: s.to_json() for k, s in states.items()}}
    temporary = path.with_name(path.name + ".tmp")
    try:
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
