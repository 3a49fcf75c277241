"""Status: whether a mention tells of an event that occurred, is under way, is
planned, proposed or cancelled, from the verb that governs the trigger and the
trigger's own modifiers ("will hold" -> planned, "possible meeting" -> proposed,
"postponed" -> cancelled, "under way" -> ongoing, past tense -> occurred)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from dragoman.nlp.components.events.document import EventDoc, Reading
from dragoman.nlp.components.events.lexicon import (
    FUTURE_AUX,
    MODALS,
    OCCURRENCE_VERBS,
    forms_of,
    is_root,
    lemma_of,
    of_nouns,
    same_token,
    words_of,
)


def modifiers_of(d: EventDoc, trigger: Token) -> set[str]:
    return words_of(
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


#: Words that announce a new round only weakly ("new talks", "talks will resume"):
#: planned on their own only with the tense to back them.
_WEAK_PLANNED = frozenset(
    {
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
)
#: Prepositions that make the trigger a topic ("rumours about talks").
_TOPIC_PREPS = ("on", "about", "over", "regarding", "concerning")


@dataclass
class _Evidence:
    """The words around one trigger that speak of its status."""

    cues: dict[str, frozenset[str]]
    modifiers: set[str]  # the trigger's own modifiers
    verb_words: set[str]  # the anchor, the verbs it completes and their modifiers
    chain_words: set[str]  # the verbs an infinitive completes
    near: set[str]  # two-word cues near the trigger
    verbs: list[Token]  # the anchor, when a verb that speaks of the trigger
    clauses: list[Token]  # relative clauses on the trigger or its "of" nouns

    def has(self, status: str, words: set[str]) -> bool:
        return bool(words & self.cues.get(status, frozenset()))


def _infinitive_chain(anchor: Token) -> list[Token]:
    """The verbs an infinitive completes ("hoping to host", "expected to attend")."""
    chain: list[Token] = []
    node = anchor
    for _ in range(3):
        if is_root(node) or node.dep_ not in ("xcomp", "advcl", "acomp"):
            break
        if node.dep_ == "advcl" and not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in node.children
        ):
            break
        node = node.head
        chain.append(node)
    return chain


def _evidence(d: EventDoc, reading: Reading) -> _Evidence:
    trigger, anchor = reading.trigger, reading.anchor
    # Relative clauses on the trigger speak of the event itself ("talks that
    # took place on Friday").
    # Also on the nouns of its "of" phrase ("a swap of 90 prisoners of war,
    # which was completed at dawn").
    nouns = of_nouns(trigger)
    clauses = [c for n in nouns for c in n.children if c.dep_ in ("acl", "relcl")]
    is_verb = trigger.pos_ in ("VERB", "AUX")
    verbs = (
        [anchor]
        if (not same_token(anchor, trigger) or is_verb) and anchor.pos_ in ("VERB", "AUX")
        else []
    )
    chain = _infinitive_chain(anchor)
    extra = [
        c
        for verb in verbs + chain
        for c in verb.children
        if c.dep_ in ("aux", "auxpass", "advmod", "acomp", "neg", "prt", "dobj", "attr", "oprd")
        and c.i != trigger.i
    ]
    verb_words = words_of(verbs + chain + extra)
    if is_verb:
        # "Putin agreed to halt strikes": the trigger's own verb is not a cue.
        verb_words -= forms_of(trigger) - words_of(chain + extra)
    return _Evidence(
        cues=d.lex.status,
        modifiers=modifiers_of(d, trigger),
        verb_words=verb_words,
        chain_words=words_of(chain),
        near=phrases_around(trigger, anchor),
        verbs=verbs,
        clauses=clauses,
    )


def read_status(d: EventDoc, reading: Reading, type_: str) -> tuple[str, int]:
    """The status of a mention and the strength of its evidence (2: an explicit
    cue, 1: the tense, 0: a guess)."""
    ev = _evidence(d, reading)
    found = _cued_status(d, reading, type_, ev)
    if found is not None:
        return found
    return _tense_status(d, reading, ev)


def _cued_status(
    d: EventDoc, reading: Reading, type_: str, ev: _Evidence
) -> tuple[str, int] | None:
    """A status the words say outright, or None."""
    trigger, anchor = reading.trigger, reading.anchor
    if ev.has("cancelled", ev.modifiers | ev.verb_words | ev.near):
        return "cancelled", 2
    if type_ == "press_conference":
        # A briefing is reported once given, or announced ("will brief").
        return ("planned", 2) if ev.verb_words & FUTURE_AUX else ("occurred", 1)
    if trigger.dep_ == "pobj" and trigger.head.lower_ in _TOPIC_PREPS:
        # "rumours are swirling about talks between Erdogan and Putin": the
        # talks are a topic; the verb says nothing of their status.
        if ev.has("proposed", ev.modifiers):
            return "proposed", 2
        return ("planned" if ev.has("planned", ev.modifiers) else "proposed"), 0
    for clause in ev.clauses:
        if clause.tag_ == "VBD" or any(
            c.dep_ == "aux" and lemma_of(c) == "have" for c in clause.children
        ):
            return "occurred", 2
    if ev.has("proposed", ev.modifiers):
        return "proposed", 2
    modal = ev.verb_words & MODALS
    occurrence = lemma_of(anchor) in OCCURRENCE_VERBS or trigger.dep_ in (
        "dobj",
        "pobj",
        "nsubjpass",
    )
    if ev.has("proposed", (ev.verb_words | ev.near) - MODALS) or (modal and occurrence):
        return "proposed", 2
    if (
        ev.verb_words & FUTURE_AUX
        or ev.has("planned", (ev.verb_words - _WEAK_PLANNED) | ev.near)
        or ev.has("plans", ev.chain_words)
    ):
        return "planned", 2
    if (
        anchor.tag_ == "VBG"
        and lemma_of(anchor) in d.lex.q("planned_progressive")
        and any(c.dep_ == "aux" and lemma_of(c) == "be" for c in anchor.children)
    ):
        # "Kyiv was sending its delegation to the talks on Friday".
        return "planned", 2
    if ev.has("ongoing", ev.verb_words | ev.modifiers | ev.near) or is_progressive(anchor):
        return "ongoing", 2
    if ev.has("occurred", ev.modifiers):
        return "occurred", 2
    return None


def _tense_status(d: EventDoc, reading: Reading, ev: _Evidence) -> tuple[str, int]:
    """The status the tense gives, with no cue to go by."""
    anchor = reading.anchor
    finite = finite_verb(d, anchor)
    if finite is None:
        # An infinitive with no cue ("helped to start the talks"): a guess.
        return "occurred", 0
    if ev.verbs and is_past(finite):
        return "occurred", 1
    if ev.has("planned", ev.modifiers | ev.verb_words) or ev.verb_words & MODALS:
        return "planned", 1
    if ev.verbs and anchor.tag_ in ("VBZ", "VBP"):
        return "ongoing", 0
    return "occurred", 0


def phrases_around(trigger: Token, anchor: Token) -> set[str]:
    """Two-word cues near the trigger ("under way", "called off", "going to")."""
    doc = trigger.doc
    lo = max(trigger.sent.start, min(trigger.i, anchor.i) - 3)
    hi = min(trigger.sent.end, max(trigger.i, anchor.i) + 4)
    return {f"{doc[i].lower_} {doc[i + 1].lower_}" for i in range(lo, hi - 1)}


def finite_verb(d: EventDoc, verb: Token) -> Token | None:
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
        if not (infinitive or participle) or is_root(node):
            return node
        if node.dep_ not in ("xcomp", "advcl", "acl", "conj", "relcl"):
            return node if participle else None
        parent = node.head
        if infinitive and lemma_of(parent) not in d.lex.q("motion_verbs") | {
            "sit",
            "gather",
            "meet",
            "convene",
        }:
            return None
        node = parent
    return node


def is_progressive(verb: Token) -> bool:
    if verb.tag_ != "VBG":
        return False
    return any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("is", "are", "'s", "'re")
        for c in verb.children
    )


def is_past(verb: Token) -> bool:
    if verb.tag_ == "VBD":
        return True
    if verb.tag_ == "VBN":
        return any(
            c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "has", "have", "was", "were", "'d")
            for c in verb.children
        )
    return False
