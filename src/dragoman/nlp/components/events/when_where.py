"""Day and place: a time expression attached to the trigger or its anchor gives the
day (re-resolved towards the future for plans); an "in/at" phrase or a compound
("the Istanbul talks") gives the place."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Token

from dragoman.nlp.components.events.document import EventDoc, Reading
from dragoman.nlp.components.events.lexicon import (
    CLASS,
    DATELINE,
    DATELINE_END,
    is_root,
    lemma_of,
    of_nouns,
    same_token,
)
from dragoman.nlp.extensions import TimeExpression, text_of
from dragoman.nlp.timeexpr import resolve


def time_roots(d: EventDoc, doc: Doc) -> list[tuple[TimeExpression, Token]]:
    """Each time expression with the token that heads it, leaving out datelines
    ("KYIV, June 3 (Reuters) -"), which date the report, not its events."""
    found = []
    text = text_of(doc)  # built from the tokens on every access: once
    for time in doc._.times or []:
        if DATELINE.match(text, line_start(text, time.start), time.start) and (
            DATELINE_END.match(text, time.end)
        ):
            continue
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is not None and len(span):
            found.append((time, span.root))
    return found


def is_reference_point(trigger: Token) -> bool:
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


def line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def attached_to(root: Token, verb: Token) -> bool:
    """A time expression modifies ``verb`` directly ("met on Tuesday", "ended
    Wednesday"), not through a noun of its own ("since the 2022 invasion")."""
    head = root.head
    if same_token(head, verb) and root.dep_ == "prep":
        # The expression holds its preposition: "on Tuesday".
        return root.lower_ not in ("since", "until", "before", "after")
    if same_token(head, verb) and root.dep_ in (
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
        and same_token(head.head, verb)
        and head.lower_ not in ("since", "until", "before", "after")
    )


def _date_verbs(trigger: Token, anchor: Token) -> list[Token]:
    """Verbs this mention's day may hang on, nearest first: the anchor, and the
    verb of which it states the purpose ("flew to Ankara on 2 May to meet the
    envoys", "sat face to face on 23 January to hold talks")."""
    if is_reference_point(trigger):
        # "shelled the city on Monday, ahead of the talks": the talks are the
        # reference, not the event of that day.
        return []
    verbs = [anchor]
    if anchor.dep_ in ("xcomp", "advcl") and (
        any(c.dep_ == "aux" and c.lower_ == "to" for c in anchor.children) or anchor.tag_ == "VBG"
    ):
        # Also "was held on 4 February, reaching an agreement on ...".
        verbs.append(anchor.head)
    return verbs


def _since_or_until(root: Token) -> bool:
    return (root.head.dep_ == "prep" and root.head.lower_ in ("since", "until")) or (
        root.lower_ in ("since", "until")
    )


def _own_times(d: EventDoc, reading: Reading) -> list[tuple[int, int, TimeExpression]]:
    """The time expressions of the trigger's sentence that date it: in its own
    phrase or a relative clause on it (rank 0), or attached to a verb it hangs on
    (the verb's rank), each with its distance from the trigger."""
    trigger = reading.trigger
    sent = trigger.sent
    in_quotes = d.in_quotes(trigger.idx)
    verbs = _date_verbs(trigger, reading.anchor)
    # "the rounds in Minsk, the latest of which ended last month".
    clause_ids = {
        t.i for n in of_nouns(trigger) for c in n.children if c.dep_ == "relcl" for t in c.subtree
    }
    found: list[tuple[int, int, TimeExpression]] = []
    for time, root in d.time_roots:
        if (
            not (sent.start_char <= time.start < sent.end_char)
            or d.in_quotes(time.start) != in_quotes
        ):
            continue
        if _since_or_until(root):
            continue
        if (root.i in reading.own_ids or root.i in clause_ids) and not same_token(root, trigger):
            found.append((0, abs(root.i - trigger.i), time))
            continue
        for rank, verb in enumerate(verbs):
            if attached_to(root, verb):
                found.append((rank, abs(root.i - trigger.i), time))
                break
    return found


def _statement_times(d: EventDoc, reading: Reading) -> list[tuple[int, int, TimeExpression]]:
    """ "Putin acknowledged on Tuesday that ..., in a telephone conversation": the day
    of the statement the call carries."""
    trigger = reading.trigger
    sent = trigger.sent
    found: list[tuple[int, int, TimeExpression]] = []
    node = reading.anchor
    for _ in range(2):
        if is_root(node) or node.dep_ not in ("ccomp", "conj"):
            break
        node = node.head
        if lemma_of(node) not in d.speech:
            break
        found += [
            (2, abs(root.i - trigger.i), time)
            for time, root in d.time_roots
            if sent.start_char <= time.start < sent.end_char
            and not d.in_quotes(time.start)
            and attached_to(root, node)
        ]
        if found:
            break
    return found


def read_date(
    d: EventDoc, reading: Reading, status: str, type_: str, strength: int = 2
) -> tuple[dt.date | None, str | None]:
    """The day of a mention, or else the vaguer time it gives ("last year")."""
    found = _own_times(d, reading)
    if not found and type_ in ("call", "press_conference") and CLASS[status] == "past":
        found = _statement_times(d, reading)
    if not found:
        return None, None
    found.sort(key=lambda item: (item[0], item[2].date is None, item[1]))
    time = found[0][2]
    if CLASS[status] == "future" and strength > 0:
        date = resolve(time.text, d.published, prefer="future").date
        if date is not None and d.published is not None and date < d.published:
            date = None
    else:
        date = time.date
        if date is not None and d.published is not None and date > d.published:
            date = None
    if date is None:
        return None, time.text.lower()
    return date, None


def _place_heads(reading: Reading) -> list[Token]:
    """The words whose "in"/"at" phrases may give the place."""
    trigger, anchor = reading.trigger, reading.anchor
    heads: list[Token] = [trigger, anchor]
    if trigger.pos_ in ("VERB", "AUX"):
        # "hosted a further session of talks in Jeddah".
        heads += [c for c in trigger.children if c.dep_ == "dobj"]
    # "held at the Ciragan palace": an in/at phrase one step into the phrase.
    heads += [
        c for c in trigger.children if c.dep_ in ("acl", "relcl", "prep") and c.i in reading.own_ids
    ]
    # "talks between the delegations in Istanbul", "rounds of talks in Belarus".
    heads += [
        g
        for c in trigger.children
        if c.dep_ == "prep" and c.lower_ in ("between", "of")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return heads


def _objects_of(prep: Token) -> list[Token]:
    return [o for o in prep.children if o.dep_ == "pobj"]


def _place_candidates(d: EventDoc, reading: Reading) -> list[Token]:
    """The words that may name the place, best first."""
    trigger, anchor = reading.trigger, reading.anchor
    blocked = d.lex.q("not_place_heads")
    heads = _place_heads(reading)
    candidates: list[Token] = []
    # "in" names a city or a country, "at" a venue: cities first.
    for word in ("in", "at"):
        for head in heads:
            if lemma_of(head) in blocked:
                continue
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ == word:
                    candidates += _objects_of(prep)
            if head.dep_ == "prep" and head.lower_ == word:
                candidates += _objects_of(head)
    # "flew to Ankara to meet Erdogan", "will go back to Riyadh for more talks";
    # not "after the meeting drove on to Warsaw".
    errand = trigger.dep_ in ("xcomp", "advcl") or (
        trigger.dep_ == "pobj" and trigger.head.lower_ == "for"
    )
    for verb in (anchor, anchor.head) if errand else ():
        if lemma_of(verb) in d.lex.q("motion_verbs"):
            for prep in verb.children:
                if prep.dep_ == "prep" and prep.lower_ == "to":
                    candidates += _objects_of(prep)
    if lemma_of(trigger) in ("visit", "host") and trigger.pos_ == "VERB":
        key = "dobj" if lemma_of(trigger) == "visit" else "nsubj"
        candidates += [c for c in trigger.children if c.dep_ == key]
    return candidates


def read_place(d: EventDoc, reading: Reading, type_: str) -> str | None:
    """The place of a mention: an "in"/"at" phrase, the destination of a journey
    made for it, or a compound ("the Istanbul talks")."""
    if type_ == "military_action":
        return None
    for token in _place_candidates(d, reading):
        place = place_name(d, token)
        if place:
            return place
    # "the Istanbul talks", "the Geneva negotiations".
    for child in reading.trigger.children:
        if child.dep_ == "compound":
            text = child.text
            if text.lower() in d.places or child.ent_type_ == "GPE":
                return place_name(d, child)
    return None


def place_name(d: EventDoc, token: Token) -> str | None:
    """The canonical name of the place a token names: a gazetteer place, a
    state (by its capital or seat), or a place entity; "Switzerland's
    Burgenstock resort" gives Switzerland, "the Ciragan palace in Istanbul"
    gives Istanbul."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.i != token.i:
                    inner = place_name(d, obj)
                    if inner:
                        return inner
    mention = d.mention_at.get(token.i)
    if mention is not None and mention.kind == "party" and token.text.lower() not in d.places:
        # "in the Kremlin", "at the White House": the state whose seat it is.
        return mention.name
    doc = token.doc
    for candidate in [token] + [c for c in token.children if c.dep_ in ("poss", "compound")]:
        words = [c for c in candidate.lefts if c.dep_ == "compound"] + [candidate]
        text = " ".join(t.text for t in words)
        for form in (text, candidate.text):
            if form.lower() in d.places:
                return d.gazetteer.canonical_place(
                    d.places[form.lower()] if form not in d.gazetteer.places else form
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
            entry = d.gazetteer.lookup(name)
            if entry is not None and entry.kind == "party":
                return entry.name
            return d.gazetteer.canonical_place(name)
    return None


def country_of(d: EventDoc, place: str | None) -> str | None:
    """The country a place lies in (Istanbul -> Turkey); a country is its own."""
    if not place:
        return None
    country = d.gazetteer.country_of_place(place)
    if country is not None:
        return country
    entry = d.gazetteer.lookup(place)
    return entry.name if entry is not None and entry.kind == "party" else None
