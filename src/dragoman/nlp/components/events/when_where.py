"""Day and place: a time expression attached to the trigger or its anchor gives the
day (re-resolved towards the future for plans); an "in/at" phrase or a compound
("the Istanbul talks") gives the place."""

from __future__ import annotations

import datetime as dt
import re

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
    text = d.text or text_of(doc)
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


def _since(root: Token) -> bool:
    return root.lower_ == "since" or (root.head.dep_ == "prep" and root.head.lower_ == "since")


def _own_times(
    d: EventDoc, reading: Reading, ongoing: bool = False
) -> list[tuple[int, int, TimeExpression]]:
    """The time expressions of the trigger's sentence that date it: in its own
    phrase or a relative clause on it (rank 0), or attached to a verb it hangs on
    (the verb's rank), each with its distance from the trigger. "Since" and "until"
    bound a stretch of time rather than date the event, except the "since" of one
    still going on, which is the day it began ("talks under way since Monday")."""
    trigger = reading.trigger
    sent = trigger.sent
    in_quotes = d.in_quotes(trigger.idx)
    verbs = _date_verbs(trigger, reading.anchor)
    # "the rounds in Minsk, the latest of which ended last month".
    clause_ids = {
        t.i for n in of_nouns(trigger) for c in n.children if c.dep_ == "relcl" for t in c.subtree
    }
    found: list[tuple[int, int, TimeExpression]] = []
    for time, root in d.times_of(sent):
        if d.in_quotes(time.start) != in_quotes:
            continue
        if _since_or_until(root) and not (ongoing and _since(root)):
            continue
        if (root.i in reading.own_ids or root.i in clause_ids) and not same_token(root, trigger):
            found.append((0, abs(root.i - trigger.i), time))
            continue
        for rank, verb in enumerate(verbs):
            if attached_to(root, verb) or (_since(root) and _since_of(root, verb)):
                found.append((rank, abs(root.i - trigger.i), time))
                break
    return found


def _since_of(root: Token, verb: Token) -> bool:
    """ "under way since Monday": the "since" hangs on the verb itself."""
    head = root if root.lower_ == "since" else root.head
    return same_token(head.head, verb)


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
            for time, root in d.times_of(sent)
            if not d.in_quotes(time.start) and attached_to(root, node)
        ]
        if found:
            break
    return found


def read_date(
    d: EventDoc, reading: Reading, status: str, type_: str, strength: int = 2
) -> tuple[dt.date | None, str | None]:
    """The day of a mention, or else the vaguer time it gives ("last year").

    In turn: a time expression of the mention's own phrase or attached to its verb;
    one elsewhere in its clause ("ended earlier than planned on Wednesday", "three
    rounds, ending on 7 March"); for what happened, the day of the statement that
    tells of it ("Trump said on Monday that the two had agreed"), and for a briefing,
    the day of the words it carries."""
    found = _own_times(d, reading, status == "ongoing") or _clause_times(d, reading)
    past = CLASS[status] == "past"
    if not found and status == "occurred" and type_ in DATED_BY_STATEMENT:
        found = _statement_times(d, reading)
    if not found:
        if past and type_ == "press_conference":
            return _quote_day(d, reading), None
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
            # "On 10 March" in a story of an earlier year: the year the report was
            # last telling of, else no day.
            date = in_narrated_year(d, time)
    if date is None:
        return None, time.text.lower()
    return date, None


#: Events that happen on the day of the words that tell of them (a call, a briefing,
#: an agreement announced, a night's strikes); not talks or summits, which a statement
#: usually looks back on.
DATED_BY_STATEMENT = frozenset(
    {"call", "press_conference", "agreement", "military_action", "prisoner_exchange"}
)

#: A year written out ("in February 2022", "the 2019 summit").
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
#: How far back a written year still sets the year of a bare day ("On 10 March").
_NARRATED_REACH = 1500


def in_narrated_year(d: EventDoc, time: TimeExpression) -> dt.date | None:
    """The day a bare day and month names in the year the report last wrote out
    before it, when that puts it before the report's day: a report telling the story
    of 2022 ("talks began in February 2022 ... On 10 March, the ministers met")."""
    if d.published is None:
        return None
    text = d.text
    years = _YEAR.findall(text, max(0, time.start - _NARRATED_REACH), time.start)
    if not years or _YEAR.search(time.text):
        return None
    year = int(years[-1])
    if year >= d.published.year:
        return None
    date = resolve(time.text, dt.date(year, 12, 31), prefer="past").date
    if date is None or date.year != year:
        return None
    return date


def _quote_day(d: EventDoc, reading: Reading) -> dt.date | None:
    """The day of the words a briefing carries: the quote of its sentence, when the
    quote has a day."""
    sent = reading.trigger.sent
    for quote in d.quotes_of(sent):
        if quote.date is not None and (
            sent.start_char <= quote.start < sent.end_char
            or quote.start <= sent.start_char < quote.end
        ):
            date: dt.date = quote.date
            return date
    return None


def reported_day(d: EventDoc, reading: Reading) -> dt.date | None:
    """The day of the statement whose reported words tell of the event ("Witkoff said
    the delegations had agreed to an exchange"): the day of the quote that holds the
    trigger, when it is not in quotation marks and the quote has a day; else, for a
    clause a verb of speech reports with no time of its own ("posted a message
    announcing that the two had agreed"), the day of the report (the rule of
    :mod:`dragoman.nlp.dating` for words the text does not place)."""
    at = reading.trigger.idx
    if d.in_quotes(at) or placed_otherwise(reading):
        return None
    for quote in d.quotes_of(reading.trigger.sent):
        if quote.kind == "indirect" and quote.date is not None and quote.start <= at < quote.end:
            date: dt.date = quote.date
            return date
    if _speech_above(d, reading.anchor) and not times_in_sentence(d, reading.trigger):
        return d.published
    return None


#: Nouns of time: "on the same day", "that night", "in the first week" place an event
#: at a time of its own, which the report's day must not replace.
_TIME_NOUNS = frozenset(
    {"day", "night", "morning", "evening", "afternoon", "week", "weekend", "month", "year", "eve"}
)


def placed_otherwise(reading: Reading) -> bool:
    """The mention's verb or phrase carries a time phrase that names no calendar day
    ("launched a strike on the same day talks began")."""
    for head in (reading.anchor, reading.trigger):
        for prep in head.children:
            if prep.dep_ == "prep" and any(
                lemma_of(o) in _TIME_NOUNS for o in prep.children if o.dep_ == "pobj"
            ):
                return True
            if prep.dep_ == "npadvmod" and lemma_of(prep) in _TIME_NOUNS:
                return True
    return False


def _speech_above(d: EventDoc, anchor: Token) -> bool:
    """The anchor is the content clause of a verb of speech ("said that ...",
    "announcing that ..."), not an adverbial clause beside it ("pledged weapons after
    Russia intensified attacks")."""
    node = anchor
    if node.dep_ == "conj" and not is_root(node):
        node = node.head
    if is_root(node) or node.dep_ != "ccomp":
        return False
    return lemma_of(node.head) in d.speech


def times_in_sentence(d: EventDoc, token: Token) -> bool:
    sent = token.sent
    return bool(d.times_of(sent))


#: How an event noun is the verb's own: its subject or object.
_ARGS = ("nsubj", "nsubjpass", "dobj", "attr")

#: Clauses of their own: a time expression in one dates something else.
_OTHER_CLAUSE = ("ccomp", "parataxis", "conj", "relcl", "csubj")


def _clause_times(d: EventDoc, reading: Reading) -> list[tuple[int, int, TimeExpression]]:
    """Time expressions of the mention's clause that the parse hangs on a word below
    its verb ("ended earlier than scheduled on Wednesday", "held three rounds,
    ending on 7 March"), not inside a clause of their own or another event's phrase."""
    trigger, anchor = reading.trigger, reading.anchor
    if is_reference_point(trigger) or not (
        same_token(trigger, anchor) or (same_token(trigger.head, anchor) and trigger.dep_ in _ARGS)
    ):
        # Only the verb's own event: not "ahead of the anniversary of the invasion,
        # the talks ended on Wednesday".
        return []
    sent = trigger.sent
    in_quotes = d.in_quotes(trigger.idx)
    found: list[tuple[int, int, TimeExpression]] = []
    for time, root in d.times_of(sent):
        if d.in_quotes(time.start) != in_quotes or _since_or_until(root):
            continue
        if _under(root, anchor, reading.triggers, trigger.i):
            found.append((3, abs(root.i - trigger.i), time))
    return found


def _under(root: Token, anchor: Token, triggers: frozenset[int], own: int) -> bool:
    """``root`` hangs on ``anchor`` through words that open no clause of their own
    and name no other event."""
    node = root
    for _ in range(8):
        if same_token(node, anchor):
            return True
        if is_root(node) or node.dep_ in _OTHER_CLAUSE:
            return False
        if node.i in triggers and node.i != own:
            return False
        node = node.head
    return False


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
    # "on the sidelines of the Antalya forum": the place of the occasion.
    occasions = d.lex.q("occasion_nouns")
    heads += [
        g
        for h in (trigger, anchor)
        for prep in h.children
        if prep.dep_ == "prep" and prep.lower_ in ("on", "at", "in")
        for o in _objects_of(prep)
        if lemma_of(o) in occasions or o.lower_ in occasions
        for of in o.children
        if of.dep_ == "prep" and of.lower_ == "of"
        for g in _objects_of(of)
    ]
    candidates += heads[len(_place_heads(reading)) :]
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
    return _course_place(d, reading)


def _course_place(d: EventDoc, reading: Reading) -> str | None:
    """ "Talks between the negotiators ... ended in Oman on Sunday" when the parse
    hangs the verb of the talks' course on a noun in between: the "in" phrase of such
    a verb below the mention's verb, through no clause or event of its own."""
    trigger, anchor = reading.trigger, reading.anchor
    if is_reference_point(trigger):
        return None
    verbs = d.lex.q("course_verbs")
    in_quotes = d.in_quotes(trigger.idx)
    for token in trigger.subtree:
        if not (
            token.dep_ == "prep"
            and token.lower_ == "in"
            and token.head.pos_ == "VERB"
            and lemma_of(token.head) in verbs
            and d.in_quotes(token.idx) == in_quotes
            and _under(token.head, anchor, reading.triggers, trigger.i)
        ):
            continue
        for obj in _objects_of(token):
            place = place_name(d, obj)
            if place:
                return place
    return None


def place_name(d: EventDoc, token: Token) -> str | None:
    """The canonical name of the place a token names: a gazetteer place, a
    state (by its capital or seat), or a place entity; "Switzerland's
    Burgenstock resort" gives Switzerland, "the Ciragan palace in Istanbul"
    gives Istanbul."""
    town = _town_of(d, token)
    if town:
        # "the Antalya forum in Turkey": the town over its country.
        return town
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
    for candidate in [token] + [c for c in token.children if c.dep_ in ("poss", "compound")]:
        words = [c for c in candidate.lefts if c.dep_ == "compound"] + [candidate]
        text = " ".join(t.text for t in words)
        for form in (text, candidate.text):
            if form.lower() in d.places:
                return d.gazetteer.canonical_place(
                    d.places[form.lower()] if form not in d.gazetteer.places else form
                )
        if candidate.ent_type_ in ("GPE", "LOC", "FAC"):
            name = _entity_text(candidate).removesuffix("'s").removesuffix("\u2019s")
            entry = d.gazetteer.lookup(name)
            if entry is not None and entry.kind == "party":
                return entry.name
            return d.gazetteer.canonical_place(name)
    return None


def _town_of(d: EventDoc, token: Token) -> str | None:
    """A town the places file knows (a capital, a venue of talks), named by the token
    or by the words compounded with it ("Abu Dhabi", "the Antalya Diplomacy Forum"),
    never a state: "in Muscat" is Muscat, not Oman."""
    doc = token.doc
    words = [t for t in doc[token.left_edge.i : token.i + 1] if t.dep_ in ("compound", "amod")]
    words.append(token)
    forms = [" ".join(t.text for t in words[k:]) for k in range(len(words))]
    forms += [" ".join(t.text for t in words[: k + 1]) for k in range(len(words) - 1)]
    if token.ent_iob_ != "O" and token.ent_type_ in ("GPE", "LOC", "FAC"):
        forms.insert(0, _entity_text(token))
    for form in forms:
        if d.atlas.is_town(form):
            return d.atlas.place_named(form)
    return None


def _entity_text(token: Token) -> str:
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    name = doc[start:end].text
    return name[4:] if name.lower().startswith("the ") else name


def country_of(d: EventDoc, place: str | None) -> str | None:
    """The country a place lies in (Istanbul -> Turkey; Muscat -> Oman, from the
    places file); a country is its own."""
    if not place:
        return None
    country = d.gazetteer.country_of_place(place)
    if country is not None:
        return country
    country = d.atlas.country_of(place)
    if country is not None:
        return country
    entry = d.gazetteer.lookup(place)
    return entry.name if entry is not None and entry.kind == "party" else None
