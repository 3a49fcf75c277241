"""Parties the text names that the data files do not know.

A report on talks between states the gazetteer has never heard of still names them
the way reports name any state: as the subject of a verb ("Veloria rejected ..."), a
possessive ("Veloria's negotiator") or by a nationality adjective formed on the name
("Velorian officials"). :func:`local_parties` finds such places among the entity
recogniser's GPE entities and the adjectives formed on them, and keeps the adjectives
in ``doc.user_data`` so that every later look-up of a nationality word
(:func:`party_of_adjective`) sees them.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from dragoman.nlp.extensions import words_of
from dragoman.nlp.gazetteer import Gazetteer, fold

_KEY = "dragoman_adjectives"
#: Endings of nationality adjectives formed on a place name (Velori-an, Marvos-ese).
_ADJECTIVE_ENDINGS = ("an", "ese", "i", "ish", "ic")
#: Dependencies of a place name that make it an actor rather than a place.
_ACTING = ("nsubj", "nsubjpass", "poss", "agent")


def _acts(span: Span) -> bool:
    token = span.root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ in _ACTING or (span.end < len(span.doc) and span.doc[span.end].tag_ == "POS")


def _stem(name: str) -> str:
    key = fold(name)
    return key[:-1] if key.endswith(("a", "e", "o", "y")) else key


def local_parties(doc: Doc, gazetteer: Gazetteer, taken: set[int]) -> list[tuple[Span, str]]:
    """Places the gazetteer does not know that act in the report, with each mention
    of them or of an adjective formed on them; the adjectives go to ``doc.user_data``."""
    names: dict[str, str] = {}
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ != "GPE" or any(i in taken for i in range(ent.start, ent.end)):
            continue
        text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        if gazetteer.lookup(text) is not None or gazetteer.country_of_place(text):
            continue
        spans.append(ent)
        if _acts(ent):
            names.setdefault(fold(text), text)
    adjectives: dict[str, str] = {}
    found = [(span, names[fold(span.text)]) for span in spans if fold(span.text) in names]
    stems = {_stem(name): name for name in names.values() if len(_stem(name)) >= 4}
    texts = words_of(doc).text
    for i, word in enumerate(texts):
        if not word[:1].isupper() or i in taken:
            continue
        token = doc[i]
        if not token.is_alpha:
            continue
        key = fold(token.text)
        if gazetteer.party_of_adjective(token.text) or key in names:
            continue
        for stem, name in stems.items():
            rest = key[len(stem) :]
            if key.startswith(stem) and rest in _ADJECTIVE_ENDINGS + tuple(
                e + "s" for e in _ADJECTIVE_ENDINGS
            ):
                adjectives[key] = name
                found.append((doc[token.i : token.i + 1], name))
                break
    for name in names.values():
        adjectives[fold(name)] = name
    doc.user_data[_KEY] = adjectives
    return found


def party_of_adjective(doc: Doc, gazetteer: Gazetteer, word: str) -> str | None:
    """The party a nationality word or possessive names: the gazetteer's, else one
    the report itself introduced (see :func:`local_parties`)."""
    party = gazetteer.party_of_adjective(word)
    if party is None:
        party = (doc.user_data.get(_KEY) or {}).get(fold(word))
    return party
