"""Words inside quotation marks: a quotation that stands alone (direct) or a quoted
fragment of the reporter's sentence (mixed), and the cue and speaker each has."""

from __future__ import annotations

from spacy.tokens import Token

from dragoman.nlp.components.quotes.document import WINDOW, QuoteDoc
from dragoman.nlp.components.quotes.indirect import SUBJECTS
from dragoman.nlp.speakers import Speaker

#: A quoted fragment of at most this many words is a scare quote, a title or a
#: nickname unless it is what its cue says ("called the plan “a trap”").
SHORT_FRAGMENT = 3
_MODIFIER_DEPS = ("compound", "nmod", "appos", "poss", "nummod")
_AFTER_COMMA = {"said", "says", "added", "told", "stated", "wrote", "continued", "asked"}
_AFTER_COMMA |= {"explained", "replied", "responded", "insisted", "warned", "noted"}


class Reading:
    """Who said a quotation, and by which cue."""

    def __init__(self, speaker: Speaker | None, cue: Token | None, how: str) -> None:
        self.speaker = speaker
        self.cue = cue
        #: ``cue`` (a cue beside it), ``governing`` (the verb above a fragment) or
        #: ``continuation`` (no cue: the previous speaker's words go on).
        self.how = how


def names_a_thing(inner: list[Token]) -> bool:
    """A short quoted fragment that modifies a noun (the “reform” bill, Joe “the
    Hammer” Smith): a scare quote, a title or a nickname, not somebody's words."""
    if sum(1 for t in inner if not t.is_punct) > SHORT_FRAGMENT:
        return False
    span = range(inner[0].i, inner[-1].i + 1)
    roots = [t for t in inner if t.head.i not in span or t.head.i == t.i]
    return bool(roots) and all(
        r.dep_ in _MODIFIER_DEPS and r.head.pos_ in ("NOUN", "PROPN") for r in roots
    )


def is_title(inner: list[Token]) -> bool:
    """Quoted words in title case ("Fox News Sunday", “A Change Is Gonna Come”,
    MSNBC's “Morning Joe”): the name of a show, book, song or nickname, not somebody's
    words. Every word of four letters or more is capitalised; all capitals is shouting,
    not a title (“FULL AND IMMEDIATE CEASEFIRE”)."""
    words = [t.text for t in inner if t.is_alpha]
    long_words = [w for w in words if len(w) >= 4]
    if not long_words or not words[0][0].isupper() or len(words) > 8:
        return False
    if len(long_words) < 2 and qd_opens_sentence(inner):
        return False  # “Hopefully,” he said: a one-word statement
    if all(w.isupper() for w in long_words):
        return False
    return all(w[0].isupper() for w in long_words)


def qd_opens_sentence(inner: list[Token]) -> bool:
    """Whether quoted words open their sentence."""
    return inner[0].is_sent_start or inner[0].i == inner[0].sent.start + 1


def stands_alone(qd: QuoteDoc, start: int, end: int, inner: list[Token]) -> bool:
    """Direct when the quotation opens its sentence, follows a colon or a cue verb
    and comma, or holds more than one sentence."""
    doc = qd.doc
    before = qd.text[max(0, start - 60) : start].rstrip("\u201c\u00ab\u201e\"'` ").rstrip()
    if (
        not before
        or before[-1] in ":\n"
        or before.endswith((".", "!", "?", ".\u201d", '."', ".''"))
    ):
        return True
    first = inner[0]
    first_sent = qd.sentence(first)
    opens_sentence = first_sent.start >= first.i - 2 and (
        first.i == 0 or doc[first.i - 1].is_quote or doc[first.i - 1].text == "`"
    )
    if opens_sentence and (first_sent.start == first.i or doc[first_sent.start].is_quote):
        return True
    if before.endswith(","):
        words = before[:-1].split()
        if words and words[-1].lower() in _AFTER_COMMA:
            return True
    return False


def attribution_tokens(qd: QuoteDoc, inner: list[Token], start: int, end: int) -> list[Token]:
    """The tokens beside a quotation that may attribute it: its sentences in its
    paragraph, near it, plus a short attribution the parser cut off ("… .” He
    said.")."""
    doc = qd.doc
    first, last = inner[0], inner[-1]
    begin = max(qd.sentence(first).start, first.i - WINDOW)
    finish = min(qd.sentence(last).end, last.i + WINDOW)
    if finish < len(doc) and finish == qd.sentence(last).end:
        nxt = qd.sentence(doc[finish])
        if len(nxt) <= 10 and any(
            t.lemma_.lower() in qd.cues.speech and t.pos_ in ("VERB", "AUX") for t in nxt
        ):
            finish = nxt.end
    p_start, p_end = qd.paragraph_span(start)
    return [
        t
        for t in doc[begin:finish]
        if not (start - 2 <= t.idx < end + 2) and p_start <= t.idx < p_end
    ]


def governing_speaker(qd: QuoteDoc, inner: list[Token]) -> Reading:
    """A mixed quote belongs to the subject of the nearest verb above it that has
    one ("Putin acknowledged … “progress”", "the talks he described as “…”")."""
    node = inner[0]
    inside_ids = range(inner[0].i, inner[-1].i + 1)
    while node.i in inside_ids and node.head.i != node.i:
        node = node.head
    # The outermost cue with a speaker wins: in "Peskov said Russia could not point
    # to anything “promising”", the words are Peskov's.
    found = Reading(None, None, "governing")
    for _ in range(12):
        if node.lemma_.lower() in qd.cues.speech and node.pos_ in ("VERB", "AUX"):
            subject = subject_of(qd, node)
            if subject is not None and subject.i not in inside_ids:
                speaker = qd.resolver.resolve(subject)
                if speaker is not None:
                    found = Reading(speaker, node, "governing")
        according = according_to(qd, node)
        if according is not None:
            speaker = qd.resolver.resolve(according)
            if speaker is not None:
                found = Reading(speaker, according.head.head, "governing")
        if node.head.i == node.i:
            break
        if (
            found.speaker is not None
            and node.dep_ in ("conj", "advcl", "parataxis")
            and any(c.dep_ in SUBJECTS for c in qd.children(node))
        ):
            # "Peskov said “…” and Lavrov said “…”": a coordinated clause with its
            # own speaker is not the first clause's words.
            break
        node = node.head
    return found


def subject_of(qd: QuoteDoc, verb: Token) -> Token | None:
    """The subject of a verb, or of the verb it hangs from ("…, describing the talks
    as …" takes the subject of the main clause)."""
    for _ in range(3):
        for child in qd.children(verb):
            if child.dep_ in SUBJECTS:
                return child
        if verb.dep_ not in ("advcl", "conj", "xcomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def according_to(qd: QuoteDoc, token: Token) -> Token | None:
    for child in qd.children(token):
        if child.lower_ == "according":
            for grand in qd.children(child):
                if grand.lower_ == "to":
                    for obj in qd.children(grand):
                        if obj.dep_ == "pobj":
                            return obj
    return None


def attribution(qd: QuoteDoc, outside: list[Token], start: int, end: int) -> Reading:
    """The cue verb beside a quotation and its subject, nearest first."""
    cues = [
        t
        for t in outside
        if t.lemma_.lower() in qd.cues.speech and t.pos_ in ("VERB", "AUX", "NOUN")
    ]
    cues.sort(key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))
    for cue in cues[:6]:
        speaker = cue_speaker(qd, cue)
        if speaker is not None:
            return Reading(speaker, cue, "cue")
    for token in outside:
        if token.lower_ == "according" and token.i + 1 < len(token.doc):
            for obj in qd.children(token.doc[token.i + 1]):
                if obj.dep_ == "pobj":
                    speaker = qd.resolver.resolve(obj)
                    if speaker is not None:
                        return Reading(speaker, token, "cue")
    return Reading(None, None, "cue")


def cue_speaker(qd: QuoteDoc, cue: Token) -> Speaker | None:
    """The speaker a cue verb names: its subject, a name the parser attached
    elsewhere ("…,” said Medinski), or the subject of the verb it hangs on."""
    resolver = qd.resolver
    kids = qd.children(cue)
    for child in kids:
        if child.dep_ in SUBJECTS and not qd.in_quotes(child.idx):
            # A subject inside quotation marks is the parser's misreading of quoted
            # words (… said on Fox News's “Fox and Friends”), never the speaker.
            speaker = resolver.resolve(child)
            if speaker is not None:
                return speaker
    if cue.dep_ == "compound" and cue.head.pos_ == "PROPN" and cue.head.i > cue.i:
        # "Said Ellis: “…”": the parser reads the inverted cue as part of the name.
        speaker = resolver.resolve(cue.head)
        if speaker is not None:
            return speaker
    for child in kids:
        if child.dep_ in ("dobj", "npadvmod", "attr", "appos") and child.pos_ == "PROPN":
            speaker = resolver.resolve(child)
            if speaker is not None:
                return speaker
    head = cue.head
    if cue.dep_ in ("conj", "advcl", "xcomp") and head.i != cue.i:
        for child in qd.children(head):
            if child.dep_ in SUBJECTS:
                speaker = resolver.resolve(child)
                if speaker is not None:
                    return speaker
    return _named_before(qd, cue)


def _named_before(qd: QuoteDoc, cue: Token) -> Speaker | None:
    """A person named between a closing quotation mark and the cue ("“…,” Flynn, a
    top surrogate, said") that the parser attached elsewhere."""
    doc = qd.doc
    closing = None
    for i in range(cue.i - 1, max(-1, cue.i - 12), -1):
        if doc[i].is_quote:
            closing = i
            break
        if qd.in_quotes(doc[i].idx):
            return None
    if closing is None:
        return None
    first = next((t.i for t in doc[closing + 1 : cue.i] if not t.is_punct), None)
    if first is None:
        return None
    mention = qd.resolver.by_token.get(first)
    if mention is None or mention.kind != "person" or mention.token_start != first:
        return None
    return Speaker(mention.name, doc[first : mention.token_end].text, 0.75)


def _opens_paragraph(qd: QuoteDoc, position: int) -> bool:
    """Whether only quotation marks stand between its paragraph's start and ``position``."""
    p_start, _ = qd.paragraph_span(position)
    return not qd.text[p_start:position].strip(" \"'\u201c\u00ab`")


def _introduced(qd: QuoteDoc, start: int, here: int) -> Reading:
    """A quotation that opens its paragraph after one ending in a cue and a colon
    ("The Times reports:" / "“…”"): the words of that cue's speaker."""
    if not 0 < here < len(qd.paragraphs):
        return Reading(None, None, "cue")
    prev_start, prev_end = qd.paragraphs[here - 1]
    if not _opens_paragraph(qd, start) or not qd.text[
        prev_start:prev_end
    ].rstrip().endswith(":"):
        return Reading(None, None, "cue")
    last = qd.doc.char_span(prev_end - 1, prev_end, alignment_mode="expand")
    if last is None:
        return Reading(None, None, "cue")
    sentence = qd.sentence(last[0])
    cues = [
        t
        for t in sentence
        if prev_start <= t.idx < prev_end
        and t.lemma_.lower() in qd.cues.speech
        and t.pos_ == "VERB"
    ]
    for cue in reversed(cues):
        speaker = cue_speaker(qd, cue)
        if speaker is not None:
            return Reading(speaker, cue, "cue")
    return Reading(None, None, "cue")


def continuation(qd: QuoteDoc, start: int, last_speaker: str | None, last_start: int) -> Reading:
    """A quotation with no cue of its own: the words of the previous speaker in this
    paragraph or the one before, else of the person last named there."""
    resolver = qd.resolver
    here = qd.paragraph_index(start)
    introduced = _introduced(qd, start, here)
    if introduced.speaker is not None:
        return introduced
    if last_speaker and qd.paragraph_index(last_start) >= here - 1:
        if (
            last_speaker in resolver.people
            or qd.paragraph_index(last_start) == here
            or _opens_paragraph(qd, last_start)
        ):
            # The same person, or whoever's quotation filled the paragraph before.
            return Reading(Speaker(last_speaker, "", 0.6), None, "continuation")
    # An interview: the interviewee speaks on between the interviewer's questions.
    for position, name in reversed(qd.last_spoke[-8:]):
        if position < start and qd.paragraph_index(position) >= here - 4:
            return Reading(Speaker(name, "", 0.5), None, "continuation")
    if qd.spoken:
        # Otherwise the person who has spoken most so far: the subject of a profile.
        name, _ = qd.spoken.most_common(1)[0]
        return Reading(Speaker(name, "", 0.4), None, "continuation")
    floor = qd.paragraphs[max(0, here - 1)][0] if qd.paragraphs else 0
    named = resolver.last_person_before(start, floor)
    if named:
        return Reading(Speaker(named, "", 0.4), None, "continuation")
    return Reading(None, None, "continuation")
