"""Who a noun phrase refers to: a named actor, a pronoun, a role phrase or an
unnamed source.

Reports name a speaker once and then say "he", "the spokesperson" or "Russia's
chief negotiator". :class:`SpeakerResolver` turns the subject of a cue verb into a
canonical actor name, using the mentions the actors component found before it.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dragoman.models import Actor
from dragoman.nlp.cast import ANONYMOUS, Cast
from dragoman.nlp.extensions import Mention
from dragoman.nlp.gazetteer import Gazetteer
from dragoman.nlp.lexicon import load_lexicon
from dragoman.nlp.parties import own_party, party_of_adjective
from dragoman.nlp.people import gender_of_word, genders, name_beside, name_from_phrase
from dragoman.nlp.quotemarks import inside

_WORDS = load_lexicon("speakers")
#: Heads of phrases that name an institution or body speaking for its party ("Russia's
#: Defence Ministry said", "Ukrainian forces said"): ``lexicons/speakers.yaml``.
_INSTITUTIONS = frozenset(str(w).lower() for w in _WORDS.get("institutions") or [])
_ROLE_WORDS_EXTRA = frozenset(str(w).lower() for w in _WORDS.get("role_extra") or [])
#: Heads of phrases that stand for an unnamed source.
_SOURCE_WORDS = frozenset(str(w).lower() for w in _WORDS.get("sources") or [])
#: Role words that name the same job ("the spokesperson" for a "spokesman").
_ROLE_SYNONYMS: dict[str, set[str]] = {
    str(k).lower(): {str(w).lower() for w in v} for k, v in (_WORDS.get("role_words") or {}).items()
}
#: Words that narrow a role phrase to one office ("the foreign minister").
_OFFICE_WORDS = frozenset(str(w).lower() for w in _WORDS.get("offices") or [])
#: How far back (in characters) "the ministry said" looks for the party that spoke.
_RECENT_REACH = 1200
_PERSONAL = {"he", "she", "him", "her"}
_COLLECTIVE = {"they", "we", "it"}
_RELATIVE = {"who", "that", "which", "whom"}


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
        #: ``history`` indexed by position: (position, its index in ``history``).
        self._history_at: list[tuple[int, int]] = []
        self._history_sorted = True
        self.people = {name for name, actor in self.actors.items() if actor.kind == "person"}
        self.organisations = {ent.start: ent for ent in doc.ents if ent.label_ == "ORG"}
        self.sentence_starts = [sent.start for sent in doc.sents]
        self.sentence_chars = [sent.start_char for sent in doc.sents]
        #: The gender the text gives each person, where it gives one.
        self.genders = genders(doc, self.mentions)
        #: The report's day: a role phrase means whoever held the role then.
        self.published: dt.date | None = doc._.published
        #: Person mentions outside quotation marks, by token (built on first use).
        self._people_index: _PersonMentions | None = None

    # -- public --------------------------------------------------------------------

    def resolve(self, token: Token) -> Speaker | None:
        """The speaker a subject token (the head of its phrase) stands for."""
        lower = token.lower_
        if lower in _PERSONAL:
            return self._pronoun(token)
        if lower in _COLLECTIVE:
            return None
        if lower in _RELATIVE and token.head.dep_ == "relcl" and token.head.head.i != token.i:
            # "Kellogg, who described ...": the noun the relative clause hangs on.
            return self.resolve(token.head.head)
        phrase = [t for t in token.subtree if not inside(self.quoted, t.idx)]
        text = self._text(phrase)
        if any(t.lower_ in ("quoting", "citing") for t in phrase):
            # "RIA, quoting a source, said": the words are the unnamed source's.
            return Speaker(ANONYMOUS, text, 0.6)
        person = self._person_at_head(phrase, token)
        if person is not None:
            return Speaker(person.name, text, 0.9)
        named = self._named_head(token, text)
        if named is not None:
            return named
        unnamed = self._unnamed(token, phrase, text)
        if unnamed is not None:
            return unnamed
        role = self._role(token, phrase)
        if role is not None:
            return role
        if lower in _INSTITUTIONS or token.lemma_.lower() in _INSTITUTIONS:
            # "Russia's Defence Ministry said", "Ukrainian forces said".
            party = self._party_in(phrase) or self._recent_party(token, phrase)
            if party is not None:
                return Speaker(party, text, 0.7)
        organisation = self._organisation(token)
        if organisation is not None:
            return Speaker(organisation, text, 0.7)
        person = self._mention_in(phrase, "person", head=token)
        if person is not None:
            return Speaker(person.name, text, 0.7)
        # A party or organisation that modifies the head ("the Trump campaign"), not
        # one inside a prepositional phrase ("proponents, including the US ...").
        near = [t for t in phrase if _governed_closely(t, token)]
        group = self._mention_in(near, None, head=token)
        if group is not None:
            return Speaker(group.name, text, 0.7)
        group_name = own_party(token, proper=False, labels=("NORP",))
        if token.tag_ == "NNPS" and group_name:
            # "Republicans said", "Fellow Democrats argued": a group no data file
            # names speaks under the name the report gives it.
            return Speaker(group_name, text, 0.6)
        return None

    def _person_at_head(self, phrase: list[Token], head: Token) -> Mention | None:
        """The person a phrase names at its head, in an apposition to it or in the
        compound before it ("Kremlin spokesman Dmitry Peskov", "Craig Moffett, a
        media analyst", "the head of the delegation, David Arakhamia"), or right after
        it as a second subject of the verb (:func:`~dragoman.nlp.people.name_beside`)."""
        near = {head.i}
        near.update(c.i for c in head.children if c.dep_ in ("appos", "compound"))
        beside = name_beside(head)
        if beside is not None:
            near.add(beside.i)
        for i in sorted(near):
            mention = self.by_token.get(i)
            if mention is not None and mention.kind == "person":
                return mention
        return None

    def _named_head(self, token: Token, text: str) -> Speaker | None:
        """A name at the head that the actors component did not know: the party or
        organisation it names, else the name built from the phrase, titles stripped
        ("Sen. Bernie Sanders (I-Vt.) said" -> Bernie Sanders)."""
        mention = self.by_token.get(token.i)
        if mention is not None:
            return Speaker(mention.name, text, 0.8)
        if token.ent_type_ == "ORG":
            return None
        name = name_from_phrase(token)
        if name is None:
            return None
        surname = name.split()[-1]
        if len(name.split()) == 1:
            # "Mr. Moffett": the person of that surname the report named last.
            known = self._by_surname(surname, token.idx)
            if known is not None:
                return Speaker(known, text, 0.75)
        entry = self.gazetteer.lookup(name)
        if entry is not None:
            return Speaker(entry.name, text, 0.8)
        # A person the report names though the parser did not see it: later pronouns
        # and quotations may go on with their words.
        self.people.add(name)
        return Speaker(name, text, 0.6)

    def _by_surname(self, surname: str, before: int) -> str | None:
        best: tuple[int, str] | None = None
        for actor in self.actors.values():
            if actor.kind != "person" or actor.name.split()[-1] != surname:
                continue
            for start, _ in actor.mentions:
                if start < before and (best is None or start > best[0]):
                    best = (start, actor.name)
        return best[1] if best else None

    def _recent_party(self, token: Token, phrase: list[Token]) -> str | None:
        """A collective with no party of its own ("Authorities said", "the ministry
        said"): the party that spoke last, shortly before."""
        if any(
            t.lower_ in ("a", "an", "some", "other", "western", "international") for t in phrase
        ):
            return None
        for position, name in reversed(self.history):
            if position < token.idx - _RECENT_REACH:
                break
            if position < token.idx and self.cast.is_party(name):
                return name
        return self._locative_party(token)

    def _locative_party(self, token: Token) -> str | None:
        """ "In Washington, officials said": the party named as where the verb happens."""
        verb = token.head
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "from") and child.i < token.i:
                for obj in child.children:
                    mention = self.by_token.get(obj.i)
                    if obj.dep_ == "pobj" and mention is not None and mention.kind == "party":
                        return mention.name
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
            party = self._party_in(phrase) or self._locative_party(token)
            return Speaker(party or ANONYMOUS, text, 0.65 if party else 0.6)
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
            party = party_of_adjective(self.doc, self.gazetteer, t.text)
            if party:
                return party
            mention = self.by_token.get(t.i)
            if mention is not None and mention.kind == "party":
                return mention.name
        return None

    def _organisation(self, token: Token) -> str | None:
        """An organisation the parser found that the gazetteer does not know speaks
        under its own name (:func:`~dragoman.nlp.parties.own_party`): "the Center
        for Strategic and International Studies said"."""
        if token.i in self.by_token:
            return None
        return own_party(token, proper=False, labels=("ORG",))

    def remember(self, position: int, name: str) -> None:
        """Record a resolved speaker, so later pronouns can refer to it."""
        if name != ANONYMOUS:
            if self.history and position < self.history[-1][0]:
                self._history_sorted = False
            bisect.insort(self._history_at, (position, len(self.history)))
            self.history.append((position, name))

    def _history_between(self, start: int, end: int) -> list[tuple[int, str]]:
        """The history entries at positions in ``start:end``, in history order."""
        lo = bisect.bisect_left(self._history_at, (start, -1))
        hi = bisect.bisect_left(self._history_at, (end, -1))
        order = sorted(index for _, index in self._history_at[lo:hi])
        return [self.history[index] for index in order]

    def _last_before(self, position: int, count: int) -> list[str]:
        """The names of the last ``count`` history entries before ``position``, in
        history order."""
        if self._history_sorted:
            end = bisect.bisect_left(self._history_at, (position, -1))
            return [name for _, name in self.history[max(0, end - count) : end]]
        found: list[str] = []
        for at, name in reversed(self.history):
            if at < position:
                found.append(name)
                if len(found) == count:
                    break
        found.reverse()
        return found

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
        "he said ... spokesman Dmitry Peskov"), else the person the pronoun most
        likely refers back to (see :meth:`_antecedent`)."""
        for child in token.children:
            # "there he was, the Indian foreign secretary Jane Roe, confirming ...".
            mention = self.by_token.get(child.i)
            if child.dep_ == "appos" and mention is not None and mention.kind == "person":
                return Speaker(mention.name, token.text, 0.8)
        verb = token.head
        for t in self.doc[verb.i + 1 : min(verb.i + 12, token.sent.end)]:
            mention = self.by_token.get(t.i)
            if mention and mention.kind == "person" and not inside(self.quoted, t.idx):
                head = self.doc[mention.token_end - 1]
                closes = mention.token_end >= len(self.doc) or self.doc[mention.token_end].is_punct
                inverted = head.dep_ in ("npadvmod", "nsubj", "appos", "attr", "dep") or (
                    head.dep_ == "dobj" and verb.lemma_ == "say"
                )
                # "there he was, the foreign secretary Jane Roe, before the press".
                copula = head.dep_ == "attr" and verb.lemma_ == "be"
                if head.head == verb and ((closes and inverted) or copula):
                    return Speaker(mention.name, token.text, 0.7)
        return self._antecedent(token)

    def _antecedent(self, token: Token) -> Speaker | None:
        """The person a pronoun refers back to, across sentences and paragraphs:
        each person named or quoted before it is scored by how many sentences back it
        was, whether it was a subject and whether it has just spoken; a person of the
        other gender (by an honorific or role word) is left out. The confidence is low
        when the runner-up scored close to the winner."""
        wanted = gender_of_word(token.text)
        here = self._sentence_index(token.i)
        scores: dict[str, float] = {}
        floor = here - 8
        if self._people_index is None:
            self._people_index = _PersonMentions(self)
        for mention, sentence, subject in self._people_index.between(
            self.sentence_starts[floor] if floor >= 0 else -1, token.i
        ):
            # Person mentions outside quotes, at most 8 sentences back.
            distance = here - sentence
            if wanted and self.genders.get(mention.name, wanted) != wanted:
                continue
            score = -float(distance) + (0.8 if subject else 0.0)
            if subject and distance == 0:
                # "X spoke ..., after talks he described as ...": the subject of the
                # pronoun's own sentence is its antecedent before any earlier speaker.
                score += 1.0
            scores[mention.name] = max(scores.get(mention.name, score - 1), score)
        reach = self.sentence_chars[floor] if floor >= 0 else -(1 << 62)
        for position, name in self._history_between(reach, token.idx):
            # A speaker resolved there (by a role phrase, or a name the actors
            # component did not find) counts as a subject mention.
            if not self._may_be_person(name):
                continue
            if wanted and self.genders.get(name, wanted) != wanted:
                continue
            distance = here - self._sentence_at_char(position)
            if distance <= 8:
                scores[name] = max(scores.get(name, -99.0), -float(distance) + 0.8)
        for name in scores:
            if wanted and self.genders.get(name) == wanted:
                scores[name] += 0.5
        recent = list(dict.fromkeys(reversed(self._last_before(token.idx, 3))))
        for rank, name in enumerate(recent):  # each speaker once: the latest most
            if name in scores:
                scores[name] += 0.6 if rank == 0 else 0.2
        if not scores:
            return None
        ranked = sorted(scores.items(), key=lambda item: -item[1])
        name, best = ranked[0]
        margin = best - ranked[1][1] if len(ranked) > 1 else 2.0
        confidence = round(min(0.85, 0.45 + 0.2 * margin), 2)
        return Speaker(name, token.text, confidence)

    def _may_be_person(self, name: str) -> bool:
        if name in self.people:
            return True
        return name != ANONYMOUS and name not in self.actors and not self.cast._kind(name)

    def _sentence_at_char(self, position: int) -> int:
        return bisect.bisect_right(self.sentence_chars, position) - 1

    def _sentence_index(self, i: int) -> int:
        return bisect.bisect_right(self.sentence_starts, i) - 1

    def _role(self, token: Token, phrase: list[Token]) -> Speaker | None:
        """A role phrase ("the spokesperson", "Russia's chief negotiator", "the foreign
        minister") to the actor of the report who holds that role, mentioned most
        recently before it; else to the gazetteer's holder of it on the report's day."""
        head = token.lemma_.lower()
        if head not in _ROLE_SYNONYMS:
            return None
        wanted = _ROLE_SYNONYMS[head]
        offices = [t.lower_ for t in phrase if t.lower_ in _OFFICE_WORDS and t.i < token.i]
        party = self._party_in(phrase)
        matches: list[tuple[int, str]] = []
        for actor in self.actors.values():
            if actor.kind != "person" or not actor.role:
                continue
            if not _holds(actor.role.lower(), wanted, offices):
                continue
            if party and actor.party and actor.party != party:
                continue
            earlier = [start for start, _ in actor.mentions if start < token.idx]
            if earlier:
                matches.append((max(earlier), actor.name))
        if not matches:
            return self._known_role(head, wanted, offices, party, phrase)
        matches.sort(reverse=True)
        # Two holders named close together make the choice uncertain.
        close = len(matches) > 1 and matches[0][0] - matches[1][0] < 400
        return Speaker(matches[0][1], self._text(phrase), 0.55 if close else 0.7)

    def _known_role(
        self,
        head: str,
        wanted: set[str],
        offices: list[str],
        party: str | None,
        phrase: list[Token],
    ) -> Speaker | None:
        """A role the report names but whose holder it does not ("Ukraine's foreign
        minister", "the head of Rosatom"): the one person of the gazetteer who held it
        on the report's day, if exactly one."""
        named = {t.text.lower() for t in phrase if t.pos_ == "PROPN" or t.ent_type_}
        if party is None and not named:
            return None
        holders = []
        for entry in self.gazetteer.holders(wanted | {head}, party, self.published):
            role = entry.role.lower() if entry.role else ""
            if not _holds(role, wanted | {head}, offices):
                continue
            if party is None and not named & set(role.replace("'s", "").split()):
                continue
            holders.append(entry.name)
        if len(holders) == 1:
            return Speaker(holders[0], self._text(phrase), 0.6)
        return None


class _PersonMentions:
    """The person mentions of a report outside quotation marks, sorted by token,
    each with its sentence and whether it is a subject: built once per resolver, so
    that a pronoun looks only at the few sentences before it."""

    def __init__(self, resolver: SpeakerResolver) -> None:
        doc = resolver.doc
        rows: list[tuple[int, int, Mention, int, bool]] = []
        for index, mention in enumerate(resolver.mentions):
            if mention.kind != "person" or inside(resolver.quoted, mention.start):
                continue
            head = doc[mention.token_end - 1]
            subject = head.dep_ in ("nsubj", "nsubjpass") or (
                head.dep_ in ("appos", "compound") and head.head.dep_ in ("nsubj", "nsubjpass")
            )
            sentence = resolver._sentence_index(mention.token_start)
            rows.append((mention.token_start, index, mention, sentence, subject))
        rows.sort(key=lambda row: (row[0], row[1]))
        self.starts = [row[0] for row in rows]
        self.rows = rows

    def between(self, start: int, end: int) -> list[tuple[Mention, int, bool]]:
        """The mentions that start at tokens ``start:end``, in the report's order of
        mentions."""
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        chosen = sorted(self.rows[lo:hi], key=lambda row: row[1])
        return [(mention, sentence, subject) for _, _, mention, sentence, subject in chosen]


def _governed_closely(token: Token, head: Token) -> bool:
    """Whether ``token`` hangs from ``head`` through modifiers only (compound, amod,
    poss, nmod), not through a preposition, clause or apposition."""
    steps = 0
    while token.i != head.i and steps < 6:
        if token.dep_ not in ("compound", "amod", "poss", "nmod", "det", "case"):
            return False
        token = token.head
        steps += 1
    return token.i == head.i


def _holds(role: str, wanted: set[str], offices: list[str]) -> bool:
    """Whether a role answers a role phrase: one of its words, every office word the
    phrase gives ("foreign" minister), and no deputy or vice the phrase does not."""
    if not any(word in role for word in wanted):
        return False
    if not all(office in role for office in offices):
        return False
    return not any(
        role.startswith(rank) or f" {rank}" in role
        for rank in ("vice", "deputy")
        if rank not in offices
    )
