"""The records dragoman passes between its stages, as plain dataclasses.

Every stage speaks these types: ingest produces :class:`Article`, the NLP pipeline
produces an :class:`ArticleRecord`, the store keeps them and the interfaces print
them. ``to_dict`` gives the JSON output contract (see the README); fields may be
added, never renamed, because other tools read them.
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
