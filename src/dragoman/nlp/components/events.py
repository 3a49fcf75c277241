"""The ``dragoman_events`` component: talks, calls, summits, briefings, military
actions, agreements and prisoner exchanges, each with its status, day, place and
participants.

Events are found in three steps:

1. *Triggers.* Nouns and verbs from ``lexicons/events.yaml`` ("talks", "phone call",
   "met", "signed an agreement", "exchanged 90 prisoners"), matched on lemmas sentence
   by sentence. A meeting is a summit when heads of state meet, else a round of talks.
2. *Reading each mention.* The verb that governs the trigger (its *anchor*) and the
   trigger's own modifiers give the status ("will hold" -> planned, "possible
   meeting" -> proposed, "postponed" -> cancelled, "under way" -> ongoing, past tense
   -> occurred); a time expression attached to the trigger or its anchor gives the day
   (re-resolved towards the future for plans); an "in/at" phrase or a compound ("the
   Istanbul talks") gives the place; actor mentions in the trigger's phrase and the
   subject of the verb that holds it ("Russia and Ukraine held talks") give the
   participants.
3. *Merging.* A report names one event several times ("talks in Istanbul" ... "the
   talks"); mentions of one type merge when their days, places and tense agree. A
   mention set apart ("the first round", "in February 2022") joins only an event it
   shares a day, a period or a place with, and a mention that says nothing of its own
   only ever joins an event found elsewhere.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dragoman.models import Event
from dragoman.nlp.extensions import (
    MAX_SENTENCE_TOKENS,
    Mention,
    TimeExpression,
    register_extensions,
    text_of,
)
from dragoman.nlp.gazetteer import Gazetteer, load_gazetteer
from dragoman.nlp.lexicon import load_lexicon
from dragoman.nlp.timeexpr import resolve

TYPES = (
    "talks",
    "call",
    "summit",
    "press_conference",
    "military_action",
    "agreement",
    "prisoner_exchange",
)
STATUSES = ("occurred", "ongoing", "planned", "proposed", "cancelled")
#: Statuses that can describe one event at different moments of a report: a round
#: that "took place" and is "under way" is one; a round "planned" and one "held"
#: are two.
_CLASS = {
    "occurred": "past",
    "ongoing": "past",
    "planned": "future",
    "proposed": "future",
    "cancelled": "future",
}
#: Among mentions of one event, the status the merged event takes (with the
#: strength of each mention's evidence first).
_STATUS_RANK = {"cancelled": 5, "occurred": 4, "planned": 3, "ongoing": 2, "proposed": 1}
#: Events told about people rather than parties.
_PERSONAL = {"call", "summit", "press_conference"}
#: Verbs that say an event happens (a modal on them makes it a proposal).
_OCCURRENCE_VERBS = {
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
_FUTURE_AUX = {"will", "'ll", "shall", "would", "wo"}
_MODALS = {"could", "might", "may"}
#: A dateline before a time expression: "KYIV, " or "GENEVA/MOSCOW, " at the start of
#: a line; and after it: " -", " (Reuters) -".
_DATELINE = re.compile(r"[A-Z][A-Z .'/-]{1,40}, $")
_DATELINE_END = re.compile(r"(?:,? ?\d{4})? ?(?:\([^)]{1,40}\))? ?[-\u2013\u2014]")
#: Prepositions whose object is a place, a topic or a target, never a participant.
_NOT_PARTICIPANT_PREPS = {
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


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _forms(token: Token) -> set[str]:
    return {token.lower_, _lemma(token)}


def _same(a: Token | None, b: Token | None) -> bool:
    """Token identity (spaCy makes a new ``Token`` object on every access)."""
    return a is not None and b is not None and a.i == b.i


def _is_root(token: Token) -> bool:
    return token.head.i == token.i


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


def _word_set(values: Iterable[Any] | None) -> frozenset[str]:
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
    sides: tuple[str, ...] = ()

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
                        objects = _word_set(objs.split("|"))
                    pattern = Pattern(str(type_), kind, _words(text), objects)
                    for first in pattern.words[0]:
                        patterns.setdefault(first, []).append(pattern)
        for found in patterns.values():
            found.sort(key=lambda p: -len(p.words))
        return cls(
            patterns=patterns,
            qualifiers={str(k): _word_set(v) for k, v in (data.get("qualifiers") or {}).items()},
            leader_roles=tuple(str(r).lower() for r in data.get("leader_roles") or []),
            delegation_words=_word_set(data.get("delegation_words")),
            summit_words=_word_set(data.get("summit_words")),
            not_participants=frozenset(str(n) for n in data.get("not_participants") or []),
            status={str(k): _word_set(v) for k, v in (data.get("status") or {}).items()},
            sides=tuple(str(n) for n in data.get("sides") or []),
        )

    def q(self, name: str) -> frozenset[str]:
        return self.qualifiers.get(name, frozenset())


# -- one mention of an event ---------------------------------------------------------


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
        return _CLASS[self.status]


@dataclass
class Reading:
    """What the parse says around one trigger."""

    trigger: Token
    anchor: Token
    own: list[Token]
    own_ids: set[int]
    triggers: frozenset[int] = frozenset()


class EventsComponent:
    """Find event mentions, read them, and merge the mentions of one event."""

    def __init__(self, name: str, gazetteer: Gazetteer | None = None) -> None:
        register_extensions()
        self.name = name
        self.gazetteer = gazetteer or load_gazetteer()
        self.lex = EventLexicon.load()
        self.places = {p.lower(): p for p in self.gazetteer.places}
        self.places.update({p.lower(): c for p, c in self.gazetteer.place_spellings.items()})
        cues = load_lexicon("cues")
        self.speech = _word_set((cues.get("speech") or []) + (cues.get("indirect") or []))

    # -- the component ---------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        self.doc = doc
        self.published: dt.date | None = doc._.published
        self.mentions: list[Mention] = list(doc._.mentions or [])
        self.mention_at: dict[int, Mention] = {}
        for mention in self.mentions:
            for i in range(mention.token_start, mention.token_end):
                self.mention_at[i] = mention
        self.actors = doc._.actors or {}
        self.quoted = list(doc._.quoted or [])
        self.time_roots = self._time_roots(doc)
        self.prisoner_sents = self._prisoner_sentences(doc)
        self.about_talks = any(
            t.lower_ == "talks"
            or _lemma(t) in ("negotiation", "negotiate", "delegation", "negotiator")
            for t in doc
        )
        candidates: list[Candidate] = []
        for sent in doc.sents:
            if len(sent) > MAX_SENTENCE_TOKENS:
                # Not prose (a list, a table, text without punctuation): no events.
                continue
            triggers = self._triggers(sent)
            trigger_ids = {t.i for t, _ in triggers}
            for token, type_ in triggers:
                candidate = self._read(token, type_, trigger_ids)
                if candidate is not None:
                    candidates.append(candidate)
        doc._.events = self._merge(candidates)
        return doc

    # -- triggers -------------------------------------------------------------------

    def _triggers(self, sent: Span) -> list[tuple[Token, str]]:
        """The trigger tokens of a sentence (the head of each matched phrase) and the
        type each names; a trigger inside the phrase of another of its type is left
        to that one ("a third round of Turkish-hosted talks" is one mention)."""
        found: list[tuple[Token, str]] = []
        taken: set[int] = set()
        for token in sent:
            if token.i in taken:
                continue
            for pattern in self.lex.patterns.get(token.lower_, []) + self.lex.patterns.get(
                _lemma(token), []
            ):
                span = self._match(pattern, token, sent)
                if span is None:
                    continue
                head = span.root if len(span) > 1 else token
                if pattern.kind == "noun" and head.pos_ not in ("NOUN", "PROPN"):
                    continue
                if pattern.kind == "verb" and token.pos_ not in ("VERB", "AUX"):
                    continue
                if pattern.objects and not self._has_object(token, pattern.objects):
                    continue
                type_ = self._qualify(pattern.type, head, span)
                if type_ is None:
                    continue
                if pattern.kind == "verb" and type_ == "meeting":
                    type_ = "meeting-verb"
                found.append((head, type_))
                taken.update(range(span.start, span.end))
                break
        ids = {t.i for t, _ in found}
        # "hoping to host a summit", "met for talks": the noun is the mention.
        found = [
            (t, "meeting" if type_ == "meeting-verb" else type_)
            for t, type_ in found
            if type_ != "meeting-verb"
            or not any(c.i in ids for c in t.children if c.dep_ in ("dobj", "nsubjpass"))
        ]
        types = {t.i: type_ for t, type_ in found}
        kept = []
        for token, type_ in found:
            node, nested = token, False
            for _ in range(3):
                if _is_root(node):
                    break
                node = node.head
                outer = types.get(node.i)
                if outer == type_ or (outer == "meeting" and type_ == "talks"):
                    nested = True
                    break
            if not nested:
                kept.append((token, type_))
        return kept

    @staticmethod
    def _match(pattern: Pattern, token: Token, sent: Span) -> Span | None:
        doc = token.doc
        end = token.i + len(pattern.words)
        if end > sent.end:
            return None
        for offset, alternatives in enumerate(pattern.words):
            if not (_forms(doc[token.i + offset]) & alternatives):
                return None
        return doc[token.i : end]

    @staticmethod
    def _has_object(verb: Token, objects: frozenset[str]) -> bool:
        for child in verb.children:
            if child.dep_ in ("dobj", "dative", "attr", "nsubjpass") and _forms(child) & objects:
                return True
            if child.dep_ in ("prt", "prep"):
                for grand in child.children:
                    if grand.dep_ in ("pobj", "dobj") and _forms(grand) & objects:
                        return True
        return verb.dep_ == "acl" and bool(_forms(verb.head) & objects)

    def _qualify(self, type_: str, head: Token, span: Span) -> str | None:
        """Checks that a word names the event in this company, or None."""
        lemma = _lemma(head)
        single = len(span) == 1
        if type_ == "talks" and single:
            if head.lower_ == "talk":  # "talk of peace"
                return None
            if lemma == "round" and not self._round_of_talks(head):
                return None
        if (
            type_ == "call"
            and single
            and lemma in self.lex.q("call_nouns")
            and not self._is_phone_call(head)
        ):
            return None
        if type_ == "prisoner_exchange" and single and lemma in self.lex.q("exchange_nouns"):
            if head.sent.start not in self.prisoner_sents:
                return None
            of = self._of_object(head)
            if of is not None and not (_forms(of) & self.lex.q("prisoner_words")):
                return None
        if type_ == "agreement":
            happens = (
                self._agreement_happens(head)
                if head.pos_ in ("NOUN", "PROPN")
                else self._agree_to_something(head)
            )
            if not happens:
                return None
        if type_ == "meeting" and any(
            c.dep_ in ("compound", "amod", "nmod") and _forms(c) & self.lex.q("not_meetings")
            for c in head.children
        ):
            return None
        if (
            type_ == "meeting"
            and head.pos_ in ("NOUN", "PROPN")
            and lemma == "visit"
            and not any(c.dep_ == "poss" for c in head.children)
        ):
            # "during his visit to Washington": only a visit by someone named.
            return None
        return type_

    @staticmethod
    def _of_object(token: Token) -> Token | None:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        return None

    def _round_of_talks(self, token: Token) -> bool:
        of = self._of_object(token)
        if of is not None:
            return bool(_forms(of) & self.lex.q("round_of"))
        # A bare "round" is a round of talks in a report about talks ("another
        # round is planned").
        return self.about_talks

    def _is_phone_call(self, token: Token) -> bool:
        phone = self.lex.q("phone_words")
        if any(
            c.dep_ in ("compound", "amod", "nmod") and c.lower_ in phone for c in token.children
        ):
            return True
        if token.lower_ in ("call", "calls"):
            # "a call with Macron": a call between named people.
            for child in token.children:
                if (
                    child.dep_ == "prep"
                    and child.lower_ in ("with", "between")
                    and any(self._person_at(t.i) for t in child.subtree)
                ):
                    return True
        return False

    def _person_at(self, i: int) -> bool:
        mention = self.mention_at.get(i)
        return mention is not None and mention.kind == "person"

    def _agreement_happens(self, token: Token) -> bool:
        """An agreement is an event when something happens to it: it is signed,
        reached, proposed, pulled out of ("the accord was signed in Minsk")."""
        verbs = self.lex.q("agreement_verbs")
        if any(c.dep_ == "neg" or c.lower_ == "no" for c in token.children):
            return False
        if any(_lemma(t) in self.lex.q("signing_verbs") and t.pos_ == "VERB" for t in token.sent):
            return True
        for child in token.children:
            if child.dep_ in ("acl", "relcl") and _lemma(child) in verbs:
                return True
            if child.dep_ in ("amod", "compound") and any(
                w in child.lower_ for w in ("proposed", "signed", "brokered")
            ):
                return True
        node = token
        for _ in range(4):
            if node.pos_ in ("VERB", "AUX"):
                return _lemma(node) in verbs and not any(c.dep_ == "neg" for c in node.children)
            if _is_root(node):
                break
            node = node.head
        return False

    def _agree_to_something(self, verb: Token) -> bool:
        """ "the sides agreed to exchange prisoners", "Putin agreed to halt strikes":
        an agreement by someone named, on something; never "agreed that"."""
        if verb.dep_ == "advcl" and verb.tag_ == "VBG":
            return False
        action = any(c.dep_ == "xcomp" for c in verb.children)
        on_something = any(c.dep_ == "prep" and c.lower_ in ("to", "on") for c in verb.children)
        if not (action or on_something):
            return False
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            return False
        several = (
            subject.tag_ in ("NNS", "NNPS")
            or bool(list(subject.conjuncts))
            or subject.lower_ in ("both", "they")
        )
        if not (action or several):
            # "Ukraine agreed to a ceasefire": one side's answer (a position), not an
            # agreement between sides.
            return False
        if self._mentions_in(subject.subtree):
            return True
        return _lemma(subject) in ("side", "delegation", "party", "country")

    def _prisoner_sentences(self, doc: Doc) -> set[int]:
        """Starts of the sentences that speak of prisoners, and of the ones after."""
        words = self.lex.q("prisoner_words")
        sents = list(doc.sents)
        found: set[int] = set()
        for index, sent in enumerate(sents):
            if any(t.lower_ in words or t.lemma_.lower() in words for t in sent):
                found.add(sent.start)
                if index + 1 < len(sents):
                    found.add(sents[index + 1].start)
        return found

    # -- reading one mention ---------------------------------------------------------

    def _read(self, trigger: Token, type_: str, trigger_ids: set[int]) -> Candidate | None:
        reading = Reading(trigger, self._anchor(trigger), [], set(), frozenset(trigger_ids))
        reading.own = self._own_tokens(trigger, trigger_ids)
        reading.own_ids = {t.i for t in reading.own}
        quoted = self._in_quotes(trigger.idx)
        if (
            type_ == "meeting"
            and trigger.pos_ == "VERB"
            and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("i", "we")
                for c in trigger.children
            )
        ):
            # "When we met in Kyiv": the reporter's interview, not an event of the talks.
            return None
        participants, phrase = self._participants(reading, type_)
        if type_ == "meeting":
            type_ = self._meeting_type(reading, participants)
        elif (
            type_ == "talks"
            and self._leaders(phrase) >= 2
            and not self._has_delegation_words(reading.own)
        ):
            # "Macron's talks with Scholz", "talks between Erdogan and Putin".
            type_ = "summit"
        status, strength = self._status(reading, type_)
        if type_ == "military_action" and _CLASS[status] == "future":
            return None
        date, period = self._date(reading, status, type_, strength)
        place = self._place(reading, type_)
        participants = self._shape_participants(type_, participants, reading)
        if type_ in ("military_action", "press_conference") and not participants:
            return None
        if type_ == "military_action":
            # Background of a war ("the 2022 invasion") is one event, not one a year.
            period = None
        distinct = _CLASS[status] == "past" and (period is not None or self._ordinal(trigger))
        own_people = bool(phrase) or (type_ in _PERSONAL and bool(participants))
        specific = bool(date or place or period or own_people)
        confidence = (
            0.5 + 0.1 * bool(date) + 0.1 * bool(place) + 0.1 * bool(phrase) + 0.1 * (strength == 2)
        )
        if quoted:
            confidence -= 0.1
        sent = trigger.sent
        return Candidate(
            type=type_,
            status=status,
            status_strength=strength,
            date=date,
            period=period,
            place=place,
            participants=participants,
            start=sent.start_char,
            end=sent.start_char + len(sent.text.rstrip()),
            quoted=quoted,
            specific=specific,
            distinct=distinct,
            confidence=round(min(confidence, 0.95), 2),
            persons_named=any(self._is_person(p) for p in phrase),
        )

    def _ordinal(self, trigger: Token) -> bool:
        """ "the second round", "previous negotiations": a mention of one in a series.
        Not "the first talks in two weeks" or "the first talks since the invasion",
        which say how long the series was broken."""
        if _lemma(trigger) == "round" and trigger.tag_ == "NNS":
            # "the face-to-face rounds in Belarus": a series, not the round at hand.
            return True
        if not (self._modifier_words(trigger) & self.lex.q("distinct_markers")):
            return False
        for child in trigger.children:
            if child.dep_ == "prep" and child.lower_ in ("since", "in"):
                if child.lower_ == "since":
                    return False
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects and _lemma(objects[0]) in ("day", "week", "month", "year", "decade"):
                    return False
        return True

    def _in_quotes(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.quoted)

    @staticmethod
    def _own_tokens(trigger: Token, trigger_ids: set[int]) -> list[Token]:
        """The trigger's phrase: a noun's subtree, a verb with its subject, objects
        and prepositional phrases; without the phrases of other triggers."""
        if trigger.pos_ in ("VERB", "AUX"):
            roots = [trigger] + [
                c
                for c in trigger.children
                if c.dep_
                in (
                    "nsubj",
                    "nsubjpass",
                    "dobj",
                    "dative",
                    "agent",
                    "prep",
                    "npadvmod",
                    "prt",
                    "attr",
                )
            ]
            tokens = [trigger] + [t for r in roots[1:] for t in r.subtree]
        else:
            # A noun's phrase, without the clauses hung on it ("talks, which ...",
            # "a meeting ..., an official told AFP") or coordinated with it.
            tokens = [trigger]
            for child in trigger.children:
                if child.dep_ not in (
                    "relcl",
                    "appos",
                    "parataxis",
                    "ccomp",
                    "advcl",
                    "conj",
                    "cc",
                    "punct",
                ):
                    tokens += list(child.subtree)
        skip: set[int] = set()
        for token in tokens:
            if token.i != trigger.i and token.i in trigger_ids:
                skip.update(t.i for t in token.subtree)
            if token.dep_ == "appos" and not any(
                t.ent_type_ == "PERSON" or t.pos_ == "PROPN" for t in token.subtree
            ):
                # "between the two leaders, an aide to the president told Interfax".
                skip.update(t.i for t in token.subtree)
        return sorted((t for t in tokens if t.i not in skip), key=lambda t: t.i)

    @staticmethod
    def _anchor(token: Token) -> Token:
        """The verb that governs a noun trigger (a verb trigger is its own)."""
        if token.pos_ in ("VERB", "AUX"):
            return token
        node = token
        for _ in range(8):
            if node.pos_ in ("VERB", "AUX") and node.dep_ != "amod":
                return node
            if _is_root(node):
                return node
            node = node.head
        return node

    # -- status ---------------------------------------------------------------------

    @staticmethod
    def _words_of(tokens: Iterable[Token]) -> set[str]:
        words: set[str] = set()
        for token in tokens:
            words |= _forms(token)
        return words

    def _modifier_words(self, trigger: Token) -> set[str]:
        return self._words_of(
            c
            for c in trigger.children
            if c.dep_
            in (
                "amod",
                "det",
                "compound",
                "advmod",
                "nummod",
                "nmod",
                "poss",
                "npadvmod",
                "quantmod",
            )
        )

    def _status(self, reading: Reading, type_: str) -> tuple[str, int]:
        trigger, anchor = reading.trigger, reading.anchor
        cues = self.lex.status
        modifier_words = self._modifier_words(trigger)
        # Relative clauses on the trigger speak of the event itself ("talks that
        # took place on Friday").
        # Also on the nouns of its "of" phrase ("a swap of 90 prisoners of war,
        # which was completed at dawn").
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
        clauses = [c for n in nouns for c in n.children if c.dep_ in ("acl", "relcl")]
        is_verb = trigger.pos_ in ("VERB", "AUX")
        verbs = (
            [anchor]
            if (not _same(anchor, trigger) or is_verb) and anchor.pos_ in ("VERB", "AUX")
            else []
        )
        # The verbs an infinitive completes ("hoping to host", "expected to attend").
        chain: list[Token] = []
        node = anchor
        for _ in range(3):
            if _is_root(node) or node.dep_ not in ("xcomp", "advcl", "acomp"):
                break
            if node.dep_ == "advcl" and not any(
                c.dep_ == "aux" and c.lower_ == "to" for c in node.children
            ):
                break
            node = node.head
            chain.append(node)
        extra = [
            c
            for verb in verbs + chain
            for c in verb.children
            if c.dep_ in ("aux", "auxpass", "advmod", "acomp", "neg", "prt", "dobj", "attr", "oprd")
            and c.i != trigger.i
        ]
        verb_words = self._words_of(verbs + chain + extra)
        if is_verb:
            # "Putin agreed to halt strikes": the trigger's own verb is not a cue.
            verb_words -= _forms(trigger) - self._words_of(chain + extra)
        near = self._phrases_around(trigger, anchor)

        def has(status: str, words: set[str]) -> bool:
            return bool(words & cues.get(status, frozenset()))

        if has("cancelled", modifier_words | verb_words | near):
            return "cancelled", 2
        if type_ == "press_conference":
            # A briefing is reported once given, or announced ("will brief").
            return ("planned", 2) if verb_words & _FUTURE_AUX else ("occurred", 1)
        if trigger.dep_ == "pobj" and trigger.head.lower_ in (
            "on",
            "about",
            "over",
            "regarding",
            "concerning",
        ):
            # "rumours are swirling about talks between Erdogan and Putin": the
            # talks are a topic; the verb says nothing of their status.
            if has("proposed", modifier_words):
                return "proposed", 2
            return ("planned" if has("planned", modifier_words) else "proposed"), 0
        for clause in clauses:
            if clause.tag_ == "VBD" or any(
                c.dep_ == "aux" and _lemma(c) == "have" for c in clause.children
            ):
                return "occurred", 2
        if has("proposed", modifier_words):
            return "proposed", 2
        modal = verb_words & _MODALS
        occurrence = _lemma(anchor) in _OCCURRENCE_VERBS or trigger.dep_ in (
            "dobj",
            "pobj",
            "nsubjpass",
        )
        if has("proposed", (verb_words | near) - _MODALS) or (modal and occurrence):
            return "proposed", 2
        weak_planned = {
            "new",
            "another",
            "next",
            "further",
            "fresh",
            "coming",
            "soon",
            "later",
            "future",
            "return",
            "resume",
        }
        if (
            verb_words & _FUTURE_AUX
            or has("planned", (verb_words - weak_planned) | near)
            or has("plans", self._words_of(chain))
        ):
            return "planned", 2
        if (
            anchor.tag_ == "VBG"
            and _lemma(anchor) in self.lex.q("planned_progressive")
            and any(c.dep_ == "aux" and _lemma(c) == "be" for c in anchor.children)
        ):
            # "Kyiv was sending its delegation to the talks on Friday".
            return "planned", 2
        if has("ongoing", verb_words | modifier_words | near) or self._progressive(anchor):
            return "ongoing", 2
        if has("occurred", modifier_words):
            return "occurred", 2
        finite = self._finite(anchor)
        if finite is None:
            # An infinitive with no cue ("helped to start the talks"): a guess.
            return "occurred", 0
        if verbs and self._past(finite):
            return "occurred", 1
        if has("planned", modifier_words | verb_words) or modal:
            return "planned", 1
        if verbs and anchor.tag_ in ("VBZ", "VBP"):
            return "ongoing", 0
        return "occurred", 0

    @staticmethod
    def _phrases_around(trigger: Token, anchor: Token) -> set[str]:
        """Two-word cues near the trigger ("under way", "called off", "going to")."""
        doc = trigger.doc
        lo = max(trigger.sent.start, min(trigger.i, anchor.i) - 3)
        hi = min(trigger.sent.end, max(trigger.i, anchor.i) + 4)
        return {f"{doc[i].lower_} {doc[i + 1].lower_}" for i in range(lo, hi - 1)}

    def _finite(self, verb: Token) -> Token | None:
        """The verb that carries the tense of a participle clause ("was held on 4
        February, reaching an agreement") or of the errand of a journey ("travelled
        to Ankara to meet Erdogan"); None for any other infinitive, whose event is
        only aimed at."""
        node = verb
        for _ in range(2):
            infinitive = node.tag_ == "VB" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in node.children
            )
            participle = node.tag_ == "VBG" and not any(
                c.dep_ in ("aux", "auxpass") for c in node.children
            )
            if not (infinitive or participle) or _is_root(node):
                return node
            if node.dep_ not in ("xcomp", "advcl", "acl", "conj", "relcl"):
                return node if participle else None
            parent = node.head
            if infinitive and _lemma(parent) not in self.lex.q("motion_verbs") | {
                "sit",
                "gather",
                "meet",
                "convene",
            }:
                return None
            node = parent
        return node

    @staticmethod
    def _progressive(verb: Token) -> bool:
        if verb.tag_ != "VBG":
            return False
        return any(
            c.dep_ in ("aux", "auxpass") and c.lower_ in ("is", "are", "'s", "'re")
            for c in verb.children
        )

    @staticmethod
    def _past(verb: Token) -> bool:
        if verb.tag_ == "VBD":
            return True
        if verb.tag_ == "VBN":
            return any(
                c.dep_ in ("aux", "auxpass")
                and c.lower_ in ("had", "has", "have", "was", "were", "'d")
                for c in verb.children
            )
        return False

    # -- date -----------------------------------------------------------------------

    def _time_roots(self, doc: Doc) -> list[tuple[TimeExpression, Token]]:
        """Each time expression with the token that heads it, leaving out datelines
        ("KYIV, June 3 (Reuters) -"), which date the report, not its events."""
        found = []
        text = text_of(doc)  # built from the tokens on every access: once
        for time in doc._.times or []:
            if _DATELINE.match(text, self._line_start(text, time.start), time.start) and (
                _DATELINE_END.match(text, time.end)
            ):
                continue
            span = doc.char_span(time.start, time.end, alignment_mode="expand")
            if span is not None and len(span):
                found.append((time, span.root))
        return found

    @staticmethod
    def _reference_point(trigger: Token) -> bool:
        """The trigger is the object of a preposition that dates something else by it
        ("ahead of the talks", "before the summit", "the day before the round")."""
        head = trigger.head
        if trigger.dep_ != "pobj" or head.dep_ != "prep":
            return False
        if head.lower_ in ("before", "until", "since", "ahead", "prior", "pending"):
            return True
        # "ahead of", "prior to", "on the eve of", "in the run-up to".
        above = head.head
        return above.lower_ in ("ahead", "prior", "eve", "run-up", "runup", "lead-up", "eve")

    @staticmethod
    def _line_start(text: str, offset: int) -> int:
        return text.rfind("\n", 0, offset) + 1

    @staticmethod
    def _attached_to(root: Token, verb: Token) -> bool:
        """A time expression modifies ``verb`` directly ("met on Tuesday", "ended
        Wednesday"), not through a noun of its own ("since the 2022 invasion")."""
        head = root.head
        if _same(head, verb) and root.dep_ == "prep":
            # The expression holds its preposition: "on Tuesday".
            return root.lower_ not in ("since", "until", "before", "after")
        if _same(head, verb) and root.dep_ in (
            "npadvmod",
            "tmod",
            "advmod",
            "obl",
            "nmod",
            "dobj",
            "pobj",
        ):
            return True
        return bool(
            head.dep_ == "prep"
            and _same(head.head, verb)
            and head.lower_ not in ("since", "until", "before", "after")
        )

    def _date(
        self, reading: Reading, status: str, type_: str, strength: int = 2
    ) -> tuple[dt.date | None, str | None]:
        trigger, anchor = reading.trigger, reading.anchor
        sent = trigger.sent
        in_quotes = self._in_quotes(trigger.idx)
        # Verbs this mention's day may hang on, nearest first: the anchor, and the
        # verb of which it states the purpose ("flew to Ankara on 2 May
        # to meet the envoys", "sat face to face on 23 January to hold talks").
        verbs = [anchor]
        if self._reference_point(trigger):
            # "shelled the city on Monday, ahead of the talks": the talks are the
            # reference, not the event of that day.
            verbs = []
        elif anchor.dep_ in ("xcomp", "advcl") and (
            any(c.dep_ == "aux" and c.lower_ == "to" for c in anchor.children)
            or anchor.tag_ == "VBG"
        ):
            # Also "was held on 4 February, reaching an agreement on ...".
            verbs.append(anchor.head)
        # "the rounds in Minsk, the latest of which ended last month".
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
        clause_ids = {
            t.i for n in nouns for c in n.children if c.dep_ == "relcl" for t in c.subtree
        }
        found: list[tuple[int, int, TimeExpression]] = []
        for time, root in self.time_roots:
            if (
                not (sent.start_char <= time.start < sent.end_char)
                or self._in_quotes(time.start) != in_quotes
            ):
                continue
            if (
                root.head.dep_ == "prep" and root.head.lower_ in ("since", "until")
            ) or root.lower_ in ("since", "until"):
                continue
            if (root.i in reading.own_ids or root.i in clause_ids) and not _same(root, trigger):
                found.append((0, abs(root.i - trigger.i), time))
                continue
            for rank, verb in enumerate(verbs):
                if self._attached_to(root, verb):
                    found.append((rank, abs(root.i - trigger.i), time))
                    break
        if not found and type_ in ("call", "press_conference") and _CLASS[status] == "past":
            # "Putin acknowledged on Tuesday that ..., in a telephone conversation": the day
            # of the statement the call carries.
            node = anchor
            for _ in range(2):
                if _is_root(node) or node.dep_ not in ("ccomp", "conj"):
                    break
                node = node.head
                if _lemma(node) not in self.speech:
                    break
                found += [
                    (2, abs(root.i - trigger.i), time)
                    for time, root in self.time_roots
                    if sent.start_char <= time.start < sent.end_char
                    and not self._in_quotes(time.start)
                    and self._attached_to(root, node)
                ]
                if found:
                    break
        if not found:
            return None, None
        found.sort(key=lambda item: (item[0], item[2].date is None, item[1]))
        time = found[0][2]
        if _CLASS[status] == "future" and strength > 0:
            date = resolve(time.text, self.published, prefer="future").date
            if date is not None and self.published is not None and date < self.published:
                date = None
        else:
            date = time.date
            if date is not None and self.published is not None and date > self.published:
                date = None
        if date is None:
            return None, time.text.lower()
        return date, None

    # -- place ----------------------------------------------------------------------

    def _place(self, reading: Reading, type_: str) -> str | None:
        if type_ == "military_action":
            return None
        trigger, anchor = reading.trigger, reading.anchor
        blocked = self.lex.q("not_place_heads")
        candidates: list[Token] = []
        heads: list[Token] = [trigger, anchor]
        if trigger.pos_ in ("VERB", "AUX"):
            # "hosted a further session of talks in Jeddah".
            heads += [c for c in trigger.children if c.dep_ == "dobj"]
        # "held at the Ciragan palace": an in/at phrase one step into the phrase.
        heads += [
            c
            for c in trigger.children
            if c.dep_ in ("acl", "relcl", "prep") and c.i in reading.own_ids
        ]
        # "talks between the delegations in Istanbul", "rounds of talks in Belarus".
        heads += [
            g
            for c in trigger.children
            if c.dep_ == "prep" and c.lower_ in ("between", "of")
            for g in c.children
            if g.dep_ == "pobj"
        ]
        # "in" names a city or a country, "at" a venue: cities first.
        for word in ("in", "at"):
            for head in heads:
                if _lemma(head) in blocked:
                    continue
                for prep in head.children:
                    if prep.dep_ == "prep" and prep.lower_ == word:
                        candidates += [o for o in prep.children if o.dep_ == "pobj"]
                if head.dep_ == "prep" and head.lower_ == word:
                    candidates += [o for o in head.children if o.dep_ == "pobj"]
        # "flew to Ankara to meet Erdogan", "will go back to Riyadh for more talks";
        # not "after the meeting drove on to Warsaw".
        errand = trigger.dep_ in ("xcomp", "advcl") or (
            trigger.dep_ == "pobj" and trigger.head.lower_ == "for"
        )
        for verb in (anchor, anchor.head) if errand else ():
            if _lemma(verb) in self.lex.q("motion_verbs"):
                for prep in verb.children:
                    if prep.dep_ == "prep" and prep.lower_ == "to":
                        candidates += [o for o in prep.children if o.dep_ == "pobj"]
        if _lemma(trigger) in ("visit", "host") and trigger.pos_ == "VERB":
            key = "dobj" if _lemma(trigger) == "visit" else "nsubj"
            candidates += [c for c in trigger.children if c.dep_ == key]
        for token in candidates:
            place = self._place_name(token)
            if place:
                return place
        # "the Istanbul talks", "the Geneva negotiations".
        for child in trigger.children:
            if child.dep_ == "compound":
                text = child.text
                if text.lower() in self.places or child.ent_type_ == "GPE":
                    return self._place_name(child)
        return None

    def _place_name(self, token: Token) -> str | None:
        """The canonical name of the place a token names: a gazetteer place, a
        state (by its capital or seat), or a place entity; "Switzerland's
        Burgenstock resort" gives Switzerland, "the Ciragan palace in Istanbul"
        gives Abu Dhabi."""
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.i != token.i:
                        inner = self._place_name(obj)
                        if inner:
                            return inner
        mention = self.mention_at.get(token.i)
        if (
            mention is not None
            and mention.kind == "party"
            and token.text.lower() not in self.places
        ):
            # "in the Kremlin", "at the White House": the state whose seat it is.
            return mention.name
        doc = token.doc
        for candidate in [token] + [c for c in token.children if c.dep_ in ("poss", "compound")]:
            words = [c for c in candidate.lefts if c.dep_ == "compound"] + [candidate]
            text = " ".join(t.text for t in words)
            for form in (text, candidate.text):
                if form.lower() in self.places:
                    return self.gazetteer.canonical_place(
                        self.places[form.lower()] if form not in self.gazetteer.places else form
                    )
            if candidate.ent_type_ in ("GPE", "LOC", "FAC"):
                start, end = candidate.i, candidate.i + 1
                while start > 0 and doc[start].ent_iob_ == "I":
                    start -= 1
                while end < len(doc) and doc[end].ent_iob_ == "I":
                    end += 1
                name = doc[start:end].text
                if name.lower().startswith("the "):
                    name = name[4:]
                name = name.removesuffix("'s").removesuffix("\u2019s")
                entry = self.gazetteer.lookup(name)
                if entry is not None and entry.kind == "party":
                    return entry.name
                return self.gazetteer.canonical_place(name)
        return None

    # -- participants ---------------------------------------------------------------

    def _mentions_in(self, tokens: Iterable[Token]) -> list[Mention]:
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

    def _names_in(self, tokens: list[Token], triggers: set[int] | None = None) -> list[str]:
        """Actors named in a stretch of the parse: mentions and nationality adjectives,
        leaving out places and topics ("talks in Geneva", "talks on Ukraine") and
        people who only qualify someone else ("Trump's envoy Witkoff")."""
        ids = {t.i for t in tokens}
        names: list[str] = []
        for mention in self._mentions_in(tokens):
            root = self.doc[mention.token_start : mention.token_end].root
            if self._governed_by(root, _NOT_PARTICIPANT_PREPS, ids):
                continue
            if (
                mention.kind == "person"
                and root.dep_ in ("poss", "compound", "nmod", "amod")
                and root.head.i in ids
                and (triggers is None or root.head.i not in triggers)
                and root.head.i not in self.mention_at
            ):
                # "Trump's envoy Witkoff", "Trump envoy Witkoff": Trump qualifies the
                # envoy (unless the head is a trigger or another name).
                continue
            names.append(mention.name)
        for token in tokens:
            if token.i not in self.mention_at and _lemma(token) in (
                "president",
                "leader",
                "chancellor",
                "premier",
            ):
                # "the Russian president": the head of state the report names.
                name = self._leader_of_role(token)
                if name and name not in names:
                    names.append(name)
                    continue
            if (
                token.dep_ == "poss"
                and token.lower_ in ("his", "her")
                and triggers
                and token.head.i in triggers
            ):
                # "after his talks with Scholz": the person the pronoun stands for.
                name = self._pronoun(token)
                if name:
                    names.append(name)
                continue
            if token.i in self.mention_at or token.dep_ not in (
                "amod",
                "compound",
                "npadvmod",
                "nmod",
                "conj",
                "poss",
            ):
                continue
            if self._governed_by(token, _NOT_PARTICIPANT_PREPS, ids):
                continue
            party = self._party_of_word(token.text)
            if party:
                names.append(party)
        return names

    def _leader_of_role(self, token: Token) -> str | None:
        """The leader a role phrase stands for ("the Ukrainian president", "Russia's
        leader"): the first head of state of that party the report names."""
        party = None
        for child in token.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod"):
                mention = self.mention_at.get(child.i)
                party = (
                    mention.name
                    if mention is not None and mention.kind == "party"
                    else self._party_of_word(child.text)
                )
                if party:
                    break
        if party is None:
            return None
        for mention in self.mentions:
            if (
                mention.kind == "person"
                and self._party_of(mention.name) == party
                and self._is_leader(mention.name)
            ):
                return mention.name
        return None

    def _party_of_word(self, text: str) -> str | None:
        """ "Ukrainian", "U.S.-brokered", "US-mediated" -> their party."""
        parts = [text] + ([text.split("-")[0]] if "-" in text else [])
        for part in parts:
            party = self.gazetteer.party_of_adjective(part)
            if party is None and part != text:
                entry = self.gazetteer.lookup(part)
                party = entry.name if entry is not None and entry.kind == "party" else None
            if party:
                return party
        return None

    @staticmethod
    def _governed_by(token: Token, preps: set[str], within: set[int]) -> bool:
        """The token sits in a prepositional phrase headed by one of ``preps``."""
        node = token
        for _ in range(4):
            if _is_root(node) or node.head.i not in within:
                return False
            node = node.head
            if node.dep_ == "prep":
                return node.lower_ in preps
        return False

    def _subjects(self, verb: Token) -> list[Token]:
        node = verb
        for _ in range(3):
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                out: list[Token] = []
                for subject in subjects:
                    out.append(subject)
                    out += list(subject.conjuncts)
                return out
            if node.dep_ in ("xcomp", "advcl", "conj", "acl") and not _is_root(node):
                node = node.head
            else:
                break
        return []

    def _holder(self, reading: Reading, type_: str) -> Token | None:
        """The verb whose subject takes part in the event: the trigger if a verb; the
        verb of which it is the object ("held talks", "agreed to an exchange"); for a
        meeting, the verb of the clause it happens in ("berated him in a meeting")."""
        trigger = reading.trigger
        verbs = self.lex.q("participation_verbs")
        if trigger.pos_ in ("VERB", "AUX"):
            return trigger
        head = trigger.head
        if trigger.dep_ in ("dobj", "nsubjpass") and _lemma(head) in verbs:
            return head
        if trigger.dep_ == "pobj" and head.dep_ == "prep":
            verb = head.head
            if _lemma(verb) in verbs and verb.pos_ in ("VERB", "AUX"):
                return verb
            if type_ == "meeting" and head.lower_ in ("in", "at", "during") and verb.pos_ == "VERB":
                return verb
        return None

    def _participants(self, reading: Reading, type_: str) -> tuple[list[str], list[str]]:
        """Canonical names of the participants, and those named in the trigger's own
        phrase."""
        trigger = reading.trigger
        is_verb = trigger.pos_ in ("VERB", "AUX")
        phrase = [] if is_verb else self._names_in(reading.own, {trigger.i})
        names = list(phrase)
        holder = self._holder(reading, type_)
        if holder is not None and not self._negated(holder):
            for subject in self._subjects(holder):
                if (subject.i in reading.own_ids and not is_verb) or subject.i in reading.triggers:
                    continue
                tokens = [t for t in subject.subtree if t.i not in reading.own_ids or is_verb]
                found = self._names_in(tokens)
                if not found and subject.pos_ == "PRON":
                    name = self._pronoun(subject)
                    found = [name] if name else []
                names += found
            for child in holder.children:
                if child.i == trigger.i:
                    continue
                if child.dep_ in ("dobj", "dative", "agent") or (
                    child.dep_ == "prep" and child.lower_ in ("with", "between", "by", "alongside")
                ):
                    names += self._names_in(list(child.subtree))
            if is_verb and not names and type_ == "meeting":
                names += self._around(trigger)
        unique = [n for n in dict.fromkeys(names) if n not in self.lex.not_participants]
        if is_verb:
            # A verb's subject and objects are its own phrase ("Kuleba and Lavrov met").
            phrase = unique
        return unique, [n for n in dict.fromkeys(phrase) if n not in self.lex.not_participants]

    def _around(self, verb: Token) -> list[str]:
        """Actors on either side of a verb the parser left without arguments
        ("Trump hosted Zelensky in Washington" read as a noun phrase)."""
        doc = verb.doc
        names = []
        left = self.mention_at.get(verb.i - 1)
        if left is not None:
            names.append(left.name)
        i = verb.i + 1
        while (
            i < verb.sent.end and i < verb.i + 8 and not doc[i].is_punct and doc[i].pos_ != "VERB"
        ):
            mention = self.mention_at.get(i)
            if mention is not None and mention.name not in names:
                names.append(mention.name)
            i += 1
        return names

    @staticmethod
    def _negated(verb: Token) -> bool:
        """A verb or the verbs it completes are negated ("were not invited to attend")."""
        node = verb
        for _ in range(3):
            if any(c.dep_ == "neg" for c in node.children):
                return True
            if node.dep_ != "xcomp" or _is_root(node):
                return False
            node = node.head
        return False

    def _pronoun(self, token: Token) -> str | None:
        """The person a "he"/"she" stands for: the speaker of a quote in this
        sentence, else the last person named shortly before."""
        if token.lower_ not in ("he", "she", "his", "her"):
            return None
        sent = token.sent
        for quote in self.doc._.quotes or []:
            if (
                sent.start_char <= quote.start < sent.end_char
                and quote.speaker
                and self._is_person(quote.speaker)
            ):
                return str(quote.speaker)
        for mention in reversed(self.mentions):
            if token.idx - 600 <= mention.start < token.idx and mention.kind == "person":
                return mention.name
        return None

    def _is_person(self, name: str) -> bool:
        actor = self.actors.get(name)
        if actor is not None:
            return bool(actor.kind == "person")
        entry = self.gazetteer.entries.get(name)
        return entry is not None and entry.kind == "person"

    def _is_party(self, name: str) -> bool:
        actor = self.actors.get(name)
        if actor is not None:
            return bool(actor.kind == "party")
        entry = self.gazetteer.entries.get(name)
        return entry is not None and entry.kind == "party"

    def _party_of(self, name: str) -> str | None:
        actor = self.actors.get(name)
        if actor is not None and actor.party:
            return str(actor.party)
        entry = self.gazetteer.entries.get(name)
        return entry.party if entry is not None else None

    def _is_leader(self, name: str) -> bool:
        """A head of state or government, by the role the report or the gazetteer
        gives."""
        if not self._is_person(name):
            return False
        roles = []
        entry = self.gazetteer.entries.get(name)
        actor = self.actors.get(name)
        for role in (entry.role if entry else None, actor.role if actor else None):
            if role:
                roles.append(role.lower())
        for role in roles:
            if role.startswith("vice") and "vice president" not in self.lex.leader_roles:
                continue
            if role.startswith("president") or any(r in role for r in self.lex.leader_roles):
                return True
        return False

    def _leaders(self, names: list[str]) -> int:
        return sum(1 for n in names if self._is_leader(n))

    def _has_delegation_words(self, tokens: list[Token]) -> bool:
        """Words of delegations, leaving out the titles of people named ("Israeli
        Prime Minister Naftali Bennett" is a head of government, not a minister)."""
        for token in tokens:
            if not (_forms(token) & self.lex.delegation_words):
                continue
            if token.i in self.mention_at or (
                token.dep_ in ("compound", "amod", "nmod") and self._person_at(token.head.i)
            ):
                continue
            if (
                token.dep_ in ("compound", "amod", "nmod")
                and token.head.dep_ in ("compound",)
                and self._person_at(token.head.head.i)
            ):
                continue
            return True
        return False

    def _meeting_type(self, reading: Reading, participants: list[str]) -> str:
        """A meeting of heads of state is a summit; any other, a round of talks."""
        if self._has_delegation_words(reading.own):
            return "talks"
        if self._words_of(reading.own) & self.lex.summit_words:
            return "summit"
        leaders = self._leaders(participants)
        persons = [n for n in participants if self._is_person(n)]
        if leaders >= 2 or (
            leaders >= 1 and len(persons) == leaders and len(participants) == len(persons)
        ):
            # Heads of state only ("the first Western leader to meet the Russian
            # president"): a summit.
            return "summit"
        if (
            leaders == 1
            and len(participants) >= 2
            and (_lemma(reading.trigger) in ("visit", "host") or len(persons) == 1)
        ):
            # "Macron visited the Kremlin", "a meeting of Erdogan and Ukraine".
            return "summit"
        return "talks"

    def _shape_participants(self, type_: str, names: list[str], reading: Reading) -> list[str]:
        """The participants a type is told about: parties for talks and exchanges
        (with the people named), people for calls, summits and briefings, the side
        that acts for a military action."""
        if type_ in _PERSONAL:
            persons = [n for n in names if self._is_person(n)]
            if type_ == "call" and len(persons) < 2:
                persons += [p for p in self._ancestor_persons(reading.anchor) if p not in persons]
            if type_ == "press_conference":
                speakers = self._speakers(reading.anchor)
                persons = speakers + [p for p in persons if p not in speakers]
                return persons[:2]
            return persons or names
        if type_ == "military_action":
            parties: list[str] = []
            for name in self._aggressors(reading):
                party = self._party_of(name) if self._is_person(name) else name
                if party and party not in parties and self._is_party(party):
                    parties.append(party)
            return parties[:1]
        parties = []
        for name in names:
            party = self._party_of(name) if self._is_person(name) else name
            if party and party not in parties:
                parties.append(party)
        return parties + [n for n in names if self._is_person(n) and n not in parties]

    def _speakers(self, anchor: Token) -> list[str]:
        """The people the subject of the anchor names ("Sybiha said during a press
        conference"), pronouns resolved."""
        found: list[str] = []
        for subject in self._subjects(anchor):
            names = [m.name for m in self._mentions_in(subject.subtree) if m.kind == "person"]
            if not names and subject.pos_ == "PRON":
                name = self._pronoun(subject)
                names = [name] if name else []
            found += [n for n in names if n not in found]
        if not found and _lemma(anchor) in self.speech:
            # '"...," he said this Wednesday Kremlin spokesman Dmitry Peskov'.
            for child in anchor.children:
                if (
                    child.dep_ in ("dobj", "npadvmod", "attr", "appos", "dep")
                    and child.i > anchor.i
                ):
                    found += [
                        m.name for m in self._mentions_in(child.subtree) if m.kind == "person"
                    ]
        if not found:
            sent = anchor.sent
            for quote in self.doc._.quotes or []:
                if (
                    sent.start_char <= quote.start < sent.end_char
                    and quote.speaker
                    and self._is_person(quote.speaker)
                ):
                    return [str(quote.speaker)]
        return found

    def _ancestor_persons(self, anchor: Token) -> list[str]:
        """People who are the subject of the clause above ("Putin acknowledged ...
        in a telephone conversation with Macron" makes Putin a party to the call)."""
        node = anchor
        for _ in range(3):
            for subject in self._subjects(node):
                found = [m.name for m in self._mentions_in(subject.subtree) if m.kind == "person"]
                if not found and subject.pos_ == "PRON":
                    name = self._pronoun(subject)
                    found = [name] if name else []
                if found:
                    return found
            if _is_root(node):
                break
            node = node.head
        return []

    def _aggressors(self, reading: Reading) -> list[str]:
        """Who attacks: the possessor or adjective of the attack ("Russian strikes",
        "Moscow's attacks"), the agent ("by Ukrainian drones"), or the subject of the
        verb that launches it; never its target ("strikes on Kyiv", "of Ukraine")."""
        trigger, anchor = reading.trigger, reading.anchor
        tokens: list[Token] = []
        for child in trigger.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod", "npadvmod"):
                tokens += list(child.subtree)
            if child.dep_ in ("prep", "agent") and child.lower_ == "by":
                tokens += list(child.subtree)
        holder: Token | None = None
        node = trigger
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
            # "launched a wave of drone attacks": the wave is the object.
            node = node.head.head
        if trigger.pos_ in ("VERB", "AUX"):
            holder = trigger
        elif node.dep_ in ("dobj", "conj") or (node.dep_ == "pobj" and node.head.lower_ == "with"):
            holder = anchor
        if holder is not None:
            for subject in self._subjects(holder):
                tokens += list(subject.subtree)
        names = [m.name for m in self._mentions_in(tokens)]
        names += [
            p
            for p in (self._party_of_word(t.text) for t in tokens if t.i not in self.mention_at)
            if p
        ]
        return names

    # -- merging --------------------------------------------------------------------

    def _main_parties(self) -> list[str]:
        """The two parties the report speaks of most: the sides of talks and
        exchanges whose parties the sentence leaves to the reader ("the two sides")."""
        counts: Counter[str] = Counter(
            m.name
            for m in self.mentions
            if m.kind == "party" and m.name not in self.lex.not_participants
        )
        for mention in self.mentions:
            party = self._party_of(mention.name) if mention.kind == "person" else None
            if party:
                counts[party] += 1
        # Nationality words count too: "Ukrainian officials", "the Russian side".
        for token in self.doc:
            if token.i not in self.mention_at and token.pos_ in ("ADJ", "PROPN"):
                party = self.gazetteer.party_of_adjective(token.text)
                if party:
                    counts[party] += 1
        sides = [name for name in self.lex.sides if counts[name]]
        ranked = sides + [name for name, _ in counts.most_common() if name not in sides]
        # A report that names no one ("the two delegations met"): the sides followed.
        ranked += [name for name in self.lex.sides if name not in ranked]
        return ranked[:2]

    def _main_leaders(self, parties: list[str]) -> list[str]:
        """The first-named head of state of each main party."""
        leaders: list[str] = []
        for mention in self.mentions:
            party = self._party_of(mention.name)
            if (
                mention.kind == "person"
                and party in parties
                and self._is_leader(mention.name)
                and not any(self._party_of(x) == party for x in leaders)
            ):
                leaders.append(mention.name)
        return leaders

    def _known_place(self, name: str) -> bool:
        if name in self.gazetteer.places or name.lower() in self.places:
            return True
        entry = self.gazetteer.entries.get(name)
        return entry is not None and entry.kind == "party"

    def _places_agree(self, a: str | None, b: str | None) -> bool:
        if a is None or b is None or a == b:
            return True
        if not (self._known_place(a) and self._known_place(b)):
            # A venue the gazetteer does not know ("the Ciragan palace") may lie in
            # the city named elsewhere.
            return True
        return self.gazetteer.country_of_place(a) == b or self.gazetteer.country_of_place(b) == a

    @staticmethod
    def _when(event: Candidate) -> str | None:
        return event.date.isoformat() if event.date else event.period

    def _compatible(self, event: Candidate, candidate: Candidate) -> bool:
        if event.type != candidate.type:
            return False
        if event.klass != candidate.klass and (
            candidate.status_strength > 0 or event.status == "cancelled"
        ):
            # A status that is only a guess does not keep two mentions apart.
            return False
        if event.date and candidate.date and event.date != candidate.date:
            return False
        if event.klass == "past":
            a, b = self._when(event), self._when(candidate)
            if a and b and a != b:
                return False
        if not self._places_agree(event.place, candidate.place):
            return False
        if event.type in _PERSONAL:
            x = {p for p in event.participants if self._is_person(p)}
            y = {p for p in candidate.participants if self._is_person(p)}
            if x and y and not (x & y):
                # Peskov's briefing and Leavitt's are two.
                return False
            if (
                event.persons_named
                and candidate.persons_named
                and x
                and y
                and not (x <= y or y <= x)
            ):
                return False
        if event.type == "military_action" and event.participants[:1] != candidate.participants[:1]:
            return False
        if event.type in ("talks", "prisoner_exchange"):
            x = {p for p in event.participants if self._is_party(p)}
            y = {p for p in candidate.participants if self._is_party(p)}
            if len(x) >= 2 and len(y) >= 2 and not (x <= y or y <= x):
                # Talks of US and Russian officials are not the talks of Russia and
                # Ukraine.
                return False
        if event.distinct or candidate.distinct:
            # "the first round" joins only what it shares a day, period or place with.
            return self._shares(event, candidate)
        if event.type == "agreement" and event.specific and candidate.specific:
            return self._shares(event, candidate)
        if event.type == "summit" and event.specific and candidate.specific:
            # Summits are few and far between: two told apart are two.
            x = {p for p in event.participants if self._is_person(p)}
            y = {p for p in candidate.participants if self._is_person(p)}
            return self._shares(event, candidate) or bool(x and y and (x <= y or y <= x))
        return True

    def _shares(self, event: Candidate, candidate: Candidate) -> bool:
        when_a, when_b = self._when(event), self._when(candidate)
        if when_a and when_a == when_b:
            return True
        return bool(
            event.place and candidate.place and self._places_agree(event.place, candidate.place)
        )

    def _absorb(self, event: Candidate, candidate: Candidate) -> None:
        event.date = event.date or candidate.date
        event.period = event.period or candidate.period
        if candidate.place and (
            event.place is None
            or self.gazetteer.country_of_place(candidate.place) == event.place
            or (self._known_place(candidate.place) and not self._known_place(event.place))
        ):
            # The most precise place the gazetteer knows: the city over its country,
            # a known city over an unknown venue.
            event.place = candidate.place
        mine = len(event.participants) + int(event.persons_named)
        theirs = len(candidate.participants) + int(candidate.persons_named)
        if theirs > mine:
            event.participants = list(candidate.participants)
            event.persons_named = candidate.persons_named
        if (candidate.status_strength, _STATUS_RANK[candidate.status]) > (
            event.status_strength,
            _STATUS_RANK[event.status],
        ):
            event.status = candidate.status
            event.status_strength = candidate.status_strength
        event.distinct = event.distinct or candidate.distinct
        event.specific = event.specific or candidate.specific
        event.mentions += 1
        event.confidence = round(min(0.95, max(event.confidence, candidate.confidence) + 0.05), 2)

    def _merge(self, candidates: list[Candidate]) -> list[Event]:
        events: list[Candidate] = []

        def recency(e: Candidate, at: int) -> int:
            return max((o for o in seen.get(id(e), [e.start]) if o <= at), default=-1)

        seen: dict[int, list[int]] = {}

        def best(candidate: Candidate) -> Candidate | None:
            options = [e for e in events if self._compatible(e, candidate)]
            if not options:
                return None
            at = candidate.start
            sharing = [e for e in options if self._shares(e, candidate)]
            if sharing:
                return max(
                    sharing,
                    key=lambda e: (bool(e.date and e.date == candidate.date), recency(e, at)),
                )
            if candidate.date or candidate.place or candidate.period:
                # A mention with a day or place of its own that shares none with an
                # event continues only the event the report was just telling of.
                same_type = [
                    e
                    for e in events
                    if e.type == candidate.type
                    and e.klass == candidate.klass
                    and recency(e, at) >= 0
                ]
                if not same_type:
                    return None
                latest = max(same_type, key=lambda e: recency(e, at))
                return latest if latest in options else None
            before = [e for e in options if recency(e, at) >= 0]
            if before:
                return max(before, key=lambda e: recency(e, at))
            return min(options, key=lambda e: e.start)

        def add(event: Candidate, candidate: Candidate) -> None:
            seen.setdefault(id(event), [event.start]).append(candidate.start)

        strong = [c for c in candidates if c.specific and not c.quoted]
        weak = [c for c in candidates if not (c.specific and not c.quoted)]
        for candidate in strong:
            target = best(candidate)
            if target is None:
                events.append(candidate)
                seen[id(candidate)] = [candidate.start]
            else:
                self._absorb(target, candidate)
                add(target, candidate)
        for candidate in weak:
            target = best(candidate)
            if target is not None:
                self._absorb(target, candidate)
                add(target, candidate)
            elif self._stands_alone(candidate, events):
                events.append(candidate)
                seen[id(candidate)] = [candidate.start]
        return self._events(events)

    @staticmethod
    def _stands_alone(candidate: Candidate, events: list[Candidate]) -> bool:
        """Whether a quoted or vague mention that joins no event is one of its own.

        A quotation tells of plans and proposals ("a summit of the two presidents
        could follow"); what happened, the reporter tells outside it. A vague
        mention is an event when the report has no other of its type, or when it
        announces one ("talks will resume soon")."""
        future = (
            candidate.klass == "future"
            and candidate.status_strength == 2
            and candidate.type in ("talks", "summit")
        )
        if candidate.quoted:
            return future and (
                candidate.specific
                or not any(e.type == candidate.type and e.klass == "future" for e in events)
            )
        if candidate.specific or future:
            return True
        return candidate.type in ("talks", "prisoner_exchange") and not any(
            e.type == candidate.type for e in events
        )

    def _events(self, merged: list[Candidate]) -> list[Event]:
        parties = self._main_parties()
        out: list[Event] = []
        for event in sorted(merged, key=lambda e: e.start):
            participants = list(event.participants)
            if event.type in ("talks", "prisoner_exchange", "agreement"):
                # "The two sides held talks": the sides of the negotiation, unless
                # the sentence names someone else ("talks with Scholz in Berlin").
                named = [p for p in participants if self._is_party(p)]
                if not named or (
                    len(named) == 1 and named[0] in parties and event.type != "agreement"
                ):
                    for party in parties:
                        if party not in participants:
                            participants.insert(len(named), party)
                            named.append(party)
            if event.type == "summit" and not any(self._is_person(p) for p in participants):
                participants = self._main_leaders(parties) + participants
            if not participants:
                continue
            out.append(
                Event(
                    type=event.type,
                    status=event.status,
                    date=event.date,
                    place=event.place,
                    participants=participants,
                    start=event.start,
                    end=event.end,
                    confidence=event.confidence,
                    country=self._country(event.place),
                )
            )
        return out


    def _country(self, place: str | None) -> str | None:
        """The country a place lies in (Istanbul -> Turkey); a country is its own."""
        if not place:
            return None
        country = self.gazetteer.country_of_place(place)
        if country is not None:
            return country
        entry = self.gazetteer.lookup(place)
        return entry.name if entry is not None and entry.kind == "party" else None


@Language.factory(
    "dragoman_events",
    assigns=["doc._.events"],
    requires=["doc._.mentions", "doc._.times", "doc._.quotes"],
)
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent(name)
