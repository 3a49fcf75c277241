"""Word overlap between two quote texts: the README's test of "the same statement".

Extractors and analysts cut a quote at different places (with or without the trailing
comma, the cue, a lead-in clause), so texts are compared as bags of words, not strings.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_WORD = re.compile(r"\w+(?:'\w+)*")

# Thresholds as fractions, compared in integers so that exactly 60% / 30% pass.
_SHORTER_NUM, _SHORTER_DEN = 3, 5
_LONGER_NUM, _LONGER_DEN = 3, 10


def quote_words(text: object) -> Counter[str]:
    """The multiset of lower-case words of a text; curly quotes and apostrophes folded,
    punctuation dropped ("haven't" stays one word)."""
    if not isinstance(text, str):
        return Counter()
    folded = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower()
    return Counter(_WORD.findall(folded))


def shared_words(a: Counter[str], b: Counter[str]) -> int:
    """How many words two bags share, counting repeats (multiset intersection)."""
    return sum((a & b).values())


def words_match(a: Counter[str], b: Counter[str]) -> bool:
    """The README rule: shared words >= 60% of the shorter text and >= 30% of the longer."""
    shorter, longer = sorted((sum(a.values()), sum(b.values())))
    if shorter == 0:
        return False
    shared = shared_words(a, b)
    return (
        shared * _SHORTER_DEN >= _SHORTER_NUM * shorter
        and shared * _LONGER_DEN >= _LONGER_NUM * longer
    )


def texts_match(a: object, b: object) -> bool:
    """:func:`words_match` on two texts."""
    return words_match(quote_words(a), quote_words(b))


def overlap_score(a: Counter[str], b: Counter[str]) -> float:
    """Dice coefficient of two bags: used only to prefer the closer of two candidates."""
    total = sum(a.values()) + sum(b.values())
    return 2 * shared_words(a, b) / total if total else 0.0
