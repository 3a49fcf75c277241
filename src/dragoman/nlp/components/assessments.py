"""The ``dragoman_assessments`` component: how each actor judges the state of the talks.

An assessment is built from the speaker's quotes (direct, mixed and indirect, found by
``dragoman_quotes`` before it) that evaluate the talks:

- a quote counts when it is about the talks: its words, or the sentence that carries
  it, name the talks (talks, negotiations, round, contacts, progress...); a mixed quote
  takes its subject from the reporter's sentence ("described the talks as “difficult,
  but businesslike”");
- its cue words (``lexicons/assessments.yaml``) give the polarity; a negator before a
  cue turns it round ("not constructive", "cannot see progress"), a verb such as
  "stall" turns a positive cue after it negative ("stalling progress"), and a cue in a
  condition or a wish ("if progress is made", "for a meeting to be meaningful") is no
  judgement;
- both polarities, or one cue plus a contrasted clause about the talks
  ("constructive, but major challenges remain"), make it mixed.

One assessment per actor and day: the quotes of one speaker on one day are merged
(quotes without a day are merged within a paragraph). Sentences in which the
reporter says an actor judged the talks ("Putin acknowledged progress in the
talks", "Zelensky described the talks as constructive") count as well, when no
quote covers them. Unnamed sources ("anonymous") assess only when nobody named
does; quotes without a speaker never do.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dragoman.models import Assessment, Quote
from dragoman.nlp.dating import Earlier, date_item, placing_time, times_in
from dragoman.nlp.extensions import (
    in_overlong_sentence,
    register_extensions,
    text_of,
    words_of,
)
from dragoman.nlp.gazetteer import load_gazetteer
from dragoman.nlp.lexicon import load_lexicon
from dragoman.nlp.polarity import (
    COORDINATING,
    MIXED,
    NEGATIVE,
    OPPOSITE,
    POSITIVE,
    denied_by_verb,
    denied_span,
    doubted,
    has_negation,
    negator_before,
    reverser_before,
)
from dragoman.nlp.quotemarks import paragraphs
from dragoman.nlp.speakers import ANONYMOUS, SpeakerResolver
from dragoman.nlp.wordpatterns import PatternIndex, WordPattern, forms, match_at, norm

#: Modals that make a cue standing as their verb's subject a possibility
#: ("progress could open the way to a summit"), not a judgement.
_POSSIBILITY = {"could", "might", "may", "would"}
#: Verbs with which the reporter says that an actor judged something, for sentences
#: that hold no quote ("Putin acknowledged progress", "described the talks as ...").
_JUDGING_VERBS = {
    "describe",
    "call",
    "term",
    "label",
    "characterise",
    "characterize",
    "hail",
    "praise",
    "acknowledge",
    "admit",
    "concede",
    "report",
    "see",
    "note",
    "welcome",
    "criticise",
    "criticize",
    "deplore",
    "lament",
    "complain",
    "say",
    "tell",
    "assess",
    "rate",
    "judge",
    "declare",
    "claim",
    "insist",
    "stress",
    "warn",
    "signal",
    "indicate",
}
#: The parts of a judging verb's clause that carry what was judged ("described the
#: talks as constructive"); adjuncts such as "Commenting on the prospects for a
#: breakthrough, ..." are the reporter's framing, not the judgement.
_FRAMING = {
    "advcl",
    "conj",
    "cc",
    "punct",
    "parataxis",
    "mark",
    "npadvmod",
    "agent",
    "nsubj",
    "nsubjpass",
    "csubj",
    "aux",
    "auxpass",
    "neg",
}
_SUBJECTS = ("nsubj", "nsubjpass")
#: How sure a judgement is, by the kind of statement it comes from.
_KIND_CONFIDENCE = {"direct": 0.75, "mixed": 0.7, "indirect": 0.6, "reported": 0.5}


@dataclass
class _Hit:
    """A cue found in a statement, after negation: its polarity and its tokens."""

    polarity: str
    start: int  # token indices in the doc
    end: int
    text: str


@dataclass
class _Judgement:
    """What one statement (a quote or a reporter's sentence) says about the talks."""

    actor: str
    date: dt.date | None
    kind: str
    start: int
    end: int
    hits: list[_Hit]
    contrast: bool
    paragraph: int
    confidence: float

    @property
    def polarities(self) -> set[str]:
        return {hit.polarity for hit in self.hits}

    @property
    def strength(self) -> tuple[int, float, int]:
        return (len(self.hits) + (1 if self.contrast else 0), self.confidence, -self.start)


@dataclass
class CueLexicon:
    """The word lists of ``lexicons/assessments.yaml``, compiled for matching."""

    topic: list[WordPattern]
    positive: list[WordPattern]
    negative: list[WordPattern]
    negators: list[WordPattern]
    doubters: list[WordPattern]
    reversers: set[str]
    contrast: list[WordPattern]
    outlets: set[str]
    marks: set[str]
    wish_verbs: set[str]
    cues: list[tuple[WordPattern, str]] = field(default_factory=list)
    topics: PatternIndex = field(default_factory=lambda: PatternIndex([]))
    cue_index: PatternIndex = field(default_factory=lambda: PatternIndex([]))
    polarity: dict[WordPattern, str] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> CueLexicon:
        def patterns(key: str) -> list[WordPattern]:
            return [WordPattern.parse(entry) for entry in data.get(key) or []]

        hypothetical = data.get("hypothetical") or {}
        lexicon = cls(
            topic=patterns("topic"),
            positive=patterns("positive"),
            negative=patterns("negative"),
            negators=patterns("negators"),
            doubters=patterns("doubters"),
            reversers={p.words[0] for p in patterns("reversers")},
            contrast=patterns("contrast"),
            outlets={p.words[0] for p in patterns("outlets")},
            marks={WordPattern.parse(w).words[0] for w in hypothetical.get("marks") or []},
            wish_verbs={WordPattern.parse(w).words[0] for w in hypothetical.get("verbs") or []},
        )
        cues = [(p, POSITIVE) for p in lexicon.positive]
        cues += [(p, NEGATIVE) for p in lexicon.negative]
        # Longest first, so "no progress" is taken before "progress".
        lexicon.cues = sorted(cues, key=lambda item: -len(item[0].words))
        lexicon.topics = PatternIndex(lexicon.topic)
        lexicon.cue_index = PatternIndex(p for p, _ in cues)
        lexicon.polarity = dict(cues)
        return lexicon


class AssessmentsComponent:
    """Judgements of the talks, one per actor and day, from quotes and reported verdicts."""

    def __init__(self, name: str, lexicon: CueLexicon | None = None) -> None:
        register_extensions()
        self.name = name
        self.lexicon = lexicon or CueLexicon.from_mapping(load_lexicon("assessments"))
        self.gazetteer = load_gazetteer()

    # -- the component ---------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        quotes = [q for q in (doc._.quotes or []) if q.speaker]
        breaks = [start for start, _ in paragraphs(text_of(doc))]
        judgements: list[_Judgement] = []
        for quote in quotes:
            judgement = self._from_quote(doc, quote, breaks)
            if judgement is not None:
                judgements.append(judgement)
        judgements.extend(self._from_reports(doc, quotes, breaks))
        outlets = self._outlets(doc)
        judgements = [j for j in judgements if j.actor not in outlets]
        named = [j for j in judgements if j.actor != ANONYMOUS]
        doc._.assessments = self._merge(named or judgements)
        return doc

    def _outlets(self, doc: Doc) -> set[str]:
        """The news outlets among the report's actors: they carry statements."""
        found = set()
        for name, actor in (doc._.actors or {}).items():
            if actor.kind != "organization":
                continue
            entry = self.gazetteer.lookup(name)
            names = [name, *actor.aliases, *(entry.aliases if entry else [])]
            words = {norm(w) for text in names for w in re.findall(r"\w+", text)}
            if words & self.lexicon.outlets:
                found.add(name)
        return found

    # -- quotes ------------------------------------------------------------------

    def _from_quote(self, doc: Doc, quote: Quote, breaks: list[int]) -> _Judgement | None:
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        sentences = self._sentences(doc, span)
        if not self.lexicon.topics.contains(sentences):
            return None
        if quote.kind == "indirect" and denied_span(span):
            return None
        if quote.kind == "mixed":
            # A fragment's negation is often the reporter's ("could not point to
            # anything “very promising”"): read the sentence, keep the fragment's cues.
            inner = {t.i for t in span}
            hits = [h for h in self._hits(sentences) if h.end - 1 in inner]
        else:
            hits = self._hits(list(span))
        if not hits:
            return None
        # The quote's own contrast ("difficult, but businesslike") or, for a fragment,
        # the reporter's ("was “frustrated” ..., but stressed the need for talks").
        contrast = self._contrast(sentences if quote.kind == "mixed" else list(span), hits)
        assert quote.speaker is not None
        confidence = _KIND_CONFIDENCE.get(quote.kind, 0.6) * (0.7 if quote.anonymous else 1.0)
        return _Judgement(
            actor=quote.speaker,
            date=quote.date,
            kind=quote.kind,
            start=quote.start,
            end=quote.end,
            hits=hits,
            contrast=contrast,
            paragraph=self._paragraph(breaks, quote.start),
            confidence=confidence,
        )

    @staticmethod
    def _sentences(doc: Doc, span: Span) -> list[Token]:
        """The tokens of the sentences a span lies in: where a fragment's subject is."""
        first, last = span[0].sent, span[-1].sent
        return list(doc[first.start : last.end])

    # -- cues, negation, contrast ---------------------------------------------------

    def _hits(self, tokens: list[Token]) -> list[_Hit]:
        """The cues in ``tokens``, each turned round by a negator or reverser before
        it and dropped when it stands in a condition or a wish."""
        candidates = sorted(
            (-len(pattern.words), i, end, self.lexicon.polarity[pattern])
            for i in range(len(tokens))
            for pattern, end in self.lexicon.cue_index.matches(tokens, i)
        )
        # Longest first, so "no progress" is taken before "progress".
        taken: set[int] = set()
        found: list[tuple[int, int, str]] = []
        for _, i, end, polarity in candidates:
            if any(k in taken for k in range(i, end)):
                continue
            taken.update(range(i, end))
            found.append((i, end, polarity))
        found.sort()
        hits: list[_Hit] = []
        for i, end, polarity in found:
            first, last = tokens[i], tokens[end - 1]
            if self._hypothetical(last, polarity):
                continue
            doc = first.doc
            text = doc[first.i : last.i + 1].text
            negator = negator_before(tokens, i, self.lexicon.negators)
            denial = None if negator is not None else denied_by_verb(last, tokens)
            denial = denial or (
                None if negator is not None else doubted(last, self.lexicon.doubters)
            )
            reverser = None
            if negator is None and denial is None and polarity == POSITIVE:
                reverser = reverser_before(tokens, i, self.lexicon.reversers)
            if negator is not None:
                polarity = OPPOSITE[polarity]
                text = doc[tokens[negator].i : last.i + 1].text
            elif denial is not None:
                polarity = OPPOSITE[polarity]
                text = f"{denial} \u2026 {text}"
            elif reverser is not None:
                polarity = NEGATIVE
                # "stalling progress": the reverser is not a second cue.
                at = tokens[reverser].i
                hits = [h for h in hits if not h.start <= at < h.end]
                text = doc[at : last.i + 1].text
            hits.append(_Hit(polarity, first.i, last.i + 1, text))
        return hits

    def _hypothetical(self, token: Token, polarity: str) -> bool:
        """A cue under a condition or a purpose is not a judgement, nor is a positive
        one under a wish ("we hope for a breakthrough"); a negative one under a wish
        is an accusation ("Russia wants to drag out the talks") and stays."""
        if polarity == POSITIVE and token.dep_ in ("nsubj", "nsubjpass"):
            modals = {norm(c.text) for c in token.head.children if c.dep_ == "aux"}
            if modals & _POSSIBILITY:
                return True
        marks = self.lexicon.marks - {"for"}
        infinitive = False
        node = token
        for _ in range(8):
            for child in node.children:
                if child.dep_ == "mark" and norm(child.text) in marks:
                    return True
                if child.dep_ == "aux" and norm(child.text) == "to":
                    infinitive = True
            wish = node.i != token.i and node.pos_ in ("VERB", "AUX", "NOUN")
            node_forms = forms(node.text, node.lemma_)
            if wish and polarity == POSITIVE and node_forms & self.lexicon.wish_verbs:
                return True
            if infinitive and norm(node.text) == "for" and "for" in self.lexicon.marks:
                # "For a meeting to be meaningful, ..."
                return True
            if node.head.i == node.i:
                return False
            node = node.head
        return False

    def _contrast(self, tokens: list[Token], hits: list[_Hit]) -> bool:
        """One polarity, conceded, and a contrasted clause about the talks that
        carries no cue of that polarity: "difficult, but [the talks must go on]",
        "while [significant work remains], the talks ...". When the cue is the point
        made after the contrast ("we talked about it, but no progress was made"),
        the judgement keeps its polarity."""
        if not hits or len({h.polarity for h in hits}) > 1:
            return False
        doc = tokens[0].doc
        ids = [t.i for t in tokens]
        for k, token in enumerate(tokens):
            markers = (p for p in self.lexicon.contrast if match_at(p, tokens, k) is not None)
            marker = next(markers, None)
            if marker is None:
                continue
            if marker.words[0] in COORDINATING:
                if k == 0:
                    continue  # contrasts with the sentence before, not inside this one
                conceded, other = set(ids[:k]), ids[k + 1 :]
            else:
                # "while X, Y", "X, although Y": the subordinate clause is conceded.
                head = token.head
                clause = {t.i for t in head.subtree} if head.i != token.i else set(ids[k:])
                conceded, other = clause & set(ids), [i for i in ids if i not in clause]
            if not other or not any(h.start in conceded for h in hits):
                continue
            if any(h.start in set(other) for h in hits):
                continue
            if self.lexicon.topics.contains([doc[i] for i in other]):
                return True
        return False

    # -- reported judgements --------------------------------------------------------

    def _from_reports(self, doc: Doc, quotes: list[Quote], breaks: list[int]) -> list[_Judgement]:
        """ "Putin acknowledged progress in the talks": a judging verb whose subject is
        an actor and whose words, outside every quote, hold a cue and name the talks."""
        covered = [(q.start, q.end) for q in doc._.quotes or []]
        covered += list(doc._.quoted or [])
        resolver = SpeakerResolver(doc, self.gazetteer, list(doc._.quoted or []))
        for quote in sorted(quotes, key=lambda q: q.start):
            if quote.speaker:
                resolver.remember(quote.start, quote.speaker)
        found: list[_Judgement] = []
        by_actor: dict[str, tuple[list[int], list[Quote]]] = {}
        for quote in sorted(quotes, key=lambda q: q.start):
            if quote.speaker:
                starts, own = by_actor.setdefault(quote.speaker, ([], []))
                starts.append(quote.start)
                own.append(quote)
        overlong = in_overlong_sentence(doc)
        inside = _Stretches(covered)
        every = words_of(doc)
        for i, pos in enumerate(every.pos):
            if pos not in ("VERB", "AUX") or norm(every.lemma[i]) not in _JUDGING_VERBS:
                continue
            verb = doc[i]
            if verb.i in overlong:
                continue
            if inside(verb.idx):
                continue
            subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
            if subject is None and verb.dep_ in ("conj", "xcomp", "advcl"):
                subject = next((c for c in verb.head.children if c.dep_ in _SUBJECTS), None)
            if subject is None or subject.dep_ == "nsubjpass":
                # "described by Kyiv as ...": the judge is the agent.
                by = [c for c in verb.children if c.dep_ == "agent"]
                subject = next((g for c in by for g in c.children if g.dep_ == "pobj"), None)
            if subject is None or has_negation(verb):
                # "did not describe the talks as a failure" is no judgement either way.
                continue
            words = [
                t
                for child in verb.children
                if child.dep_ not in _FRAMING
                for t in child.subtree
                if not inside(t.idx)
            ]
            words.sort(key=lambda t: t.i)
            if not words or not self.lexicon.topics.contains(words):
                continue
            hits = self._hits(words)
            if not hits:
                continue
            # The judge last: resolving a pronoun looks back through the report, so
            # only for a sentence that judges the talks.
            speaker = resolver.resolve(subject)
            if speaker is None:
                continue
            sent = self._clause_in_paragraph(doc, verb, breaks)
            found.append(
                _Judgement(
                    actor=speaker.name,
                    date=self._sentence_date(doc, sent, speaker.name, by_actor),
                    kind="reported",
                    start=sent.start_char,
                    end=sent.end_char,
                    hits=hits,
                    contrast=self._contrast(words, hits),
                    paragraph=self._paragraph(breaks, sent.start_char),
                    confidence=_KIND_CONFIDENCE["reported"] * min(1.0, speaker.confidence + 0.1),
                )
            )
        return found

    @staticmethod
    def _clause_in_paragraph(doc: Doc, verb: Token, breaks: list[int]) -> Span:
        """The verb's sentence, cut at the paragraph breaks around the verb (the parser
        may run a sentence on across a break, and a time expression of the next
        paragraph does not date this one)."""
        sent = verb.sent
        k = bisect.bisect_right(breaks, verb.idx) - 1
        start = max(sent.start_char, breaks[k] if k >= 0 else 0)
        end = min(sent.end_char, breaks[k + 1] if k + 1 < len(breaks) else sent.end_char)
        span = doc.char_span(start, end, alignment_mode="contract")
        return span if span is not None and len(span) else sent

    @staticmethod
    def _sentence_date(
        doc: Doc, sent: Span, actor: str, by_actor: dict[str, tuple[list[int], list[Quote]]]
    ) -> dt.date | None:
        """As the quotes component dates words: a time expression in the sentence
        (None when it names no day: "in April 2025"), else the day of the actor's
        words in or before the sentence, else the day of the report. ``by_actor``
        holds each actor's quotes in text order."""

        def actors_words() -> Earlier | None:
            starts, own = by_actor.get(actor, ([], []))
            k = bisect.bisect_left(starts, sent.end_char)
            return Earlier(own[k - 1].date) if k > 0 else None

        time = placing_time(times_in(doc, sent, doc._.quoted or []))
        return date_item(doc, time, (actors_words,))

    # -- merging -------------------------------------------------------------------

    @staticmethod
    def _paragraph(breaks: list[int], position: int) -> int:
        """The index of the paragraph (by sorted starts) that holds ``position``."""
        return max(bisect.bisect_right(breaks, position) - 1, 0)

    def _merge(self, judgements: list[_Judgement]) -> list[Assessment]:
        """One assessment per actor and day (undated statements: per paragraph)."""
        groups: dict[tuple[str, object], list[_Judgement]] = {}
        for judgement in sorted(judgements, key=lambda j: j.start):
            day: object = judgement.date
            if day is None:
                day = ("paragraph", judgement.paragraph)
            groups.setdefault((judgement.actor, day), []).append(judgement)
        assessments: list[Assessment] = []
        for (actor, _), group in groups.items():
            polarities = set().union(*(j.polarities for j in group))
            if len(polarities) > 1 or any(j.contrast for j in group):
                polarity = MIXED
            else:
                polarity = next(iter(polarities))
            best = max(group, key=lambda j: j.strength)
            cues: list[str] = []
            for judgement in group:
                for hit in judgement.hits:
                    if hit.text.lower() not in (c.lower() for c in cues):
                        cues.append(hit.text)
            cue_count = sum(len(j.hits) for j in group)
            confidence = max(j.confidence for j in group) + 0.05 * (cue_count - 1)
            assessments.append(
                Assessment(
                    actor=actor,
                    polarity=polarity,
                    date=group[0].date,
                    summary="; ".join(cues),
                    start=best.start,
                    end=best.end,
                    confidence=round(min(confidence, 0.95), 2),
                )
            )
        assessments.sort(key=lambda a: a.start)
        return assessments


class _Stretches:
    """Whether an offset lies in one of some stretches of text, by bisection over
    the stretches merged and sorted (quotes may nest)."""

    def __init__(self, stretches: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(stretches):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def __call__(self, offset: int) -> bool:
        k = bisect.bisect_right(self.starts, offset) - 1
        return k >= 0 and offset < self.ends[k]


@Language.factory(
    "dragoman_assessments",
    assigns=["doc._.assessments"],
    requires=["doc._.quotes"],
)
def make_assessments(nlp: Language, name: str) -> AssessmentsComponent:
    return AssessmentsComponent(name)
