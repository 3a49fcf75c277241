"""The ``dragoman_events`` component: talks, calls, summits, briefings, military
actions, agreements and prisoner exchanges, each with its status, day, place and
participants.

Events are found in three steps:

1. *Triggers.* Nouns and verbs from ``lexicons/events.yaml`` ("talks", "phone call",
   "met", "signed an agreement", "exchanged 157 prisoners"), matched on lemmas sentence
   by sentence. A "meeting" is a summit when heads of state meet, else a round of talks.
2. *Reading each mention.* The verb that governs the trigger (its *anchor*) and the
   trigger's own modifiers give the status ("will hold" -> planned, "possible
   meeting" -> proposed, "postponed" -> cancelled, "under way" -> ongoing, past tense
   -> occurred); a time expression attached to the trigger or its anchor gives the day
   (re-resolved towards the future for plans); a place in "in/at" phrases or a
   compound ("the Istanbul talks") gives the place; actor mentions in the trigger's
   phrase and the subject of the verb that holds it give the participants.
3. *Merging.* A report names one event several times ("talks in Istanbul" ... "the
   talks"); mentions of one type merge when their days, places and tense agree, and a
   mention that says nothing of its own (no day, place or participant) only ever joins
   an event found elsewhere.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dragoman.models import Event
from dragoman.nlp.extensions import Mention, TimeExpression, register_extensions
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
_CLASS = {"occurred": "past", "ongoing": "past", "planned": "future", "proposed": "future", "cancelled": "future"}
#: Among mentions of one event, the status the merged event takes.
_STATUS_RANK = {"cancelled": 5, "occurred": 4, "planned": 3, "ongoing": 2, "proposed": 1}
#: Events told about people rather than parties.
_PERSONAL = {"call", "summit", "press_conference"}
_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "agent")
_OCCURRENCE_VERBS = {
    "take", "happen", "occur", "hold", "have", "go", "start", "begin", "resume", "meet",
    "be", "convene", "open", "come", "conclude", "end", "continue", "sign", "reach", "return",
}
_WORD = re.compile(r"[A-Za-z][\w.'\u2019]*")


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


@dataclass
class EventLexicon:
    """``lexicons/events.yaml``, compiled for look-ups."""

    patterns: dict[str, list[Pattern]]  # by first word
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
                        objects = frozenset(o.lower() for o in objs.split("|"))
                    pattern = Pattern(type_, kind, _words(text), objects)
                    for first in pattern.words[0]:
                        patterns.setdefault(first, []).append(pattern)
        for found in patterns.values():
            found.sort(key=lambda p: -len(p.words))

        def words(values: Iterable[Any]) -> frozenset[str]:
            return frozenset(str(v).lower() for v in values or [])

        qualifiers = {k: words(v) for k, v in (data.get("qualifiers") or {}).items()}
        return cls(
            patterns=patterns,
            qualifiers=qualifiers,
            leader_roles=tuple(str(r).lower() for r in data.get("leader_roles") or []),
            delegation_words=words(data.get("delegation_words")),
            summit_words=words(data.get("summit_words")),
            not_participants=frozenset(str(n) for n in data.get("not_participants") or []),
            status={k: words(v) for k, v in (data.get("status") or {}).items()},
        )


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
    confidence: float
    persons_named: bool = False  # persons given in the trigger's own phrase
    mentions: int = 1
    _order: int = field(default=0)

    @property
    def klass(self) -> str:
        return _CLASS[self.status]


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _forms(token: Token) -> set[str]:
    return {token.lower_, _lemma(token)}


class EventsComponent:
    """Find event mentions, read them, and merge the mentions of one event."""

    def __init__(self, name: str, gazetteer: Gazetteer | None = None) -> None:
        register_extensions()
        self.name = name
        self.gazetteer = gazetteer or load_gazetteer()
        self.lex = EventLexicon.load()
        self.places = {p.lower(): p for p in self.gazetteer.places}
        self.places.update({p.lower(): c for p, c in self.gazetteer.place_spellings.items()})
        self.speech = self._speech_verbs()

    @staticmethod
    def _speech_verbs() -> frozenset[str]:
        cues = load_lexicon("cues")
        return frozenset(str(w).lower() for w in (cues.get("speech") or []) + (cues.get("indirect") or []))

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
        self.times = [t for t in (doc._.times or [])]
        self.time_roots = self._time_roots(doc)
        self.prisoner_sents = self._prisoner_sentences(doc)
        candidates: list[Candidate] = []
        for sent in doc.sents:
            triggers = self._triggers(sent)
            trigger_ids = {t.i for t, _ in triggers}
            for token, type_ in triggers:
                candidate = self._read(token, type_, trigger_ids)
                if candidate is not None:
                    candidate._order = len(candidates)
                    candidates.append(candidate)
        doc._.events = self._merge(candidates)
        return doc

    # -- triggers -------------------------------------------------------------------

    def _triggers(self, sent: Span) -> list[tuple[Token, str]]:
        """The trigger tokens of a sentence (the head of each matched phrase) and the
        type each names; a trigger inside the phrase of another of its type is left
        to that one ("a second round of U.S.-brokered talks" is one mention)."""
        found: list[tuple[Token, str]] = []
        taken: set[int] = set()
        for token in sent:
            if token.i in taken:
                continue
            for pattern in self.lex.patterns.get(token.lower_, []) + self.lex.patterns.get(_lemma(token), []):
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
                found.append((head, type_))
                if type_ == "meeting" and head.pos_ == "VERB":
                    # "hoping to host a summit": the summit is the mention.
                    found[-1] = (head, "meeting?")
                taken.update(range(span.start, span.end))
                break
        trigger_ids = {t.i for t, type_ in found}
        found = [
            (t, "meeting") if type_ == "meeting?" else (t, type_)
            for t, type_ in found
            if type_ != "meeting?" or not any(c.i in trigger_ids for c in t.children if c.dep_ in ("dobj", "nsubjpass"))
        ]
        # Leave a trigger nested in another of the same type to the outer one.
        kept = []
        heads = {t.i: type_ for t, type_ in found}
        for token, type_ in found:
            node, nested = token, False
            for _ in range(3):
                if node.head.i == node.i:
                    break
                node = node.head
                if heads.get(node.i) == type_ or (heads.get(node.i) == "meeting" and type_ == "talks"):
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
            if child.dep_ in ("dobj", "dative", "attr", "nsubjpass"):
                if _forms(child) & objects:
                    return True
            if child.dep_ in ("prt", "prep"):
                for grand in child.children:
                    if grand.dep_ in ("pobj", "dobj") and _forms(grand) & objects:
                        return True
        if verb.dep_ == "acl" and _forms(verb.head) & objects:
            return True
        return False

    def _qualify(self, type_: str, head: Token, span: Span) -> str | None:
        """Checks that a word names the event in this company, or None."""
        lower, lemma = head.lower_, _lemma(head)
        q = self.lex.qualifiers
        if type_ == "talks" and len(span) == 1:
            if lower == "talk":  # "talk of peace", "small talk"
                return None
            if lemma == "round" and not self._round_of_talks(head):
                return None
        if type_ == "call" and len(span) == 1 and (lemma in q.get("call_nouns", ())):
            if not self._is_phone_call(head):
                return None
        if type_ == "prisoner_exchange" and len(span) == 1 and lemma in q.get("exchange_nouns", ()):
            if head.sent.start not in self.prisoner_sents:
                return None
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    objects = [g for g in child.children if g.dep_ == "pobj"]
                    if objects and not (_forms(objects[0]) & q.get("prisoner_words", frozenset())):
                        return None
        if type_ == "military_action" and lemma in ("strike", "attack") and head.pos_ == "VERB":
            return None
        if type_ == "agreement" and head.pos_ in ("NOUN", "PROPN") and not self._agreement_happens(head):
            return None
        if type_ == "agreement" and head.pos_ == "VERB" and not self._agree_to_something(head):
            return None
        return type_

    def _round_of_talks(self, token: Token) -> bool:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                return bool(objects) and bool(_forms(objects[0]) & self.lex.qualifiers.get("round_of", frozenset()))
        # A bare "round": a round of talks in a report about talks ("another round is
        # planned"), never "round" as an adjective or a round of something else.
        return any(w.lower_ in ("talks", "negotiations") for w in token.doc)

    def _is_phone_call(self, token: Token) -> bool:
        phone = self.lex.qualifiers.get("phone_words", frozenset())
        for child in token.children:
            if child.dep_ in ("compound", "amod", "nmod") and child.lower_ in phone:
                return True
        if token.lower_ in ("call", "calls"):
            # "a call with Macron" / "their call": a call between named people.
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("with", "between"):
                    for grand in child.subtree:
                        mention = self.mention_at.get(grand.i)
                        if mention is not None and mention.kind == "person":
                            return True
        return False

    def _agreement_happens(self, token: Token) -> bool:
        """An agreement is an event when something happens to it: it is signed,
        reached, proposed, pulled out of ("the agreement was signed in Istanbul"),
        or the report names what it is about ("an agreement on a prisoner exchange")."""
        verbs = self.lex.qualifiers.get("agreement_verbs", frozenset())
        if any(c.dep_ == "neg" or c.lower_ == "no" for c in token.children):
            return False
        node = token
        for _ in range(4):
            if node.pos_ in ("VERB", "AUX") or node.dep_ == "acl":
                if _lemma(node) in verbs:
                    return not any(c.dep_ == "neg" for c in node.children)
            for child in node.children:
                if child.dep_ in ("acl", "relcl", "amod") and _lemma(child) in verbs:
                    return True
                if child.dep_ == "amod" and any(p in child.lower_ for p in ("proposed", "signed", "brokered")):
                    return True
            if node.head.i == node.i:
                break
            if node.pos_ in ("VERB", "AUX"):
                break
            node = node.head
        return False

    def _agree_to_something(self, verb: Token) -> bool:
        """"the sides agreed to exchange prisoners", "Putin agreed to halt strikes":
        an agreement with a named party and something agreed; never "agreed that"."""
        if verb.lower_ in ("agreeing",) and verb.dep_ == "advcl":
            return False
        has_to = any(
            (c.dep_ == "xcomp") or (c.dep_ == "prep" and c.lower_ in ("to", "on"))
            for c in verb.children
        )
        if not has_to:
            return False
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            return False
        if self._mentions_in(subject.subtree):
            return True
        return _lemma(subject) in ("side", "delegation", "party", "country") or subject.lower_ in ("sides", "delegations")

    def _prisoner_sentences(self, doc: Doc) -> set[int]:
        """Starts of the sentences that speak of prisoners, and of the ones after."""
        words = self.lex.qualifiers.get("prisoner_words", frozenset())
        starts = [s.start for s in doc.sents]
        found: set[int] = set()
        for index, sent in enumerate(doc.sents):
            if any(_forms(t) & words for t in sent):
                found.add(sent.start)
                if index + 1 < len(starts):
                    found.add(starts[index + 1])
        return found

    # -- reading one mention ---------------------------------------------------------

    def _read(self, trigger: Token, type_: str, trigger_ids: set[int]) -> Candidate | None:
        doc = trigger.doc
        own = self._own_tokens(trigger, trigger_ids)
        anchor = self._anchor(trigger)
        quoted = self._in_quotes(trigger.idx)
        participants, from_phrase = self._participants(trigger, anchor, own, type_)
        persons_named = any(self._is_person(p) for p in from_phrase)
        if type_ == "meeting":
            type_ = self._meeting_type(trigger, own, participants, from_phrase)
        elif type_ == "talks" and self._leaders(from_phrase) >= 2 and not self._has_delegation_words(own):
            # "Zelensky's talks with Tusk", "talks between Trump and Putin".
            type_ = "summit"
        status, strength = self._status(trigger, anchor, own, type_)
        if status is None:
            return None
        if type_ == "military_action" and status in ("planned", "proposed", "cancelled"):
            return None
        date, period = self._date(trigger, anchor, own, status)
        place = self._place(trigger, anchor, own, type_)
        participants = self._shape_participants(type_, participants, trigger, anchor)
        if type_ == "military_action" and not participants:
            return None
        if type_ == "press_conference" and not participants:
            return None
        specific = bool(date or place or from_phrase or (participants and type_ != "talks"))
        confidence = 0.5 + 0.1 * bool(date) + 0.1 * bool(place) + 0.1 * bool(from_phrase) + 0.1 * (strength == 2)
        if quoted:
            confidence -= 0.1
        start, end = self._evidence(trigger)
        return Candidate(
            type=type_,
            status=status,
            status_strength=strength,
            date=date,
            period=period,
            place=place,
            participants=participants,
            start=start,
            end=end,
            quoted=quoted,
            specific=specific,
            confidence=round(min(confidence, 0.95), 2),
            persons_named=persons_named,
        )

    @staticmethod
    def _evidence(trigger: Token) -> tuple[int, int]:
        sent = trigger.sent
        text = sent.text.rstrip()
        return sent.start_char, sent.start_char + len(text)

    def _in_quotes(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.quoted)

    @staticmethod
    def _own_tokens(trigger: Token, trigger_ids: set[int]) -> list[Token]:
        """The trigger's phrase: its subtree without the phrases of other triggers."""
        skip: set[int] = set()
        for token in trigger.subtree:
            if token.i != trigger.i and token.i in trigger_ids:
                skip.update(t.i for t in token.subtree)
            if token.dep_ == "relcl" and token.head.i == trigger.i:
                # "the talks, which Trump announced on Sunday": not the talks' own words.
                pass
        return [t for t in trigger.subtree if t.i not in skip]

    @staticmethod
    def _anchor(token: Token) -> Token:
        """The verb that governs a noun trigger (or the trigger itself if a verb)."""
        node = token
        for _ in range(8):
            if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("amod",):
                return node
            if node.head.i == node.i:
                return node
            node = node.head
        return node

    # -- status ---------------------------------------------------------------------

    def _cue_words(self, tokens: Iterable[Token]) -> set[str]:
        words: set[str] = set()
        for token in tokens:
            words |= _forms(token)
        return words

    def _status(self, trigger: Token, anchor: Token, own: list[Token], type_: str) -> tuple[str | None, int]:
        cues = self.lex.status
        modifiers = [
            c for c in trigger.children if c.dep_ in ("amod", "det", "compound", "advmod", "nummod", "nmod", "poss", "npadvmod")
        ]
        modifier_words = self._cue_words(modifiers)
        # Words of relative clauses on the trigger ("talks that took place").
        clauses = [c for c in trigger.children if c.dep_ in ("acl", "relcl")]
        # The anchor and what it carries: auxiliaries, adverbs, complements.
        verbs = [anchor] if anchor.i != trigger.i or trigger.pos_ in ("VERB", "AUX") else []
        chain: list[Token] = []
        node = anchor
        for _ in range(3):
            if node.dep_ in ("xcomp", "advcl", "acomp") and node.head.i != node.i:
                parent = node.head
                if node.dep_ == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
                    break
                chain.append(parent)
                node = parent
            else:
                break
        # "the meeting ... is possible to take place": the complement of the anchor.
        extra = []
        for verb in verbs + chain:
            extra += [
                c
                for c in verb.children
                if c.dep_ in ("aux", "auxpass", "advmod", "acomp", "neg", "prt", "dobj", "attr", "oprd")
                and c.i != trigger.i
            ]
        verb_words = self._cue_words(verbs + chain + extra)
        clause_words = self._cue_words(clauses + [c for v in clauses for c in v.children if c.dep_ in ("aux", "auxpass", "advmod")])
        multi = self._phrases_around(trigger, anchor)

        def has(status: str, words: set[str]) -> bool:
            return bool(words & cues.get(status, frozenset()))

        if has("cancelled", modifier_words | verb_words | multi):
            return "cancelled", 2
        # A relative clause on the trigger speaks of the event itself.
        for clause in clauses:
            if clause.tag_ in ("VBD",) or any(c.dep_ == "aux" and _lemma(c) == "have" for c in clause.children):
                return "occurred", 2
        if has("proposed", modifier_words):
            return "proposed", 2
        modal = {w for w in verb_words if w in ("could", "might", "may")}
        occurrence = _lemma(anchor) in _OCCURRENCE_VERBS or trigger.dep_ in ("dobj", "pobj", "nsubjpass")
        proposal_words = (verb_words | multi) - {"could", "might", "may"}
        if has("proposed", proposal_words) or (modal and occurrence):
            return "proposed", 2
        future_aux = verb_words & {"will", "'ll", "shall", "would", "wo"}
        if future_aux or has("planned", {w for w in verb_words if w not in ("new", "another", "next", "further", "fresh", "coming", "soon", "later", "future", "return", "resume")} | multi):
            return "planned", 2
        if anchor.tag_ == "VBG" and _lemma(anchor) in self.lex.qualifiers.get("planned_progressive", frozenset()):
            if any(c.dep_ == "aux" and _lemma(c) == "be" for c in anchor.children):
                # "Moscow was sending a team to talks on Monday".
                return "planned", 2
        if has("ongoing", verb_words | modifier_words | multi) or self._progressive(anchor):
            return "ongoing", 2
        past = self._past(anchor) if verbs else False
        if has("occurred", modifier_words) or past:
            return "occurred", 1 if not has("occurred", modifier_words) else 2
        if has("planned", modifier_words | verb_words) or modal:
            return "planned", 1
        if anchor.tag_ in ("VBZ", "VBP") and verbs:
            return "ongoing", 0
        return "occurred", 0

    def _phrases_around(self, trigger: Token, anchor: Token) -> set[str]:
        """Two-word cues near the trigger ("under way", "called off", "going to")."""
        doc = trigger.doc
        lo = max(trigger.sent.start, min(trigger.i, anchor.i) - 3)
        hi = min(trigger.sent.end, max(trigger.i, anchor.i) + 4)
        found = set()
        for i in range(lo, hi - 1):
            found.add(f"{doc[i].lower_} {doc[i + 1].lower_}")
        return found

    @staticmethod
    def _progressive(verb: Token) -> bool:
        if verb.tag_ != "VBG":
            return False
        return any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("is", "are", "'s", "'re") for c in verb.children)

    @staticmethod
    def _past(verb: Token) -> bool:
        if verb.tag_ == "VBD":
            return True
        if verb.tag_ == "VBN":
            return any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "has", "have", "was", "were", "'d") for c in verb.children)
        if verb.lemma_ == "be" and verb.tag_ == "VBD":
            return True
        return False

    # -- date -----------------------------------------------------------------------

    def _time_roots(self, doc: Doc) -> list[tuple[TimeExpression, Token, Token]]:
        """Each time expression with the token that heads it and the verb above it."""
        found = []
        for time in self.times:
            span = doc.char_span(time.start, time.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            root = span.root
            found.append((time, root, self._anchor(root)))
        return found

    def _date(self, trigger: Token, anchor: Token, own: list[Token], status: str) -> tuple[dt.date | None, str | None]:
        own_ids = {t.i for t in own}
        sent = trigger.sent
        direct: list[tuple[int, TimeExpression]] = []
        for time, root, time_anchor in self.time_roots:
            if not (sent.start_char <= time.start < sent.end_char):
                continue
            if self._in_quotes(time.start) != self._in_quotes(trigger.idx):
                continue
            if root.i in own_ids or time_anchor.i == anchor.i or (root.head.i == trigger.i):
                direct.append((abs(root.i - trigger.i), time))
        if not direct and _CLASS[status] == "past":
            # "Putin acknowledged on Tuesday that there had been progress in the
            # talks, during a phone call": the day of the clause above.
            node = anchor
            for _ in range(2):
                if node.head.i == node.i or node.dep_ not in ("ccomp", "conj"):
                    break
                node = node.head
                if _lemma(node) not in self.speech:
                    break
                for time, root, time_anchor in self.time_roots:
                    if time_anchor.i == node.i and sent.start_char <= time.start < sent.end_char:
                        if not self._in_quotes(time.start):
                            direct.append((abs(root.i - trigger.i), time))
                if direct:
                    break
        if not direct:
            return None, None
        direct.sort(key=lambda item: (item[1].date is None and item[1].text.lower() not in ("next week",), item[0]))
        time = direct[0][1]
        if _CLASS[status] == "future":
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

    def _place(self, trigger: Token, anchor: Token, own: list[Token], type_: str) -> str | None:
        if type_ in ("military_action",):
            return None
        own_ids = {t.i for t in own}
        candidates: list[Token] = []
        for token in own:
            if token.dep_ == "compound" and token.head.i == trigger.i:
                candidates.append(token)
        for head in (trigger, anchor):
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in ("in", "at", "to") and (prep.i in own_ids or head.i == anchor.i):
                    if prep.lower_ == "to" and _lemma(head) not in ("travel", "return", "go", "come", "visit", "head"):
                        continue
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            candidates.append(obj)
        if _lemma(anchor) in ("visit", "host") and trigger.i == anchor.i:
            candidates += [c for c in anchor.children if c.dep_ == "dobj"]
        for token in candidates:
            place = self._place_name(token)
            if place:
                return place
        return None

    def _place_name(self, token: Token) -> str | None:
        doc = token.doc
        if token.ent_type_ in ("GPE", "LOC", "FAC"):
            start, end = token.i, token.i + 1
            while start > 0 and doc[start - 1].ent_iob_ == "I" or (start > 0 and token.ent_iob_ == "I" and doc[start - 1].ent_type_ == token.ent_type_ and start > token.i - 4 and doc[start].ent_iob_ != "B"):
                start -= 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            text = doc[start:end].text
            text = re.sub(r"^the\s+", "", text, flags=re.I)
            known = self.places.get(text.lower())
            if known and text.lower() in {p.lower() for p in self.gazetteer.place_spellings}:
                return known
            entry = self.gazetteer.lookup(text)
            if entry is not None and entry.kind == "party" and text.lower() not in self.places:
                return entry.name
            return self.gazetteer.canonical_place(text)
        # Compounds of a known place ("Abu Dhabi talks") with a missed entity.
        phrase = " ".join(t.text for t in token.lefts if t.dep_ == "compound") + (" " if any(t.dep_ == "compound" for t in token.lefts) else "") + token.text
        for text in (phrase, token.text):
            if text.lower() in self.places:
                return self.gazetteer.canonical_place(text if text in self.gazetteer.places else self.places[text.lower()])
        return None

    # -- participants ---------------------------------------------------------------

    def _mentions_in(self, tokens: Iterable[Token]) -> list[Mention]:
        seen: list[Mention] = []
        for token in tokens:
            mention = self.mention_at.get(token.i)
            if mention is not None and mention not in seen and mention.name not in self.lex.not_participants:
                seen.append(mention)
        return seen

    def _adjective_parties(self, tokens: Iterable[Token]) -> list[str]:
        """Parties named by adjectives: "Ukrainian and Russian officials",
        "U.S.-brokered talks"."""
        found = []
        for token in tokens:
            if self.mention_at.get(token.i) is not None:
                continue
            if token.pos_ not in ("ADJ", "PROPN", "NOUN", "VERB") and token.dep_ not in ("amod", "compound", "npadvmod"):
                continue
            parts = [token.text] + ([token.text.split("-")[0]] if "-" in token.text else [])
            for part in parts:
                party = self.gazetteer.party_of_adjective(part)
                if party is None and part != token.text:
                    entry = self.gazetteer.lookup(part)
                    party = entry.name if entry is not None and entry.kind == "party" else None
                if party:
                    found.append(party)
                    break
        return found

    def _subjects(self, verb: Token) -> list[Token]:
        node = verb
        for _ in range(3):
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                out = []
                for subject in subjects:
                    out.append(subject)
                    out += [c for c in subject.conjuncts]
                return out
            if node.dep_ in ("xcomp", "advcl", "conj", "acl") and node.head.i != node.i:
                node = node.head
            else:
                break
        return []

    def _participants(self, trigger: Token, anchor: Token, own: list[Token], type_: str) -> tuple[list[str], list[str]]:
        """Canonical names of the participants, and those named in the trigger's own
        phrase."""
        tokens = list(own)
        phrase = [m.name for m in self._mentions_in(tokens)] + self._adjective_parties(tokens)
        names = list(phrase)
        lex = self.lex.qualifiers.get("participation_verbs", frozenset())
        holder: Token | None = None
        if trigger.pos_ in ("VERB", "AUX"):
            holder = trigger
        elif trigger.dep_ in ("dobj", "nsubjpass") and _lemma(trigger.head) in lex:
            holder = trigger.head
        elif trigger.dep_ == "pobj" and trigger.head.dep_ == "prep" and _lemma(trigger.head.head) in lex:
            holder = trigger.head.head
        if holder is not None and not self._negated(holder):
            subjects = self._subjects(holder)
            for subject in subjects:
                subject_tokens = [t for t in subject.subtree if t.i not in {o.i for o in own}]
                for mention in self._mentions_in(subject_tokens):
                    names.append(mention.name)
                names += self._adjective_parties(subject_tokens)
                if not self._mentions_in(subject_tokens) and subject.pos_ == "PRON":
                    name = self._pronoun(subject)
                    if name:
                        names.append(name)
            if holder.i == trigger.i:
                for child in trigger.children:
                    if child.dep_ in ("dobj", "dative") or (child.dep_ == "prep" and child.lower_ in ("with", "to", "between")):
                        sub = [t for t in child.subtree]
                        names += [m.name for m in self._mentions_in(sub)]
                        names += self._adjective_parties(sub)
        if type_ == "press_conference" and not any(self._is_person(n) for n in names):
            # "he said in a press conference": the speaker of the sentence.
            for subject in self._subjects(anchor):
                for mention in self._mentions_in(subject.subtree):
                    names.append(mention.name)
                if subject.pos_ == "PRON":
                    name = self._pronoun(subject)
                    if name:
                        names.append(name)
            if not any(self._is_person(n) for n in names):
                names += self._speaker_of_sentence(trigger)
        unique: list[str] = []
        for name in names:
            if name not in unique and name not in self.lex.not_participants:
                unique.append(name)
        return unique, [n for n in dict.fromkeys(phrase) if n not in self.lex.not_participants]

    @staticmethod
    def _negated(verb: Token) -> bool:
        """A verb or the verbs it completes are negated ("are not expected to attend")."""
        node = verb
        for _ in range(3):
            if any(c.dep_ == "neg" for c in node.children):
                return True
            if node.dep_ not in ("xcomp",) or node.head.i == node.i:
                return False
            node = node.head
        return False

    def _pronoun(self, token: Token) -> str | None:
        """The person a "he"/"she" stands for: the speaker of a quote in this
        sentence, else the last person named before it in this paragraph or the one
        before."""
        if token.lower_ not in ("he", "she"):
            return None
        for quote in self.doc._.quotes or []:
            if token.sent.start_char <= quote.start < token.sent.end_char and quote.speaker and self._is_person(quote.speaker):
                return quote.speaker
        floor = token.idx - 600
        for mention in reversed(self.mentions):
            if mention.start < token.idx and mention.start >= floor and mention.kind == "person":
                return mention.name
        return None

    def _speaker_of_sentence(self, trigger: Token) -> list[str]:
        sent = trigger.sent
        for quote in self.doc._.quotes or []:
            if sent.start_char <= quote.start < sent.end_char or sent.start_char <= quote.end <= sent.end_char:
                if quote.speaker and self._is_person(quote.speaker):
                    return [quote.speaker]
        return []

    def _is_person(self, name: str) -> bool:
        actor = self.actors.get(name)
        if actor is not None:
            return actor.kind == "person"
        entry = self.gazetteer.entries.get(name)
        return entry is not None and entry.kind == "person"

    def _party_of(self, name: str) -> str | None:
        actor = self.actors.get(name)
        if actor is not None and actor.party:
            return actor.party
        entry = self.gazetteer.entries.get(name)
        return entry.party if entry is not None else None

    def _is_leader(self, name: str) -> bool:
        role = ""
        actor = self.actors.get(name)
        entry = self.gazetteer.entries.get(name)
        for source in (entry.role if entry else None, actor.role if actor else None):
            if source:
                role += " " + source.lower()
        if not role:
            return False
        if "vice president" in role and "vice president" not in self.lex.leader_roles:
            return False
        return any(r in role for r in self.lex.leader_roles) or role.strip().startswith("president")

    def _leaders(self, names: list[str]) -> int:
        return sum(1 for n in names if self._is_person(n) and self._is_leader(n))

    def _has_delegation_words(self, own: list[Token]) -> bool:
        return any(_forms(t) & self.lex.delegation_words for t in own)

    def _meeting_type(self, trigger: Token, own: list[Token], participants: list[str], phrase: list[str]) -> str:
        """A meeting of heads of state is a summit; any other, a round of talks."""
        words = self._cue_words(own)
        if words & self.lex.summit_words:
            return "summit"
        if self._has_delegation_words(own):
            return "talks"
        leaders = self._leaders(participants)
        persons = [n for n in participants if self._is_person(n)]
        if leaders >= 2:
            return "summit"
        if leaders == 1 and _lemma(trigger) in ("visit", "host") and len(participants) >= 2:
            return "summit"
        if leaders == 1 and len(persons) == 1 and len(participants) >= 2 and _lemma(trigger) == "meeting":
            return "summit"
        return "talks"

    def _shape_participants(self, type_: str, names: list[str], trigger: Token, anchor: Token) -> list[str]:
        """The participants a type is told about: parties for talks and exchanges
        (with the people named), people for calls, summits and briefings, the side
        that acts for a military action."""
        if type_ in _PERSONAL:
            persons = [n for n in names if self._is_person(n)]
            if type_ == "call" and len(persons) < 2:
                persons += [p for p in self._ancestor_persons(anchor) if p not in persons]
            if type_ == "press_conference":
                speakers = self._anchor_speakers(anchor)
                persons = speakers + [p for p in persons if p not in speakers]
                return persons[:2]
            return persons or names
        if type_ == "military_action":
            names = self._aggressors(trigger, anchor)
            parties = []
            for name in names:
                party = name if not self._is_person(name) else self._party_of(name)
                if party and party not in parties and self._is_party(party):
                    parties.append(party)
            return parties[:1]
        parties: list[str] = []
        for name in names:
            party = self._party_of(name) if self._is_person(name) else name
            if party and party not in parties:
                parties.append(party)
        persons = [n for n in names if self._is_person(n)]
        return parties + [p for p in persons if p not in parties]

    def _anchor_speakers(self, anchor: Token) -> list[str]:
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
            # '"...," said Medinsky' or '..., Kremlin spokesman Peskov, in a press conference'.
            for child in anchor.children:
                if child.dep_ in ("dobj", "npadvmod", "attr", "appos", "dep") and child.i > anchor.i:
                    found += [m.name for m in self._mentions_in(child.subtree) if m.kind == "person"]
        return found

    def _ancestor_persons(self, anchor: Token) -> list[str]:
        """People who are the subject of the clause above ("Putin acknowledged ...
        during a phone call with Macron" makes Putin a party to the call)."""
        node = anchor
        for _ in range(3):
            for subject in self._subjects(node):
                found = [m.name for m in self._mentions_in(subject.subtree) if m.kind == "person"]
                if not found and subject.pos_ == "PRON":
                    name = self._pronoun(subject)
                    found = [name] if name else []
                if found:
                    return found
            if node.head.i == node.i:
                break
            node = node.head
        return []

    def _aggressors(self, trigger: Token, anchor: Token) -> list[str]:
        """Who attacks: the possessor or adjective of the attack ("Russian strikes",
        "Moscow's attacks"), the agent ("by Ukrainian drones"), or the subject of the
        verb that launches it; never its target ("strikes on Kyiv", "of Ukraine")."""
        tokens: list[Token] = []
        for child in trigger.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod", "npadvmod"):
                tokens += list(child.subtree)
            if child.dep_ in ("prep", "agent") and child.lower_ == "by":
                tokens += list(child.subtree)
        if trigger.pos_ in ("VERB", "AUX"):
            holder: Token | None = trigger
        elif trigger.dep_ in ("dobj", "conj") or (trigger.dep_ == "pobj" and trigger.head.lower_ == "with"):
            holder = anchor
        else:
            holder = None
        if holder is not None:
            for subject in self._subjects(holder):
                tokens += [t for t in subject.subtree]
        names = [m.name for m in self._mentions_in(tokens)]
        names += self._adjective_parties(tokens)
        for token in tokens:
            if token.pos_ == "PRON" and token.dep_ in ("nsubj", "poss") and token.lower_ not in ("he", "she", "his", "her"):
                continue
        return names

    def _is_party(self, name: str) -> bool:
        actor = self.actors.get(name)
        if actor is not None:
            return actor.kind == "party"
        entry = self.gazetteer.entries.get(name)
        return entry is not None and entry.kind == "party"

    # -- merging --------------------------------------------------------------------

    def _main_parties(self) -> list[str]:
        """The two parties the report speaks of most: the sides of talks and
        exchanges whose parties the sentence leaves to the reader ("the two sides")."""
        counts: Counter[str] = Counter()
        for mention in self.mentions:
            if mention.kind == "party" and mention.name not in self.lex.not_participants:
                counts[mention.name] += 1
        return [name for name, _ in counts.most_common(2)]

    def _main_leaders(self, parties: list[str]) -> list[str]:
        leaders: list[str] = []
        for mention in self.mentions:
            if mention.kind == "person" and self._is_leader(mention.name) and self._party_of(mention.name) in parties:
                if mention.name not in leaders and not any(self._party_of(x) == self._party_of(mention.name) for x in leaders):
                    leaders.append(mention.name)
        return leaders

    def _places_agree(self, a: str | None, b: str | None) -> bool:
        if a is None or b is None or a == b:
            return True
        return self.gazetteer.country_of_place(a) == b or self.gazetteer.country_of_place(b) == a

    def _compatible(self, event: Candidate, candidate: Candidate) -> bool:
        if event.type != candidate.type or event.klass != candidate.klass:
            return False
        if event.date and candidate.date and event.date != candidate.date:
            return False
        if event.klass == "past":
            a = event.date.isoformat() if event.date else event.period
            b = candidate.date.isoformat() if candidate.date else candidate.period
            if a and b and a != b:
                return False
        if not self._places_agree(event.place, candidate.place):
            return False
        if event.type in _PERSONAL and event.persons_named and candidate.persons_named:
            x = {p for p in event.participants if self._is_person(p)}
            y = {p for p in candidate.participants if self._is_person(p)}
            if x and y and not (x <= y or y <= x):
                return False
        if event.type == "military_action":
            if event.participants[:1] != candidate.participants[:1]:
                return False
        return True

    def _absorb(self, event: Candidate, candidate: Candidate) -> None:
        event.date = event.date or candidate.date
        event.period = event.period or candidate.period
        if event.place is None or self.gazetteer.country_of_place(candidate.place or "") == event.place:
            event.place = candidate.place or event.place
        mine = len(event.participants) + (1 if event.persons_named else 0)
        theirs = len(candidate.participants) + (1 if candidate.persons_named else 0)
        if theirs > mine:
            event.participants = list(candidate.participants)
            event.persons_named = candidate.persons_named
        if (candidate.status_strength, _STATUS_RANK[candidate.status]) > (event.status_strength, _STATUS_RANK[event.status]):
            event.status = candidate.status
            event.status_strength = candidate.status_strength
        event.specific = event.specific or candidate.specific
        event.mentions += 1
        event.confidence = round(min(0.95, max(event.confidence, candidate.confidence) + 0.05), 2)

    def _merge(self, candidates: list[Candidate]) -> list[Event]:
        events: list[Candidate] = []

        def best(candidate: Candidate) -> Candidate | None:
            options = [e for e in events if self._compatible(e, candidate)]
            if not options:
                return None
            options.sort(
                key=lambda e: (
                    bool(e.date and e.date == candidate.date),
                    bool(e.place and e.place == candidate.place),
                    e.mentions,
                    -abs(e.start - candidate.start),
                ),
                reverse=True,
            )
            return options[0]

        strong = [c for c in candidates if c.specific and not c.quoted]
        weak = [c for c in candidates if c not in strong]
        for candidate in strong:
            target = best(candidate)
            if target is None:
                events.append(candidate)
            else:
                self._absorb(target, candidate)
        for candidate in weak:
            target = best(candidate)
            if target is not None:
                self._absorb(target, candidate)
            elif candidate.quoted and not candidate.specific:
                continue
            elif candidate.specific or candidate.status_strength == 2 and not any(e.type == candidate.type for e in events):
                events.append(candidate)
            elif not any(e.type == candidate.type for e in events) and candidate.type in ("talks", "prisoner_exchange"):
                events.append(candidate)
        parties = self._main_parties()
        out: list[Event] = []
        for event in sorted(events, key=lambda e: e.start):
            participants = list(event.participants)
            if event.type in ("talks", "prisoner_exchange"):
                named = [p for p in participants if self._is_party(p)]
                if len(named) < 2:
                    for party in parties:
                        if party not in participants:
                            participants.insert(len(named), party)
                            named.append(party)
                        if len(named) >= 2:
                            break
            if event.type == "summit" and not any(self._is_person(p) for p in participants):
                participants = self._main_leaders(parties) + participants
            if not participants and event.type not in ("agreement",):
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
                )
            )
        return out


@Language.factory(
    "dragoman_events",
    assigns=["doc._.events"],
    requires=["doc._.mentions", "doc._.times", "doc._.quotes"],
)
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent(name)
