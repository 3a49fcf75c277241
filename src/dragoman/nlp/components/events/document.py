"""What the stages pass along: one mention of an event (:class:`Candidate`), what the
parse says around its trigger (:class:`Reading`), and what is known of the document
being read (:class:`EventDoc`, made afresh for every ``Doc``)."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from dragoman.models import Actor, Quote
from dragoman.nlp.cast import Cast
from dragoman.nlp.components.events.lexicon import CLASS, EventLexicon
from dragoman.nlp.extensions import Mention, TimeExpression
from dragoman.nlp.gazetteer import Gazetteer
from dragoman.nlp.places import Places


@dataclass
class Candidate:
    """One mention of an event, read from its sentence."""

    type: str
    status: str
    status_strength: int  # 2: an explicit cue, 1: the tense, 0: a guess
    date: dt.date | None
    period: str | None  # a time expression naming no single day ("last year")
    place: str | None
    participants: list[str]
    start: int
    end: int
    quoted: bool
    specific: bool  # says something of its own: a day, a place, a participant
    distinct: bool  # set apart from other mentions ("the first round", "in May")
    confidence: float
    persons_named: bool = False  # people named in the trigger's own phrase
    mentions: int = 1

    @property
    def klass(self) -> str:
        return CLASS[self.status]


@dataclass
class Reading:
    """What the parse says around one trigger."""

    trigger: Token
    anchor: Token
    own: list[Token]
    own_ids: set[int]
    triggers: frozenset[int] = frozenset()


@dataclass
class EventDoc:
    """The document being read, and the component's resources: everything the stages
    need, passed along instead of being kept on the component."""

    doc: Doc
    lex: EventLexicon
    gazetteer: Gazetteer
    places: dict[str, str]  # lower-cased spellings -> the gazetteer's place
    speech: frozenset[str]  # cue words of speech
    cast: Cast
    atlas: Places
    published: dt.date | None = None
    text: str = ""  # the Doc's text, built once
    quoted: list[tuple[int, int]] = field(default_factory=list)
    time_roots: list[tuple[TimeExpression, Token]] = field(default_factory=list)
    prisoner_sents: set[int] = field(default_factory=set)
    about_talks: bool = False
    _quoted_starts: list[int] | None = None
    _quoted_ends: list[int] = field(default_factory=list)
    _times_by_sent: dict[int, list[tuple[TimeExpression, Token]]] | None = None
    _quotes_by_sent: dict[int, list[Quote]] | None = None

    @property
    def mentions(self) -> list[Mention]:
        return self.cast.mentions

    @property
    def mention_at(self) -> dict[int, Mention]:
        return self.cast.mention_at

    @property
    def actors(self) -> dict[str, Actor]:
        return self.cast.actors

    def in_quotes(self, offset: int) -> bool:
        """Whether an offset lies inside quotation marks (a bisection over the quoted
        stretches, merged and sorted once per document)."""
        if self._quoted_starts is None:
            merged: list[list[int]] = []
            for start, end in sorted(self.quoted):
                if merged and start <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], end)
                else:
                    merged.append([start, end])
            self._quoted_starts = [m[0] for m in merged]
            self._quoted_ends = [m[1] for m in merged]
        k = bisect.bisect_right(self._quoted_starts, offset) - 1
        return k >= 0 and offset < self._quoted_ends[k]

    def times_of(self, sent: Span) -> list[tuple[TimeExpression, Token]]:
        """The time expressions (with their head tokens) that start in a sentence."""
        if self._times_by_sent is None:
            self._times_by_sent = {}
            for time, root in self.time_roots:
                self._times_by_sent.setdefault(root.sent.start, []).append((time, root))
        return [
            (time, root)
            for time, root in self._times_by_sent.get(sent.start, [])
            if sent.start_char <= time.start < sent.end_char
        ]

    def quotes_of(self, sent: Span) -> list[Quote]:
        """The quotes that start in, or run through, a sentence."""
        if self._quotes_by_sent is None:
            self._quotes_by_sent = {}
            for quote in self.doc._.quotes or []:
                span = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                for start in {t.sent.start for t in (span[0], span[-1])}:
                    self._quotes_by_sent.setdefault(start, []).append(quote)
        return self._quotes_by_sent.get(sent.start, [])

    def mentions_in(self, tokens: Iterable[Token]) -> list[Mention]:
        """The actors mentioned in ``tokens`` that can take part in an event."""
        seen: list[Mention] = []
        for token in tokens:
            mention = self.mention_at.get(token.i)
            if (
                mention is not None
                and mention not in seen
                and mention.name not in self.lex.not_participants
            ):
                seen.append(mention)
        return seen

    def is_leader(self, name: str) -> bool:
        return self.cast.is_leader(name, self.lex.leader_roles)

    def leader_of_role(self, token: Token) -> str | None:
        return self.cast.leader_of_role(token, self.lex.leader_roles)
