"""The ``dragoman_quotes`` component: direct, mixed and indirect quotes, each with
its cue, its speaker and the day it was said.

- direct: a quotation that stands as a sentence or clause of its own
  ("“We see no progress,” he said." / "Leavitt said: “…”");
- mixed: a quoted fragment inside the reporter's sentence
  (Putin acknowledged “progress”);
- indirect: reported speech after a cue verb, without quotation marks
  (Medinsky said that Kyiv would stay neutral).

Speakers are the subjects of cue verbs, resolved by :class:`SpeakerResolver`; a
quotation with no cue of its own continues the previous speaker's words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dragoman.models import Actor, Quote
from dragoman.nlp.dating import Earlier, date_item, placing_time
from dragoman.nlp.extensions import register_extensions, text_of
from dragoman.nlp.gazetteer import load_gazetteer
from dragoman.nlp.lexicon import load_cues
from dragoman.nlp.quotemarks import find_quoted, paragraphs
from dragoman.nlp.speakers import Speaker, SpeakerResolver

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")


class QuotesComponent:
    def __init__(self, name: str) -> None:
        register_extensions()
        self.name = name
        self.gazetteer = load_gazetteer()
        cues = load_cues()
        self.speech = set(cues["speech"])
        self.indirect = set(cues["indirect"])
        self.object_clause = set(cues["object_clause"])
        self.infinitive = set(cues["infinitive"])

    # -- the component ---------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        quoted = find_quoted(text_of(doc))
        doc._.quoted = quoted
        self.paragraphs = paragraphs(text_of(doc))
        self.dated: dict[str, dt.date] = {}
        self.appearances = self._appearances(doc)
        resolver = SpeakerResolver(doc, self.gazetteer, quoted)
        found: list[Quote] = []
        pending = sorted(
            [("q", s, e) for s, e in quoted] + [("s", s.start_char, s.end_char) for s in doc.sents],
            key=lambda item: (item[1], 0 if item[0] == "s" else 1),
        )
        last: Quote | None = None
        for kind, start, end in pending:
            if kind == "s":
                sent = doc.char_span(start, end, alignment_mode="expand")
                if sent is not None:
                    for quote in self._indirect(doc, sent, resolver, quoted):
                        found.append(quote)
                        last = quote
                continue
            quotation = self._quotation(doc, start, end, resolver, quoted, last)
            if quotation is not None:
                found.append(quotation)
                last = quotation
        found.sort(key=lambda q: q.start)
        doc._.quotes = self._dedupe(found)
        self._add_quoted_media(doc, doc._.quotes)
        return doc

    def _add_quoted_media(self, doc: Doc, quotes: list[Quote]) -> None:
        """News outlets are actors of a report only when they are quoted."""
        actors = doc._.actors if doc._.actors is not None else {}
        for quote in quotes:
            entry = self.gazetteer.entries.get(quote.speaker or "")
            if entry is not None and entry.media and entry.name not in actors:
                mentions = [(m.start, m.end) for m in doc._.mentions or [] if m.name == entry.name]
                actors[entry.name] = Actor(name=entry.name, kind="organization", mentions=mentions)
        doc._.actors = actors

    @staticmethod
    def _appearances(doc: Doc) -> dict[str, list[tuple[int, dt.date]]]:
        """For each actor, the days the report places it on as the subject of a
        sentence with a time expression that names a day."""
        found: dict[str, list[tuple[int, dt.date]]] = {}
        times = [t for t in (doc._.times or []) if t.date is not None]
        if not times:
            return found
        quoted = doc._.quoted or []
        for mention in doc._.mentions or []:
            head = doc[mention.token_end - 1]
            if head.dep_ not in ("nsubj", "nsubjpass") and head.head.dep_ not in (
                "nsubj",
                "nsubjpass",
            ):
                continue
            sent = head.sent
            for time in times:
                if sent.start_char <= time.start < sent.end_char and not any(
                    s <= time.start < e for s, e in quoted
                ):
                    found.setdefault(mention.name, []).append((mention.start, time.date))
                    break
        return found

    # -- quotations --------------------------------------------------------------

    def _quotation(
        self,
        doc: Doc,
        start: int,
        end: int,
        resolver: SpeakerResolver,
        quoted: list[tuple[int, int]],
        last: Quote | None,
    ) -> Quote | None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not span.text.strip(" ,.;:"):
            return None
        inner = [t for t in span if start <= t.idx < end]
        if not inner:
            return None
        sents = self._sentences(doc, inner[0], inner[-1])
        p_start, p_end = self._paragraph_span(start)
        outside = [
            t for t in sents if not (start - 1 <= t.idx < end + 1) and p_start <= t.idx < p_end
        ]
        kind = "direct" if self._stands_alone(doc, start, end, inner) else "mixed"
        cue_token: Token | None = None
        speaker: Speaker | None = None
        if kind == "mixed":
            speaker, cue_token = self._governing_speaker(inner, resolver)
        if speaker is None:
            speaker, cue_token = self._attribution(outside, start, end, resolver)
        if speaker is None and kind == "direct":
            speaker, cue_token = self._continuation(doc, start, last, resolver)
        if speaker is None and kind == "mixed":
            # A scare quote or a title, not somebody's words.
            return None
        date = self._date(doc, cue_token, outside, start, end, last, speaker)
        text = text_of(doc)[start:end].strip()
        offset = start + (len(text_of(doc)[start:end]) - len(text_of(doc)[start:end].lstrip()))
        quote = Quote(
            text=text,
            kind=kind,
            speaker=speaker.name if speaker else None,
            cue=self._cue_text(cue_token),
            date=date,
            start=offset,
            end=offset + len(text),
            anonymous=bool(speaker and speaker.anonymous),
            speaker_text=speaker.text if speaker else None,
            confidence=round(speaker.confidence if speaker else 0.3, 2),
        )
        if speaker:
            resolver.remember(start, speaker.name)
        return quote

    def _sentences(self, doc: Doc, first: Token, last: Token) -> list[Token]:
        """The tokens of the sentences a quotation spans, plus a short trailing
        attribution the parser cut off ("… .” He said.")."""
        begin, finish = first.sent.start, last.sent.end
        if finish < len(doc):
            nxt = doc[finish].sent
            if len(nxt) <= 8 and any(t.lemma_.lower() in self.speech for t in nxt):
                finish = nxt.end
        return list(doc[begin:finish])

    def _stands_alone(self, doc: Doc, start: int, end: int, inner: list[Token]) -> bool:
        """Direct when the quotation opens its sentence, follows a colon or a cue
        verb and comma, or holds more than one sentence."""
        before = text_of(doc)[max(0, start - 60) : start - 1].rstrip()
        if not before or before[-1] in ":\n" or before.endswith((".", "!", "?", ".\u201d", '."')):
            return True
        first_sent = inner[0].sent
        opens_sentence = first_sent.start >= inner[0].i - 1 and (
            inner[0].i == 0 or doc[inner[0].i - 1].is_quote
        )
        if opens_sentence and (first_sent.start == inner[0].i or doc[first_sent.start].is_quote):
            return True
        if before.endswith(","):
            words = before[:-1].split()
            if words and words[-1].lower() in {
                "said",
                "says",
                "added",
                "told",
                "stated",
                "wrote",
                "continued",
                "asked",
                "explained",
            }:
                return True
        return False

    def _governing_speaker(
        self, inner: list[Token], resolver: SpeakerResolver
    ) -> tuple[Speaker | None, Token | None]:
        """A mixed quote belongs to the subject of the nearest verb above it that has
        one ("Putin acknowledged … “progress”", "the talks he described as “…”")."""
        node = inner[0]
        # Climb out of the quotation first.
        inside_ids = {t.i for t in inner}
        while node.i in inside_ids and node.head.i != node.i:
            node = node.head
        # The outermost cue with a speaker wins: in "Peskov said Russia could not
        # point to anything “promising”", the words are Peskov's.
        found: tuple[Speaker | None, Token | None] = (None, None)
        seen = 0
        while seen < 12:
            seen += 1
            if node.lemma_.lower() in self.speech and node.pos_ in ("VERB", "AUX"):
                subject = self._subject(node)
                if subject is not None and subject.i not in inside_ids:
                    speaker = resolver.resolve(subject)
                    if speaker is not None:
                        found = (speaker, node)
            according = self._according_to(node)
            if according is not None:
                speaker = resolver.resolve(according)
                if speaker is not None:
                    found = (speaker, according.head.head)
            if node.head.i == node.i:
                break
            if (
                found[0] is not None
                and node.dep_ in ("conj", "advcl", "parataxis")
                and any(c.dep_ in _SUBJECTS for c in node.children)
            ):
                # "Peskov said “…” and Lavrov said “…”": a coordinated clause with
                # its own speaker is not the first clause's words.
                break
            node = node.head
        return found

    @staticmethod
    def _subject(verb: Token) -> Token | None:
        """The subject of a verb, or of the verb it hangs from ("…, describing the
        talks as …" takes the subject of the main clause)."""
        for _ in range(3):
            for child in verb.children:
                if child.dep_ in _SUBJECTS:
                    return child
            if verb.dep_ not in ("advcl", "conj", "xcomp") or verb.head.i == verb.i:
                return None
            verb = verb.head
        return None

    def _according_to(self, token: Token) -> Token | None:
        for child in token.children:
            if child.lower_ == "according":
                for grand in child.children:
                    if grand.lower_ == "to":
                        for obj in grand.children:
                            if obj.dep_ == "pobj":
                                return obj
        return None

    def _attribution(
        self, outside: list[Token], start: int, end: int, resolver: SpeakerResolver
    ) -> tuple[Speaker | None, Token | None]:
        """The cue verb beside a quotation and its subject, nearest first."""
        cues = [
            t
            for t in outside
            if t.lemma_.lower() in self.speech and t.pos_ in ("VERB", "AUX", "NOUN")
        ]
        cues.sort(key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))
        for cue in cues:
            speaker = self._cue_speaker(cue, resolver)
            if speaker is not None:
                return speaker, cue
        for token in outside:
            if token.lower_ == "according" and token.i + 1 < len(token.doc):
                for obj in token.doc[token.i + 1].children:
                    if obj.dep_ == "pobj":
                        speaker = resolver.resolve(obj)
                        if speaker is not None:
                            return speaker, token
        return None, None

    @staticmethod
    def _cue_speaker(cue: Token, resolver: SpeakerResolver) -> Speaker | None:
        """The speaker a cue verb names: its subject, a name the parser attached
        elsewhere ("…,” said Medinski), or the subject of the verb it hangs on."""
        for child in cue.children:
            if child.dep_ in _SUBJECTS:
                speaker = resolver.resolve(child)
                if speaker is not None:
                    return speaker
        # "…,” said Medinski: the parser may attach the name elsewhere.
        for child in cue.children:
            if child.dep_ in ("dobj", "npadvmod", "attr", "appos") and child.pos_ == "PROPN":
                speaker = resolver.resolve(child)
                if speaker is not None:
                    return speaker
        head = cue.head
        if cue.dep_ in ("conj", "advcl", "xcomp") and head.i != cue.i:
            for child in head.children:
                if child.dep_ in _SUBJECTS:
                    speaker = resolver.resolve(child)
                    if speaker is not None:
                        return speaker
        return None

    def _continuation(
        self, doc: Doc, start: int, last: Quote | None, resolver: SpeakerResolver
    ) -> tuple[Speaker | None, Token | None]:
        """A quotation with no cue of its own: the words of the previous speaker in
        this paragraph or the one before, else of the person last named there."""
        here = self._paragraph_index(start)
        recent = last is not None and last.speaker and self._paragraph_index(last.start) >= here - 1
        if (
            recent
            and last is not None
            and last.speaker
            and (last.speaker in resolver.people or self._paragraph_index(last.start) == here)
        ):
            return Speaker(last.speaker, last.speaker_text or "", 0.6), None
        # An interview: the interviewee speaks on between the interviewer's questions.
        for position, name in reversed(resolver.history):
            if (
                position < start
                and name in resolver.people
                and self._paragraph_index(position) >= here - 4
            ):
                return Speaker(name, "", 0.5), None
        spoken = [
            name
            for position, name in resolver.history
            if position < start and name in resolver.people
        ]
        if spoken:
            # Otherwise the person who has spoken most so far: the subject of a profile.
            return Speaker(max(set(spoken), key=spoken.count), "", 0.4), None
        floor = self.paragraphs[max(0, here - 1)][0] if self.paragraphs else 0
        named = resolver.last_person_before(start, floor)
        if named:
            return Speaker(named, "", 0.4), None
        return None, None

    def _paragraph_span(self, position: int) -> tuple[int, int]:
        index = self._paragraph_index(position)
        if index < len(self.paragraphs):
            return self.paragraphs[index]
        return (0, 1 << 30)

    def _paragraph_index(self, position: int) -> int:
        for index, (p_start, p_end) in enumerate(self.paragraphs):
            if p_start <= position <= p_end:
                return index
        return len(self.paragraphs)

    # -- indirect speech -------------------------------------------------------------

    def _indirect(
        self, doc: Doc, sent: Span, resolver: SpeakerResolver, quoted: list[tuple[int, int]]
    ) -> Iterable[Quote]:
        for cue in sent:
            lemma = cue.lemma_.lower()
            if lemma not in self.indirect or cue.pos_ not in ("VERB", "AUX"):
                continue
            if any(s <= cue.idx < e for s, e in quoted):
                continue
            content = self._content(cue)
            if not content:
                continue
            c_start, c_end = content[0].idx, content[-1].idx + len(content[-1])
            inside_quotes = sum(max(0, min(e, c_end) - max(s, c_start)) for s, e in quoted)
            if inside_quotes > 0.3 * (c_end - c_start):
                continue
            subject = next((c for c in cue.children if c.dep_ in _SUBJECTS), None)
            if subject is None and cue.dep_ in ("conj", "advcl", "xcomp", "relcl"):
                subject = next((c for c in cue.head.children if c.dep_ in _SUBJECTS), None)
                if cue.dep_ == "relcl" and subject is None:
                    subject = None
            if subject is None:
                continue
            speaker = resolver.resolve(subject)
            if speaker is None:
                continue
            outside = [t for t in sent if not (c_start <= t.idx < c_end)]
            date = self._date(doc, cue, outside, c_start, c_end, None, speaker)
            resolver.remember(cue.idx, speaker.name)
            yield Quote(
                text=text_of(doc)[c_start:c_end],
                kind="indirect",
                speaker=speaker.name,
                cue=self._cue_text(cue),
                date=date,
                start=c_start,
                end=c_end,
                anonymous=speaker.anonymous,
                speaker_text=speaker.text,
                confidence=round(speaker.confidence * 0.9, 2),
            )
        yield from self._according_to_clause(doc, sent, resolver, quoted)

    def _according_to_clause(
        self, doc: Doc, sent: Span, resolver: SpeakerResolver, quoted: list[tuple[int, int]]
    ) -> Iterable[Quote]:
        """ "…, according to X": the rest of the sentence is X's statement."""
        for token in sent:
            if token.lower_ != "according" or token.i + 2 > sent.end:
                continue
            to = doc[token.i + 1]
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            speaker = resolver.resolve(obj)
            if speaker is None:
                continue
            phrase = {t.i for t in token.subtree} | {token.i, to.i} | {t.i for t in obj.subtree}
            rest = [t for t in sent if t.i not in phrase and not t.is_punct]
            if len(rest) < 4:
                continue
            if any(
                t.lemma_.lower() in self.indirect and any(c.dep_ in _SUBJECTS for c in t.children)
                for t in rest
            ):
                # "Peskov said …, according to a Reuters report": Peskov's words,
                # which the outlet carries.
                continue
            c_start, c_end = rest[0].idx, rest[-1].idx + len(rest[-1])
            inside_quotes = sum(max(0, min(e, c_end) - max(s, c_start)) for s, e in quoted)
            if inside_quotes > 0.3 * (c_end - c_start):
                continue
            outside = [t for t in sent if t.i in phrase]
            yield Quote(
                text=text_of(doc)[c_start:c_end],
                kind="indirect",
                speaker=speaker.name,
                cue="according to",
                date=self._date(doc, token, outside, c_start, c_end, None, speaker),
                start=c_start,
                end=c_end,
                anonymous=speaker.anonymous,
                speaker_text=speaker.text,
                confidence=round(speaker.confidence * 0.8, 2),
            )

    def _content(self, cue: Token) -> list[Token]:
        """The reported words a cue verb governs: its clausal complement ("said
        [that] …"), its object and what follows ("accused Russia of …"), or its
        infinitive ("vowed to end …")."""
        lemma = cue.lemma_.lower()
        pick: list[Token] = []
        for child in cue.children:
            if child.dep_ == "ccomp":
                pick = list(child.subtree)
                break
        if not pick and cue.dep_ == "parataxis":
            # "In return, Medinski said, Ukraine demands …": the words are the clause
            # the cue interrupts.
            aside = {t.i for t in cue.subtree}
            rest = [t for t in cue.head.subtree if t.i not in aside]
            runs: list[list[Token]] = []
            for t in rest:
                if runs and runs[-1][-1].i == t.i - 1:
                    runs[-1].append(t)
                else:
                    runs.append([t])
            pick = max(runs, key=len) if runs else []
        if not pick and lemma in self.infinitive:
            for child in cue.children:
                if child.dep_ == "xcomp":
                    pick = list(child.subtree)
                    break
        if not pick and lemma in ("call", "press", "push", "appeal"):
            # "called for a ceasefire": what is called for.
            for child in cue.children:
                if child.dep_ == "prep" and child.lower_ == "for":
                    pick = [t for c in child.children if c.dep_ == "pobj" for t in c.subtree]
                    break
        if not pick and lemma in self.object_clause:
            objects = [
                c
                for c in cue.children
                if c.dep_ in ("dobj", "prep", "xcomp", "ccomp") and c.i > cue.i
            ]
            if objects and objects[0].dep_ == "dobj":
                pick = [t for o in objects for t in o.subtree]
        pick = self._trim(pick, cue)
        if not pick:
            return []
        # Keep it one stretch of text.
        first, last = pick[0].i, pick[-1].i
        return list(cue.doc[first : last + 1])

    def _trim(self, pick: list[Token], cue: Token) -> list[Token]:
        """Reported words within the cue's paragraph, without the source of the
        report, leading "that"/"to" and punctuation; none when under three words."""
        # Reported words do not run past the paragraph of their cue.
        p_start, p_end = self._paragraph_span(cue.idx)
        pick = [t for t in pick if p_start <= t.idx < p_end]
        according = [t for t in pick if t.lower_ == "according"]
        if according:
            # The source of the report is not part of its words.
            aside = {t.i for a in according for t in a.subtree}
            pick = [t for t in pick if t.i not in aside]
        pick = sorted(pick, key=lambda t: t.i)
        while pick and (
            pick[0].lower_ in ("that", ",", "to") or pick[0].is_punct or pick[0].is_space
        ):
            pick = pick[1:]
        while pick and (pick[-1].is_punct or pick[-1].is_space):
            pick = pick[:-1]
        return pick if len(pick) >= 3 else []

    # -- dates and cues ----------------------------------------------------------------

    def _date(
        self,
        doc: Doc,
        cue: Token | None,
        outside: list[Token],
        start: int,
        end: int,
        last: Quote | None,
        speaker: Speaker | None,
    ) -> dt.date | None:
        """The day the words were said: a time expression in the attribution, else
        the day of the same speaker's previous words in this paragraph, else the
        day of the report (a news report's statements are of its day unless it says
        otherwise), unless the sentence places them at some other, vaguer time."""
        times = [t for t in (doc._.times or []) if not (start <= t.start < end)]
        spans = {(t.idx, t.idx + len(t)) for t in outside}
        attribution = [
            t for t in times if any(s <= t.start < e or s < t.end <= e for s, e in spans)
        ]
        time = placing_time(attribution, cue.idx if cue is not None else None)
        if time is not None and speaker is not None and time.date is not None:
            self.dated[speaker.name] = time.date
        name = speaker.name if speaker is not None else None

        def same_occasion() -> Earlier | None:
            # The same speaker's earlier words carried a day: the same occasion.
            return Earlier(self.dated[name]) if name is not None and name in self.dated else None

        def last_placed() -> Earlier | None:
            # The speaker was last placed on a day ("Medinsky spoke yesterday …").
            earlier = [(p, d) for p, d in self.appearances.get(name or "", []) if p < start]
            return Earlier(max(earlier)[1]) if name is not None and earlier else None

        return date_item(doc, time, (same_occasion, last_placed))

    @staticmethod
    def _dedupe(quotes: list[Quote]) -> list[Quote]:
        """Drop indirect readings of sentences already taken as quotations."""

        def overlaps(a: Quote, b: Quote) -> bool:
            return a.start < b.end and b.start < a.end

        def contains(a: Quote, b: Quote) -> bool:
            return a.start <= b.start and b.end <= a.end and a is not b

        return [
            q
            for q in quotes
            if q.kind != "indirect"
            or not any(
                (o.kind != "indirect" and overlaps(q, o))
                or (
                    o.kind == "indirect"
                    and (contains(q, o) or (overlaps(q, o) and len(o.text) < len(q.text)))
                )
                for o in quotes
                if o is not q
            )
        ]

    def _cue_text(self, cue: Token | None) -> str | None:
        if cue is None:
            return None
        if cue.lower_ == "according":
            return "according to"
        return cue.text


@Language.factory(
    "dragoman_quotes",
    assigns=["doc._.quotes", "doc._.quoted"],
    requires=["doc._.mentions", "doc._.actors", "doc._.times"],
)
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent(name)
