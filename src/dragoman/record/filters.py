"""The filters every question about the record takes, collapsed into one object.

``party``, ``issue`` and ``actor`` are names and codes, matched without regard to case;
``since`` and ``until`` are inclusive days, given as dates or as ``YYYY-MM-DD``
strings. A filter that cannot be understood raises :class:`BadFilter` naming the
option, so that the command line can print it as one line.

What a person types (``Lavrov``, ``Kyiv``, ``NATO``) is matched to these names and codes
first, by :meth:`dragoman.record.matching.Names.resolve`, which returns the Filters to
use and says what each was matched to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from dragoman.errors import BadFilter
from dragoman.models import ArticleRecord

DateLike = dt.date | str | None


def parse_date(value: DateLike, option: str = "date") -> dt.date | None:
    """A day from a date or a ``YYYY-MM-DD`` string; None stays None."""
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    text = str(value).strip()
    try:
        if len(text) != 10:
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadFilter(f"{option}: {value!r} is not a date; use YYYY-MM-DD") from None


def same_name(a: str | None, b: str | None) -> bool:
    """Whether two names or codes are the same, ignoring case and outer spaces."""
    if a is None or b is None:
        return False
    return a.strip().casefold() == b.strip().casefold()


@dataclass(frozen=True)
class Filters:
    """What a question about the record is narrowed to; every field is optional."""

    party: str | None = None
    issue: str | None = None
    actor: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    @classmethod
    def of(
        cls,
        party: str | None = None,
        issue: str | None = None,
        actor: str | None = None,
        since: DateLike = None,
        until: DateLike = None,
    ) -> Filters:
        """Filters from user input: dates parsed, empty strings taken as not given."""
        start = parse_date(since or None, "since")
        end = parse_date(until or None, "until")
        if start is not None and end is not None and start > end:
            raise BadFilter(f"since {start.isoformat()} is after until {end.isoformat()}")
        return cls(party or None, issue or None, actor or None, start, end)

    @property
    def dated(self) -> bool:
        """Whether a date range is set (undated items are then left out)."""
        return self.since is not None or self.until is not None

    def in_range(self, day: dt.date | None) -> bool:
        """Whether ``day`` is inside the range; an unknown day is only when none is set."""
        if day is None:
            return not self.dated
        if self.since is not None and day < self.since:
            return False
        return self.until is None or day <= self.until

    def to_dict(self) -> dict[str, str | None]:
        return {
            "party": self.party,
            "issue": self.issue,
            "actor": self.actor,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
        }


@dataclass
class Affiliations:
    """Which party each named actor belongs to, as the articles' actor lists say.

    Lets a party filter find the party's people: ``Vladimir Medinsky`` belongs to
    ``Russia`` when any article's actors say so.
    """

    parties: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, records: Iterable[ArticleRecord]) -> Affiliations:
        found = cls()
        for record in records:
            found.add(record)
        return found

    def add(self, record: ArticleRecord) -> None:
        for actor in record.actors:
            if actor.party:
                self.parties.setdefault(actor.name.casefold(), set()).add(actor.party.casefold())

    def belongs(self, name: str | None, party: str) -> bool:
        """Whether ``name`` is ``party`` itself or one of its people."""
        if name is None:
            return False
        if same_name(name, party):
            return True
        return party.strip().casefold() in self.parties.get(name.casefold(), set())
