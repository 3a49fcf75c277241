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

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dragoman.models import Assessment, Quote
from dragoman.nlp.extensions import in_overlong_sentence, register_extensions, text_of
from dragoman.nlp.gazetteer import load_gazetteer
from dragoman.nlp.lexicon import load_lexicon
from dragoman.nlp.quotemarks import paragraphs
from dragoman.nlp.speakers import ANONYMOUS, SpeakerResolver

POSITIVE = "positive"
NEGATIVE = "negative"
MIXED = "mixed"
_OPPOSITE = {POSITIVE: NEGATIVE, NEGATIVE: POSITIVE}

#: Verbs whose negation denies what they govern ("I don't think it was useful").
_OPINION_VERBS = {
    "think", "believe", "expect", "see", "say", "consider", "feel", "find", "share", "call",
    "describe", "suppose", "imagine", "regard", "assess", "view", "point",
}
#: Modals that make a cue standing as their verb's subject a possibility
#: ("progress could open the way to a summit"), not a judgement.
_POSSIBILITY = {"could", "might", "may", "would"}
#: Verbs with which the reporter says that an actor judged something, for sentences
#: that hold no quote ("Putin acknowledged progress", "described the talks as ...").
_JUDGING_VERBS = {
    "describe", "call", "term", "label", "characterise", "characterize", "hail", "praise",
    "acknowledge", "admit", "concede", "report", "see", "note", "welcome", "criticise",
    "criticize", "deplore", "lament", "complain", "say", "tell", "assess", "rate", "judge",
    "declare", "claim", "insist", "stress", "warn", "signal", "indicate",
}
#: The parts of a judging verb's clause that carry what was judged ("described the
#: talks as constructive"); adjuncts such as "Commenting on the prospects for a
#: breakthrough, ..." are the reporter's framing, not the judgement.
_FRAMING = {
    "advcl", "conj", "cc", "punct", "parataxis", "mark", "npadvmod", "agent", "nsubj",
    "nsubjpass", "csubj", "aux", "auxpass", "neg",
}
_SUBJECTS = ("nsubj", "nsubjpass")
#: How sure a judgement is, by the kind of statement it comes from.
_KIND_CONFIDENCE = {"direct": 0.75, "mixed": 0.7, "indirect": 0.6, "reported": 0.5}
#: Tokens looked at before a cue for a negator.
_NEGATION_WINDOW = 3
#: Contrast words that join two clauses of the same rank ("X, but Y").
_COORDINATING = {"but", "however", "yet", "nevertheless", "nonetheless"}
_WILDCARD_SPAN = 2


def _norm(text: str) -> str:
    return text.lower().replace("\u2019", "'")


@dataclass(frozen=True)
class _Pattern:
    """One cue of the lexicon: its words (``*`` a short gap) and, for a single word,
    an optional part of speech."""

    text: str
    words: tuple[str, ...]
    pos: str | None = None

    @classmethod
    def parse(cls, entry: object) -> _Pattern:
        if not isinstance(entry, str):
            # YAML reads a bare no, yes, on or off as a boolean: quote it.
            raise TypeError(f"lexicons/assessments.yaml: {entry!r} is not a word (quote it)")
        text = entry.strip()
        pos = None
        if "/" in text and " " not in text:
            text, pos = text.split("/", 1)
            pos = pos.upper()
        words = tuple(_norm(w) for w in re.findall(r"\*|[^\s*]+", text.replace("n't", " n't")))
        return cls(text, words, pos)


@functools.lru_cache(maxsize=8192)
def _forms(text: str, lemma: str) -> frozenset[str]:
    """The forms a lexicon word is compared with: the token, its lemma and, against
    the model's lemmatiser slips ("hoped" -> "hop"), its text without an ending."""
    text, lemma = _norm(text), _norm(lemma)
    forms = {text, lemma}
    for ending in ("ing", "ed", "es", "s", "d"):
        if text.endswith(ending) and len(text) - len(ending) >= 3:
            stem = text[: -len(ending)]
            forms.update((stem, stem + "e"))
    return frozenset(forms)


def _word_matches(word: str, token: Token, pos: str | None = None) -> bool:
    if pos is not None and token.pos_ != pos:
        return False
    return word in _forms(token.text, token.lemma_)


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

    topic: list[_Pattern]
    positive: list[_Pattern]
    negative: list[_Pattern]
    negators: list[_Pattern]
    doubters: list[_Pattern]
    reversers: set[str]
    contrast: list[_Pattern]
    outlets: set[str]
    marks: set[str]
    wish_verbs: set[str]
    cues: list[tuple[_Pattern, str]] = field(default_factory=list)
    topics: _Index = field(default_factory=lambda: _Index([]))
    cue_index: _Index = field(default_factory=lambda: _Index([]))
    polarity: dict[_Pattern, str] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> CueLexicon:
        def patterns(key: str) -> list[_Pattern]:
            return [_Pattern.parse(entry) for entry in data.get(key) or []]

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
            marks={_Pattern.parse(w).words[0] for w in hypothetical.get("marks") or []},
            wish_verbs={_Pattern.parse(w).words[0] for w in hypothetical.get("verbs") or []},
        )
        cues = [(p, POSITIVE) for p in lexicon.positive]
        cues += [(p, NEGATIVE) for p in lexicon.negative]
        # Longest first, so "no progress" is taken before "progress".
        lexicon.cues = sorted(cues, key=lambda item: -len(item[0].words))
        lexicon.topics = _Index(lexicon.topic)
        lexicon.cue_index = _Index(p for p, _ in cues)
        lexicon.polarity = dict(cues)
        return lexicon


def _match_at(pattern: _Pattern, tokens: Sequence[Token], i: int) -> int | None:
    """The index just after ``pattern`` matched at ``tokens[i]``, or None."""
    pos = pattern.pos if len(pattern.words) == 1 else None
    j = i
    for k, word in enumerate(pattern.words):
        if word == "*":
            continue
        if k > 0 and pattern.words[k - 1] == "*":
            # A gap of up to two words before this one.
            for gap in range(_WILDCARD_SPAN + 1):
                if j + gap < len(tokens) and _word_matches(word, tokens[j + gap]):
                    j = j + gap + 1
                    break
            else:
                return None
            continue
        if j >= len(tokens) or not _word_matches(word, tokens[j], pos):
            return None
        j += 1
    return j


class _Index:
    """Patterns by their first word, so that a text is read once rather than once
    for every pattern."""

    def __init__(self, patterns: Iterable[_Pattern]) -> None:
        self.by_first: dict[str, list[_Pattern]] = {}
        for pattern in patterns:
            self.by_first.setdefault(pattern.words[0], []).append(pattern)

    def matches(self, tokens: Sequence[Token], i: int) -> Iterator[tuple[_Pattern, int]]:
        """The patterns that match at ``tokens[i]``, each with the index after it."""
        seen: set[_Pattern] = set()
        token = tokens[i]
        for form in _forms(token.text, token.lemma_):
            for pattern in self.by_first.get(form, ()):
                end = None if pattern in seen else _match_at(pattern, tokens, i)
                seen.add(pattern)
                if end is not None:
                    yield pattern, end

    def contains(self, tokens: Sequence[Token]) -> bool:
        return any(next(self.matches(tokens, i), None) for i in range(len(tokens)))


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
            words = {_norm(w) for text in names for w in re.findall(r"\w+", text)}
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
        if quote.kind == "indirect" and self._denied(span):
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
    def _denied(span: Span) -> bool:
        """The cue verb of reported speech is negated: "Zelensky did not describe the
        talks as a failure" reports no judgement."""
        verb = span.root.head
        if verb is span.root or span.start <= verb.i < span.end:
            return False
        return any(c.dep_ == "neg" for c in verb.children)

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
            negator = self._negator_before(tokens, i)
            denial = None if negator is not None else self._negated_verb(last, tokens)
            denial = denial or (None if negator is not None else self._doubted(last))
            reverser = None
            if negator is None and denial is None and polarity == POSITIVE:
                reverser = self._reverser_before(tokens, i)
            if negator is not None:
                polarity = _OPPOSITE[polarity]
                text = doc[tokens[negator].i : last.i + 1].text
            elif denial is not None:
                polarity = _OPPOSITE[polarity]
                text = f"{denial} \u2026 {text}"
            elif reverser is not None:
                polarity = NEGATIVE
                # "stalling progress": the reverser is not a second cue.
                at = tokens[reverser].i
                hits = [h for h in hits if not h.start <= at < h.end]
                text = doc[at : last.i + 1].text
            hits.append(_Hit(polarity, first.i, last.i + 1, text))
        return hits

    @staticmethod
    def _clause_before(tokens: list[Token], i: int) -> list[int]:
        """Indices of up to a few tokens before ``i`` in the same clause, nearest
        first; quotation marks are stepped over ("not “constructive”")."""
        found: list[int] = []
        sentence = tokens[i].sent.start
        k = i - 1
        while k >= 0 and len(found) < _NEGATION_WINDOW:
            token = tokens[k]
            k -= 1
            if token.is_quote:
                continue
            if token.is_punct or token.i < sentence or _norm(token.text) in _COORDINATING:
                break
            found.append(k + 1)
        return found

    def _negator_before(self, tokens: list[Token], i: int) -> int | None:
        for k in self._clause_before(tokens, i):
            for pattern in self.lexicon.negators:
                start = k - len(pattern.words) + 1
                if start >= 0 and _match_at(pattern, tokens, start) == k + 1:
                    return start
            if tokens[k].dep_ == "neg":
                return k
        return None

    def _reverser_before(self, tokens: list[Token], i: int) -> int | None:
        for k in self._clause_before(tokens, i):
            if _forms(tokens[k].text, tokens[k].lemma_) & self.lexicon.reversers:
                return k
        return None

    @staticmethod
    def _negated_verb(token: Token, tokens: list[Token]) -> str | None:
        """The negation of the verb that governs the cue ("the talks were not
        constructive") or of a verb of opinion above it ("we don't think the talks
        were useful"), inside the statement and before the cue; never across "and"."""
        first = tokens[0].i
        node = token
        step = 0
        while step < 3:
            if node.head.i == node.i:
                return None
            if node.dep_ == "conj":
                # "not A or B" denies both; "not A and wanted B" does not deny B.
                if not any(_norm(c.text) in ("or", "nor") for c in node.head.children):
                    return None
                node = node.head
                continue
            node = node.head
            step += 1
            if step > 1 and _norm(node.lemma_) not in _OPINION_VERBS:
                continue
            for child in node.children:
                if child.dep_ == "neg" and first <= child.i < token.i:
                    word = "not" if _norm(child.text) == "n't" else child.text
                    return f"{word} {node.text}"
        return None

    def _doubted(self, token: Token) -> str | None:
        """A word above the cue, or the predicate of a cue that is a subject, denies it
        ("too early to speak of a breakthrough", "progress is unlikely")."""
        nodes: list[Token] = []
        node = token
        for _ in range(4):
            if node.head.i == node.i:
                break
            if node.dep_ in ("nsubj", "nsubjpass"):
                nodes.extend(c for c in node.head.children if c.dep_ in ("acomp", "attr", "oprd"))
            node = node.head
            nodes.append(node)
        for node in nodes:
            children = {_norm(c.text) for c in node.children}
            for pattern in self.lexicon.doubters:
                *before, last = pattern.words
                if _word_matches(last, node) and all(w in children for w in before):
                    return " ".join([*before, node.text])
        return None

    def _hypothetical(self, token: Token, polarity: str) -> bool:
        """A cue under a condition or a purpose is not a judgement, nor is a positive
        one under a wish ("we hope for a breakthrough"); a negative one under a wish
        is an accusation ("Russia wants to drag out the talks") and stays."""
        if polarity == POSITIVE and token.dep_ in ("nsubj", "nsubjpass"):
            modals = {_norm(c.text) for c in token.head.children if c.dep_ == "aux"}
            if modals & _POSSIBILITY:
                return True
        marks = self.lexicon.marks - {"for"}
        infinitive = False
        node = token
        for _ in range(8):
            for child in node.children:
                if child.dep_ == "mark" and _norm(child.text) in marks:
                    return True
                if child.dep_ == "aux" and _norm(child.text) == "to":
                    infinitive = True
            wish = node.i != token.i and node.pos_ in ("VERB", "AUX", "NOUN")
            forms = _forms(node.text, node.lemma_)
            if wish and polarity == POSITIVE and forms & self.lexicon.wish_verbs:
                return True
            if infinitive and _norm(node.text) == "for" and "for" in self.lexicon.marks:
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
            markers = (p for p in self.lexicon.contrast if _match_at(p, tokens, k) is not None)
            marker = next(markers, None)
            if marker is None:
                continue
            if marker.words[0] in _COORDINATING:
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
        """"Putin acknowledged progress in the talks": a judging verb whose subject is
        an actor and whose words, outside every quote, hold a cue and name the talks."""
        covered = [(q.start, q.end) for q in doc._.quotes or []]
        covered += list(doc._.quoted or [])
        resolver = SpeakerResolver(doc, self.gazetteer, list(doc._.quoted or []))
        for quote in sorted(quotes, key=lambda q: q.start):
            if quote.speaker:
                resolver.remember(quote.start, quote.speaker)
        found: list[_Judgement] = []
        overlong = in_overlong_sentence(doc)
        for verb in doc:
            if verb.pos_ not in ("VERB", "AUX") or _norm(verb.lemma_) not in _JUDGING_VERBS:
                continue
            if verb.i in overlong:
                continue
            if any(s <= verb.idx < e for s, e in covered):
                continue
            subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
            if subject is None and verb.dep_ in ("conj", "xcomp", "advcl"):
                subject = next((c for c in verb.head.children if c.dep_ in _SUBJECTS), None)
            if subject is None or subject.dep_ == "nsubjpass":
                # "described by Kyiv as ...": the judge is the agent.
                by = [c for c in verb.children if c.dep_ == "agent"]
                subject = next((g for c in by for g in c.children if g.dep_ == "pobj"), None)
            if subject is None or any(c.dep_ == "neg" for c in verb.children):
                # "did not describe the talks as a failure" is no judgement either way.
                continue
            speaker = resolver.resolve(subject)
            if speaker is None:
                continue
            words = [
                t
                for child in verb.children
                if child.dep_ not in _FRAMING
                for t in child.subtree
                if not any(s <= t.idx < e for s, e in covered)
            ]
            words.sort(key=lambda t: t.i)
            if not words or not self.lexicon.topics.contains(words):
                continue
            hits = self._hits(words)
            if not hits:
                continue
            sent = verb.sent
            found.append(
                _Judgement(
                    actor=speaker.name,
                    date=self._sentence_date(doc, sent, speaker.name, quotes),
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
    def _sentence_date(doc: Doc, sent: Span, actor: str, quotes: list[Quote]) -> dt.date | None:
        """As the quotes component dates words: a time expression in the sentence
        (None when it names no day: "in April 2025"), else the day of the actor's
        words in or before the sentence, else the day of the report."""
        quoted = doc._.quoted or []
        for time in doc._.times or []:
            in_sentence = sent.start_char <= time.start < sent.end_char
            if in_sentence and not any(s <= time.start < e for s, e in quoted):
                return time.date  # type: ignore[no-any-return]
        earlier = [q for q in quotes if q.speaker == actor and q.start < sent.end_char]
        if earlier:
            return max(earlier, key=lambda q: q.start).date
        return doc._.published  # type: ignore[no-any-return]

    # -- merging -------------------------------------------------------------------

    @staticmethod
    def _paragraph(breaks: list[int], position: int) -> int:
        index = 0
        for n, start in enumerate(breaks):
            if start <= position:
                index = n
        return index

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


@Language.factory(
    "dragoman_assessments",
    assigns=["doc._.assessments"],
    requires=["doc._.quotes"],
)
def make_assessments(nlp: Language, name: str) -> AssessmentsComponent:
    return AssessmentsComponent(name)
