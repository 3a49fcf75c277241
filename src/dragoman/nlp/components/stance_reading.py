"""Readings of a stance cue for the ``dragoman_stances`` component: how far to trust
it, whether an acceptance was taken back, whether a noun lists items ("the demands
include"), and which plan "the plan" is."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from dragoman.nlp.extensions import words_of
from dragoman.nlp.lexicon import load_lexicon
from dragoman.nlp.sides import PartyFinder

#: Words for a plan or proposal: "the plan" refers to the plan named last.
PLAN_WORDS = {"plan", "proposal", "initiative", "framework", "roadmap", "blueprint"}
#: Verbs that take back an acceptance ("withdrew", "reneged", "backtracked").
RETRACTIONS = {"withdraw", "renege", "backtrack", "retract", "revoke", "remove", "drop"}
#: Words that make a clause a condition, that turn it around, and the cues that
#: threaten what the condition names (``lexicons/stances.yaml``, ``conditions``).
_CONDITIONS = load_lexicon("stances").get("conditions") or {}
CONDITION_MARKS = frozenset(str(w) for w in _CONDITIONS.get("marks") or [])
CONDITION_NEGATORS = frozenset(str(w) for w in _CONDITIONS.get("negators") or [])
THREATS = frozenset(str(w) for w in _CONDITIONS.get("threats") or [])


def confidence_of(syntactic: bool, cue: Token, anchor: Token, named: bool) -> float:
    """How far to trust a position: a cue that governs the issue's words (not merely
    near them), a holder that names its party, a verb close to the issue raise it; a
    condition or hedge ("would only accept if", "could", "might") lowers it."""
    confidence = 0.55 if syntactic else 0.35
    if named:
        confidence += 0.15
    if cue.pos_ in ("VERB", "AUX") and abs(cue.i - anchor.i) <= 6:
        confidence += 0.1
    if hedged(cue):
        confidence -= 0.2
    return round(min(max(confidence, 0.1), 0.95), 2)


def hedged(cue: Token) -> bool:
    """The cue stands under a condition, a modal of possibility or a question."""
    for token in (cue, *list(cue.ancestors)[:3]):
        for child in token.children:
            if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                return True
            if child.dep_ == "aux" and child.lower_ in ("could", "might", "may", "would"):
                return True
        if token.dep_ == "advcl" and any(c.lower_ in ("if", "unless") for c in token.children):
            return True
    return any(t.lower_ in ("if", "unless") and t.head == cue for t in cue.subtree)


def retracted(cue: Token) -> bool:
    """An acceptance taken back in a verb coordinated with it ("had accepted … but
    had since taken it out", "agreed, then withdrew")."""
    verbs = [c for c in cue.children if c.dep_ == "conj"]
    if cue.dep_ == "conj":
        verbs.append(cue.head)
    for verb in verbs:
        parts = (c.lower_ for c in verb.children if c.dep_ in ("prt", "prep"))
        words = {verb.lemma_.lower(), *parts}
        if words & RETRACTIONS or (verb.lemma_.lower() == "take" and "out" in words):
            return True
    return False


def condition_setter(anchor: Token, cue_of: dict[int, str]) -> tuple[Token, str] | None:
    """The cue that sets a condition in which the issue's words stand, and the stance
    the condition states: "threatened sanctions if there is no ceasefire" and "would
    sign if the troops withdraw" demand what the condition names; "threatened
    sanctions if it joins the alliance" rejects it. None: no condition."""
    clause = next(
        (
            token
            for token in [anchor, *anchor.ancestors]
            if token.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in token.children)
        ),
        None,
    )
    if clause is None:
        return None
    setter = next((t for t in list(clause.ancestors)[:3] if t.i in cue_of), None)
    if setter is None:
        return None
    turned = any(t.lower_ in CONDITION_NEGATORS for t in clause.subtree)
    if setter.lemma_.lower() in THREATS and not turned:
        return setter, "reject"
    return setter, "demand"


def listing_noun(cue: Token, cue_of: dict[int, str]) -> Token | None:
    """The cue noun that is the subject of a listing verb ("the demands include",
    "its conditions are"), whose stance the listed items take."""
    if cue.lemma_.lower() not in ("include", "be", "comprise", "contain"):
        return None
    subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.i in cue_of and subject.pos_ == "NOUN":
        return subject
    return None


def plan_owners(doc: Doc, parties: PartyFinder) -> list[tuple[int, str]]:
    """The plans of a report that have an owner ("Trump's plan", "a plan proposed by
    the mediators"), as (offset, owner), in order of the text."""
    owners: list[tuple[int, str]] = []
    words = words_of(doc)
    for i, lemma in enumerate(words.lemma):
        if lemma not in PLAN_WORDS or words.pos[i] != "NOUN":
            continue
        token = doc[i]
        candidates = [c for c in token.children if c.dep_ in ("poss", "amod", "compound")]
        for verb in token.children:
            if verb.dep_ == "acl":
                for agent in verb.children:
                    if agent.dep_ == "agent":
                        candidates.extend(g for g in agent.children if g.dep_ == "pobj")
        for candidate in candidates:
            owner = parties.of_token(candidate, organisations=True)
            if owner:
                owners.append((token.idx, owner))
                break
    return owners


def owner_before(plans: list[tuple[int, str]], offset: int) -> str | None:
    """The owner of the last plan named before ``offset``."""
    k = bisect.bisect_left(plans, (offset, ""))
    return plans[k - 1][1] if k else None
