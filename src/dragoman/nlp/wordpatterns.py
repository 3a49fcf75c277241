"""Word patterns of the lexicons: a cue of one or more words ("no breakthrough",
"dead end", "not * constructive"), matched on a token's text, its lemma or its text
without an ending, with ``*`` for a short gap."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

#: How many words a ``*`` in a pattern stands for, at most.
WILDCARD_SPAN = 2


def norm(text: str) -> str:
    return text.lower().replace("\u2019", "'")


@dataclass(frozen=True)
class WordPattern:
    """One cue of a lexicon: its words (``*`` a short gap) and, for a single word,
    an optional part of speech."""

    text: str
    words: tuple[str, ...]
    pos: str | None = None

    @classmethod
    def parse(cls, entry: object, source: str = "lexicons/assessments.yaml") -> WordPattern:
        if not isinstance(entry, str):
            # YAML reads a bare no, yes, on or off as a boolean: quote it.
            raise TypeError(f"{source}: {entry!r} is not a word (quote it)")
        text = entry.strip()
        pos = None
        if "/" in text and " " not in text:
            text, pos = text.split("/", 1)
            pos = pos.upper()
        words = tuple(norm(w) for w in re.findall(r"\*|[^\s*]+", text.replace("n't", " n't")))
        return cls(text, words, pos)


@functools.lru_cache(maxsize=8192)
def forms(text: str, lemma: str) -> frozenset[str]:
    """The forms a lexicon word is compared with: the token, its lemma and, against
    the model's lemmatiser slips ("hoped" -> "hop"), its text without an ending."""
    text, lemma = norm(text), norm(lemma)
    found = {text, lemma}
    for ending in ("ing", "ed", "es", "s", "d"):
        if text.endswith(ending) and len(text) - len(ending) >= 3:
            stem = text[: -len(ending)]
            found.update((stem, stem + "e"))
    return frozenset(found)


def word_matches(word: str, token: Token, pos: str | None = None) -> bool:
    if pos is not None and token.pos_ != pos:
        return False
    return word in forms(token.text, token.lemma_)


def match_at(pattern: WordPattern, tokens: Sequence[Token], i: int) -> int | None:
    """The index just after ``pattern`` matched at ``tokens[i]``, or None."""
    pos = pattern.pos if len(pattern.words) == 1 else None
    j = i
    for k, word in enumerate(pattern.words):
        if word == "*":
            continue
        if k > 0 and pattern.words[k - 1] == "*":
            # A gap of up to two words before this one.
            for gap in range(WILDCARD_SPAN + 1):
                if j + gap < len(tokens) and word_matches(word, tokens[j + gap]):
                    j = j + gap + 1
                    break
            else:
                return None
            continue
        if j >= len(tokens) or not word_matches(word, tokens[j], pos):
            return None
        j += 1
    return j


class PatternIndex:
    """Patterns by their first word, so that a text is read once rather than once
    for every pattern."""

    def __init__(self, patterns: Iterable[WordPattern]) -> None:
        self.by_first: dict[str, list[WordPattern]] = {}
        for pattern in patterns:
            self.by_first.setdefault(pattern.words[0], []).append(pattern)

    def matches(self, tokens: Sequence[Token], i: int) -> Iterator[tuple[WordPattern, int]]:
        """The patterns that match at ``tokens[i]``, each with the index after it."""
        seen: set[WordPattern] = set()
        token = tokens[i]
        for form in forms(token.text, token.lemma_):
            for pattern in self.by_first.get(form, ()):
                end = None if pattern in seen else match_at(pattern, tokens, i)
                seen.add(pattern)
                if end is not None:
                    yield pattern, end

    def contains(self, tokens: Sequence[Token]) -> bool:
        return any(next(self.matches(tokens, i), None) for i in range(len(tokens)))
