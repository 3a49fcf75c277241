"""Triggers: the words that name an event in a sentence ("talks", "phone call",
"met", "signed an agreement", "exchanged 90 prisoners"), matched on lemmas from
``lexicons/events.yaml``, each checked in its company ("talk of peace" is none)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from dragoman.nlp.components.events.document import EventDoc
from dragoman.nlp.components.events.lexicon import (
    Pattern,
    forms_of,
    is_root,
    lemma_of,
)
from dragoman.nlp.extensions import words_of


def find_triggers(d: EventDoc, sent: Span) -> list[tuple[Token, str]]:
    """The trigger tokens of a sentence (the head of each matched phrase) and the
    type each names; a trigger inside the phrase of another of its type is left
    to that one ("a third round of Turkish-hosted talks" is one mention)."""
    found: list[tuple[Token, str]] = []
    taken: set[int] = set()
    words = words_of(d.doc)
    patterns = d.lex.patterns
    for i in range(sent.start, sent.end):
        if i in taken:
            continue
        candidates = patterns.get(words.lower[i], []) + patterns.get(words.lemma[i], [])
        if not candidates:
            continue
        match = _first_match(d, candidates, sent.doc[i], sent)
        if match is not None:
            head, type_, span = match
            found.append((head, type_))
            taken.update(range(span.start, span.end))
    ids = {t.i for t, _ in found}
    # "hoping to host a summit", "met for talks": the noun is the mention.
    found = [
        (t, "meeting" if type_ == "meeting-verb" else type_)
        for t, type_ in found
        if type_ != "meeting-verb"
        or not any(c.i in ids for c in t.children if c.dep_ in ("dobj", "nsubjpass"))
    ]
    types = {t.i: type_ for t, type_ in found}
    kept = []
    for token, type_ in found:
        node, nested = token, False
        for _ in range(3):
            if is_root(node):
                break
            node = node.head
            outer = types.get(node.i)
            if outer == type_ or (outer == "meeting" and type_ == "talks"):
                nested = True
                break
        if not nested:
            kept.append((token, type_))
    return kept


def _first_match(
    d: EventDoc, candidates: list[Pattern], token: Token, sent: Span
) -> tuple[Token, str, Span] | None:
    """The first of the patterns that matches at ``token`` in its company: the
    phrase's head, the type it names and the phrase."""
    for pattern in candidates:
        span = match_pattern(pattern, token, sent)
        if span is None:
            continue
        head = span.root if len(span) > 1 else token
        if pattern.kind == "noun" and head.pos_ not in ("NOUN", "PROPN"):
            continue
        if pattern.kind == "verb" and token.pos_ not in ("VERB", "AUX"):
            continue
        if pattern.objects and not has_object(token, pattern.objects):
            continue
        type_ = qualify(d, pattern.type, head, span)
        if type_ is None:
            continue
        if pattern.kind == "verb" and type_ == "meeting":
            type_ = "meeting-verb"
        return head, type_, span
    return None


def match_pattern(pattern: Pattern, token: Token, sent: Span) -> Span | None:
    doc = token.doc
    end = token.i + len(pattern.words)
    if end > sent.end:
        return None
    for offset, alternatives in enumerate(pattern.words):
        if not (forms_of(doc[token.i + offset]) & alternatives):
            return None
    return doc[token.i : end]


def has_object(verb: Token, objects: frozenset[str]) -> bool:
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "attr", "nsubjpass") and forms_of(child) & objects:
            return True
        if child.dep_ in ("prt", "prep"):
            for grand in child.children:
                if grand.dep_ in ("pobj", "dobj") and forms_of(grand) & objects:
                    return True
    return verb.dep_ == "acl" and bool(forms_of(verb.head) & objects)


def qualify(d: EventDoc, type_: str, head: Token, span: Span) -> str | None:
    """Checks that a word names the event in this company, or None."""
    lemma = lemma_of(head)
    single = len(span) == 1
    if type_ == "talks" and single:
        if head.lower_ == "talk":  # "talk of peace"
            return None
        if lemma == "round" and not round_of_talks(d, head):
            return None
    if type_ == "call" and single and lemma in d.lex.q("call_nouns") and not is_phone_call(d, head):
        return None
    if type_ == "prisoner_exchange" and single and lemma in d.lex.q("exchange_nouns"):
        if head.sent.start not in d.prisoner_sents:
            return None
        of = of_object(head)
        if of is not None and not (forms_of(of) & d.lex.q("prisoner_words")):
            return None
    if type_ == "agreement":
        happens = (
            agreement_happens(d, head)
            if head.pos_ in ("NOUN", "PROPN")
            else agree_to_something(d, head)
        )
        if not happens:
            return None
    if type_ == "meeting" and any(
        c.dep_ in ("compound", "amod", "nmod") and forms_of(c) & d.lex.q("not_meetings")
        for c in head.children
    ):
        return None
    if (
        type_ == "meeting"
        and head.pos_ in ("NOUN", "PROPN")
        and lemma == "visit"
        and not any(c.dep_ == "poss" for c in head.children)
    ):
        # "during his visit to Washington": only a visit by someone named.
        return None
    return type_


def of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def round_of_talks(d: EventDoc, token: Token) -> bool:
    of = of_object(token)
    if of is not None:
        return bool(forms_of(of) & d.lex.q("round_of"))
    # A bare "round" is a round of talks in a report about talks ("another
    # round is planned").
    return d.about_talks


def is_phone_call(d: EventDoc, token: Token) -> bool:
    phone = d.lex.q("phone_words")
    if any(c.dep_ in ("compound", "amod", "nmod") and c.lower_ in phone for c in token.children):
        return True
    if token.lower_ in ("call", "calls"):
        # "a call with Macron": a call between named people.
        for child in token.children:
            if (
                child.dep_ == "prep"
                and child.lower_ in ("with", "between")
                and any(d.cast.person_at(t.i) for t in child.subtree)
            ):
                return True
    return False


def agreement_happens(d: EventDoc, token: Token) -> bool:
    """An agreement is an event when something happens to it: it is signed,
    reached, proposed, pulled out of ("the accord was signed in Minsk")."""
    verbs = d.lex.q("agreement_verbs")
    if any(c.dep_ == "neg" or c.lower_ == "no" for c in token.children):
        return False
    if any(lemma_of(t) in d.lex.q("signing_verbs") and t.pos_ == "VERB" for t in token.sent):
        return True
    for child in token.children:
        if child.dep_ in ("acl", "relcl") and lemma_of(child) in verbs:
            return True
        if child.dep_ in ("amod", "compound") and any(
            w in child.lower_ for w in ("proposed", "signed", "brokered")
        ):
            return True
    node = token
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX"):
            return lemma_of(node) in verbs and not any(c.dep_ == "neg" for c in node.children)
        if is_root(node):
            break
        node = node.head
    return False


def agree_to_something(d: EventDoc, verb: Token) -> bool:
    """ "the sides agreed to exchange prisoners", "Putin agreed to halt strikes":
    an agreement by someone named, on something; never "agreed that"."""
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        return False
    action = any(c.dep_ == "xcomp" for c in verb.children)
    on_something = any(c.dep_ == "prep" and c.lower_ in ("to", "on") for c in verb.children)
    if not (action or on_something):
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    several = (
        subject.tag_ in ("NNS", "NNPS")
        or bool(list(subject.conjuncts))
        or subject.lower_ in ("both", "they")
    )
    if not (action or several):
        # "Ukraine agreed to a ceasefire": one side's answer (a position), not an
        # agreement between sides.
        return False
    if d.mentions_in(subject.subtree):
        return True
    return lemma_of(subject) in ("side", "delegation", "party", "country")


def prisoner_sentences(d: EventDoc, doc: Doc) -> set[int]:
    """Starts of the sentences that speak of prisoners, and of the ones after."""
    words = d.lex.q("prisoner_words")
    sents = list(doc.sents)
    found: set[int] = set()
    lower, lemma = words_of(doc).lower, words_of(doc).lemma
    for index, sent in enumerate(sents):
        if any(lower[i] in words or lemma[i] in words for i in range(sent.start, sent.end)):
            found.add(sent.start)
            if index + 1 < len(sents):
                found.add(sents[index + 1].start)
    return found
