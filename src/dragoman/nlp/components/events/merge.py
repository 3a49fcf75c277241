"""Merging: a report names one event several times ("talks in Istanbul" ... "the
talks"); mentions of one type merge when their days, places and tense agree. A mention
set apart ("the first round", "in February 2022") joins only an event it shares a day,
a period or a place with, and a mention that says nothing of its own only ever joins
an event found elsewhere."""

from __future__ import annotations

from collections import Counter

from dragoman.models import Event
from dragoman.nlp.components.events.document import Candidate, EventDoc
from dragoman.nlp.components.events.lexicon import (
    PERSONAL_TYPES,
    STATUS_RANK,
)
from dragoman.nlp.components.events.when_where import country_of
from dragoman.nlp.extensions import Mention, words_of


def main_parties(d: EventDoc) -> list[str]:
    """The two parties the report speaks of most: the sides of talks and
    exchanges whose parties the sentence leaves to the reader ("the two sides").
    Only parties the report names; none when it names none."""
    counts: Counter[str] = Counter(
        m.name
        for m in d.mentions
        if m.kind == "party" and m.name not in d.lex.not_participants and not is_place(d, m)
    )
    for mention in d.mentions:
        party = d.cast.party_of(mention.name) if mention.kind == "person" else None
        if party:
            counts[party] += 1
    # Nationality words count too: "Ukrainian officials", "the Russian side".
    words = words_of(d.doc)
    for i, pos in enumerate(words.pos):
        if i not in d.mention_at and pos in ("ADJ", "PROPN"):
            party = d.gazetteer.party_of_adjective(words.text[i])
            if party:
                counts[party] += 1
    # A report that names no party gives no sides: nothing is assumed.
    return [name for name, _ in counts.most_common(2)]


def is_place(d: EventDoc, mention: Mention) -> bool:
    """A town named as a place ("met in Muscat", "flew to Geneva"), not as the state
    it stands for ("Tehran insisted")."""
    root = d.doc[mention.token_start : mention.token_end].root
    return (
        root.dep_ == "pobj"
        and root.head.lower_ in ("in", "at", "to", "from", "near")
        and d.atlas.is_town(d.doc[mention.token_start : mention.token_end].text)
    )


def main_leaders(d: EventDoc, parties: list[str]) -> list[str]:
    """The first-named head of state of each main party."""
    leaders: list[str] = []
    for mention in d.mentions:
        party = d.cast.party_of(mention.name)
        if (
            mention.kind == "person"
            and party in parties
            and d.is_leader(mention.name)
            and not any(d.cast.party_of(x) == party for x in leaders)
        ):
            leaders.append(mention.name)
    return leaders


def known_place(d: EventDoc, name: str) -> bool:
    if name in d.gazetteer.places or name.lower() in d.places:
        return True
    if d.atlas.place_named(name) is not None:
        return True
    entry = d.gazetteer.entries.get(name)
    return entry is not None and entry.kind == "party"


def places_agree(d: EventDoc, a: str | None, b: str | None) -> bool:
    """Two places can be one event's: the same, a town and its country, or one a
    venue no file knows ("the Ciragan palace"), which may lie in the town named
    elsewhere. Two towns, or two countries, are two places."""
    if a is None or b is None or a == b:
        return True
    if not (known_place(d, a) and known_place(d, b)):
        return True
    return country_of(d, a) == b or country_of(d, b) == a


def when_of(event: Candidate) -> str | None:
    return event.date.isoformat() if event.date else event.period


def _times_agree(event: Candidate, candidate: Candidate) -> bool:
    if event.klass != candidate.klass and (
        candidate.status_strength > 0 or event.status == "cancelled"
    ):
        # A status that is only a guess does not keep two mentions apart.
        return False
    if event.date and candidate.date and event.date != candidate.date:
        return False
    if event.klass == "past":
        a, b = when_of(event), when_of(candidate)
        if a and b and a != b:
            return False
    return True


def _participants_agree(d: EventDoc, event: Candidate, candidate: Candidate) -> bool:
    if event.type in PERSONAL_TYPES:
        x = {p for p in event.participants if d.cast.is_person(p)}
        y = {p for p in candidate.participants if d.cast.is_person(p)}
        if x and y and not (x & y):
            # Peskov's briefing and Leavitt's are two.
            return False
        if event.persons_named and candidate.persons_named and x and y and not (x <= y or y <= x):
            return False
    if event.type == "military_action" and event.participants[:1] != candidate.participants[:1]:
        return False
    if event.type in ("talks", "prisoner_exchange"):
        x = {p for p in event.participants if d.cast.is_party(p)}
        y = {p for p in candidate.participants if d.cast.is_party(p)}
        if len(x) >= 2 and len(y) >= 2 and not (x <= y or y <= x):
            # Talks of US and Russian officials are not the talks of Russia and
            # Ukraine.
            return False
    return True


def compatible(d: EventDoc, event: Candidate, candidate: Candidate) -> bool:
    """Whether a mention may be one more of an event found before."""
    if event.type != candidate.type or not _times_agree(event, candidate):
        return False
    if not places_agree(d, event.place, candidate.place):
        return False
    if not _participants_agree(d, event, candidate):
        return False
    if event.distinct or candidate.distinct:
        # "the first round" joins only what it shares a day, period or place with.
        return shares(d, event, candidate)
    if event.type == "agreement" and event.specific and candidate.specific:
        return shares(d, event, candidate)
    if event.type == "summit" and event.specific and candidate.specific:
        # Summits are few and far between: two told apart are two.
        x = {p for p in event.participants if d.cast.is_person(p)}
        y = {p for p in candidate.participants if d.cast.is_person(p)}
        return shares(d, event, candidate) or bool(x and y and (x <= y or y <= x))
    return True


def shares(d: EventDoc, event: Candidate, candidate: Candidate) -> bool:
    when_a, when_b = when_of(event), when_of(candidate)
    if when_a and when_a == when_b:
        return True
    return bool(event.place and candidate.place and places_agree(d, event.place, candidate.place))


def absorb(d: EventDoc, event: Candidate, candidate: Candidate) -> None:
    event.date = event.date or candidate.date
    event.period = event.period or candidate.period
    if candidate.place and (
        event.place is None
        or country_of(d, candidate.place) == event.place
        or (known_place(d, candidate.place) and not known_place(d, event.place))
    ):
        # The most precise place the gazetteer knows: the city over its country,
        # a known city over an unknown venue.
        event.place = candidate.place
    mine = len(event.participants) + int(event.persons_named)
    theirs = len(candidate.participants) + int(candidate.persons_named)
    if theirs > mine:
        event.participants = list(candidate.participants)
        event.persons_named = candidate.persons_named
    if _over(d, event, candidate):
        event.status = candidate.status
        event.status_strength = candidate.status_strength
    event.distinct = event.distinct or candidate.distinct
    event.specific = event.specific or candidate.specific
    event.mentions += 1
    event.confidence = round(min(0.95, max(event.confidence, candidate.confidence) + 0.05), 2)


def _over(d: EventDoc, event: Candidate, candidate: Candidate) -> bool:
    """Whether the candidate's status wins: the stronger evidence, then the status
    further on. A round dated before the report's day that one mention says took place
    took place, however another speaks of the talks going on ("negotiations are
    yielding progress" against "the talks on Friday were constructive")."""
    pair = {event.status, candidate.status}
    day = event.date or candidate.date
    if pair == {"occurred", "ongoing"} and day and d.published and day < d.published:
        return candidate.status == "occurred"
    return (candidate.status_strength, STATUS_RANK[candidate.status]) > (
        event.status_strength,
        STATUS_RANK[event.status],
    )


def merge(d: EventDoc, candidates: list[Candidate]) -> list[Event]:
    events: list[Candidate] = []

    def recency(e: Candidate, at: int) -> int:
        return max((o for o in seen.get(id(e), [e.start]) if o <= at), default=-1)

    seen: dict[int, list[int]] = {}

    def best(candidate: Candidate) -> Candidate | None:
        options = [e for e in events if compatible(d, e, candidate)]
        if not options:
            return None
        at = candidate.start
        sharing = [e for e in options if shares(d, e, candidate)]
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
                if e.type == candidate.type and e.klass == candidate.klass and recency(e, at) >= 0
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
            absorb(d, target, candidate)
            add(target, candidate)
    for candidate in weak:
        target = best(candidate)
        if target is not None:
            absorb(d, target, candidate)
            add(target, candidate)
        elif stands_alone(candidate, events):
            events.append(candidate)
            seen[id(candidate)] = [candidate.start]
    return to_events(d, events)


def stands_alone(candidate: Candidate, events: list[Candidate]) -> bool:
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


def to_events(d: EventDoc, merged: list[Candidate]) -> list[Event]:
    parties = main_parties(
        d,
    )
    out: list[Event] = []
    leaders: list[str] | None = None
    for event in sorted(merged, key=lambda e: e.start):
        participants = list(event.participants)
        if event.type in ("talks", "prisoner_exchange", "agreement"):
            # "The two sides held talks": the sides of the negotiation, unless
            # the sentence names someone else ("talks with Scholz in Berlin").
            named = [p for p in participants if d.cast.is_party(p)]
            if not named or (len(named) == 1 and named[0] in parties and event.type != "agreement"):
                for party in parties:
                    if party not in participants:
                        participants.insert(len(named), party)
                        named.append(party)
        if event.type == "summit" and not any(d.cast.is_person(p) for p in participants):
            if leaders is None:
                # Once per report, not once per summit.
                leaders = main_leaders(d, parties)
            participants = leaders + participants
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
                country=country_of(d, event.place),
            )
        )
    return out
