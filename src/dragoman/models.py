"""The records dragoman passes between its stages, as plain dataclasses.

Every stage speaks these types: ingest produces :class:`Article`, the NLP pipeline
produces an :class:`ArticleRecord`, the store keeps them and the interfaces print
them. ``to_dict`` gives the JSON output contract (see the README); fields may be
added, never renamed, because other tools read them.

:class:`Dating` is the one rule for what date an extracted item carries and how sure
that is; every layer (store, record, interfaces) asks it rather than falling back to
the report's date itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

_SPACE = re.compile(r"\s+")


def normalise_body(body: str) -> str:
    """Fold a body to the form its identity is computed from.

    Unicode compatibility forms, curly quotes and runs of white space are folded so
    that the same report saved by two crawlers, or under two file names, is one report.
    """
    text = unicodedata.normalize("NFKC", body)
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return _SPACE.sub(" ", text).strip().lower()


def article_id(body: str) -> str:
    """The id of an article: a hash of its normalised body (16 hex digits)."""
    return hashlib.sha256(normalise_body(body).encode("utf-8")).hexdigest()[:16]


STATED = "stated"
UNDATED = "undated"
#: How sure the date of an item is: the record states it, or it carries none.
CERTAINTIES: tuple[str, ...] = (STATED, UNDATED)


@dataclass(frozen=True)
class Dating:
    """The date an item (quote, position, event, assessment) carries, and how sure it is.

    ``date`` is the item's own date: the NLP gives one where the report places the words
    on a day (a statement with no time expression is of the report's day, and the NLP
    says so itself); ``None`` is deliberate: the text places the item at a vaguer time
    ("in April 2025"), or at none. ``reported`` is the publication day of the report
    that carries the item. The date shown is ``date``, never ``reported``: an undated
    item is shown as undated, with the report's day as context only (:meth:`label`).

    Ordering (:attr:`order`, :attr:`rank`) is where the rule had to choose:

    - in a chronology (a history, a list of quotes, a date range), an undated item
      stands at its report's day (:attr:`day`): it was said by then, and that is where
      a reader looks for it; on that day it comes after the dated items;
    - for "the latest", :attr:`rank` puts every dated item above every undated one. An
      undated item may be a plan from years before, mentioned as background; placing it
      at its report's day would let it override a dated stance of the same party and
      issue from the same or a later report (its own report's dated items, too, which
      are mostly of that very day). So an undated item never overrides a dated one; it
      is the latest only when nothing is dated, and then by its report's day. Ranking
      by report alone (undated wins over dated items of earlier reports) cannot be a
      consistent order: dated items of earlier and later reports interleave by date.
    """

    date: dt.date | None
    reported: dt.date | None = None

    @property
    def dated(self) -> bool:
        return self.date is not None

    @property
    def certainty(self) -> str:
        """``"stated"`` where the record carries a date, ``"undated"`` otherwise."""
        return STATED if self.date is not None else UNDATED

    @property
    def day(self) -> dt.date | None:
        """Where the item stands in a chronology and in a date range: its date, else
        its report's day (None when neither is known). Never shown as its date."""
        return self.date if self.date is not None else self.reported

    @property
    def order(self) -> tuple[Any, ...]:
        """Chronological sort key: by :attr:`day` (unknown last), dated before undated
        on the same day, then by the report's day (an undated report last)."""
        day = self.day
        return (
            day is None,
            day or dt.date.min,
            self.date is None,
            self.reported is None,
            self.reported or dt.date.min,
        )

    @property
    def rank(self) -> tuple[Any, ...]:
        """ "How late" for the latest of several reports: the largest rank is the latest;
        any dated item ranks above every undated one (see the class docstring)."""
        return (self.date is not None, *self.order)

    def label(self) -> str:
        """The date as shown: ``2022-03-30``, ``undated (reported 2022-03-30)`` or
        ``undated``."""
        if self.date is not None:
            return self.date.isoformat()
        if self.reported is not None:
            return f"undated (reported {self.reported.isoformat()})"
        return "undated"

    def to_dict(self) -> dict[str, Any]:
        """``date`` (None when undated), ``dating`` (the certainty) and ``reported``."""
        return {
            "date": self.date.isoformat() if self.date else None,
            "dating": self.certainty,
            "reported": self.reported.isoformat() if self.reported else None,
        }


def item_dating(date: dt.date | None, published: dt.date | None) -> Dating:
    """The dating of an item with its own ``date`` in a report published on ``published``."""
    return Dating(date, published)


def latest_key(dating: Dating, article_id: str, start: int, seq: int) -> tuple[Any, ...]:
    """How late one report of a claim is (a party's stance on an issue): the latest has
    the largest key. The one definition of "the latest stance": by :attr:`Dating.rank`,
    then by the article's id, the offset in it and the order of extraction (``seq``: the
    index in the record, or the row id, which follow each other). The record
    (:mod:`dragoman.record.positions`) and the store's summary of the matrix both use it."""
    return (*dating.rank, article_id, start, seq)


def _dated_dict(self: Any) -> dict[str, Any]:
    """A record as a JSON-ready dict, its ``date`` as ``YYYY-MM-DD`` (or None)."""
    data = asdict(self)
    data["date"] = self.date.isoformat() if self.date else None
    return data


@dataclass
class Article:
    """One news report, as read from a file: metadata apart from the body.

    ``caption`` and ``credit`` are kept for display only: nothing is ever
    extracted from them. ``source`` is the path or URL the report was read from.
    """

    body: str
    source: str = ""
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    title: str | None = None
    caption: str | None = None
    credit: str | None = None
    language: str = "en"
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id(self.body)

    def to_dict(self) -> dict[str, Any]:
        """The ``article`` object of the output contract (the body is left out)."""
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "title": self.title,
            "caption": self.caption,
            "credit": self.credit,
            "language": self.language,
        }


@dataclass
class Actor:
    """A person, a party to the negotiation (a state, government or delegation) or an
    organisation, under its canonical name."""

    name: str
    kind: str  # "person", "party" or "organization"
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    party: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["mentions"] = [list(m) for m in self.mentions]
        return data


@dataclass
class Quote:
    """A statement attributed to someone in the body.

    ``kind`` is ``direct``, ``mixed`` or ``indirect`` (vocabulary.md). ``speaker`` is
    the canonical actor name, ``"anonymous"`` for unnamed sources, or ``None`` where
    no speaker could be found. ``start``/``end`` are offsets of ``text`` in the body.
    """

    text: str
    kind: str
    speaker: str | None = None
    cue: str | None = None
    date: dt.date | None = None
    start: int = 0
    end: int = 0
    anonymous: bool = False
    speaker_text: str | None = None
    confidence: float = 0.5

    to_dict = _dated_dict


@dataclass
class Event:
    """A talks round, call, summit, briefing, military action, agreement or exchange."""

    type: str
    status: str
    date: dt.date | None = None
    place: str | None = None
    participants: list[str] = field(default_factory=list)
    start: int = 0
    end: int = 0
    confidence: float = 0.5
    country: str | None = None  # the country of ``place``, from the gazetteer

    to_dict = _dated_dict


@dataclass
class Position:
    """One party's stance on one issue, as carried by someone's statement."""

    party: str
    issue: str
    stance: str
    subject: str | None = None
    summary: str = ""
    reported_by: str | None = None
    date: dt.date | None = None
    start: int = 0
    end: int = 0
    confidence: float = 0.5

    to_dict = _dated_dict


@dataclass
class Assessment:
    """How an actor judges the state of the talks."""

    actor: str
    polarity: str  # "positive", "negative" or "mixed"
    date: dt.date | None = None
    summary: str = ""
    start: int = 0
    end: int = 0
    confidence: float = 0.5

    to_dict = _dated_dict


@dataclass
class ArticleRecord:
    """Everything extracted from one article: the unit ``analyze`` prints and the
    store keeps."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The output contract of ``dragoman analyze --json``."""
        return {
            "article": self.article.to_dict(),
            "actors": [a.to_dict() for a in self.actors],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
            "positions": [p.to_dict() for p in self.positions],
            "assessments": [a.to_dict() for a in self.assessments],
        }
