"""Case-insensitive matching of lexicon patterns, faster.

Python's ``re.IGNORECASE`` makes every literal of a pattern try both cases, which
triples the time of scanning a report. For a pattern written in lower-case ASCII
(escapes such as ``\\W`` or ``\\d`` aside), matching it case-sensitively on the text
with its ASCII capitals lowered finds exactly the same spans (the lowering keeps every
offset), unless the text holds one of the four non-ASCII letters that
``IGNORECASE`` folds onto an ASCII letter (İ, ı, ſ and the Kelvin sign): then the
case-insensitive pattern is used as it is.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

#: Non-ASCII letters that ``re.IGNORECASE`` matches with an ASCII letter.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_ESCAPE = re.compile(r"\\.", re.DOTALL)


def lowered(text: str) -> str | None:
    """``text`` with its ASCII capitals lowered (same length, same offsets), or None
    when lowered text would not match as ``IGNORECASE`` does."""
    if _FOLDS_TO_ASCII.search(text):
        return None
    return text.translate(_ASCII_LOWER)


class CaselessPattern:
    """A pattern matched without regard to case."""

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern, re.IGNORECASE)
        plain = pattern.isascii() and not re.search("[A-Z]", _ESCAPE.sub("", pattern))
        #: The same pattern, case-sensitive, for text lowered by :func:`lowered`.
        self.lower: re.Pattern[str] | None = re.compile(pattern) if plain else None

    def finditer(self, text: str, low: str | None) -> Iterator[re.Match[str]]:
        """The matches in ``text`` (``low`` is ``lowered(text)``): the match objects
        are of ``low`` when it is used, so take offsets from them, not words."""
        if low is not None and self.lower is not None:
            return self.lower.finditer(low)
        return self.pattern.finditer(text)
