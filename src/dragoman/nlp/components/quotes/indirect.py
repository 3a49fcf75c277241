"""Reported speech without (or with only some) quotation marks: the words a cue
verb governs ("Medinsky said that Kyiv would stay neutral"), the clause a cue
interrupts ("Ukraine, Medinsky said, demands …"), speech after a colon, the object
of a verb of reporting ("Ukraine reported renewed strikes on Kharkiv"), what is
complained about, and "according to X, …"."""

from __future__ import annotations

from spacy.tokens import Token

from dragoman.nlp.components.quotes.cues import CueWords
from dragoman.nlp.components.quotes.document import QuoteDoc

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
#: Reported words longer than this (in tokens) are a misparse, not a statement.
MAX_CONTENT = 160
#: Share of a clause inside quotation marks above which it is a quotation (read
#: as such), not reported speech.
QUOTED_ALONE = 0.8
#: Share of a clause inside quotation marks below which the quoted words are a
#: fragment of their own (Kellogg described the concerns as “fair”: the quote is
#: “fair”), and above which the clause is one mixed quote.
QUOTED_CLAUSE = 0.35
_COLON = (":", "\u2014", "\u2013", "--")


def content_runs(qd: QuoteDoc, cue: Token, cues: CueWords) -> list[tuple[int, int]]:
    """The reported words a cue verb governs, as token ranges ``[start, end)``: more
    than one when the cue interrupts them ("Like X, Mr. Y said, Z was …")."""
    lemma = cue.lemma_.lower()
    kids = qd.children(cue)
    if lemma in cues.particle and not any(
        k.dep_ == "prt" and k.lower_ in cues.particle[lemma] for k in kids
    ):
        return []  # "pointed out that …" is a cue; "pointed at the map" is not
    for child in kids:
        if child.dep_ == "ccomp":
            return [_range(qd, child)]
    after_colon = _after_colon(qd, cue, kids)
    if after_colon is not None:
        return [after_colon]
    if cue.dep_ == "parataxis" and cue.head.i != cue.i:
        return _interrupted(qd, cue)
    if lemma in cues.infinitive:
        for child in kids:
            if child.dep_ == "xcomp" and child.i > cue.i:
                return [_range(qd, child)]
    if lemma in ("call", "press", "push", "appeal"):
        # "called for a ceasefire": what is called for.
        for child in kids:
            if child.dep_ == "prep" and child.lower_ == "for" and child.i > cue.i:
                objects = [k for k in qd.children(child) if k.dep_ in ("pobj", "pcomp")]
                if objects:
                    return [_range(qd, objects[0])]
    return _objects(qd, cue, kids, lemma, cues)


def _objects(
    qd: QuoteDoc, cue: Token, kids: list[Token], lemma: str, cues: CueWords
) -> list[tuple[int, int]]:
    objects = [c for c in kids if c.dep_ in ("dobj", "prep", "xcomp", "ccomp") and c.i > cue.i]
    if lemma in cues.object_clause and objects and objects[0].dep_ == "dobj":
        rest = objects[1:]
        # Verbs of acting ("demanded a truce", "rejected the plan") report words only
        # with a clause after their object ("accused Russia of stalling").
        if lemma in cues.indirect or any(
            o.dep_ in ("xcomp", "ccomp") or o.lower_ in ("of", "to", "for") for o in rest
        ):
            start, _ = _range(qd, objects[0])
            _, end = _range(qd, objects[-1])
            return [(start, end)]
    if lemma in cues.noun_object and objects and objects[0].dep_ == "dobj":
        # "Ukraine reported renewed strikes", "Trump repeated accusations that …";
        # not "repeated his pleas": an object that names no event or claim.
        obj = objects[0]
        start, end = _range(qd, obj)
        said = any(k.dep_ in ("acl", "relcl", "ccomp") for k in qd.children(obj))
        if said or (lemma not in ("repeat", "reiterate") and end - start >= 4):
            return [(start, end)]
    if lemma in cues.about:
        for child in objects:
            if child.dep_ == "prep" and child.lower_ == "about":
                pobj = [k for k in qd.children(child) if k.dep_ == "pobj"]
                if pobj:
                    return [_range(qd, pobj[0])]
    return []


def _range(qd: QuoteDoc, token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


def _after_colon(qd: QuoteDoc, cue: Token, kids: list[Token]) -> tuple[int, int] | None:
    """ "X said: the plan is dead" / "X had one message — talks are over": a clause
    after the cue, past a colon or a dash."""
    doc = qd.doc
    for child in kids:
        if child.i <= cue.i or child.dep_ not in ("parataxis", "dep", "conj", "advcl"):
            continue
        start, end = _range(qd, child)
        if start <= cue.i:
            continue
        marks = [doc[i] for i in range(cue.i + 1, start + 1) if doc[i].text in _COLON]
        if marks and any(k.dep_ in SUBJECTS for k in qd.children(child)):
            return marks[-1].i + 1, end
    return None


def _interrupted(qd: QuoteDoc, cue: Token) -> list[tuple[int, int]]:
    """ "In return, Medinski said, Ukraine demands …": the words are the sentence the
    cue interrupts, on both sides of it; the subject alone before the cue ("Holding
    elections, he said, was possible") is not words of its own."""
    sent = qd.sentence(cue)
    aside_start, aside_end = _range(qd, cue)
    runs = [(sent.start, aside_start), (aside_end, sent.end)]
    subjects = {_range(qd, k) for k in qd.children(cue.head) if k.dep_ in SUBJECTS}
    doc = qd.doc
    kept = []
    for start, end in runs:
        while end > start and (doc[end - 1].is_punct and not doc[end - 1].is_quote):
            end -= 1
        if start > aside_start and doc[start].dep_ == "cc":
            continue  # "…, the air force said, and 21 of them hit …": the reporter's
        if end - start >= 3 and (start, end) not in subjects:
            kept.append((start, end))
    return kept


def trim(qd: QuoteDoc, cue: Token, start: int, end: int, cues: CueWords) -> tuple[int, int] | None:
    """Reported words within the cue's paragraph, without the source of the report,
    leading "that"/"to", punctuation, and words after "and" with a new cue; none when
    under three words or longer than a statement can be."""
    doc = qd.doc
    if end - start > MAX_CONTENT:
        return None
    p_start, p_end = qd.paragraph_span(cue.idx)
    while start < end and doc[start].idx < p_start:
        start += 1
    while end > start and doc[end - 1].idx >= p_end:
        end -= 1
    start, end = _cut(qd, start, end, cues)
    while start < end and (
        doc[start].lower_ in ("that", ",", "to") or doc[start].is_punct or doc[start].is_space
    ):
        if doc[start].is_quote:
            break
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        if doc[end - 1].is_quote:
            break
        end -= 1
    words = sum(1 for i in range(start, end) if not doc[i].is_punct)
    return (start, end) if words >= 3 else None


def _cut(qd: QuoteDoc, start: int, end: int, cues: CueWords) -> tuple[int, int]:
    """Reported words without "according to X" at either end, and up to a new cue
    ("… and warned that …", "…, describing …", "… and Kyiv said …")."""
    doc = qd.doc
    for i in range(start, end):
        token = doc[i]
        if token.lower_ == "according" and i + 1 < end and doc[i + 1].lower_ == "to":
            # The source of the report is not part of its words.
            a_start, a_end = token.left_edge.i, token.right_edge.i + 1
            if a_start <= start + 1:
                start = max(start, a_end)
            elif a_end >= end - 1:
                end = min(end, a_start)
            return start, end
        if (
            token.dep_ == "conj"
            and token.pos_ in ("VERB", "AUX")
            and token.lemma_.lower() in cues.indirect
            and i > start + 2
            and doc[i - 1].lower_ in ("and", ",", "but")
        ):
            # "… the talks were useful and added that …": a new cue ends the words.
            end = i - 1
            return start, end
        if (
            token.dep_ == "advcl"
            and token.tag_ == "VBG"
            and token.lemma_.lower() in cues.indirect
            and i > start + 2
            and doc[i - 1].text == ","
        ):
            # "… repelled several assaults, describing the attacks as …": the
            # participle is a cue of its own.
            end = i - 1
            return start, end
        if token.dep_ == "conj" and token.lemma_.lower() in cues.indirect and i > start + 2:
            if any(k.dep_ in SUBJECTS for k in qd.children(token)) and doc[
                token.left_edge.i - 1
            ].lower_ in ("and", "but"):
                # "… would fight and Kyiv said it would resist": a new speaker.
                end = token.left_edge.i - 1
                return start, end
    return start, end
