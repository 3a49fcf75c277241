"""Where a piece of the record comes from: the article, the offsets, the sentence.

Extractions carry ``start``/``end`` offsets into their article's body. For a reader
the offsets alone are not enough, so :func:`sentence_at` widens them to the sentence
(or sentences) that hold them, as the report has it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from dragoman.models import Article

# The end of a sentence: a stop, perhaps closed by quotation marks or a bracket, then
# white space; or a line break (paragraphs, the caption line).
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*\s+|\n+")


def sentence_at(body: str, start: int, end: int) -> str:
    """The sentence(s) of ``body`` that hold ``body[start:end]``, trimmed.

    Offsets outside the body are clamped; an empty span (``start == end``, as left
    by an extraction without evidence) gives ``""``.
    """
    start = max(0, min(start, len(body)))
    end = max(start, min(end, len(body)))
    if start == end:
        return ""
    begin = 0
    for match in _SENTENCE_END.finditer(body, 0, start + 1):
        if match.end() <= start:
            begin = match.end()
    stop = len(body)
    # A stop inside the span does not end it: look from the span's last character on.
    after = _SENTENCE_END.search(body, max(start, end - 1))
    if after is not None:
        stop = after.start() + len(after.group().rstrip())
    return " ".join(body[begin:stop].split())


@dataclass(frozen=True)
class Evidence:
    """The article a claim was read from and the words that carry it."""

    article_id: str
    source: str
    published: dt.date | None
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, article: Article, start: int, end: int) -> Evidence:
        return cls(
            article_id=article.id,
            source=article.source,
            published=article.published,
            start=start,
            end=end,
            text=sentence_at(article.body, start, end),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


def iso(day: dt.date | None) -> str | None:
    """A day as ``YYYY-MM-DD``, or None."""
    return day.isoformat() if day else None
