"""Plain-text reports in the seed's format.

The crawler that produced the seed writes an optional first line holding the date and
the photo caption, with the photo credit glued on::

     date 2022-03-30 Delegations arrive at the palace in Istanbul.| Photo: A. Lens/Wire

and the report's body after it. The caption describes a picture, not the story, so it
is kept apart from the body: nothing is ever extracted from it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dragoman.errors import EmptyReport, MalformedReport
from dragoman.ingest.fields import trim_body
from dragoman.ingest.loaded import Loaded
from dragoman.models import Article

_DATE_LINE = re.compile(
    r"[^\S\n]*date[^\S\n]+(\d{4}-\d{2}-\d{2})(?![^\s|])[^\S\n]*(.*)", re.IGNORECASE
)
_MARKER = r"(?:photo(?:graph)?|foto|image)[^\S\n]*:"
_PIPED_CREDIT = re.compile(r"\|[^\S\n]*" + _MARKER, re.IGNORECASE)
_BARE_CREDIT = re.compile(r"(?:^|(?<=\s))" + _MARKER, re.IGNORECASE)


@dataclass(frozen=True)
class Header:
    """What the seed's first line says about the report."""

    published: dt.date
    caption: str | None = None
    credit: str | None = None


def read(text: str, source: str) -> Loaded:
    """The one report in ``text``; raises EmptyReport/MalformedReport naming ``source``."""
    return Loaded(articles=[parse_text(text, source)])


def parse_text(text: str, source: str = "") -> Article:
    """An :class:`Article` from seed-format text (the date line is optional)."""
    text = trim_body(text)
    first, _, rest = text.partition("\n")
    header = parse_header(first, source)
    body = trim_body(rest) if header else text
    if not body:
        where = "after the date line" if header else "in the file"
        raise EmptyReport(f"no report text {where}", source=source)
    if header is None:
        return Article(body=body, source=source)
    return Article(
        body=body,
        source=source,
        published=header.published,
        caption=header.caption,
        credit=header.credit,
    )


def parse_header(line: str, source: str = "") -> Header | None:
    """The date line's contents, or ``None`` when ``line`` is not a date line."""
    match = _DATE_LINE.fullmatch(line)
    if match is None:
        return None
    day, rest = match.groups()
    try:
        published = dt.date.fromisoformat(day)
    except ValueError as err:
        raise MalformedReport(f"impossible date {day!r} in the date line", source=source) from err
    caption, credit = split_caption(rest)
    return Header(published=published, caption=caption, credit=credit)


def split_caption(rest: str) -> tuple[str | None, str | None]:
    """Caption and credit from what follows the date (``caption| Photo: credit``).

    A ``|`` before the marker is what the crawler writes, so it is trusted first; a bare
    marker only counts where no pipe is present. Either part may be missing.
    """
    marker = _PIPED_CREDIT.search(rest) or _BARE_CREDIT.search(rest)
    if marker is None:
        caption, credit = rest, ""
    else:
        caption, credit = rest[: marker.start()], rest[marker.end() :]
    return _clean(caption.rstrip().rstrip("|")), _clean(credit)


def _clean(part: str) -> str | None:
    part = part.strip()
    return part or None
