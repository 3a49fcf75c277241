"""The values an analyst may give a field in a review: which fields, which codes, and
how a value from a form or JSON is checked (:func:`parse_value`) and kept in the audit
trail (:func:`encode`/:func:`decode`, JSON with dates as ``YYYY-MM-DD``)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from dragoman.errors import ReviewError
from dragoman.vocabulary import (
    EVENT_STATUSES,
    EVENT_TYPES,
    ISSUES,
    POLARITIES,
    QUOTE_KINDS,
    STANCES,
)

#: The fields a correction may change, per table (offsets move the evidence).
EDITABLE: dict[str, tuple[str, ...]] = {
    "quotes": ("speaker", "text", "kind", "cue", "date", "anonymous", "start", "end"),
    "positions": (
        "party", "issue", "subject", "stance", "summary", "reported_by", "date", "start", "end",
    ),
    "events": ("type", "status", "date", "place", "participants", "start", "end"),
    "assessments": ("actor", "polarity", "date", "summary", "start", "end"),
}  # fmt: skip

#: Fields whose value must be one of a list of codes (:mod:`dragoman.vocabulary`).
CODES: dict[tuple[str, str], tuple[str, ...]] = {
    ("quotes", "kind"): QUOTE_KINDS,
    ("positions", "issue"): ISSUES,
    ("positions", "stance"): STANCES,
    ("events", "type"): EVENT_TYPES,
    ("events", "status"): EVENT_STATUSES,
    ("assessments", "polarity"): POLARITIES,
}
#: Fields that cannot be emptied.
REQUIRED = {
    ("quotes", "text"), ("quotes", "kind"), ("positions", "party"), ("positions", "issue"),
    ("positions", "stance"), ("events", "type"), ("events", "status"),
    ("assessments", "actor"), ("assessments", "polarity"),
}  # fmt: skip
MAX_TEXT = 10_000
MAX_WHO = 100

_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,100}")
_DATES = {"date"}
_INTS = {"start", "end"}
_BOOLS = {"anonymous"}
_LISTS = {"participants"}
_NON_NULL_TEXT = {"summary"}  # "" rather than None
_TRUE = ("true", "1", "yes", "on")
_FALSE = ("false", "0", "no", "off")


def encode(value: Any) -> Any:
    """A field value as JSON (dates as ``YYYY-MM-DD``, tuples as lists)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    return value


def decode(name: str, value: Any) -> Any:
    """A JSON-encoded field value back as the dataclass holds it."""
    if name in _DATES and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if name in _LISTS and isinstance(value, list):
        return [str(v) for v in value]
    return value


def checked_who(who: str) -> str:
    """Who reviews, white space folded; ReviewError if no one or longer than MAX_WHO."""
    who = " ".join((who or "").split())
    if not who:
        raise ReviewError("say who reviews (who, or the reviewer field)")
    if len(who) > MAX_WHO:
        raise ReviewError(f"who: longer than {MAX_WHO} characters")
    return who


def parse_value(target: str, name: str, value: Any) -> Any:
    """An analyst's value for a field (from a form or JSON), checked; raises ReviewError.

    Empty strings mean "none". Codes must be those of the vocabulary; dates are
    ``YYYY-MM-DD``; participants are a list or a comma-separated string.
    """
    if name not in EDITABLE[target]:
        allowed = ", ".join(EDITABLE[target])
        raise ReviewError(f"{target}: {name!r} cannot be corrected; use one of: {allowed}")
    if isinstance(value, str):
        value = value.strip()
        if value == "" and name not in _LISTS:
            value = None
    if value is None:
        return _empty(target, name)
    if name in _DATES:
        return _date(name, value)
    if name in _INTS:
        return _whole_number(name, value)
    if name in _BOOLS:
        return _boolean(name, value)
    if name in _LISTS:
        return _names(name, value)
    return _text(target, name, value)


def _empty(target: str, name: str) -> Any:
    if (target, name) in REQUIRED or name in _INTS or name in _BOOLS:
        raise ReviewError(f"{target}: {name} cannot be empty")
    return "" if name in _NON_NULL_TEXT else ([] if name in _LISTS else None)


def _date(name: str, value: Any) -> dt.date:
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ReviewError(f"{name}: {value!r} is not a date; use YYYY-MM-DD") from None


def _whole_number(name: str, value: Any) -> int:
    # Only an integer or its digits: int() would truncate 1.5, take true for 1 and fail
    # on infinity.
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value):
        number = int(value)
    else:
        raise ReviewError(f"{name}: {value!r} is not a whole number")
    if number < 0:
        raise ReviewError(f"{name}: {number} is below zero")
    return number


def _boolean(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text_value = str(value).casefold()
    if text_value in _TRUE:
        return True
    if text_value in _FALSE:
        return False
    raise ReviewError(f"{name}: {value!r} is not true or false")


def _names(name: str, value: Any) -> list[str]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise ReviewError(f"{name}: give a list of names")
    return [i.strip() for i in items if i.strip()]


def _text(target: str, name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ReviewError(f"{name}: {value!r} is not text")
    if len(value) > MAX_TEXT:
        raise ReviewError(f"{name}: longer than {MAX_TEXT} characters")
    codes = CODES.get((target, name))
    if codes is not None and value not in codes:
        raise ReviewError(f"{name}: {value!r} is not a code; use one of: {', '.join(codes)}")
    return value
