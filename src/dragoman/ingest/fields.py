"""Coercing loose metadata (front matter, JSON, feeds) into the types of :class:`Article`.

Every source spells dates and languages its own way; the readers share these helpers so
that a date or a language code means the same whatever file it came from.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

DEFAULT_LANGUAGE = "en"

_DAY_FORMATS = (
    "%b %d, %Y",  # Feb 18, 2026
    "%B %d, %Y",  # February 18, 2026
    "%b %d %Y",
    "%B %d %Y",
    "%d %b %Y",  # 18 Feb 2026
    "%d %B %Y",
    "%b. %d, %Y",  # Feb. 18, 2026
    "%Y/%m/%d",
)
_BLANK_LINES_AT_START = re.compile(r"\A(?:[^\S\n]*\n)+")
_ISO_ZULU = re.compile(r"[zZ]$")


SHOWN_CHARS = 80


def parse_date(value: object) -> dt.date | None:
    """The calendar day a value names, as written (no time-zone shift).

    Accepts ``date``/``datetime`` objects (YAML gives those), ISO dates and datetimes,
    RFC 2822 dates (feeds) and spelled-out forms like ``Feb 18, 2026``. ``None`` or a
    blank string means "no date"; a string that cannot be read raises ValueError and a
    value that is not text TypeError, so a wrong date is reported, not silently dropped.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise TypeError(f"expected a date, got {type(value).__name__} {shown(value)}")
    text = value.strip()
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(_ISO_ZULU.sub("+00:00", text)).date()
    except ValueError:
        pass
    for pattern in _DAY_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    raise ValueError(f"unrecognised date {shown(value)}")


def shown(value: object, limit: int = SHOWN_CHARS) -> str:
    """A value as an error message may quote it: its repr, cut to ``limit`` characters
    (an input's value is never put whole into a message). Containers are not walked:
    a value built from YAML aliases may be enormous once expanded."""
    if isinstance(value, (dict, list, tuple, set)):
        return f"<{type(value).__name__} of {len(value)} items>"
    text = repr(value[: limit + 1]) if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_language(value: object) -> str:
    """The primary language subtag, lower-cased (``en-GB`` -> ``en``); ``en`` if unset.

    The NLP pipeline only asks "which language", not which regional variant.
    """
    if not isinstance(value, str) or not value.strip():
        return DEFAULT_LANGUAGE
    return re.split(r"[-_]", value.strip(), maxsplit=1)[0].lower() or DEFAULT_LANGUAGE


def optional_text(value: object, name: str) -> str | None:
    """A metadata string with its edges trimmed, ``None`` when missing or blank.

    Numbers are taken as text (YAML reads ``title: 1984`` as an int); a list, a mapping
    or a boolean is a mistake in the file, so it raises TypeError naming the field.
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise TypeError(f"field {name!r} must be text, not {type(value).__name__}")
    text = str(value).strip()
    return text or None


def trim_body(text: str) -> str:
    """The body without blank lines before or trailing white space after it.

    Nothing inside is touched: the NLP stages report offsets into exactly this string.
    """
    return _BLANK_LINES_AT_START.sub("", text).rstrip()


def drop_repeated_title(body: str, title: str | None) -> str:
    """The body without a first line that only repeats the headline.

    Pages and Markdown crawls often start the text with the headline; it is metadata,
    and left in the body it would read as the report's first sentence.
    """
    first, _, rest = body.partition("\n")
    if title and first.strip().casefold() == title.strip().casefold():
        return trim_body(rest)
    return body
