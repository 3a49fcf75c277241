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
from markdown_it import MarkdownIt
from markdown_it.token import Token

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

_EXTRA_BLANK_LINES = re.compile(r"\n{3,}")
#: How many values the front matter may hold once its YAML aliases are expanded.
ALIAS_BUDGET = 10_000
#: CommonMark without raw HTML rendering concerns: only the token stream is read.
_PARSER = MarkdownIt("commonmark")


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
    except (AttributeError, KeyError, TypeError) as err:  # PyYAML on `!!bool maybe`...
        raise MalformedReport(
            "malformed YAML front matter: a value does not fit its explicit tag (!!...)",
            source=source,
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
        _check_expansion(node)
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


def _check_expansion(root: yaml.Node) -> None:
    """Refuse front matter whose aliases would expand past ``ALIAS_BUDGET`` values (a
    "billion laughs" of a few hundred bytes needs gigabytes once built or printed).

    The size of each node is counted once (by identity), so the check itself is linear
    in the nodes written, whatever they expand to.
    """
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if children_done or not children:
            sizes[id(node)] = 1 + sum(sizes.get(id(c), 1) for c in children)
            if sizes[id(node)] > ALIAS_BUDGET:
                raise ValueError(
                    f"its aliases expand to more than {ALIAS_BUDGET} values: refused"
                )
            continue
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def markdown_to_text(markdown: str) -> str:
    """Plain prose from Markdown: link words kept, images, rules and markers dropped.

    A real CommonMark parser (markdown-it-py) does the reading, in time linear in the
    text, where hand-written patterns went quadratic on runs of ``**`` or ``[``. Blocks
    that stood on adjacent lines (a tight list) stay one line apart, others a blank line.
    """
    blocks: list[tuple[int, int, str]] = []
    tokens = _PARSER.parse(markdown)
    for index, token in enumerate(tokens):
        if token.type == "inline":
            text = _inline_text(token.children or [])
        elif token.type in ("code_block", "fence", "html_block"):
            text = token.content.rstrip("\n")
        else:
            continue
        lines = token.map or (tokens[index - 1].map if index else None) or [0, 0]
        if text.strip():
            blocks.append((lines[0], lines[1], text))
    parts: list[str] = []
    previous_end = None
    for first, last, text in blocks:
        if previous_end is not None:
            parts.append("\n" if first <= previous_end else "\n\n")
        parts.append(text)
        previous_end = last
    return trim_body(_EXTRA_BLANK_LINES.sub("\n\n", "".join(parts)))


def _inline_text(children: list[Token]) -> str:
    """The words of a paragraph or heading: text, code and line breaks, no images (a
    line that held only an image goes with it)."""
    out: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline", "html_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
    return "\n".join(line for line in "".join(out).split("\n") if line.strip())


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
