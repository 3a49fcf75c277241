"""Participants: actor mentions in the trigger's phrase and the subject of the verb
that holds it ("Russia and Ukraine held talks"), shaped by type: parties for talks
and exchanges, people for calls, summits and briefings, the side that acts for a
military action."""

from __future__ import annotations

from spacy.tokens import Token

from dragoman.nlp.cast import LEADER_WORDS
from dragoman.nlp.components.events.document import EventDoc, Reading
from dragoman.nlp.components.events.lexicon import (
    NOT_PARTICIPANT_PREPS,
    PERSONAL_TYPES,
    forms_of,
    is_root,
    lemma_of,
    words_of,
)
from dragoman.nlp.polarity import negated


def names_in(d: EventDoc, tokens: list[Token], triggers: set[int] | None = None) -> list[str]:
    """Actors named in a stretch of the parse: mentions and nationality adjectives,
    leaving out places and topics ("talks in Geneva", "talks on Ukraine") and
    people who only qualify someone else ("Trump's envoy Witkoff")."""
    ids = {t.i for t in tokens}
    names: list[str] = []
    for mention in d.mentions_in(tokens):
        root = d.doc[mention.token_start : mention.token_end].root
        if governed_by(root, NOT_PARTICIPANT_PREPS, ids):
            continue
        if (
            mention.kind == "person"
            and root.dep_ in ("poss", "compound", "nmod", "amod")
            and root.head.i in ids
            and (triggers is None or root.head.i not in triggers)
            and root.head.i not in d.mention_at
        ):
            # "Trump's envoy Witkoff", "Trump envoy Witkoff": Trump qualifies the
            # envoy (unless the head is a trigger or another name).
            continue
        names.append(mention.name)
    for token in tokens:
        if token.i not in d.mention_at and lemma_of(token) in LEADER_WORDS:
            # "the Russian president": the head of state the report names.
            name = d.leader_of_role(token)
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
            name = d.cast.pronoun(token)
            if name:
                names.append(name)
            continue
        if token.i in d.mention_at or token.dep_ not in (
            "amod",
            "compound",
            "npadvmod",
            "nmod",
            "conj",
            "poss",
        ):
            continue
        if governed_by(token, NOT_PARTICIPANT_PREPS, ids):
            continue
        party = d.cast.party_of_word(token.text)
        if party:
            names.append(party)
    return names


def governed_by(token: Token, preps: set[str], within: set[int]) -> bool:
    """The token sits in a prepositional phrase headed by one of ``preps``."""
    node = token
    for _ in range(4):
        if is_root(node) or node.head.i not in within:
            return False
        node = node.head
        if node.dep_ == "prep":
            return node.lower_ in preps
    return False


def subjects_of(d: EventDoc, verb: Token) -> list[Token]:
    node = verb
    for _ in range(3):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            out: list[Token] = []
            for subject in subjects:
                out.append(subject)
                out += list(subject.conjuncts)
            return out
        if node.dep_ in ("xcomp", "advcl", "conj", "acl") and not is_root(node):
            node = node.head
        else:
            break
    return []


def holder_of(d: EventDoc, reading: Reading, type_: str) -> Token | None:
    """The verb whose subject takes part in the event: the trigger if a verb; the
    verb of which it is the object ("held talks", "agreed to an exchange"); for a
    meeting, the verb of the clause it happens in ("berated him in a meeting")."""
    trigger = reading.trigger
    verbs = d.lex.q("participation_verbs")
    if trigger.pos_ in ("VERB", "AUX"):
        return trigger
    head = trigger.head
    if trigger.dep_ in ("dobj", "nsubjpass") and lemma_of(head) in verbs:
        return head
    if trigger.dep_ == "pobj" and head.dep_ == "prep":
        verb = head.head
        if lemma_of(verb) in verbs and verb.pos_ in ("VERB", "AUX"):
            return verb
        if type_ == "meeting" and head.lower_ in ("in", "at", "during") and verb.pos_ == "VERB":
            return verb
    return None


def read_participants(d: EventDoc, reading: Reading, type_: str) -> tuple[list[str], list[str]]:
    """Canonical names of the participants, and those named in the trigger's own
    phrase."""
    trigger = reading.trigger
    is_verb = trigger.pos_ in ("VERB", "AUX")
    phrase = [] if is_verb else names_in(d, reading.own, {trigger.i})
    names = list(phrase)
    holder = holder_of(d, reading, type_)
    if holder is not None and not negated(holder):
        for subject in subjects_of(d, holder):
            if (subject.i in reading.own_ids and not is_verb) or subject.i in reading.triggers:
                continue
            tokens = [t for t in subject.subtree if t.i not in reading.own_ids or is_verb]
            found = names_in(d, tokens)
            if not found and subject.pos_ == "PRON":
                name = d.cast.pronoun(subject)
                found = [name] if name else []
            names += found
        for child in holder.children:
            if child.i == trigger.i:
                continue
            if child.dep_ in ("dobj", "dative", "agent") or (
                child.dep_ == "prep" and child.lower_ in ("with", "between", "by", "alongside")
            ):
                names += names_in(d, list(child.subtree))
        if is_verb and not names and type_ == "meeting":
            names += names_around(d, trigger)
    unique = [n for n in dict.fromkeys(names) if n not in d.lex.not_participants]
    if is_verb:
        # A verb's subject and objects are its own phrase ("Kuleba and Lavrov met").
        phrase = unique
    return unique, [n for n in dict.fromkeys(phrase) if n not in d.lex.not_participants]


def names_around(d: EventDoc, verb: Token) -> list[str]:
    """Actors on either side of a verb the parser left without arguments
    ("Trump hosted Zelensky in Washington" read as a noun phrase)."""
    doc = verb.doc
    names = []
    left = d.mention_at.get(verb.i - 1)
    if left is not None:
        names.append(left.name)
    i = verb.i + 1
    while i < verb.sent.end and i < verb.i + 8 and not doc[i].is_punct and doc[i].pos_ != "VERB":
        if doc[i].pos_ == "ADP" and doc[i].lower_ in NOT_PARTICIPANT_PREPS:
            # "met in Muscat": a place from here on, not someone met.
            break
        mention = d.mention_at.get(i)
        if mention is not None and mention.name not in names:
            names.append(mention.name)
        i += 1
    return names


def count_leaders(d: EventDoc, names: list[str]) -> int:
    return sum(1 for n in names if d.is_leader(n))


def has_delegation_words(d: EventDoc, tokens: list[Token]) -> bool:
    """Words of delegations, leaving out the titles of people named ("Israeli
    Prime Minister Naftali Bennett" is a head of government, not a minister)."""
    for token in tokens:
        if not (forms_of(token) & d.lex.delegation_words):
            continue
        if token.i in d.mention_at or (
            token.dep_ in ("compound", "amod", "nmod") and d.cast.person_at(token.head.i)
        ):
            continue
        if (
            token.dep_ in ("compound", "amod", "nmod")
            and token.head.dep_ in ("compound",)
            and d.cast.person_at(token.head.head.i)
        ):
            continue
        return True
    return False


def meeting_type(d: EventDoc, reading: Reading, participants: list[str]) -> str:
    """A meeting of heads of state is a summit; any other, a round of talks."""
    if has_delegation_words(d, reading.own):
        return "talks"
    if words_of(reading.own) & d.lex.summit_words:
        return "summit"
    leaders = count_leaders(d, participants)
    persons = [n for n in participants if d.cast.is_person(n)]
    if leaders >= 2 or (
        leaders >= 1 and len(persons) == leaders and len(participants) == len(persons)
    ):
        # Heads of state only ("the first Western leader to meet the Russian
        # president"): a summit.
        return "summit"
    if (
        leaders == 1
        and len(participants) >= 2
        and (lemma_of(reading.trigger) in ("visit", "host") or len(persons) == 1)
    ):
        # "Macron visited the Kremlin", "a meeting of Erdogan and Ukraine".
        return "summit"
    return "talks"


def shape_participants(d: EventDoc, type_: str, names: list[str], reading: Reading) -> list[str]:
    """The participants a type is told about: parties for talks and exchanges
    (with the people named), people for calls, summits and briefings, the side
    that acts for a military action."""
    if type_ in PERSONAL_TYPES:
        persons = [n for n in names if d.cast.is_person(n)]
        if type_ == "call" and len(persons) < 2:
            persons += [p for p in ancestor_persons(d, reading.anchor) if p not in persons]
        if type_ == "press_conference":
            speakers = speakers_of(d, reading.anchor)
            persons = speakers + [p for p in persons if p not in speakers]
            return persons[:2]
        return persons or names
    if type_ == "military_action":
        parties: list[str] = []
        for name in aggressors(d, reading):
            party = d.cast.party_of(name) if d.cast.is_person(name) else name
            if party and party not in parties and d.cast.is_party(party):
                parties.append(party)
        return parties[:1]
    parties = []
    for name in names:
        party = d.cast.party_of(name) if d.cast.is_person(name) else name
        if party and party not in parties:
            parties.append(party)
    return parties + [n for n in names if d.cast.is_person(n) and n not in parties]


def speakers_of(d: EventDoc, anchor: Token) -> list[str]:
    """The people the subject of the anchor names ("Sybiha said during a press
    conference"), pronouns resolved."""
    found: list[str] = []
    for subject in subjects_of(d, anchor):
        names = [m.name for m in d.mentions_in(subject.subtree) if m.kind == "person"]
        if not names and subject.pos_ == "PRON":
            name = d.cast.pronoun(subject)
            names = [name] if name else []
        found += [n for n in names if n not in found]
    if not found and lemma_of(anchor) in d.speech:
        # '"...," he said this Wednesday Kremlin spokesman Dmitry Peskov'.
        for child in anchor.children:
            if child.dep_ in ("dobj", "npadvmod", "attr", "appos", "dep") and child.i > anchor.i:
                found += [m.name for m in d.mentions_in(child.subtree) if m.kind == "person"]
    if not found:
        speaker = d.cast.quoted_person_in(anchor.sent)
        if speaker is not None:
            return [speaker]
    return found


def ancestor_persons(d: EventDoc, anchor: Token) -> list[str]:
    """People who are the subject of the clause above ("Putin acknowledged ...
    in a telephone conversation with Macron" makes Putin a party to the call)."""
    node = anchor
    for _ in range(3):
        for subject in subjects_of(d, node):
            found = [m.name for m in d.mentions_in(subject.subtree) if m.kind == "person"]
            if not found and subject.pos_ == "PRON":
                name = d.cast.pronoun(subject)
                found = [name] if name else []
            if found:
                return found
        if is_root(node):
            break
        node = node.head
    return []


def aggressors(d: EventDoc, reading: Reading) -> list[str]:
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
        for subject in subjects_of(d, holder):
            tokens += list(subject.subtree)
    names = [m.name for m in d.mentions_in(tokens)]
    names += [
        p for p in (d.cast.party_of_word(t.text) for t in tokens if t.i not in d.mention_at) if p
    ]
    return names
