"""Who a noun phrase refers to: a named actor, a pronoun, a role phrase or an
unnamed source.

Reports name a speaker once and then say "he", "the spokesperson" or "Russia's
chief negotiator". :class:`SpeakerResolver` turns the subject of a cue verb into a
canonical actor name, using the mentions the actors component found before it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dragoman.models import Actor
from dragoman.nlp.cast import ANONYMOUS, Cast
from dragoman.nlp.extensions import Mention
from dragoman.nlp.gazetteer import Gazetteer
from dragoman.nlp.lexicon import load_lexicon
from dragoman.nlp.quotemarks import inside

#: Heads of phrases that name an institution speaking for its party ("Russia's
#: Defence Ministry said"): ``institutions`` in ``lexicons/cues.yaml``.
_INSTITUTIONS = frozenset(str(w).lower() for w in load_lexicon("cues").get("institutions") or [])
_ROLE_WORDS_EXTRA = {"spokesperson", "spokesman", "spokeswoman", "official", "diplomat", "source"}
_PERSONAL = {"he", "she", "him", "her"}
_COLLECTIVE = {"they", "we", "it"}
#: Heads of phrases that stand for an unnamed source.
_SOURCE_WORDS = {
    "official",
    "officials",
    "source",
    "sources",
    "diplomat",
    "diplomats",
    "insider",
    "insiders",
    "person",
    "people",
    "aide",
    "aides",
    "analyst",
    "analysts",
    "observer",
    "observers",
    "expert",
    "experts",
    "lawmaker",
    "lawmakers",
    "negotiators",
    "sides",
}
#: Role words that name the same job ("the spokesperson" for a "spokesman").
_ROLE_SYNONYMS = {
    "spokesperson": {
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "press secretary",
        "representative",
    },
    "spokesman": {"spokesman", "spokeswoman", "spokesperson", "press secretary", "representative"},
    "spokeswoman": {
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "press secretary",
        "representative",
    },
    "representative": {"spokesman", "spokeswoman", "spokesperson", "representative"},
    "negotiator": {"negotiator", "head of the", "delegation", "envoy"},
    "envoy": {"envoy", "negotiator"},
    "leader": {"president", "prime minister", "chancellor", "leader"},
    "president": {"president"},
    "minister": {"minister"},
    "secretary": {"secretary"},
    "chancellor": {"chancellor"},
    "adviser": {"adviser", "advisor", "aide"},
    "aide": {"aide", "adviser", "advisor"},
    "head": {"head"},
    "chief": {"chief", "head"},
}


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: the canonical name (or ``anonymous``) and the words that
    named it in the text."""

    name: str
    text: str
    confidence: float

    @property
    def anonymous(self) -> bool:
        return self.name == ANONYMOUS


class SpeakerResolver:
    """Resolve subject phrases of one ``Doc`` to actors."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer, quoted: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.quoted = quoted
        #: The report's actors and their mentions, indexed by token.
        self.cast = Cast(doc, gazetteer)
        self.mentions: list[Mention] = self.cast.mentions
        self.actors: dict[str, Actor] = self.cast.actors
        self.by_token: dict[int, Mention] = self.cast.mention_at
        #: Speakers resolved so far, in text order: the best antecedents for "he".
        self.history: list[tuple[int, str]] = []
        self.people = {name for name, actor in self.actors.items() if actor.kind == "person"}
        self.organisations = {ent.start: ent for ent in doc.ents if ent.label_ == "ORG"}

    # -- public --------------------------------------------------------------------

    def resolve(self, token: Token) -> Speaker | None:
        """The speaker a subject token (the head of its phrase) stands for."""
        lower = token.lower_
        if lower in _PERSONAL:
            return self._pronoun(token)
        if lower in _COLLECTIVE:
            return None
        phrase = [t for t in token.subtree if not inside(self.quoted, t.idx)]
        text = self._text(phrase)
        if any(t.lower_ in ("quoting", "citing") for t in phrase):
            # "RIA, quoting a source, said": the words are the unnamed source's.
            return Speaker(ANONYMOUS, text, 0.6)
        person = self._mention_in(phrase, "person", head=token)
        if person is not None:
            return Speaker(person.name, text, 0.9)
        unnamed = self._unnamed(token, phrase, text)
        if unnamed is not None:
            return unnamed
        role = self._role(token, phrase)
        if role is not None:
            return role
        if token.lemma_.lower() in _INSTITUTIONS:
            # "Russia's Defence Ministry said", "the Ukrainian General Staff said".
            party = self._party_in(phrase)
            if party is not None:
                return Speaker(party, text, 0.7)
        organisation = self._organisation(token)
        if organisation is not None:
            return Speaker(organisation, text, 0.7)
        group = self._mention_in(phrase, None, head=token)
        if group is not None:
            return Speaker(group.name, text, 0.8)
        return None

    def _unnamed(self, token: Token, phrase: list[Token], text: str) -> Speaker | None:
        """Officials, sources and spokespeople the phrase does not name: their party
        when it says which, their role's holder, or an unnamed source."""
        lower = token.lower_
        plural = token.tag_ in ("NNS", "NNPS")
        indefinite = any(
            c.dep_ == "det" and c.lower_ in ("a", "an", "one", "some") for c in token.children
        )
        is_source = token.lemma_.lower() in _SOURCE_WORDS or lower in _SOURCE_WORDS
        if plural and (is_source or token.lemma_.lower() in _ROLE_SYNONYMS):
            # "Ukrainian officials said": the party speaks; "officials said": unnamed.
            party = self._party_in(phrase)
            return Speaker(party or ANONYMOUS, text, 0.6)
        if indefinite and (
            is_source or token.lemma_.lower() in _ROLE_SYNONYMS or token.lower_ in _ROLE_WORDS_EXTRA
        ):
            # "a senior Kremlin official", "a Turkish government spokesperson".
            return Speaker(ANONYMOUS, text, 0.7)
        if is_source:
            role = self._role(token, phrase)
            return role or Speaker(ANONYMOUS, text, 0.6)
        return None

    def _party_in(self, phrase: list[Token]) -> str | None:
        for t in phrase:
            party = self.gazetteer.party_of_adjective(t.text)
            if party:
                return party
            mention = self.by_token.get(t.i)
            if mention is not None and mention.kind == "party":
                return mention.name
        return None

    def _organisation(self, token: Token) -> str | None:
        """An organisation the parser found that the gazetteer does not know
        ("the Center for Strategic and International Studies said")."""
        if token.ent_type_ != "ORG" or token.i in self.by_token:
            return None
        for ent in token.doc.ents:
            if ent.start <= token.i < ent.end and ent.label_ == "ORG":
                return ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        return None

    def remember(self, position: int, name: str) -> None:
        """Record a resolved speaker, so later pronouns can refer to it."""
        if name != ANONYMOUS:
            self.history.append((position, name))

    def last_person_before(self, position: int, floor: int = 0) -> str | None:
        """The person most recently mentioned or quoted before ``position``."""
        best: tuple[int, str] | None = None
        for mention in self.mentions:
            if mention.kind != "person" or mention.start >= position or mention.start < floor:
                continue
            if inside(self.quoted, mention.start):
                continue
            if best is None or mention.start > best[0]:
                best = (mention.start, mention.name)
        return best[1] if best else None

    # -- helpers -------------------------------------------------------------------

    def _text(self, tokens: list[Token]) -> str:
        if not tokens:
            return ""
        return self.doc[tokens[0].i : tokens[-1].i + 1].text

    def _mention_in(self, phrase: list[Token], kind: str | None, head: Token) -> Mention | None:
        """A mention inside the phrase: the one at its head first, then the nearest."""
        mentions = [self.by_token[t.i] for t in phrase if t.i in self.by_token]
        if kind is not None:
            mentions = [m for m in mentions if m.kind == kind]
        if not mentions:
            return None
        for mention in mentions:
            if mention.token_start <= head.i < mention.token_end:
                return mention
        # Prefer a name in an apposition or compound over one in a modifier
        # ("Kremlin spokesman Dmitry Peskov" has Kremlin too).
        return mentions[-1] if kind == "person" else mentions[0]

    def _pronoun(self, token: Token) -> Speaker | None:
        """He/she: a person named right after the verb (a translation's inversion:
        "he said ... spokesman Dmitry Peskov"), else the closest earlier speaker or
        subject."""
        verb = token.head
        for t in self.doc[verb.i + 1 : min(verb.i + 12, token.sent.end)]:
            mention = self.by_token.get(t.i)
            if mention and mention.kind == "person" and not inside(self.quoted, t.idx):
                head = self.doc[mention.token_end - 1]
                closes = mention.token_end >= len(self.doc) or self.doc[mention.token_end].is_punct
                if (
                    head.head == verb
                    and closes
                    and head.dep_ in ("npadvmod", "nsubj", "appos", "dobj", "attr", "dep")
                ):
                    return Speaker(mention.name, token.text, 0.7)
        candidates: list[tuple[int, str, float]] = []
        for position, name in self.history:
            if position < token.idx:
                candidates.append((position, name, 0.75))
        for mention in self.mentions:
            if (
                mention.kind != "person"
                or mention.start >= token.idx
                or inside(self.quoted, mention.start)
            ):
                continue
            head = self.doc[mention.token_end - 1]
            is_subject = head.dep_ in ("nsubj", "nsubjpass") or head.head.dep_ in (
                "nsubj",
                "nsubjpass",
            )
            # Subjects bind a later "he" more strongly than objects do.
            candidates.append((mention.start + (0 if is_subject else -60), mention.name, 0.7))
        if not candidates:
            return None
        position, name, confidence = max(candidates, key=lambda c: c[0])
        return Speaker(name, token.text, confidence)

    def _role(self, token: Token, phrase: list[Token]) -> Speaker | None:
        """A role phrase ("the spokesperson", "Russia's chief negotiator") to the actor
        of the report who holds that role, mentioned most recently before it."""
        head = token.lemma_.lower()
        if head not in _ROLE_SYNONYMS:
            return None
        wanted = _ROLE_SYNONYMS[head]
        party = None
        for t in phrase:
            party = party or self.gazetteer.party_of_adjective(t.text)
            entry = self.gazetteer.lookup(t.text)
            if party is None and entry is not None and entry.kind == "party":
                party = entry.name
        matches: list[tuple[int, str]] = []
        for actor in self.actors.values():
            if actor.kind != "person" or not actor.role:
                continue
            role = actor.role.lower()
            if not any(word in role for word in wanted):
                continue
            if party and actor.party and actor.party != party:
                continue
            earlier = [start for start, _ in actor.mentions if start < token.idx]
            if earlier:
                matches.append((max(earlier), actor.name))
        if not matches:
            return self._known_role(head, phrase)
        _, name = max(matches)
        return Speaker(name, self._text(phrase), 0.7)

    def _known_role(self, head: str, phrase: list[Token]) -> Speaker | None:
        """A role the report names but whose holder it does not ("the head of
        Rosatom"): the one person of the gazetteer holding it, if exactly one."""
        named = {t.text.lower() for t in phrase if t.pos_ == "PROPN" or t.ent_type_}
        if not named:
            return None
        holders = []
        for entry in self.gazetteer.entries.values():
            if entry.kind != "person" or not entry.role:
                continue
            role = entry.role.lower()
            if head in role and named & set(role.replace("'s", "").split()):
                holders.append(entry.name)
        if len(holders) == 1:
            return Speaker(holders[0], self._text(phrase), 0.5)
        return None
