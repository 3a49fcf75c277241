"""Whose side a word stands for, for the positions: the cast first (the report's
actors and the gazetteer), then the states of ``lexicons/places.yaml`` ("Tehran",
"Azerbaijani"), then an organisation or state the entity recogniser found and no data
file knows ("Hamas", an invented state in a test).

A person the cast knows but gives no party gets the party named beside their first
mentions: "Azerbaijani Foreign Minister Jeyhun Bayramov", "Hamas's top negotiator
Khalil El-Hayya", "Hikmat Hajiyev, Assistant to the President of Azerbaijan".
One ``PartyFinder`` per ``Doc`` (it remembers what it found in that report only).
"""

from __future__ import annotations

from spacy.tokens import Token

from dragoman.nlp.cast import ANONYMOUS, Cast
from dragoman.nlp.places import Places

#: Entity labels whose unknown names may be a party of their own (a movement, a state
#: no data file knows).
_ORGANISATION_LABELS = ("ORG", "NORP", "GPE")


def _bare(text: str) -> str:
    return text.removesuffix("'s").removesuffix("’s")


class PartyFinder:
    def __init__(self, cast: Cast, places: Places) -> None:
        self.cast = cast
        self.places = places
        self._person_party: dict[str, str | None] = {}
        self._mentions_of: dict[str, list[int]] | None = None

    def of_token(self, token: Token, organisations: bool = False) -> str | None:
        """The party a token speaks for; with ``organisations``, an organisation or
        state the report names but no data file knows is its own party."""
        party = self.cast.party_of_token(token)
        if party:
            return party
        mention = self.cast.first_mention_at.get(token.i)
        if mention is not None and mention.kind == "person":
            return self.meant(mention.name)
        state = self.places.state_of_token(token)
        if state:
            return state
        if organisations and token.ent_type_ in _ORGANISATION_LABELS and token.pos_ == "PROPN":
            return _bare(token.text)
        return None

    def meant(self, name: str | None) -> str | None:
        """The party a name speaks for (a party itself, a person's party)."""
        if not name or name == ANONYMOUS:
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
                party = self.cast.party_of_token(word) or self.places.state_of_token(word)
                if party is None and word.ent_type_ in _ORGANISATION_LABELS:
                    party = _bare(word.text)
                if party and party != name:
                    return party
        return None
