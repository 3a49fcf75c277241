"""The vocabulary of the events component: the types and statuses, the trigger
lexicon (``lexicons/events.yaml``) compiled for look-ups, and the few token helpers
every stage uses."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token

from dragoman.nlp.lexicon import load_lexicon
from dragoman.vocabulary import EVENT_STATUSES, EVENT_TYPES

#: The event types and statuses of the codebook (``dragoman.vocabulary``).
TYPES = EVENT_TYPES
STATUSES = EVENT_STATUSES
#: Statuses that can describe one event at different moments of a report: a round
#: that "took place" and is "under way" is one; a round "planned" and one "held"
#: are two.
CLASS = {
    "occurred": "past",
    "ongoing": "past",
    "planned": "future",
    "proposed": "future",
    "cancelled": "future",
}
#: Among mentions of one event, the status the merged event takes (with the
#: strength of each mention's evidence first).
STATUS_RANK = {"cancelled": 5, "occurred": 4, "planned": 3, "ongoing": 2, "proposed": 1}
#: Events told about people rather than parties.
PERSONAL_TYPES = {"call", "summit", "press_conference"}
#: Verbs that say an event happens (a modal on them makes it a proposal).
OCCURRENCE_VERBS = {
    "take",
    "happen",
    "occur",
    "hold",
    "have",
    "go",
    "start",
    "begin",
    "resume",
    "meet",
    "be",
    "convene",
    "open",
    "come",
    "conclude",
    "end",
    "continue",
    "sign",
    "reach",
    "return",
}
FUTURE_AUX = {"will", "'ll", "shall", "would", "wo"}
MODALS = {"could", "might", "may"}
#: A dateline before a time expression: "KYIV, " or "GENEVA/MOSCOW, " at the start of
#: a line; and after it: " -", " (Reuters) -".
DATELINE = re.compile(r"[A-Z][A-Z .'/-]{1,40}, $")
DATELINE_END = re.compile(r"(?:,? ?\d{4})? ?(?:\([^)]{1,40}\))? ?[-\u2013\u2014]")
#: Prepositions whose object is a place, a topic or a target, never a participant.
NOT_PARTICIPANT_PREPS = {
    "in",
    "at",
    "on",
    "about",
    "over",
    "near",
    "across",
    "into",
    "against",
    "inside",
    "around",
    "since",
}


def lemma_of(token: Token) -> str:
    return token.lemma_.lower()


def forms_of(token: Token) -> set[str]:
    return {token.lower_, lemma_of(token)}


def same_token(a: Token | None, b: Token | None) -> bool:
    """Token identity (spaCy makes a new ``Token`` object on every access)."""
    return a is not None and b is not None and a.i == b.i


def is_root(token: Token) -> bool:
    return token.head.i == token.i


def words_of(tokens: Iterable[Token]) -> set[str]:
    words: set[str] = set()
    for token in tokens:
        words |= forms_of(token)
    return words


# -- the lexicon -------------------------------------------------------------------
@dataclass(frozen=True)
class Pattern:
    """One trigger: a sequence of word alternatives, optionally a verb whose object
    must be one of ``objects``."""

    type: str  # an event type or "meeting"
    kind: str  # "noun" or "verb"
    words: tuple[frozenset[str], ...]
    objects: frozenset[str] = frozenset()


def _words(phrase: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(alt.lower() for alt in part.split("|")) for part in phrase.split())


def word_set(values: Iterable[Any] | None) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or [])


@dataclass
class EventLexicon:
    """``lexicons/events.yaml``, compiled for look-ups."""

    patterns: dict[str, list[Pattern]]  # by the first word's alternatives
    qualifiers: dict[str, frozenset[str]]
    leader_roles: tuple[str, ...]
    delegation_words: frozenset[str]
    summit_words: frozenset[str]
    not_participants: frozenset[str]
    status: dict[str, frozenset[str]]

    @classmethod
    def load(cls) -> EventLexicon:
        data = load_lexicon("events")
        patterns: dict[str, list[Pattern]] = {}
        for type_, spec in (data.get("triggers") or {}).items():
            for kind in ("noun", "verb"):
                for phrase in (spec or {}).get(kind + "s") or []:
                    text = str(phrase)
                    objects: frozenset[str] = frozenset()
                    if " >" in text:
                        text, _, objs = text.partition(" >")
                        objects = word_set(objs.split("|"))
                    pattern = Pattern(str(type_), kind, _words(text), objects)
                    for first in pattern.words[0]:
                        patterns.setdefault(first, []).append(pattern)
        for found in patterns.values():
            found.sort(key=lambda p: -len(p.words))
        return cls(
            patterns=patterns,
            qualifiers={str(k): word_set(v) for k, v in (data.get("qualifiers") or {}).items()},
            leader_roles=tuple(str(r).lower() for r in data.get("leader_roles") or []),
            delegation_words=word_set(data.get("delegation_words")),
            summit_words=word_set(data.get("summit_words")),
            not_participants=frozenset(str(n) for n in data.get("not_participants") or []),
            status={str(k): word_set(v) for k, v in (data.get("status") or {}).items()},
        )

    def q(self, name: str) -> frozenset[str]:
        return self.qualifiers.get(name, frozenset())


def of_nouns(trigger: Token) -> list[Token]:
    """The trigger and the nouns of its "of" phrases, two deep ("a swap of 90
    prisoners of war", "the rounds in Minsk, the latest of which")."""
    nouns = [trigger]
    for _ in range(2):
        nouns += [
            g
            for n in nouns[-1:]
            for c in n.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]
    return nouns
