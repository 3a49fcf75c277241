"""RSS and Atom feeds, through feedparser: one report per entry.

Feeds carry many reports in one file, so a bad entry (no text, an unreadable date) is
reported on its own and the others are still read. Dates are read from the text the feed
writes, never from feedparser's ``*_parsed`` tuples: those are shifted to UTC and roll an
impossible day over (31 February becomes 3 March).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import feedparser

from dragoman.errors import EmptyReport, MalformedReport
from dragoman.ingest.fields import parse_date, parse_language, shown, trim_body
from dragoman.ingest.htmltext import html_to_text
from dragoman.ingest.loaded import Loaded
from dragoman.models import Article


def read(text: str, source: str) -> Loaded:
    """Every entry of the feed in ``text``, and an error for each entry without text.

    Where feedparser fails on the whole feed (it raises on a character reference such as
    ``&#xD800;``), the entries are parsed one at a time, so only the bad one is lost.
    """
    try:
        parsed = _parse(text)
    except Exception:  # noqa: BLE001 - a parser failure; retried entry by entry
        return _read_entry_by_entry(text, source)
    return _read_parsed(parsed, source)


def _parse(text: str) -> Any:
    # A stream, never the string itself: feedparser would fetch a string that looks
    # like a URL, or open one that looks like a file path.
    return feedparser.parse(io.BytesIO(text.encode("utf-8", errors="replace")))


def _entry_spans(text: str) -> list[tuple[int, int]]:
    """Where each ``<item>``/``<entry>`` element stands (found with ``str.find``, in
    time linear in the text; an element never closed runs to the end)."""
    lower = text.lower()
    spans: list[tuple[int, int]] = []
    for tag in ("item", "entry"):
        position = 0
        while (start := lower.find(f"<{tag}", position)) != -1:
            after = lower[start + len(tag) + 1 : start + len(tag) + 2]
            if after and after not in "> \t\r\n/":
                position = start + 1
                continue
            end = lower.find(f"</{tag}>", start)
            end = len(text) if end == -1 else end + len(tag) + 3
            spans.append((start, end))
            position = end
        if spans:
            break
    return spans


def _read_entry_by_entry(text: str, source: str) -> Loaded:
    spans = _entry_spans(text)
    if not spans:
        raise MalformedReport("not a readable RSS or Atom feed", source=source)
    head, tail = text[: spans[0][0]], text[spans[-1][1] :]
    loaded = Loaded()
    for number, (start, end) in enumerate(spans, 1):
        try:
            one = _read_parsed(_parse(head + text[start:end] + tail), source, number)
        except MalformedReport as err:
            loaded.errors.append(err)
            continue
        except Exception as err:  # noqa: BLE001 - this entry only
            reason = f"{type(err).__name__}: {str(err).splitlines()[0][:120] if str(err) else ''}"
            loaded.errors.append(
                MalformedReport(f"entry {number} could not be read ({reason})", source=source)
            )
            continue
        loaded.articles.extend(one.articles)
        loaded.errors.extend(one.errors)
    return loaded


def _read_parsed(parsed: Any, source: str, first_number: int = 1) -> Loaded:
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") and not parsed.get("version"):
            problem = parsed.get("bozo_exception")
            raise MalformedReport(f"not a readable RSS or Atom feed ({problem})", source=source)
        raise EmptyReport("the feed has no entries", source=source)
    feed = parsed.get("feed") or {}
    outlet = _text(feed.get("title"))
    language = feed.get("language")
    loaded = Loaded()
    for number, entry in enumerate(entries, first_number):
        body = _body(entry)
        if not body:
            loaded.errors.append(EmptyReport(f"{_name(entry, number)} has no text", source=source))
            continue
        try:
            loaded.articles.append(_article(entry, body, source, outlet, language))
        except (TypeError, ValueError) as err:
            loaded.errors.append(MalformedReport(f"{_name(entry, number)}: {err}", source=source))
    return loaded


def _name(entry: Any, number: int) -> str:
    """How an error points at an entry: its place in the feed, and its title if any."""
    title = _text(entry.get("title"))
    return f"entry {number} ({shown(title)})" if title else f"entry {number}"


def _article(entry: Any, body: str, source: str, outlet: str | None, language: object) -> Article:
    return Article(
        body=body,
        source=source,
        title=_text(entry.get("title")),
        url=_text(entry.get("link")),
        outlet=outlet,
        published=_published(entry),
        language=parse_language(_first_language(entry) or language),
    )


def _body(entry: Any) -> str:
    """The entry's full content if it has one, else its summary, as plain text."""
    candidates = [*(entry.get("content") or []), entry.get("summary_detail")]
    for detail in candidates:
        if not detail or not _text(detail.get("value")):
            continue
        value = str(detail.get("value"))
        if "html" in str(detail.get("type") or "html"):
            value = html_to_text(value)
        body = trim_body(value)
        if body:
            return body
    return ""


def _published(entry: Any) -> dt.date | None:
    """The day the entry was published, as the feed writes it (no shift to UTC); None
    when it gives no date. A date written but unreadable (or impossible, like 31
    February) raises ValueError, so the entry is reported rather than misdated."""
    for key in ("published", "updated"):
        value = entry.get(key)
        day = parse_date(value) if isinstance(value, str) else None
        if day:
            return day
    return None


def _first_language(entry: Any) -> str | None:
    for detail in [*(entry.get("content") or []), entry.get("summary_detail")]:
        if detail and detail.get("language"):
            return str(detail.get("language"))
    return None


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return value.strip() or None
