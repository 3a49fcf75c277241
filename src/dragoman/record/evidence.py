"""Where a piece of the record comes from: the article, the offsets, the sentence.

Extractions carry ``start``/``end`` offsets into their article's body. For a reader
the offsets alone are not enough, so :func:`sentence_at` widens them to the sentence
(or sentences) that hold them, as the report has it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
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
    by an extraction without evidence) gives ``""``. The sentence ends of a body are
    found once (and kept for the last few bodies), so that the evidence of every
    extraction of a long report costs a binary search each, not a scan of the body.
    """
    start = max(0, min(start, len(body)))
    end = max(start, min(end, len(body)))
    if start == end:
        return ""
    ends = _sentence_ends(body)
    # The sentence begins after the last end that lies wholly before the span.
    i = bisect.bisect_right(ends.after, start)
    begin = ends.after[i - 1] if i else 0
    # A stop inside the span does not end it: look from the span's last character on.
    stop = _stop_from(body, ends, max(start, end - 1))
    return " ".join(body[begin:stop].split())


@dataclass(frozen=True)
class _Ends:
    """Every match of ``_SENTENCE_END`` in a body, in order: where each starts, where
    it ends (the next sentence's start) and where its stop characters end."""

    starts: list[int]
    after: list[int]
    stops: list[int]


@functools.lru_cache(maxsize=8)
def _sentence_ends(body: str) -> _Ends:
    matches = list(_SENTENCE_END.finditer(body))
    return _Ends(
        starts=[m.start() for m in matches],
        after=[m.end() for m in matches],
        stops=[m.start() + len(m.group().rstrip()) for m in matches],
    )


def _stop_from(body: str, ends: _Ends, at: int) -> int:
    """Where the sentence holding ``body[at]`` stops: the first sentence end found
    searching from ``at`` (the body's end when there is none)."""
    i = bisect.bisect_left(ends.starts, at)
    if i and ends.after[i - 1] > at:
        # ``at`` falls inside an end's run of stops, quotes and spaces: a search from
        # there may match differently, so search (as far as the next end, at most).
        found = _SENTENCE_END.search(body, at)
        return len(body) if found is None else found.start() + len(found.group().rstrip())
    return ends.stops[i] if i < len(ends.starts) else len(body)


@dataclass(frozen=True)
class Evidence:
    """The article a claim was read from and the words that carry it; the article's
    title, outlet and URL label the source for a reader (``source`` is where the
    report was read from: often a file path)."""

    article_id: str
    source: str
    published: dt.date | None
    start: int
    end: int
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None

    @classmethod
    def of(cls, article: Article, start: int, end: int) -> Evidence:
        return cls(
            article_id=article.id,
            source=article.source,
            published=article.published,
            start=start,
            end=end,
            text=sentence_at(article.body, start, end),
            title=article.title,
            outlet=article.outlet,
            url=article.url,
        )

    def short_source(self) -> str:
        """Where the report was read from, without the folders of an absolute path (a
        file's name says which report; ``/home/…`` says where a machine kept it); a
        relative path or a URL as it is; the article's id when there is none."""
        source = self.source.replace("\\", "/")
        if source.startswith("/") or source[1:3] == ":/":
            return source.rsplit("/", 1)[-1]
        return self.source or self.article_id

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
        }


def iso(day: dt.date | None) -> str | None:
    """A day as ``YYYY-MM-DD``, or None."""
    return day.isoformat() if day else None
