"""Small pieces every view uses: a cell's text, a table of records, plurals."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich import box
from rich.console import RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text


def printable(text: object) -> str:
    """``text`` safe for a terminal: control characters (escape sequences, carriage
    returns, line ends in a file's name) are shown escaped, never sent as they are."""
    return "".join(
        c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii")
        for c in str(text)
    )


def cell(value: object) -> str:
    """A value as one line of a table cell; an empty value as a dash."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(printable(v) for v in value)
    return printable(" ".join(str(value).split()))  # runs of white space as one


def titled_table(title: str, **options: Any) -> Table:
    """An empty table with its title on the left and a rule under the header; ``options``
    as for :class:`rich.table.Table`."""
    return Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, **options)


def table(title: str, columns: str, rows: list[list[object]]) -> RenderableType:
    """A table, or one dim line when there are no rows. ``columns`` is space-separated:
    a name ending in ``*`` keeps its natural width, the others share what is left
    (a digit after ``:`` is the share, default 1), so that long texts wrap, not codes."""
    if not rows:
        return Text(f"{title}: none", style="dim")
    grid = titled_table(title, expand=True)
    for spec in columns.split():
        name, _, share = spec.partition(":")
        if name.endswith("*"):
            grid.add_column(name[:-1].replace("_", " "), no_wrap=True)
        else:
            grid.add_column(name.replace("_", " "), overflow="fold", ratio=int(share or 1))
    for row in rows:
        grid.add_row(*(escape(cell(v)) for v in row))
    return grid


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def short(text: object, limit: int = 100) -> str:
    value = " ".join(str(text or "").split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def none_found(what: str, filters: Mapping[str, object]) -> Text:
    """The dim line shown instead of an empty table, naming the filters given."""
    given = ", ".join(f"{k} {v}" for k, v in filters.items() if v not in (None, ""))
    return Text(f"No {what}" + (f" for {given}." if given else " in the store."), style="dim")
