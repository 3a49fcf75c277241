"""The cast of a report: who its names, pronouns and role phrases stand for.

One :class:`Cast` per ``Doc`` indexes the actor mentions the actors component found
("Zelensky", "Kyiv", "the Kremlin") by token, and answers the questions the
components ask of a name: is it a person or a party, whose side is it on, is it a
head of state; which person a "he" stands for; which leader a role phrase ("the
Russian president") means. Facts come from the report's actors first, then from the
gazetteer.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from dragoman.models import Actor
from dragoman.nlp.extensions import Mention
from dragoman.nlp.gazetteer import Gazetteer
from dragoman.nlp.parties import party_of_adjective

ANONYMOUS = "anonymous"
#: Head words of a role phrase that stands for a head of state or government.
LEADER_WORDS = ("president", "leader", "chancellor", "premier")
#: Pronouns that stand for one person.
PERSON_PRONOUNS = ("he", "she", "his", "her")
#: How far back (in characters) a pronoun looks for the person it stands for.
_PRONOUN_REACH = 600


class Cast:
    """The actors of one ``Doc``, indexed for look-ups."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.mentions: list[Mention] = list(doc._.mentions or [])
        self.actors: dict[str, Actor] = doc._.actors or {}
        #: The mention at each token (the last one, where mentions overlap).
        self.mention_at: dict[int, Mention] = {}
        #: The mention at each token (the first one, where mentions overlap).
        self.first_mention_at: dict[int, Mention] = {}
        for mention in self.mentions:
            for i in range(mention.token_start, mention.token_end):
                self.mention_at[i] = mention
                self.first_mention_at.setdefault(i, mention)

    # -- names -----------------------------------------------------------------------

    def person_at(self, i: int) -> bool:
        mention = self.mention_at.get(i)
        return mention is not None and mention.kind == "person"

    def is_person(self, name: str) -> bool:
        return self._kind(name) == "person"

    def is_party(self, name: str) -> bool:
        return self._kind(name) == "party"

    def _kind(self, name: str) -> str | None:
        actor = self.actors.get(name)
        if actor is not None:
            return str(actor.kind)
        entry = self.gazetteer.entries.get(name)
        return entry.kind if entry is not None else None

    @staticmethod
    def unnamed(name: str) -> bool:
        """Whether a speaker's name stands for an unnamed source."""
        return name == ANONYMOUS

    def party_of(self, name: str) -> str | None:
        """The party a person belongs to (None for a party itself, unless the
        gazetteer says otherwise)."""
        actor = self.actors.get(name)
        if actor is not None and actor.party:
            return str(actor.party)
        entry = self.gazetteer.entries.get(name)
        return entry.party if entry is not None else None

    def party_meant(self, name: str | None) -> str | None:
        """The party a name speaks for: a party itself, a person's party."""
        if not name or name == ANONYMOUS:
            return None
        actor = self.actors.get(name)
        if actor is not None:
            return actor.name if actor.kind == "party" else actor.party
        entry = self.gazetteer.entries.get(name)
        if entry is not None:
            return entry.name if entry.kind == "party" else entry.party
        return None

    def party_of_word(self, text: str) -> str | None:
        """A nationality word or a party's name in a compound: "Ukrainian",
        "U.S.-brokered", "US-mediated" -> their party."""
        parts = [text] + ([text.split("-")[0]] if "-" in text else [])
        for part in parts:
            party = party_of_adjective(self.doc, self.gazetteer, part)
            if party is None and part != text:
                entry = self.gazetteer.lookup(part)
                party = entry.name if entry is not None and entry.kind == "party" else None
            if party:
                return party
        return None

    def party_of_token(self, token: Token) -> str | None:
        """The party a token speaks for: a nationality word, or the party of the
        actor mentioned there."""
        party = party_of_adjective(self.doc, self.gazetteer, token.text)
        if party:
            return party
        mention = self.first_mention_at.get(token.i)
        if mention is not None:
            return self.party_meant(mention.name)
        return None

    # -- roles -----------------------------------------------------------------------

    def is_leader(self, name: str, leader_roles: Iterable[str]) -> bool:
        """A head of state or government, by the role the report or the gazetteer
        gives; ``leader_roles`` are the role words that make one."""
        if not self.is_person(name):
            return False
        roles = []
        entry = self.gazetteer.entries.get(name)
        actor = self.actors.get(name)
        for role in (entry.role if entry else None, actor.role if actor else None):
            if role:
                roles.append(role.lower())
        leader_roles = tuple(leader_roles)
        for role in roles:
            if role.startswith("vice") and "vice president" not in leader_roles:
                continue
            if role.startswith("president") or any(r in role for r in leader_roles):
                return True
        return False

    def leader_of_role(self, token: Token, leader_roles: Iterable[str]) -> str | None:
        """The leader a role phrase stands for ("the Ukrainian president", "Russia's
        leader"): the first head of state of that party the report names."""
        party = None
        for child in token.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod"):
                mention = self.mention_at.get(child.i)
                party = (
                    mention.name
                    if mention is not None and mention.kind == "party"
                    else self.party_of_word(child.text)
                )
                if party:
                    break
        if party is None:
            return None
        leader_roles = tuple(leader_roles)
        for mention in self.mentions:
            if (
                mention.kind == "person"
                and self.party_of(mention.name) == party
                and self.is_leader(mention.name, leader_roles)
            ):
                return mention.name
        return None

    # -- pronouns --------------------------------------------------------------------

    def quoted_person_in(self, sent: Span) -> str | None:
        """The speaker of the first quote in a sentence, when a person."""
        for quote in self.doc._.quotes or []:
            if (
                sent.start_char <= quote.start < sent.end_char
                and quote.speaker
                and self.is_person(quote.speaker)
            ):
                return str(quote.speaker)
        return None

    def pronoun(self, token: Token) -> str | None:
        """The person a "he"/"she" stands for: the speaker of a quote in this
        sentence, else the last person named shortly before."""
        if token.lower_ not in PERSON_PRONOUNS:
            return None
        speaker = self.quoted_person_in(token.sent)
        if speaker is not None:
            return speaker
        for mention in reversed(self.mentions):
            if token.idx - _PRONOUN_REACH <= mention.start < token.idx and mention.kind == "person":
                return mention.name
        return None
