"""Find the stretches of a body that stand inside quotation marks.

Reports mix curly and straight marks, leave a quotation open at the end of a
paragraph when it runs on into the next, and use guillemets in translations. Text
from newspaper archives (the New York Times' among them) writes quotation marks as
two apostrophes (``''We will,'' he said``) or as two backquotes and two apostrophes
(````We will,'' he said``); a single apostrophe (``Bob's``, ``the '90s``) is never
a quotation mark. This module only finds the spans; deciding whose words they are is
the quotes component's.
"""

from __future__ import annotations

import bisect
import re

_OPEN = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201d"}
_PARAGRAPH = re.compile(r"\n\s*\n|\n")
#: The characters that may open a quotation: the scan jumps from one to the next.
_MARK = re.compile("['`\"\u201c\u00ab\u201e]")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _PARAGRAPH.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs (non-blank lines) of ``text``."""
    return _paragraphs(text)


def _opens_doubled(text: str, i: int) -> bool:
    """Whether two apostrophes (or backquotes) at ``i`` open a quotation: at the
    start of the text or after a space or an opening bracket, never inside a word."""
    pair = text[i : i + 2]
    if pair == "``":
        return True
    return pair == "''" and (i == 0 or text[i - 1].isspace() or text[i - 1] in "([{\u2014-")


def _curly_end(text: str, i: int, j: int, p_end: int) -> int:
    """Where a curly opening mark at ``i`` closes: its own closer ``j``, or a straight
    mark typed by mistake when no closer of its own comes before the next opening
    ("“Deals should not be a requirement," Smith said, adding ...")."""
    reopen = text.find(text[i], i + 1, p_end)
    if j != -1 and (reopen == -1 or j < reopen):
        return j
    straight = text.find('"', i + 1, p_end)
    if straight != -1 and (reopen == -1 or straight < reopen):
        return straight
    return j


def find_quoted(text: str) -> list[tuple[int, int]]:
    """Inner character spans of the quotations in ``text`` (marks excluded).

    A quotation left open at the end of its paragraph ends there: the convention
    for quotes running over several paragraphs, and the safe reading of a typo.
    """
    spans: list[tuple[int, int]] = []
    for p_start, p_end in _paragraphs(text):
        i = p_start
        while i < p_end:
            char = text[i]
            if char in "'`" and _opens_doubled(text, i):
                # Two apostrophes or backquotes; closed by the next two apostrophes.
                j = text.find("''", i + 2, p_end)
                end = j if j != -1 else p_end
                if text[i + 2 : end].strip():
                    spans.append((i + 2, end))
                i = end + 2
            elif char in _OPEN or char == '"':
                closer = _OPEN.get(char, '"')
                j = text.find(closer, i + 1, p_end)
                if char == '"':
                    # Straight marks: also accept a curly closer typed by mistake.
                    alt = text.find("\u201d", i + 1, p_end)
                    if j == -1 or (alt != -1 and alt < j):
                        j = alt if alt != -1 else j
                elif char == "\u201c":
                    j = _curly_end(text, i, j, p_end)
                end = j if j != -1 else p_end
                if text[i + 1 : end].strip():
                    spans.append((i + 1, end))
                i = end + 1
            else:
                mark = _MARK.search(text, i + 1, p_end)
                i = mark.start() if mark is not None else p_end
    return spans


def inside(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether a character position lies inside one of ``spans`` (sorted by start and
    not overlapping, as :func:`find_quoted` gives them): a binary search."""
    index = bisect.bisect_right(spans, position, key=lambda span: span[0]) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]
