"""The ``Doc`` extension attributes dragoman's components write and read, declared once.

Each component documents which of these it assigns and requires (see the factories
in ``dragoman.nlp.components``), so ``nlp.analyze_pipes()`` explains the pipeline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from spacy.attrs import LEMMA, LOWER, ORTH, POS
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc


@dataclass(frozen=True)
class Mention:
    """A stretch of the body that names an actor, with the actor's canonical name."""

    start: int  # character offsets in the body
    end: int
    token_start: int
    token_end: int
    name: str
    kind: str  # person, party or organization


@dataclass(frozen=True)
class TimeExpression:
    """A time expression in the body and the day it resolves to (or None)."""

    start: int
    end: int
    text: str
    date: dt.date | None


_DOC_EXTENSIONS = {
    "published": None,  # datetime.date: the reference for relative dates
    "mentions": None,  # list[Mention], sorted by start
    "actors": None,  # dict[str, dragoman.models.Actor], by canonical name
    "times": None,  # list[TimeExpression], sorted by start
    "quoted": None,  # list[tuple[int, int]]: character spans inside quotation marks
    "quotes": None,  # list[dragoman.models.Quote]
    "events": None,  # list[dragoman.models.Event]
    "positions": None,  # list[dragoman.models.Position]
    "assessments": None,  # list[dragoman.models.Assessment]
}


def register_extensions() -> None:
    """Declare the extensions (idempotent: safe to call from every component)."""
    for name, default in _DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def text_of(doc: Doc) -> str:
    """The body text of a ``Doc``, built once: spaCy's ``Doc.text`` joins every token
    on each access, which made offset slicing quadratic in the components."""
    text = doc.user_data.get("dragoman_text")
    if text is None:
        text = doc.text
        doc.user_data["dragoman_text"] = text
    return text


#: Longer "sentences" are not prose (lists, tables, text without punctuation): the
#: components' clause-level rules skip them rather than walk their parse trees.
MAX_SENTENCE_TOKENS = 250


def in_overlong_sentence(doc: Doc) -> set[int]:
    """The indices of the tokens that lie in sentences over ``MAX_SENTENCE_TOKENS``
    (computed once per ``Doc``)."""
    found = doc.user_data.get("dragoman_overlong")
    if found is None:
        found = set()
        for sent in doc.sents:
            if len(sent) > MAX_SENTENCE_TOKENS:
                found.update(range(sent.start, sent.end))
        doc.user_data["dragoman_overlong"] = found
    return found


class Words(NamedTuple):
    """The words of a ``Doc`` as plain lists, by token index: a scan of the whole
    report reads these instead of making a spaCy ``Token`` for every word."""

    text: list[str]
    lower: list[str]
    #: ``token.lemma_.lower()``
    lemma: list[str]
    pos: list[str]


def words_of(doc: Doc) -> Words:
    """The ``Words`` of a ``Doc``, read once per ``Doc``."""
    cached = doc.user_data.get("dragoman_words")
    if cached is not None:
        return Words(*cached)
    strings = doc.vocab.strings
    rows = doc.to_array([ORTH, LOWER, LEMMA, POS]).tolist() if len(doc) else []
    lemma_lower: dict[int, str] = {}
    for _, _, lemma, _ in rows:
        if lemma not in lemma_lower:
            lemma_lower[lemma] = strings[lemma].lower()
    words = Words(
        text=[strings[row[0]] for row in rows],
        lower=[strings[row[1]] for row in rows],
        lemma=[lemma_lower[row[2]] for row in rows],
        pos=[POS_NAMES[row[3]] for row in rows],
    )
    # Plain lists, so that the ``Doc`` still serialises.
    doc.user_data["dragoman_words"] = tuple(words)
    return words
