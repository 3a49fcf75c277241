"""Resolve a time expression ("yesterday", "on Tuesday", "Feb. 13") to a calendar day.

News reports date statements relative to the day they were published. This module
knows only text and a reference date; finding the expressions in a ``Doc`` is the
job of the ``dragoman_dates`` component. An expression that does not name a single
day ("last week", "in February") resolves to ``None``: a missing date is honest, a
guessed one is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

WEEKDAYS = {
    name: index
    for index, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
MONTHS = {
    name: index + 1
    for index, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"

#: The forms this module understands, most specific first. Each is tried with
#: ``re.fullmatch`` on a lower-cased, white-space-folded expression.
_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)")),
    ("month_day", re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?" + _YEAR)),
    (
        "day_month",
        re.compile(r"(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + _YEAR),
    ),
    (
        "weekday_day",
        re.compile(r"(?:this|last|on|next)?\s*" + _WEEKDAY + r",?\s*\(?(?P<day>\d{1,2})\)?"),
    ),
    (
        "weekday",
        re.compile(
            r"(?:(?P<rel>this|last|next|on|past|previous|coming|earlier on)\s+)?"
            + _WEEKDAY
            + r"(?:\s+(?:morning|afternoon|evening|night))?"
        ),
    ),
    ("today", re.compile(r"today|this (?:morning|afternoon|evening)|tonight|earlier today")),
    ("yesterday", re.compile(r"yesterday(?:\s+(?:morning|afternoon|evening))?|last night")),
    ("tomorrow", re.compile(r"tomorrow")),
    ("days_ago", re.compile(r"(?P<n>\d+|one|two|three|four|five|six|seven)\s+days?\s+ago")),
]


@dataclass(frozen=True)
class Resolution:
    """A resolved expression: the day, or None with the reason it names no day."""

    date: dt.date | None
    form: str


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace("\u00a0", " ")).strip(" .,;:()")


def _nearest_weekday(reference: dt.date, weekday: int, direction: str) -> dt.date:
    """The weekday closest to ``reference`` in ``direction`` (``past`` includes the
    reference day itself, ``future`` too)."""
    delta = (reference.weekday() - weekday) % 7
    if direction == "future":
        return reference + dt.timedelta(days=(weekday - reference.weekday()) % 7)
    return reference - dt.timedelta(days=delta)


def _month_day(
    reference: dt.date, month: int, day: int, year: int | None, prefer: str
) -> dt.date | None:
    """A day and month: the year is the reference year unless that puts a past
    statement far in the future (or a plan far in the past)."""
    try:
        candidate = dt.date(year or reference.year, month, day)
    except ValueError:
        return None
    if year is None:
        if prefer == "past" and candidate > reference + dt.timedelta(days=31):
            candidate = candidate.replace(year=candidate.year - 1)
        elif prefer == "future" and candidate < reference - dt.timedelta(days=62):
            candidate = candidate.replace(year=candidate.year + 1)
    return candidate


def _day_of_month_near(reference: dt.date, day: int, weekday: int | None) -> dt.date | None:
    """ "this Wednesday (30)": the day numbered ``day`` nearest the reference, checked
    against the weekday when one is given."""
    candidates = []
    for shift in (-1, 0, 1):
        month = reference.month + shift
        year = reference.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    candidates.sort(key=lambda d: abs((d - reference).days))
    for candidate in candidates:
        if weekday is None or candidate.weekday() == weekday:
            return candidate
    return None


def _weekday(reference: dt.date, groups: dict[str, str | None], prefer: str) -> dt.date:
    """The day a weekday names ("last Tuesday", "on Friday", "next Monday")."""
    rel = groups.get("rel") or ""
    direction = prefer
    if rel in ("last", "past", "previous", "earlier on"):
        direction = "past"
    elif rel in ("next", "coming"):
        direction = "future"
    day = _nearest_weekday(reference, WEEKDAYS[str(groups["weekday"])], direction)
    if rel in ("last", "previous") and day == reference:
        day -= dt.timedelta(days=7)
    if rel in ("next",) and day == reference:
        day += dt.timedelta(days=7)
    return day


def resolve(text: str, reference: dt.date | None, prefer: str = "past") -> Resolution:
    """Resolve ``text`` against ``reference`` (the publication date).

    ``prefer`` says which way a bare weekday points: ``past`` for statements
    ("said on Tuesday"), ``future`` for plans ("will meet on Tuesday").
    """
    folded = re.sub(r"^(?:on|since|by|from|until|as of)\s+", "", _fold(text))
    for form, pattern in _FORMS:
        match = pattern.fullmatch(folded)
        if not match:
            continue
        groups = match.groupdict()
        if form == "iso":
            try:
                return Resolution(
                    dt.date(int(groups["year"]), int(groups["month"]), int(groups["day"])), form
                )
            except ValueError:
                return Resolution(None, "invalid")
        if reference is None:
            return Resolution(None, "no_reference")
        if form in ("month_day", "day_month"):
            year = int(groups["year"]) if groups.get("year") else None
            return Resolution(
                _month_day(reference, MONTHS[groups["month"]], int(groups["day"]), year, prefer),
                form,
            )
        if form == "weekday_day":
            return Resolution(
                _day_of_month_near(reference, int(groups["day"]), WEEKDAYS[groups["weekday"]]), form
            )
        if form == "weekday":
            return Resolution(_weekday(reference, groups, prefer), form)
        if form == "today":
            return Resolution(reference, form)
        if form == "yesterday":
            return Resolution(reference - dt.timedelta(days=1), form)
        if form == "tomorrow":
            return Resolution(reference + dt.timedelta(days=1), form)
        if form == "days_ago":
            raw = groups["n"]
            n = int(raw) if raw.isdigit() else _NUMBERS[raw]
            return Resolution(reference - dt.timedelta(days=n), form)
    return Resolution(None, "not_a_day")


#: Expressions worth looking for in running text, beyond spaCy's DATE entities
#: (which miss "this Wednesday (30)" and split "Feb. 13").
EXPRESSION = re.compile(
    r"\b(?:"
    r"\d{4}-\d\d-\d\d"
    r"|(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+(?:19|20)\d\d)?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b(?:,?\s+(?:19|20)\d\d)?"
    r"|(?:(?:this|last|next|on|past|previous|coming)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s*\(\d{1,2}\))?(?:\s+(?:morning|afternoon|evening|night))?"
    r"|yesterday(?:\s+(?:morning|afternoon|evening))?|today|tonight|tomorrow|last night"
    r"|(?:\d+|one|two|three|four|five|six|seven)\s+days?\s+ago"
    r"|(?:last|this|next|earlier this|later this)\s+(?:week|month|year|weekend)"
    r"|(?:at|over)\s+the\s+weekend"
    r")",
    re.IGNORECASE,
)
