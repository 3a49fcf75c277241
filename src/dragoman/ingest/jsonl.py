"""JSON Lines: one report per line, as exported by scrapers and other tools::

    {"title": "...", "text": "...", "published": "2022-03-29", "url": "...", "outlet": "..."}

A bad line is reported as ``file:line`` and the rest of the file is still read: one
broken record should not cost a batch its other reports.
"""

from __future__ import annotations

import json
from typing import Any

from dragoman.errors import EmptyReport, IngestError, MalformedReport
from dragoman.ingest.fields import optional_text, parse_date, parse_language, trim_body
from dragoman.ingest.loaded import Loaded
from dragoman.models import Article


def read(text: str, source: str) -> Loaded:
    """Every report in the file, and an error naming ``source:line`` for each bad line."""
    loaded = Loaded()
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            loaded.articles.append(parse_line(line, source))
        except IngestError as err:
            loaded.errors.append(type(err)(err.message, source=f"{source}:{number}"))
    if not loaded.articles and not loaded.errors:
        raise EmptyReport("no JSON lines in the file", source=source)
    return loaded


def parse_line(line: str, source: str = "") -> Article:
    """An :class:`Article` from one JSON object; raises MalformedReport/EmptyReport."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise MalformedReport(f"not JSON: {err.msg} (column {err.colno})") from err
    except RecursionError as err:
        # A line of thousands of nested brackets: no report is nested that deep.
        raise MalformedReport("not a report: the JSON is nested too deeply") from err
    except ValueError as err:  # e.g. an integer too long to convert
        raise MalformedReport(f"not JSON: {_first_line(err)}") from err
    if not isinstance(record, dict):
        raise MalformedReport(f"expected a JSON object, found {_kind(record)}")
    raw = _first(record, "text", "body")
    if raw is None:
        raise MalformedReport("no 'text' or 'body' field")
    if not isinstance(raw, str):
        raise MalformedReport(f"the report text must be a string, not {_kind(raw)}")
    body = trim_body(raw)
    if not body:
        raise EmptyReport("the report text is blank")
    try:
        return _article(body, record, source)
    except (TypeError, ValueError) as err:
        raise MalformedReport(str(err)) from err


def _article(body: str, record: dict[str, Any], source: str) -> Article:
    return Article(
        body=body,
        source=source,
        title=optional_text(record.get("title"), "title"),
        url=optional_text(record.get("url"), "url"),
        outlet=optional_text(record.get("outlet"), "outlet"),
        published=parse_date(_first(record, "published", "date")),
        caption=optional_text(record.get("caption"), "caption"),
        credit=optional_text(record.get("credit"), "credit"),
        language=parse_language(record.get("language")),
    )


def _first(record: dict[str, Any], *keys: str) -> object:
    return next((record[key] for key in keys if record.get(key) not in (None, "")), None)


def _first_line(err: Exception) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def _kind(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    return names.get(type(value), "a number" if value is not None else "null")
