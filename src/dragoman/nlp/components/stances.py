"""The ``dragoman_stances`` component: which issues a sentence touches, and each
party's stance on them (propose, demand, accept, reject, concede).

For every mention of an issue (``lexicons/issues.yaml``) the nearest stance cue
(``lexicons/stances.yaml``) in the same sentence decides the stance, and the cue's
subject decides the party. The party is whose position it is, not who reported it:
in "Medinsky said Ukraine's proposals include neutrality" the cue "include" has the
subject "Ukraine's proposals", so the position is Ukraine's, reported by Medinsky.
A first person inside a quotation ("we proposed") is the speaker's party.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dragoman.models import Position, Quote
from dragoman.nlp.caseless import CaselessPattern, lowered
from dragoman.nlp.components.stance_reading import (
    PLAN_WORDS,
    condition_setter,
    confidence_of,
    framed,
    holder_of,
    in_scene,
    issue_acts,
    lacks_particle,
    listing_noun,
    obliged,
    owner_before,
    plan_owners,
    relative_clause,
    reports_fact,
    retracted,
)
from dragoman.nlp.dating import date_item, placing_time, times_in
from dragoman.nlp.extensions import register_extensions, text_of, words_of
from dragoman.nlp.gazetteer import Gazetteer, load_gazetteer
from dragoman.nlp.lexicon import load_lexicon
from dragoman.nlp.parties import PartyFinder
from dragoman.nlp.places import load_places
from dragoman.nlp.polarity import negated
from dragoman.nlp.speakers import ANONYMOUS, SpeakerResolver
from dragoman.vocabulary import STANCES

_FIRST_PERSON = {"we", "i", "us", "our"}
#: Nouns by which a speaker names his own side ("the group wants …").
_SELF_WORDS = {"group", "movement", "side", "government", "country", "delegation", "leadership"}
#: Words of obligation: a party that "must" do something is the object of a demand,
#: whose author is the one who says so.
_OBLIGATIONS = {"must", "should", "need", "have"}

_SUBORDINATORS = {
    "as",
    "if",
    "because",
    "while",
    "although",
    "though",
    "when",
    "since",
    "unless",
    "whereas",
    "after",
    "before",
}
#: The stances of the codebook, in the order the lexicon is read: a word listed under
#: several stances takes the first, so "demand" and then "propose" come first.
_PRECEDENCE = ("demand", "propose")
_STANCES = _PRECEDENCE + tuple(s for s in STANCES if s not in _PRECEDENCE)


class _Ctx(NamedTuple):
    """Who is who in one report: its speakers, the parties of its words, and the
    owners of the plans it names (offset of the plan's word, its owner), in order."""

    speakers: SpeakerResolver
    parties: PartyFinder
    plans: list[tuple[int, str]]


@dataclass(frozen=True)
class IssueHit:
    """One mention of an issue in the text."""

    issue: str
    subject: str | None
    start: int
    end: int


class IssueLexicon:
    """The issue patterns, compiled once."""

    def __init__(self) -> None:
        data = load_lexicon("issues")
        self.patterns: list[tuple[str, CaselessPattern]] = []
        self.subjects: list[tuple[re.Pattern[str], str]] = []
        #: Regions made of territories: region -> its parts.
        self.regions: dict[str, tuple[str, ...]] = {}
        #: Phrases in which an issue's words do not signal the issue ("exercises on
        #: their territory", "a neutral venue"): issue -> pattern.
        self.excludes: dict[str, CaselessPattern] = {}
        for issue, spec in data.items():
            if spec.get("exclude"):
                joined = "|".join(f"(?:{p})" for p in spec["exclude"])
                self.excludes[issue] = CaselessPattern(joined)
            for region, parts in (spec.get("regions") or {}).items():
                self.regions[str(region)] = tuple(str(p) for p in parts)
            pattern = "|".join(f"(?:{p})" for p in spec.get("patterns") or [])
            self.patterns.append((issue, CaselessPattern(pattern)))
            for subject_pattern, name in (spec.get("subjects") or {}).items():
                self.subjects.append((re.compile(subject_pattern, re.IGNORECASE), name))

    def hits(self, text: str, offset: int) -> list[IssueHit]:
        found = []
        low = lowered(text)
        for issue, pattern in self.patterns:
            exclude = self.excludes.get(issue)
            spans = [m.span() for m in exclude.finditer(text, low)] if exclude else []
            for match in pattern.finditer(text, low):
                start, end = match.span()
                if any(a <= start < b for a, b in spans):
                    continue
                subject = None
                if issue == "territory":
                    words = text[start:end]
                    subject = next((n for p, n in self.subjects if p.fullmatch(words)), None)
                found.append(IssueHit(issue, subject, offset + start, offset + end))
        return found


class StanceLexicon:
    """Stance cue lemmas and phrases, and what a negated cue means."""

    def __init__(self) -> None:
        data = load_lexicon("stances")
        self.words: dict[str, str] = {}
        self.nouns: dict[str, str] = {}
        self.phrases: list[tuple[list[str], str]] = []
        for stance in _STANCES:
            spec = data.get(stance) or {}
            for word in spec.get("words") or []:
                self.words.setdefault(str(word).lower(), stance)
            for word in spec.get("nouns") or []:
                self.nouns.setdefault(str(word).lower(), stance)
            for phrase in spec.get("phrases") or []:
                self.phrases.append((str(phrase).lower().split(), stance))
        self.negated: dict[str, str | None] = dict(data.get("negated") or {})
        #: Nouns that are cues only as nouns ("a claim"): they state a stance on what
        #: they govern, never on an issue merely near them.
        self.noun_only = frozenset(self.nouns) - frozenset(self.words)

    def cues(self, sent: Span) -> list[tuple[Token, str]]:
        """The stance cues of a sentence: (the cue's head token, its stance)."""
        found: list[tuple[Token, str]] = []
        every = words_of(sent.doc)
        lemmas = every.lemma[sent.start : sent.end]
        for words, stance in self.phrases:
            size = len(words)
            for i in range(len(lemmas) - size + 1):
                if lemmas[i : i + size] == words:
                    found.append((sent[i], stance))
        taken = {t.i for t, _ in found}
        for k, lemma in enumerate(lemmas):
            pos = every.pos[sent.start + k]
            cue_stance = self.words.get(lemma)
            if cue_stance is None and pos == "NOUN":
                cue_stance = self.nouns.get(lemma)
            if (
                cue_stance
                and sent.start + k not in taken
                and pos in ("VERB", "NOUN", "ADJ", "AUX", "ADV")
            ):
                if lemma == "back" and pos != "VERB":
                    continue
                token = sent.doc[sent.start + k]
                if lacks_particle(token):
                    continue
                if any(c.dep_ == "auxpass" for c in token.children) and cue_stance == "demand":
                    # "talks are expected to focus on …": a forecast, not a demand.
                    continue
                found.append((token, cue_stance))
        return found


def _negated(token: Token) -> bool:
    """The cue, or the verb whose complement it is, is negated."""
    return negated(token, through=("xcomp", "ccomp"), levels=2)


class StancesComponent:
    def __init__(self, name: str, gazetteer: Gazetteer | None = None) -> None:
        register_extensions()
        self.name = name
        self.gazetteer = gazetteer or load_gazetteer()
        self.places = load_places()
        self.issues = IssueLexicon()
        self.stances = StanceLexicon()

    def __call__(self, doc: Doc) -> Doc:
        quotes: list[Quote] = list(doc._.quotes or [])
        speakers = SpeakerResolver(doc, self.gazetteer, doc._.quoted or [])
        parties = PartyFinder(speakers.cast, self.places)
        resolver = _Ctx(speakers, parties, plan_owners(doc, parties))
        positions: dict[tuple[str, str, str | None], Position] = {}
        ranks: dict[tuple[str, str, str | None], float] = {}
        all_hits = sorted(self.issues.hits(text_of(doc), 0), key=lambda h: h.start)
        hit_starts = [h.start for h in all_hits]
        quotes_by_end = sorted((q for q in quotes if q.speaker), key=lambda q: q.end)
        quote_ends = [q.end for q in quotes_by_end]
        for sent in doc.sents:
            first = bisect.bisect_left(hit_starts, sent.start_char)
            last = bisect.bisect_left(hit_starts, sent.end_char)
            hits = all_hits[first:last]
            if not hits:
                continue
            cues = self.stances.cues(sent)
            if not cues:
                continue
            quote = self._quote_of(quotes_by_end, quote_ends, sent)
            for hit in self._distinct(hits):
                read = self._position(doc, sent, hit, cues, quote, resolver)
                if read is None:
                    continue
                position, rank = read
                key = (position.party, position.issue, position.subject)
                # Of two readings, the one whose cue governs the issue's words wins
                # (then the first): confidence also weighs hedges, not the reading.
                if (
                    key not in positions
                    or ranks[key] < rank
                    or _own_offer(positions[key], position, ranks[key], rank)
                ):
                    positions[key] = position
                    ranks[key] = rank
        doc._.positions = sorted(positions.values(), key=lambda p: p.start)
        return doc

    def _distinct(self, hits: list[IssueHit]) -> list[IssueHit]:
        """The hits of a sentence (each is tried; the positions they give are one per
        party, issue and subject); a specific territory wins over the word
        "territory"; a region and its parts are the region."""
        seen = sorted(set(hits), key=lambda h: h.start)
        named = {h.issue for h in seen if h.subject}
        subjects = {h.subject for h in seen}
        kept = [h for h in seen if h.subject or h.issue not in named]
        for region, parts in self.issues.regions.items():
            if region in subjects:
                # "the Donbas, made up of Donetsk and Luhansk": one subject, the Donbas.
                kept = [h for h in kept if h.subject not in parts]
            elif set(parts) <= subjects:
                # Donetsk and Luhansk named together are the Donbas.
                first = min((h for h in kept if h.subject in parts), key=lambda h: h.start)
                kept = [h for h in kept if h.subject not in parts]
                kept.append(IssueHit("territory", region, first.start, first.end))
        return kept

    @staticmethod
    def _quote_of(quotes: list[Quote], ends: list[int], sent: Span) -> Quote | None:
        """The first quote (by end) that overlaps the sentence; quotes are sorted by
        their end, and a quote that overlaps ends after the sentence starts."""
        for quote in quotes[bisect.bisect_right(ends, sent.start_char) :]:
            if quote.start < sent.end_char and sent.start_char < quote.end:
                return quote
            if quote.start >= sent.end_char:
                break
        return None

    def _position(
        self,
        doc: Doc,
        sent: Span,
        hit: IssueHit,
        cues: list[tuple[Token, str]],
        quote: Quote | None,
        resolver: _Ctx,
    ) -> tuple[Position, float] | None:
        """A position from one issue hit, with its rank among readings (a cue that
        governs the issue's words ranks above one merely near them)."""
        anchor = doc.char_span(hit.start, hit.end, alignment_mode="expand")
        if anchor is None:
            return None
        anchor_token = anchor.root
        cue_of = {token.i: stance for token, stance in cues}
        chain = _cue_chain(anchor_token, cue_of)
        if not chain:
            loose = [c for c in cues if c[0].lemma_.lower() not in self.stances.noun_only]
            if not loose or in_scene(anchor_token):
                return None
            near = min(loose, key=lambda item: abs(item[0].i - anchor_token.i))
            if abs(near[0].i - anchor_token.i) > 8:
                return None
            chain = [near]
            syntactic = False
        else:
            syntactic = True
        cue, cue_stance = chain[0]
        if syntactic and (reports_fact(cue, anchor_token) or issue_acts(cue, anchor_token)):
            # "confirmed that the talks had ended"; "the guarantees needed approval".
            return None
        listed = listing_noun(cue, cue_of)
        if listed is not None:
            # "Kestrania's demands include A, B and C": each item is a demand of the
            # owner of the demands (a proposal, for "proposals include").
            cue, cue_stance = listed, cue_of[listed.i]
        condition = condition_setter(anchor_token, cue_of)
        if condition is not None:
            # "threatened tariffs if there is no truce": the truce is what the party
            # that sets the condition demands.
            cue, stance = condition
            party = self._party(cue, quote, resolver)
            syntactic = True
        else:
            own = self._own_stance(cue, cue_stance, anchor_token)
            if own is None or (own == "accept" and retracted(cue)):
                # "had accepted a ceasefire but has since taken it out": no acceptance.
                return None
            stance = own
            party = self._party(cue, quote, resolver)
            if len(chain) > 1:
                cue, stance, party = self._outer_stance(
                    chain[1], cue, stance, party, quote, resolver
                )
        if party is None:
            return None
        if quote is not None and (
            (cue.lemma_.lower() in _OBLIGATIONS and stance == "demand") or obliged(cue)
        ):
            # "Armenia must amend its constitution", said by Baku; "Moscow must accept
            # a truce", said by Kyiv: what the other side must do is the speaker's
            # demand (a rejection it must make, the speaker's rejection).
            said_by = resolver.parties.meant(quote.speaker)
            if said_by is not None and said_by != party:
                party, stance = said_by, "reject" if stance == "reject" else "demand"
            elif said_by is not None:
                party = said_by
        confidence = confidence_of(syntactic, cue, anchor_token, self._named(cue, resolver))
        reported_by = quote.speaker if quote else None
        date = quote.date if quote else date_item(doc, placing_time(times_in(doc, sent)))
        evidence = (quote.start, quote.end) if quote else (sent.start_char, sent.end_char)
        summary = text_of(doc)[min(cue.idx, hit.start) : max(cue.idx + len(cue), hit.end)]
        return Position(
            party=party,
            issue=hit.issue,
            stance=stance,
            subject=hit.subject,
            summary=summary[:160],
            reported_by=reported_by,
            date=date,
            start=evidence[0],
            end=evidence[1],
            confidence=confidence,
        ), (0.6 if syntactic else 0.4)

    @staticmethod
    def _named(cue: Token, resolver: _Ctx) -> bool:
        """Whether the cue's holder itself names a party or a person ("Tehran
        insisted", "Iran's demand"), rather than a pronoun, a plan or the speaker."""
        holder = holder_of(cue)
        if holder is None:
            return False
        return resolver.parties.of_token(holder, organisations=True) is not None

    def _own_stance(self, cue: Token, stance: str, anchor: Token) -> str | None:
        """The stance of the innermost cue, after negation (None: no position)."""
        if (
            stance == "demand"
            and cue.pos_ == "NOUN"
            and cue.dep_ in ("nsubj", "nsubjpass")
            and _negated(cue.head)
        ):
            # "the claim to Donetsk would not be part of the guarantees": a claim
            # let go of is a concession.
            stance = "concede"
        elif _negated(cue):
            turned = self.stances.negated.get(stance, stance)
            if turned is None:
                return None
            stance = turned
        if stance == "concede" and self._absence(anchor, cue):
            # "a country without nuclear weapons": offering an absence, not giving
            # something up.
            stance = "propose"
        return stance

    def _outer_stance(
        self,
        outer_cue: tuple[Token, str],
        cue: Token,
        stance: str,
        party: str | None,
        quote: Quote | None,
        resolver: _Ctx,
    ) -> tuple[Token, str, str | None]:
        """The cue, stance and party, once the cue above the innermost is read."""
        outer, outer_stance = outer_cue
        if _negated(outer):
            outer_stance = self.stances.negated.get(outer_stance, outer_stance) or stance
        outer_party = self._party(outer, quote, resolver)
        if (
            cue.pos_ == "NOUN"
            and outer.pos_ == "VERB"
            and outer_party is not None
            and outer_stance in ("accept", "reject")
        ):
            # "Russia rejected Zelensky's proposal": the verb is the stance.
            return outer, outer_stance, outer_party
        if outer_party is not None and outer_party != party and outer_stance != "concede":
            # Somebody else's demand or offer about what this party would do.
            return outer, outer_stance, outer_party
        if outer_party in (party, None) and outer_stance == "concede" and cue.pos_ == "NOUN":
            # "remove its territorial claims": a claim given up is a concession.
            if stance == "demand":
                return outer, "concede", party
        if (
            outer_party in (party, None)
            and outer_stance == "reject"
            and stance == "concede"
            and cue.dep_ != "conj"
        ):
            # "refused to give up": a rejection of the concession.
            return outer, "reject", party
        return cue, stance, party

    @staticmethod
    def _absence(anchor: Token, cue: Token) -> bool:
        """Whether the issue's words are governed by "without", "no" or "free of"
        below the cue."""
        for token in [anchor, *anchor.ancestors]:
            if token == cue:
                return False
            if token.lower_ in ("without", "free") or any(
                c.lower_ in ("no", "non") and c.dep_ == "det" for c in token.children
            ):
                return True
        return False

    def _party(self, cue: Token, quote: Quote | None, resolver: _Ctx) -> str | None:
        """The party whose stance the cue states: its subject's (or possessor's)."""
        parties = resolver.parties
        holder = holder_of(cue)
        if cue.pos_ == "NOUN":
            for child in cue.children:
                if child.dep_ in ("poss", "amod", "compound"):
                    party = parties.of_token(child, organisations=True)
                    if party:
                        return party
        if holder is not None:
            return self._party_of_holder(holder, quote, resolver)
        definite = any(c.lower_ in ("the", "this") for c in cue.children)
        if cue.lemma_.lower() in PLAN_WORDS and definite:
            return owner_before(resolver.plans, cue.idx)
        if quote is not None and quote.speaker and quote.start <= cue.idx < quote.end:
            return parties.meant(quote.speaker)
        if cue.pos_ == "NOUN":
            # A demand or claim with no owner of its own ("just as the claim to …")
            # is the party the sentence is about: the subject of its main verb.
            root = cue.sent.root
            subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.i != cue.i:
                for token in subject.subtree:
                    party = parties.of_token(token)
                    if party:
                        return party
        return None

    def _party_of_holder(self, holder: Token, quote: Quote | None, resolver: _Ctx) -> str | None:
        """The party of the subject (or possessor) of a cue."""
        parties = resolver.parties
        in_quote = quote is not None and quote.start <= holder.idx < quote.end
        if holder.lower_ in _FIRST_PERSON and quote is not None and in_quote:
            return parties.meant(quote.speaker) if quote.speaker else None
        if holder.lower_ in ("its", "their", "his", "her") and holder.dep_ == "poss":
            # "criticised Moscow for its insistence on …", "repeated his insistence":
            # the party last named as the subject or object of a verb.
            for token in reversed(holder.doc[holder.sent.start : holder.i]):
                if token.dep_ not in ("nsubj", "nsubjpass", "dobj"):
                    continue
                party = parties.of_token(token)
                if party:
                    return party
        if holder.lower_ in ("it", "they", "we", "its", "their"):
            # "Russia said it would not …": the subject of the clause above.
            for verb in holder.head.ancestors:
                subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if (
                    subject is not None
                    and subject.lower_ not in ("it", "they", "we")
                    and subject.i != holder.head.i
                ):
                    return self._party(verb, quote, resolver)
            return None
        for token in holder.subtree:
            party = parties.of_token(token, organisations=token.i == holder.i)
            if party:
                return party
        speaker = resolver.speakers.resolve(holder)
        if speaker is not None and speaker.name != ANONYMOUS:
            return parties.meant(speaker.name)
        if holder.lemma_.lower() in PLAN_WORDS:
            # "The plan includes …": the plan named last, with its owner.
            return owner_before(resolver.plans, holder.idx)
        if holder.lemma_.lower() in _SELF_WORDS and quote is not None and quote.speaker:
            # "the group wants guarantees", said by its negotiator: his side.
            return parties.meant(quote.speaker)
        return None


def _own_offer(held: Position, new: Position, held_rank: float, rank: float) -> bool:
    """A party that proposed what it is said to accept (its own offer, agreed to
    again) proposes it: acceptance is of what the other side put forward."""
    return held.stance == "accept" and new.stance == "propose" and rank >= held_rank


def _cue_chain(anchor: Token, cue_of: dict[int, str]) -> list[tuple[Token, str]]:
    """The cues above the issue's words, innermost first ("Moscow demands that Kyiv
    give up Donetsk": give up, then demands)."""
    chain: list[tuple[Token, str]] = []
    coordinated = False
    skip = -1
    for token in [anchor, *anchor.ancestors]:
        if (
            token.i in cue_of
            and token.i != skip
            and not (coordinated and cue_of[token.i] == "concede")
        ):
            chain.append((token, cue_of[token.i]))
        is_verb = token.pos_ in ("VERB", "AUX")
        if not is_verb:
            coordinated = False
        if (
            is_verb
            and token.dep_ == "conj"
            and token.head.pos_ in ("VERB", "AUX")
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
        ):
            # "Kyiv agreed to a truce, but Putin only said …": a conjoined clause
            # with a subject of its own is not governed by the first verb.
            skip = token.head.i
        if is_verb and (
            token.dep_ == "conj"
            or (token.dep_ == "advcl" and any(c.lower_ == "to" for c in token.children))
        ):
            # "give up joining NATO, to adopt a neutral status": giving up does not
            # carry over to a coordinated verb (a cue above both still does:
            # "ready to …", "refused to …").
            coordinated = True
        if token.i != anchor.i and (_own_say(token) or relative_clause(token)):
            # "comments by the envoy, who described concerns over the alliance": the
            # relative clause has its own say.
            break
        if framed(token):
            # "insisted on guarantees since the annexation of the peninsula".
            break
    if chain:
        first = chain[0][0]
        for conjunct in first.children:
            # "we agreed and proposed an agreement": the verb next to the object.
            if conjunct.dep_ == "conj" and conjunct.i in cue_of and first.i < conjunct.i < anchor.i:
                chain[0] = (conjunct, cue_of[conjunct.i])
    return chain


def _own_say(token: Token) -> bool:
    """An adverbial clause with its own subject ("just as the claim … would not be
    part …") has its own say: the chain stops there. ("fighting for Ukraine to give
    up …" goes on: that clause is what is fought for.)"""
    return (
        token.dep_ == "advcl"
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
        and any(c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in token.children)
    )


@Language.factory(
    "dragoman_stances",
    assigns=["doc._.positions"],
    requires=["doc._.mentions", "doc._.actors", "doc._.quotes", "doc._.times"],
)
def make_stances(nlp: Language, name: str) -> StancesComponent:
    return StancesComponent(name)
