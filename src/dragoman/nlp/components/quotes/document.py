"""The state of one report while its quotes are read: indices built once, so that
every question the rules ask (which paragraph, which sentence, which children,
which time expressions, which quotations overlap) costs a lookup, not a scan, and
the component stays linear in the length of the report."""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from spacy.attrs import HEAD
from spacy.tokens import Doc, Span, Token

from dragoman.nlp.components.quotes.cues import CueWords
from dragoman.nlp.extensions import TimeExpression, text_of
from dragoman.nlp.quotemarks import inside, paragraphs
from dragoman.nlp.speakers import SpeakerResolver

#: How far (in tokens) from a quotation its attribution is looked for.
WINDOW = 60


@dataclass
class QuoteDoc:
    """One report's text, its indices and what has been read so far."""

    doc: Doc
    quoted: list[tuple[int, int]]
    resolver: SpeakerResolver
    cues: CueWords
    text: str = ""
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    sents: list[Span] = field(default_factory=list)
    sent_of: list[int] = field(default_factory=list)
    kids: list[list[int]] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    #: The day each speaker's words were last placed on by a time expression.
    dated: dict[str, dt.date] = field(default_factory=dict)
    #: For each actor, the days the report places it on (see ``appearances``).
    appearances: dict[str, list[tuple[int, dt.date]]] = field(default_factory=dict)
    #: How often each person has spoken so far, and where last.
    spoken: Counter[str] = field(default_factory=Counter)
    last_spoke: list[tuple[int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        doc = self.doc
        self.text = text_of(doc)
        self.paragraphs = paragraphs(self.text)
        self._p_starts = [s for s, _ in self.paragraphs]
        self.sents = list(doc.sents)
        self.sent_of = [0] * len(doc)
        for index, sent in enumerate(self.sents):
            self.sent_of[sent.start : sent.end] = [index] * (sent.end - sent.start)
        self.kids = [[] for _ in range(len(doc))]
        # The heads as offsets, read in one call rather than a Token per word.
        for i, offset in enumerate(doc.to_array(HEAD).view("int64").tolist()):
            if offset:
                self.kids[i + offset].append(i)
        self.times = sorted(doc._.times or [], key=lambda t: t.start)
        self._t_starts = [t.start for t in self.times]
        self._q_ends = [e for _, e in self.quoted]
        self.appearances = self._appearances()

    # -- structure ---------------------------------------------------------------

    def children(self, token: Token) -> list[Token]:
        """The token's children, left to right (``Token.children`` walks the whole
        subtree, which is quadratic on a chain of clauses)."""
        return [self.doc[i] for i in self.kids[token.i]]

    def subtree(self, token: Token) -> Span:
        """The token's subtree as one stretch (English parses are projective)."""
        return self.doc[token.left_edge.i : token.right_edge.i + 1]

    def sentence(self, token: Token) -> Span:
        return self.sents[self.sent_of[token.i]]

    def paragraph_index(self, position: int) -> int:
        index = bisect.bisect_right(self._p_starts, position) - 1
        if index >= 0 and position <= self.paragraphs[index][1]:
            return index
        return len(self.paragraphs) if index < 0 else index

    def paragraph_span(self, position: int) -> tuple[int, int]:
        index = self.paragraph_index(position)
        if 0 <= index < len(self.paragraphs):
            return self.paragraphs[index]
        return (0, 1 << 30)

    # -- quotations and times ------------------------------------------------------

    def in_quotes(self, position: int) -> bool:
        return inside(self.quoted, position)

    def quoted_in(self, start: int, end: int) -> int:
        """How many characters of ``start:end`` lie inside quotation marks."""
        total = 0
        index = bisect.bisect_right(self._q_ends, start)
        while index < len(self.quoted) and self.quoted[index][0] < end:
            s, e = self.quoted[index]
            total += max(0, min(e, end) - max(s, start))
            index += 1
        return total

    def quotations_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The quotations that overlap ``start:end``."""
        found = []
        index = bisect.bisect_right(self._q_ends, start)
        while index < len(self.quoted) and self.quoted[index][0] < end:
            found.append(self.quoted[index])
            index += 1
        return found

    def times_between(self, start: int, end: int) -> list[TimeExpression]:
        """The time expressions that start in ``start:end``."""
        lo = bisect.bisect_left(self._t_starts, start)
        hi = bisect.bisect_left(self._t_starts, end)
        return self.times[lo:hi]

    def remember(self, position: int, name: str, person: bool) -> None:
        """A speaker has spoken: for pronouns (the resolver) and continuations."""
        self.resolver.remember(position, name)
        if person:
            self.spoken[name] += 1
            self.last_spoke.append((position, name))

    def _appearances(self) -> dict[str, list[tuple[int, dt.date]]]:
        """For each actor, the days the report places it on as the subject of a
        sentence with a time expression that names a day."""
        found: dict[str, list[tuple[int, dt.date]]] = {}
        if not any(t.date is not None for t in self.times):
            return found
        for mention in self.doc._.mentions or []:
            head = self.doc[mention.token_end - 1]
            if head.dep_ not in ("nsubj", "nsubjpass") and head.head.dep_ not in (
                "nsubj",
                "nsubjpass",
            ):
                continue
            sent = self.sentence(head)
            for time in self.times_between(sent.start_char, sent.end_char):
                if time.date is not None and not self.in_quotes(time.start):
                    found.setdefault(mention.name, []).append((mention.start, time.date))
                    break
        return found
