"""``dragoman chart``: a chart of the record over time, written as SVG."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from dragoman import api, charts
from dragoman.cli.base import DbOption, JsonOption, echo_json, handles_errors, say
from dragoman.errors import BadFilter


class Kind(str, Enum):
    stance = "stance"
    events = "events"
    assessments = "assessments"


@handles_errors
def chart(
    kind: Annotated[
        Kind,
        typer.Argument(
            help="stance (each party's stance on --issue), events (by type and status) "
            "or assessments (each side's judgements)."
        ),
    ],
    db: DbOption = api.DEFAULT_PATH,
    issue: Annotated[
        str | None, typer.Option("--issue", help="The issue code of a stance chart.")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="From this day on (YYYY-MM-DD), inclusive.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Up to this day (YYYY-MM-DD), inclusive.")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Write the SVG to this file (default: standard output)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Draw a chart of the record over time as SVG, for a briefing: the same chart
    and data as the dashboard's /charts pages. PNG is not written: convert the SVG
    (e.g. with a browser or rsvg-convert).

    Example: dragoman chart stance --issue neutrality --db demo.db --out neutrality.svg
    """
    if out is not None and out.suffix.lower() != ".svg":
        raise BadFilter(f"--out: {out.name}: only SVG is written; name the file .svg")
    data = api.chart(db, kind.value, issue=issue, since=since, until=until)
    if as_json:
        echo_json(data)
        return
    svg = charts.render(data)
    if out is None:
        typer.echo(svg)
        return
    out.write_text(svg + "\n", encoding="utf-8")
    say(f"{data['marks']} mark(s) in {len(data['lanes'])} lane(s) written to {out}")
