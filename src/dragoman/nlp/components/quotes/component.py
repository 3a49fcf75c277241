"""The ``dragoman_quotes`` component: direct, mixed and indirect quotes, each with
its cue, its speaker and the day it was said.

- direct: a quotation that stands as a sentence or clause of its own
  ("“We see no progress,” he said." / "Leavitt said: “…”");
- mixed: quoted words inside the reporter's sentence, as a fragment (Putin
  acknowledged “progress”) or inside the clause a cue governs (Putin said the talks
  had been “useful” but slow: the whole clause is the quote);
- indirect: reported speech after a cue verb, without quotation marks (Medinsky
  said that Kyiv would stay neutral; "…, according to X").

Speakers are the subjects of cue verbs, resolved by :class:`SpeakerResolver`; a
quotation with no cue of its own continues the previous speaker's words, with a
lower confidence. Every step is a lookup in indices built once per report
(:class:`QuoteDoc`), so the time grows linearly with the report.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dragoman.models import Actor, Quote
from dragoman.nlp.components.quotes import quotations as q
from dragoman.nlp.components.quotes.cues import CueWords
from dragoman.nlp.components.quotes.document import QuoteDoc
from dragoman.nlp.components.quotes.indirect import (
    QUOTED_ALONE,
    QUOTED_CLAUSE,
    SUBJECTS,
    content_runs,
    trim,
)
from dragoman.nlp.components.quotes.merge import Candidate, merge
from dragoman.nlp.dating import Earlier, date_item, placing_time
from dragoman.nlp.extensions import register_extensions, text_of, words_of
from dragoman.nlp.gazetteer import load_gazetteer
from dragoman.nlp.quotemarks import find_quoted
from dragoman.nlp.speakers import Speaker, SpeakerResolver

_RELATIVE = ("who", "that", "which")
#: How much a speaker's confidence is trusted, by how the quote was attributed.
_TRUST = {"cue": 1.0, "governing": 0.95, "clause": 0.9, "according": 0.8, "continuation": 1.0}


class QuotesComponent:
    def __init__(self, name: str) -> None:
        register_extensions()
        self.name = name
        self.gazetteer = load_gazetteer()
        self.cues = CueWords.load()

    def __call__(self, doc: Doc) -> Doc:
        quoted = find_quoted(text_of(doc))
        doc._.quoted = quoted
        qd = QuoteDoc(doc, quoted, SpeakerResolver(doc, self.gazetteer, quoted), self.cues)
        found: list[Candidate] = []
        pending = sorted(
            [("q", s, e) for s, e in quoted] + [("s", i, 0) for i in range(len(qd.sents))],
            key=lambda item: (
                qd.sents[item[1]].start_char if item[0] == "s" else item[1],
                0 if item[0] == "s" else 1,
            ),
        )
        # The quotes read so far by where they start: (start, order of reading, quote).
        read: list[tuple[int, int, Quote]] = []
        for kind, start, end in pending:
            if kind == "s":
                for quote in self._clauses(qd, qd.sents[start]):
                    found.append(Candidate(quote, "clause"))
                    bisect.insort(read, (quote.start, len(found), quote))
                continue
            quotation = self._quotation(qd, start, end, _last_before(read, start))
            if quotation is not None:
                found.append(Candidate(quotation, "quotation"))
                bisect.insort(read, (quotation.start, len(found), quotation))
        doc._.quotes = merge(found)
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

    # -- quotations ----------------------------------------------------------------

    def _quotation(self, qd: QuoteDoc, start: int, end: int, last: Quote | None) -> Quote | None:
        doc = qd.doc
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not span.text.strip(" ,.;:"):
            return None
        inner = [t for t in span if start <= t.idx < end]
        if not inner:
            return None
        outside = q.attribution_tokens(qd, inner, start, end)
        kind = "direct" if q.stands_alone(qd, start, end, inner) else "mixed"
        reading = q.Reading(None, None, "cue")
        if (kind == "mixed" and q.names_a_thing(inner)) or q.is_title(inner):
            return None  # the “reform” bill, “Morning Joe”: a scare quote, title or nickname
        if kind == "mixed":
            reading = q.governing_speaker(qd, inner)
        if reading.speaker is None:
            reading = q.attribution(qd, outside, start, end)
        if reading.speaker is None and kind == "direct":
            last_speaker = last.speaker if last is not None else None
            reading = q.continuation(qd, start, last_speaker, last.start if last else 0)
        if reading.speaker is None and kind == "mixed":
            # A scare quote or a title, not somebody's words.
            return None
        speaker, cue = reading.speaker, reading.cue
        ranges = _ranges(outside)
        date = self._date(qd, cue, ranges, start, end, speaker)
        raw = qd.text[start:end]
        text = raw.strip()
        offset = start + (len(raw) - len(raw.lstrip()))
        if speaker is not None:
            qd.remember(start, speaker.name, speaker.name in qd.resolver.people)
        return _quote(text, kind, speaker, cue, date, offset, _TRUST[reading.how])

    # -- clauses ---------------------------------------------------------------------

    def _clauses(self, qd: QuoteDoc, sent: Span) -> Iterator[Quote]:
        """The words each cue verb of a sentence governs, and "according to X"."""
        words = words_of(qd.doc)
        for i in range(sent.start, sent.end):
            if words.pos[i] not in ("VERB", "AUX") or not self.cues.reports(words.lemma[i]):
                continue
            cue = qd.doc[i]
            if qd.in_quotes(cue.idx):
                continue
            for first, stop in content_runs(qd, cue, self.cues):
                yield from self._clause(qd, sent, cue, first, stop)
        yield from self._according_to_clause(qd, sent)

    def _clause(self, qd: QuoteDoc, sent: Span, cue: Token, first: int, stop: int) -> list[Quote]:
        trimmed = trim(qd, cue, first, stop, self.cues)
        if trimmed is None:
            return []
        doc = qd.doc
        c_start = doc[trimmed[0]].idx
        c_end = doc[trimmed[1] - 1].idx + len(doc[trimmed[1] - 1])
        inside = qd.quotations_in(c_start, c_end)
        if inside and inside[-1][1] > c_end and inside[-1][0] >= c_start:
            # Quoted words that run past the clause's last word end with their marks.
            p_end = qd.paragraph_span(cue.idx)[1]
            c_end = min(p_end, inside[-1][1] + 1)
        quoted_chars = qd.quoted_in(c_start, c_end)
        if quoted_chars > QUOTED_ALONE * (c_end - c_start):
            return []  # a quotation, read as such
        if 0 < quoted_chars < QUOTED_CLAUSE * (c_end - c_start):
            return []  # quoted fragments, read as such
        subject = self._subject(qd, cue)
        if subject is None:
            return []
        found: list[Quote] = []
        kind = "mixed" if quoted_chars else "indirect"
        text = qd.text[c_start:c_end]
        ranges = [(sent.start_char, c_start), (c_end, sent.end_char)]
        # "Both Russia and Ukraine reported explosions": the words of each; a common
        # noun after a comma is the parser's reading of an apposition ("China,
        # Pyongyang's only ally, said"), not a second speaker.
        speakers: list[Speaker] = []
        conjuncts = [c for c in qd.children(subject) if c.dep_ == "conj" and c.pos_ == "PROPN"]
        for each in [subject, *conjuncts]:
            speaker = qd.resolver.resolve(each)
            if speaker is not None and all(s.name != speaker.name for s in speakers):
                speakers.append(speaker)
        if any(not s.anonymous for s in speakers):
            # "Zelensky and military officials said": the named speaker's words.
            speakers = [s for s in speakers if not s.anonymous]
        for speaker in speakers:
            date = self._date(qd, cue, ranges, c_start, c_end, speaker)
            qd.remember(cue.idx, speaker.name, speaker.name in qd.resolver.people)
            found.append(_quote(text, kind, speaker, cue, date, c_start, _TRUST["clause"]))
        return found

    @staticmethod
    def _subject(qd: QuoteDoc, cue: Token) -> Token | None:
        kids = qd.children(cue)
        subject = next((c for c in kids if c.dep_ in SUBJECTS), None)
        if subject is not None and subject.lower_ in _RELATIVE and cue.dep_ == "relcl":
            # "Medinsky, who said …": the relative pronoun stands for the head noun.
            return cue.head
        if subject is None and cue.dep_ in ("conj", "advcl", "xcomp"):
            head = cue.head
            if cue.tag_ == "VBG":
                # "…, adding that …" hangs on the nearest verb; the speaker is the
                # subject of the cue that verb reports for ("X said Kyiv had sent …,
                # adding …").
                while head.dep_ == "ccomp" and head.head.lemma_.lower() in qd.cues.speech:
                    head = head.head
            subject = next((c for c in qd.children(head) if c.dep_ in SUBJECTS), None)
        return subject

    def _according_to_clause(self, qd: QuoteDoc, sent: Span) -> Iterator[Quote]:
        """ "…, according to X": the rest of the sentence is X's statement."""
        doc = qd.doc
        lower = words_of(doc).lower
        for i in range(sent.start, sent.end):
            if lower[i] != "according" or i + 2 > sent.end:
                continue
            token = doc[i]
            to = doc[token.i + 1]
            obj = next((c for c in qd.children(to) if c.dep_ == "pobj"), None)
            if obj is None or len(sent) > 4 * 60:
                continue
            speaker = qd.resolver.resolve(obj)
            if speaker is None:
                continue
            a_start, a_end = token.left_edge.i, max(token.right_edge.i, obj.right_edge.i) + 1
            rest = [t for t in sent if not a_start <= t.i < a_end and not t.is_punct]
            if len(rest) < 4:
                continue
            if any(
                t.lemma_.lower() in self.cues.indirect
                and any(c.dep_ in SUBJECTS for c in qd.children(t))
                for t in rest
            ):
                # "Peskov said …, according to a Reuters report": Peskov's words,
                # which the outlet carries.
                continue
            c_start, c_end = rest[0].idx, rest[-1].idx + len(rest[-1])
            if qd.quoted_in(c_start, c_end):
                continue  # quoted words in it are read as quotes, with this speaker
            ranges = [(doc[a_start].idx, doc[a_end - 1].idx + len(doc[a_end - 1]))]
            date = self._date(qd, token, ranges, c_start, c_end, speaker)
            text = qd.text[c_start:c_end]
            yield _quote(text, "indirect", speaker, token, date, c_start, _TRUST["according"])

    # -- dates ---------------------------------------------------------------------------

    def _date(
        self,
        qd: QuoteDoc,
        cue: Token | None,
        ranges: list[tuple[int, int]],
        start: int,
        end: int,
        speaker: Speaker | None,
    ) -> dt.date | None:
        """The day the words were said: a time expression in the attribution, else
        the day of the same speaker's previous words in this paragraph, else the
        day of the report (a news report's statements are of its day unless it says
        otherwise), unless the sentence places them at some other, vaguer time."""
        attribution = [
            t
            for r_start, r_end in ranges
            for t in qd.times_between(r_start, r_end)
            if not start <= t.start < end
        ]
        time = placing_time(attribution, cue.idx if cue is not None else None)
        if time is not None and speaker is not None and time.date is not None:
            qd.dated[speaker.name] = time.date
        name = speaker.name if speaker is not None else None

        def same_occasion() -> Earlier | None:
            # The same speaker's earlier words carried a day: the same occasion.
            return Earlier(qd.dated[name]) if name is not None and name in qd.dated else None

        def last_placed() -> Earlier | None:
            # The speaker was last placed on a day ("Medinsky spoke yesterday …").
            earlier = [(p, d) for p, d in qd.appearances.get(name or "", []) if p < start]
            return Earlier(max(earlier)[1]) if name is not None and earlier else None

        return date_item(qd.doc, time, (same_occasion, last_placed))


def _last_before(read: list[tuple[int, int, Quote]], start: int) -> Quote | None:
    """The quote read so far that starts last before ``start`` (``read`` is sorted by
    start, then by the order of reading): the words a quotation with no cue of its
    own may go on with. A sentence the parser ran on past a paragraph break is read
    before the quotations inside it, so the quote read last may be one that comes
    after the quotation ("“A,” X said. “B.” / Y said …")."""
    index = bisect.bisect_left(read, (start, -1))
    return read[index - 1][2] if index else None


def _ranges(tokens: list[Token]) -> list[tuple[int, int]]:
    """Character ranges of runs of consecutive tokens."""
    ranges: list[tuple[int, int]] = []
    previous = -2
    for token in tokens:
        end = token.idx + len(token)
        if token.i == previous + 1 and ranges:
            ranges[-1] = (ranges[-1][0], end)
        else:
            ranges.append((token.idx, end))
        previous = token.i
    return ranges


def _quote(
    text: str,
    kind: str,
    speaker: Speaker | None,
    cue: Token | None,
    date: dt.date | None,
    start: int,
    trust: float,
) -> Quote:
    cue_text = None
    if cue is not None:
        cue_text = "according to" if cue.lower_ == "according" else cue.text
    return Quote(
        text=text,
        kind=kind,
        speaker=speaker.name if speaker else None,
        cue=cue_text,
        date=date,
        start=start,
        end=start + len(text),
        anonymous=bool(speaker and speaker.anonymous),
        speaker_text=speaker.text if speaker else None,
        confidence=round(speaker.confidence * trust if speaker else 0.3, 2),
    )


@Language.factory(
    "dragoman_quotes",
    assigns=["doc._.quotes", "doc._.quoted"],
    requires=["doc._.mentions", "doc._.actors", "doc._.times"],
)
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent(name)
