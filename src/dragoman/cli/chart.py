"""``dragoman chart``: a chart of the record over time, written as SVG or PNG."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from dragoman import api, charts
from dragoman.cli.base import DbOption, JsonOption, echo_json, handles_errors, say
from dragoman.errors import BadFilter

#: What ``--out`` may be named, and how each is drawn.
WRITERS = {".svg": "SVG", ".png": "PNG"}


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
        typer.Option(
            "--out",
            help="Write the chart to this file: .svg (vector) or .png (a picture for a "
            "briefing). Default: the SVG on standard output.",
        ),
    ] = None,
    scale: Annotated[
        int,
        typer.Option(
            "--scale",
            min=1,
            max=charts.MAX_SCALE,
            help=f"PNG only: pixels per SVG unit (2: {2 * charts.WIDTH} pixels wide).",
        ),
    ] = 2,
    as_json: JsonOption = False,
) -> None:
    """Draw a chart of the record over time as SVG or PNG, for a briefing: the same
    chart and data as the dashboard's /charts pages.

    Example: dragoman chart stance --issue neutrality --db demo.db --out neutrality.png
    """
    kind_of_file = WRITERS.get(out.suffix.lower()) if out is not None else "SVG"
    if out is not None and kind_of_file is None:
        raise BadFilter(f"--out: {out.name}: name the file .svg (SVG) or .png (PNG)")
    data = api.chart(db, kind.value, issue=issue, since=since, until=until)
    if as_json:
        echo_json(data)
        return
    if out is None:
        typer.echo(charts.render(data))
        return
    if kind_of_file == "PNG":
        out.write_bytes(charts.render_png(data, scale))
    else:
        out.write_text(charts.render(data) + "\n", encoding="utf-8")
    lanes = len(data["lanes"])
    say(f"{data['marks']} mark(s) in {lanes} lane(s) written to {out} ({kind_of_file})")
