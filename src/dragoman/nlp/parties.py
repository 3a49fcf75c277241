"""Which party a word or a name belongs to: one definition for every component.

The answers come, in order, from the cast (the report's actors and the gazetteer),
from the states of ``lexicons/places.yaml`` ("Tehran", "Azerbaijani") and from the
one rule for what no data file knows: *an organisation, group or state the entity
recogniser finds is a party of its own, under its own name* (:func:`own_party`:
"Hamas", an invented state in a test).

A report on talks between states the gazetteer has never heard of still names them
the way reports name any state: as the subject of a verb ("Veloria rejected ..."), a
possessive ("Veloria's negotiator") or by a nationality adjective formed on the name
("Velorian officials"). :func:`local_parties` makes such states actors, and keeps the
adjectives in ``doc.user_data`` so that every later look-up of a nationality word
(:func:`party_of_adjective`) sees them.

A person the cast knows but gives no party gets the party named beside their first
mentions (:class:`PartyFinder`): "Azerbaijani Foreign Minister Jeyhun Bayramov",
"Hamas's top negotiator Khalil El-Hayya", "Hikmat Hajiyev, Assistant to the
President of Azerbaijan". The cast is imported for type checking only: it asks this
module for nationality words, so this module cannot import it at run time.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from dragoman.nlp.extensions import words_of
from dragoman.nlp.gazetteer import Gazetteer, fold
from dragoman.nlp.places import Places

if TYPE_CHECKING:
    from dragoman.nlp.cast import Cast

#: Entity labels of a name that may be a party of its own: an organisation, a group
#: (a movement), a state.
OWN_PARTY_LABELS = ("ORG", "NORP", "GPE")
_LOOSE_ENDS = re.compile(r"^[\W_]+|[^\w.)'’]+$")
_KEY = "dragoman_adjectives"
#: Endings of nationality adjectives formed on a place name (Velori-an, Marvos-ese).
_ADJECTIVE_ENDINGS = ("an", "ese", "i", "ish", "ic")
#: Dependencies of a place name that make it an actor rather than a place.
_ACTING = ("nsubj", "nsubjpass", "poss", "agent")


# -- the rule for names no data file knows ----------------------------------------------


def own_name(text: str) -> str:
    """A name as the party it names: no leading "the", no possessive, no dash or
    space the recogniser took in at either end."""
    text = _LOOSE_ENDS.sub("", text)
    if text.lower().startswith("the "):
        text = text[4:]
    return text.removesuffix("'s").removesuffix("’s")


def own_party(
    token: Token, proper: bool = True, labels: tuple[str, ...] = OWN_PARTY_LABELS
) -> str | None:
    """The party a token is by the entity recogniser alone: an organisation, group or
    state (``labels``) is a party of its own, under the name of the whole entity.
    Callers ask the data files first; with ``proper``, only a proper noun counts."""
    if token.ent_type_ not in labels or (proper and token.pos_ != "PROPN"):
        return None
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return own_name(doc[start:end].text)


# -- states the data files do not know ---------------------------------------------------


def _acts(span: Span) -> bool:
    token = span.root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ in _ACTING or (span.end < len(span.doc) and span.doc[span.end].tag_ == "POS")


def _stem(name: str) -> str:
    key = fold(name)
    return key[:-1] if key.endswith(("a", "e", "o", "y")) else key


def local_parties(doc: Doc, gazetteer: Gazetteer, taken: set[int]) -> list[tuple[Span, str]]:
    """States the gazetteer does not know that act in the report (:func:`own_party`
    for a state, when it is a subject or possessor), with each mention of them or of
    an adjective formed on them; the adjectives go to ``doc.user_data``."""
    names: dict[str, str] = {}
    spans: list[tuple[Span, str]] = []
    for ent in doc.ents:
        if ent.label_ != "GPE" or any(i in taken for i in range(ent.start, ent.end)):
            continue
        text = own_name(ent.text)
        if gazetteer.lookup(text) is not None or gazetteer.country_of_place(text):
            continue
        spans.append((ent, text))
        if _acts(ent):
            names.setdefault(fold(text), text)
    found = [(span, names[fold(text)]) for span, text in spans if fold(text) in names]
    adjectives = _adjectives(doc, gazetteer, taken, names, found)
    for name in names.values():
        adjectives[fold(name)] = name
    doc.user_data[_KEY] = adjectives
    return found


def _adjectives(
    doc: Doc,
    gazetteer: Gazetteer,
    taken: set[int],
    names: dict[str, str],
    found: list[tuple[Span, str]],
) -> dict[str, str]:
    """Nationality adjectives formed on the new states' names, each appended to
    ``found`` where it occurs."""
    adjectives: dict[str, str] = {}
    stems = {_stem(name): name for name in names.values() if len(_stem(name)) >= 4}
    if not stems:
        return adjectives
    endings = _ADJECTIVE_ENDINGS + tuple(e + "s" for e in _ADJECTIVE_ENDINGS)
    for i, word in enumerate(words_of(doc).text):
        if not word[:1].isupper() or i in taken:
            continue
        token = doc[i]
        if not token.is_alpha:
            continue
        key = fold(token.text)
        if gazetteer.party_of_adjective(token.text) or key in names:
            continue
        for stem, name in stems.items():
            if key.startswith(stem) and key[len(stem) :] in endings:
                adjectives[key] = name
                found.append((doc[token.i : token.i + 1], name))
                break
    return adjectives


def party_of_adjective(doc: Doc, gazetteer: Gazetteer, word: str) -> str | None:
    """The party a nationality word or possessive names: the gazetteer's, else one
    the report itself introduced (see :func:`local_parties`)."""
    party = gazetteer.party_of_adjective(word)
    if party is None:
        party = (doc.user_data.get(_KEY) or {}).get(fold(word))
    return party


# -- whose side a word stands for ---------------------------------------------------------


class PartyFinder:
    """Whose side a word or a name stands for, in one ``Doc`` (it remembers what it
    found in that report only)."""

    def __init__(self, cast: Cast, places: Places) -> None:
        self.cast = cast
        self.places = places
        self._person_party: dict[str, str | None] = {}
        self._mentions_of: dict[str, list[int]] | None = None

    def of_token(self, token: Token, organisations: bool = False) -> str | None:
        """The party a token speaks for; with ``organisations``, also a party of its
        own (:func:`own_party`)."""
        party = self.cast.party_of_token(token)
        if party:
            return party
        mention = self.cast.first_mention_at.get(token.i)
        if mention is not None and mention.kind == "person":
            return self.meant(mention.name)
        state = self.places.state_of_token(token)
        if state:
            return state
        return own_party(token) if organisations else None

    def meant(self, name: str | None) -> str | None:
        """The party a name speaks for (a party itself, a person's party)."""
        if not name or self.cast.unnamed(name):
            return None
        party = self.cast.party_meant(name)
        if party:
            return party
        if not self.cast.is_person(name):
            return self.places.state_of(name)
        if name not in self._person_party:
            self._person_party[name] = self._beside(name)
        return self._person_party[name]

    def _beside(self, name: str) -> str | None:
        """The party named in the phrase of a person's first mentions."""
        doc = self.cast.doc
        if self._mentions_of is None:
            self._mentions_of = {}
            for k, mention in enumerate(self.cast.mentions):
                self._mentions_of.setdefault(mention.name, []).append(k)
        for k in self._mentions_of.get(name, [])[:3]:
            mention = self.cast.mentions[k]
            head = doc[mention.token_end - 1]
            while head.dep_ in ("compound", "flat") and head.head.i != head.i:
                head = head.head
            words = list(doc[head.left_edge.i : mention.token_start])
            for child in head.children:
                if child.dep_ == "appos" and child.i > head.i:
                    words.extend(child.subtree)
            for word in words:
                party = (
                    self.cast.party_of_token(word)
                    or self.places.state_of_token(word)
                    or own_party(word, proper=False)
                )
                if party and party != name:
                    return party
        return None
