"""The ``dragoman_events`` factory and component: per document, find the triggers of
each sentence, read each mention, and merge the mentions of one event."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dragoman.nlp.cast import Cast
from dragoman.nlp.components.events.document import Candidate, EventDoc
from dragoman.nlp.components.events.lexicon import EventLexicon, word_set
from dragoman.nlp.components.events.merge import merge
from dragoman.nlp.components.events.reading import read_mention
from dragoman.nlp.components.events.triggers import find_triggers, prisoner_sentences
from dragoman.nlp.components.events.when_where import time_roots
from dragoman.nlp.extensions import MAX_SENTENCE_TOKENS, register_extensions, text_of, words_of
from dragoman.nlp.gazetteer import Gazetteer, load_gazetteer
from dragoman.nlp.lexicon import load_lexicon
from dragoman.nlp.places import load_places

#: Words that make a report one about talks (a bare "round" is then a round of talks).
_TALKS_WORDS = ("negotiation", "negotiate", "delegation", "negotiator")


class EventsComponent:
    """Find event mentions, read them, and merge the mentions of one event.

    The component holds only what is the same for every document (the lexicons and
    the gazetteer); what it learns of a document lives in an :class:`EventDoc` made
    for that document and passed from stage to stage."""

    def __init__(self, name: str, gazetteer: Gazetteer | None = None) -> None:
        register_extensions()
        self.name = name
        self.gazetteer = gazetteer or load_gazetteer()
        self.lex = EventLexicon.load()
        self.atlas = load_places()
        self.places = {p.lower(): p for p in self.gazetteer.places}
        self.places.update({p.lower(): c for p, c in self.gazetteer.place_spellings.items()})
        cues = load_lexicon("cues")
        self.speech = word_set((cues.get("speech") or []) + (cues.get("indirect") or []))

    def __call__(self, doc: Doc) -> Doc:
        d = self._document(doc)
        candidates: list[Candidate] = []
        for sent in doc.sents:
            if len(sent) > MAX_SENTENCE_TOKENS:
                # Not prose (a list, a table, text without punctuation): no events.
                continue
            triggers = find_triggers(d, sent)
            trigger_ids = {t.i for t, _ in triggers}
            for token, type_ in triggers:
                candidate = read_mention(d, token, type_, trigger_ids)
                if candidate is not None:
                    candidates.append(candidate)
        doc._.events = merge(d, candidates)
        return doc

    def _document(self, doc: Doc) -> EventDoc:
        d = EventDoc(
            doc=doc,
            lex=self.lex,
            gazetteer=self.gazetteer,
            places=self.places,
            speech=self.speech,
            cast=Cast(doc, self.gazetteer),
            atlas=self.atlas,
            published=doc._.published,
            text=text_of(doc),
            quoted=list(doc._.quoted or []),
        )
        d.time_roots = time_roots(d, doc)
        d.prisoner_sents = prisoner_sentences(d, doc)
        words = words_of(doc)
        d.about_talks = any(
            lower == "talks" or lemma in _TALKS_WORDS
            for lower, lemma in zip(words.lower, words.lemma, strict=True)
        )
        return d


@Language.factory(
    "dragoman_events",
    assigns=["doc._.events"],
    requires=["doc._.mentions", "doc._.times", "doc._.quotes"],
)
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent(name)
