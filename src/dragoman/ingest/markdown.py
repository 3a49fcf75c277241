"""Markdown (or plain text) reports with YAML front matter, as crawlers save them::

    ---
    title: "Delegations meet in Istanbul"
    url: "https://example.org/istanbul"
    outlet: "Example News"
    date: "2022-03-29"
    ---

    The report's body...

The markup is reduced to plain text (links keep their words, images go), because the
NLP stages read prose and report offsets into the body as it is stored here.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from dragoman.errors import EmptyReport, MalformedReport
from dragoman.ingest.fields import (
    drop_repeated_title,
    optional_text,
    parse_date,
    parse_language,
    trim_body,
)
from dragoman.ingest.loaded import Loaded
from dragoman.models import Article

_FENCES = ("---", "...")

#: The front-matter fields read as text (``_article``), whatever YAML makes of them.
_TEXT_FIELDS = frozenset(
    {"title", "url", "outlet", "site", "publisher", "source", "caption", "credit"}
    | {"language", "lang"}
)
_STR_TAG = "tag:yaml.org,2002:str"
_NOT_TEXT_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("bool", "int", "float", "timestamp")
)
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)

_LINK_TARGET = r"\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"
_IMAGE = r"!\[[^\]]*\]" + _LINK_TARGET
_IMAGE_LINE = re.compile(
    r"^[^\S\n]*(?:\[" + _IMAGE + r"\]" + _LINK_TARGET + r"|" + _IMAGE + r")[^\S\n]*(?:\n|$)",
    re.MULTILINE,
)
_INLINE_IMAGE = re.compile(_IMAGE)
_LINK = re.compile(r"\[([^\]]*)\]" + _LINK_TARGET)
_RULE = re.compile(r"^[^\S\n]*([-*_])(?:[^\S\n]*\1){2,}[^\S\n]*$", re.MULTILINE)
_HEADING = re.compile(r"^[^\S\n]{0,3}#{1,6}(?:[^\S\n]+|$)", re.MULTILINE)
_BULLET = re.compile(r"^[^\S\n]*[-*+][^\S\n]+", re.MULTILINE)
_QUOTE = re.compile(r"^[^\S\n]*>[^\S\n]?", re.MULTILINE)
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EXTRA_BLANK_LINES = re.compile(r"\n{3,}")


def read(text: str, source: str) -> Loaded:
    """The one report in ``text``; raises MalformedReport/EmptyReport naming ``source``."""
    return Loaded(articles=[parse_markdown(text, source)])


def parse_markdown(text: str, source: str = "") -> Article:
    """An :class:`Article` from a Markdown report (front matter optional)."""
    meta, rest = split_front_matter(text, source)
    try:
        article = _article(markdown_to_text(rest), meta, source)
    except (TypeError, ValueError) as err:
        raise MalformedReport(f"front matter: {err}", source=source) from err
    if not article.body:
        raise EmptyReport("no report text once front matter and markup are removed", source=source)
    return article


def split_front_matter(text: str, source: str = "") -> tuple[dict[str, Any], str]:
    """The front matter as a mapping (empty when absent) and the text after it."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in _FENCES), None)
    if end is None:
        raise MalformedReport("front matter opened with '---' is never closed", source=source)
    try:
        meta = yaml.load("\n".join(lines[1:end]), Loader=_FrontMatterLoader)
    except yaml.YAMLError as err:
        raise MalformedReport(
            f"malformed YAML front matter: {_describe(err)}", source=source
        ) from err
    except RecursionError as err:
        raise MalformedReport(
            "malformed YAML front matter: nested too deeply", source=source
        ) from err
    except ValueError as err:  # an impossible date (2022-02-31), an endless integer...
        raise MalformedReport(
            f"malformed YAML front matter: {_first_line(err)}", source=source
        ) from err
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise MalformedReport("front matter is not a mapping of fields", source=source)
    return meta, "\n".join(lines[end + 1 :])


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader, except that a text field keeps the words it was given.

    Plain YAML reads ``title: No`` as a boolean, ``title: 2022-03-29`` as a date and
    ``lang: no`` (Norwegian) as false; for the fields that are text, such a scalar is
    taken as it is written. ``date``/``published`` still load as dates.
    """

    def construct_document(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if (
                    isinstance(key, yaml.ScalarNode)
                    and key.value in _TEXT_FIELDS
                    and isinstance(value, yaml.ScalarNode)
                    and value.tag in _NOT_TEXT_TAGS
                ):
                    value.tag = _STR_TAG
        return super().construct_document(node)


def markdown_to_text(markdown: str) -> str:
    """Plain prose from Markdown: link words kept, images, rules and markers dropped."""
    text = _IMAGE_LINE.sub("", markdown)
    text = _INLINE_IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _RULE.sub("", text)
    text = _HEADING.sub("", text)
    text = _BULLET.sub("", text)
    text = _QUOTE.sub("", text)
    text = _EMPHASIS.sub(r"\2", text)
    return trim_body(_EXTRA_BLANK_LINES.sub("\n\n", text))


def _article(body: str, meta: dict[str, Any], source: str) -> Article:
    """Front-matter fields, under any of the names crawlers use for them."""
    url = optional_text(meta.get("url"), "url")
    outlet = _first_text(meta, "outlet", "site", "publisher")
    origin = optional_text(meta.get("source"), "source")
    if origin and _URL.match(origin):
        url = url or origin
    elif origin:
        outlet = outlet or origin
    title = optional_text(meta.get("title"), "title")
    return Article(
        body=drop_repeated_title(body, title),
        source=source,
        title=title,
        url=url,
        outlet=outlet,
        published=parse_date(_first(meta, "date", "published")),
        caption=optional_text(meta.get("caption"), "caption"),
        credit=optional_text(meta.get("credit"), "credit"),
        language=parse_language(_first(meta, "language", "lang")),
    )


def _first(meta: dict[str, Any], *keys: str) -> object:
    return next((meta[key] for key in keys if meta.get(key) not in (None, "")), None)


def _first_text(meta: dict[str, Any], *keys: str) -> str | None:
    return next((t for key in keys if (t := optional_text(meta.get(key), key))), None)


def _first_line(err: Exception) -> str:
    lines = str(err).strip().splitlines()
    return lines[0] if lines else type(err).__name__


def _describe(err: yaml.YAMLError) -> str:
    """The parser's complaint, with the line counted in the whole file."""
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    mark = getattr(err, "problem_mark", None)
    if mark is None:
        return str(problem)
    return f"{problem} (line {mark.line + 2})"
