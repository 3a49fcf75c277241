"""``dragoman changes``: what changed since a day, as the Markdown brief (or JSON)."""

from __future__ import annotations

from typing import Annotated

import typer

from dragoman import api
from dragoman.cli.base import DbOption, JsonOption, echo_json, handles_errors
from dragoman.record import changes_markdown


@handles_errors
def changes(
    db: DbOption = api.DEFAULT_PATH,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="From this day on: YYYY-MM-DD, or 7d / 2w before today. "
            "Default: the week up to the latest report.",
        ),
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Up to this day (YYYY-MM-DD), inclusive.")
    ] = None,
    base_url: Annotated[
        str,
        typer.Option("--base-url", help="Prefix of the links to reports (the dashboard's URL)."),
    ] = "",
    as_json: JsonOption = False,
) -> None:
    """What changed in the reports published since a day: new and changed stances by
    party and issue, new and rescheduled events, new contradictions, who spoke most;
    each line linked to its report. Prints Markdown (the brief to send); the dashboard
    shows the same at /changes.

    A report is new when it was published on or after --since (its publication day,
    not the day it was stored); reports without a publication day are never new.

    Example: dragoman changes --db demo.db --since 7d --base-url http://localhost:8000
    """
    found = api.changes(db, since=since, until=until)
    if as_json:
        echo_json({"db": api.display_name(db), **found.to_dict()})
        return
    typer.echo(changes_markdown(found, base_url), nl=False)
