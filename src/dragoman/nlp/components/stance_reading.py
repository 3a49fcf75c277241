"""Readings of a stance cue for the ``dragoman_stances`` component: how far to trust
it, whether an acceptance was taken back, whether a noun lists items ("the demands
include"), and which plan "the plan" is; whose the cue is (its holder, past purpose
clauses), and when it states no position of anybody's (a fact merely reported, a word
in another sense, a phrase that only sets the scene). The words these readings go by
are data: ``lexicons/stances.yaml``."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from dragoman.nlp.extensions import words_of
from dragoman.nlp.lexicon import load_lexicon
from dragoman.nlp.parties import PartyFinder

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
_STANCE_DATA = load_lexicon("stances")
#: Verbs whose object holds the stance of the "to" clause after them ("urged Kyiv to …").
OBJECT_CONTROL = frozenset(str(w) for w in _STANCE_DATA.get("object_control") or [])
#: Cue words that need one of their prepositions to state a stance ("called for").
PARTICLES = {
    str(word): frozenset(str(p) for p in preps)
    for word, preps in (_STANCE_DATA.get("particles") or {}).items()
}
_REPORTING = _STANCE_DATA.get("reporting") or {}
REPORTING = frozenset(str(w) for w in _REPORTING.get("words") or [])
_MODALS = frozenset(str(w) for w in _REPORTING.get("modals") or [])
#: Prepositions whose object is the scene of a statement ("since the annexation").
FRAMES = tuple(tuple(str(w).split()) for w in _STANCE_DATA.get("frames") or [])
#: Modals by which a speaker says what a party must do.
OBLIGATION_MODALS = frozenset(str(w) for w in _STANCE_DATA.get("obligation_modals") or [])


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


def lacks_particle(token: Token) -> bool:
    """A cue word used without the preposition its stance needs ("what Moscow calls
    the new regions", "an evening call", against "called for a truce")."""
    needed = PARTICLES.get(token.lemma_.lower())
    if needed is None:
        return False
    return not any(
        c.lower_ in needed and c.dep_ in ("prep", "prt", "dative") for c in token.children
    )


def reports_fact(cue: Token, anchor: Token) -> bool:
    """An acceptance or denial that only reports a fact: the issue's words stand in a
    clause of fact below the cue ("confirmed that the talks had ended"), with no modal
    of what is to be done ("agreed that the truce would start")."""
    if cue.lemma_.lower() not in REPORTING:
        return False
    clause = next(
        (t for t in [anchor, *anchor.ancestors] if t.head.i == cue.i and t.i != cue.i), None
    )
    if clause is None or clause.dep_ not in ("ccomp", "advcl"):
        if clause is None or clause.dep_ != "prep" or clause.lower_ != "with":
            return False
        # "agrees with Moscow that …": the clause hangs on the cue after "with".
        clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
        if clause is None:
            return False
    if clause.dep_ == "advcl" and not any(c.lower_ == "that" for c in clause.children):
        return False
    return not any(c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS for c in clause.children)


def framed(token: Token) -> bool:
    """The token is the object of a preposition that sets the scene ("since the
    annexation", "after the invasion", "as part of any peace deal")."""
    if token.dep_ != "pobj":
        return False
    for words in FRAMES:
        node = token
        for word in reversed(words):
            node = node.head
            if node.lower_ != word:
                break
        else:
            return True
    return False


def obliged(cue: Token) -> bool:
    """The cue is what its subject must do ("Moscow must accept a truce")."""
    return cue.pos_ == "VERB" and any(
        c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in cue.children
    )


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


def in_scene(anchor: Token) -> bool:
    """The issue's words stand in a phrase that sets the scene ("after the annexation
    of the peninsula"), up to the clause they are in."""
    for token in [anchor, *anchor.ancestors]:
        if framed(token):
            return True
        if token.pos_ in ("VERB", "AUX"):
            return False
    return False


def relative_clause(token: Token) -> bool:
    """A relative clause with a subject of its own ("who described …")."""
    return token.dep_ == "relcl" and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def issue_acts(cue: Token, anchor: Token) -> bool:
    """The issue's words are the active subject of the cue ("the guarantees needed
    approval"): the issue is what acts, not what is wanted."""
    return cue.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "nsubj" and c.i == anchor.i for c in cue.children
    )


def holder_of(cue: Token) -> Token | None:
    """The subject or possessor of a cue, or of the verb it completes ("urged
    Ukraine to abandon …": the object of the head does it)."""
    node = cue
    for _ in range(4):
        agent = next((c for c in node.children if c.dep_ == "agent"), None)
        by = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
        if by is not None:
            # "the plan proposed by Trump", "whose release is sought by the group".
            return by
        holder = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "poss")), None)
        if holder is not None:
            return holder
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in OBJECT_CONTROL:
            # Not after a verb of motion or action: "visited Kyiv to present a plan"
            # is the visitor's plan.
            holder = next((c for c in node.head.children if c.dep_ == "dobj"), None)
            if holder is not None:
                return holder
        if (
            node.dep_ in ("xcomp", "conj", "advcl", "acomp", "amod", "dobj", "attr", "pobj")
            and node.head.i != node.i
        ):
            node = node.head
            continue
        break
    return None
