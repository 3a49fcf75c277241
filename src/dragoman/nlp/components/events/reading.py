"""Reading one mention: the trigger's anchor and own phrase, then its type, status,
day, place and participants, into a :class:`Candidate`."""

from __future__ import annotations

from spacy.tokens import Token

from dragoman.nlp.components.events.document import Candidate, EventDoc, Reading
from dragoman.nlp.components.events.lexicon import (
    CLASS,
    PERSONAL_TYPES,
    is_root,
    lemma_of,
)
from dragoman.nlp.components.events.participants import (
    count_leaders,
    has_delegation_words,
    meeting_type,
    read_participants,
    shape_participants,
)
from dragoman.nlp.components.events.status import modifiers_of, read_status
from dragoman.nlp.components.events.when_where import (
    DATED_BY_STATEMENT,
    read_date,
    read_place,
    reported_day,
)


def read_mention(
    d: EventDoc, trigger: Token, type_: str, trigger_ids: set[int]
) -> Candidate | None:
    reading = Reading(trigger, anchor_of(trigger), [], set(), frozenset(trigger_ids))
    reading.own = own_tokens(trigger, trigger_ids)
    reading.own_ids = {t.i for t in reading.own}
    quoted = d.in_quotes(trigger.idx)
    if (
        type_ == "meeting"
        and trigger.pos_ == "VERB"
        and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("i", "we") for c in trigger.children
        )
    ):
        # "When we met in Kyiv": the reporter's interview, not an event of the talks.
        return None
    participants, phrase = read_participants(d, reading, type_)
    if type_ == "meeting" and lemma_of(trigger) == "visit" and len(participants) < 2:
        # "The president visited the town of Orlith": a journey, with no one met.
        return None
    if type_ == "meeting":
        type_ = meeting_type(d, reading, participants)
    elif (
        type_ == "talks"
        and count_leaders(d, phrase) >= 2
        and not has_delegation_words(d, reading.own)
    ):
        # "Macron's talks with Scholz", "talks between Erdogan and Putin".
        type_ = "summit"
    status, strength = read_status(d, reading, type_)
    if type_ == "military_action" and CLASS[status] == "future":
        return None
    date, period = read_date(d, reading, status, type_, strength)
    if (
        date is None
        and period is None
        and status == "occurred"
        and type_ in DATED_BY_STATEMENT
        and not is_ordinal(d, trigger)
    ):
        date = reported_day(d, reading)
    place = read_place(d, reading, type_)
    participants = shape_participants(d, type_, participants, reading)
    if type_ in ("military_action", "press_conference") and not participants:
        return None
    if type_ == "military_action":
        # Background of a war ("the 2022 invasion") is one event, not one a year.
        period = None
    distinct = CLASS[status] == "past" and (period is not None or is_ordinal(d, trigger))
    own_people = bool(phrase) or (type_ in PERSONAL_TYPES and bool(participants))
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
        persons_named=any(d.cast.is_person(p) for p in phrase),
    )


def is_ordinal(d: EventDoc, trigger: Token) -> bool:
    """ "the second round", "previous negotiations": a mention of one in a series.
    Not "the first talks in two weeks" or "the first talks since the invasion",
    which say how long the series was broken."""
    if lemma_of(trigger) == "round" and trigger.tag_ == "NNS":
        # "the face-to-face rounds in Belarus": a series, not the round at hand.
        return True
    if not (modifiers_of(d, trigger) & d.lex.q("distinct_markers")):
        return False
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in ("since", "in"):
            if child.lower_ == "since":
                return False
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects and lemma_of(objects[0]) in ("day", "week", "month", "year", "decade"):
                return False
    return True


def own_tokens(trigger: Token, trigger_ids: set[int]) -> list[Token]:
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


def anchor_of(token: Token) -> Token:
    """The verb that governs a noun trigger (a verb trigger is its own)."""
    if token.pos_ in ("VERB", "AUX"):
        return token
    node = token
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") and node.dep_ != "amod":
            return node
        if is_root(node):
            return node
        node = node.head
    return node
