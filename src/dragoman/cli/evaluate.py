"""``dragoman eval``: score the pipeline against gold records, and hold the floors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from dragoman import api
from dragoman.cli.base import JsonOption, err, handles_errors, out
from dragoman.cli.render import quote_misses, scores_view


@handles_errors
def eval_(
    directory: Annotated[
        Path, typer.Argument(help="A folder of reports, each with its gold record NAME.json.")
    ],
    floors: Annotated[
        Path | None,
        typer.Option(
            "--floors",
            help="Pinned minimum scores (JSON), per set. Default: dragoman/eval_floors.json.",
        ),
    ] = None,
    only: Annotated[
        str | None,
        typer.Option(
            "--only",
            help="Score only the reports whose name matches this glob (floors not checked).",
        ),
    ] = None,
    as_json: JsonOption = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List each report's quote misses.")
    ] = False,
) -> None:
    """Score dragoman against gold records: precision, recall and F1 per part.

    The floors file pins minimum scores per set, a set being recognised by the end of
    the folder's path (devset, polnear/dev); a set whose gold annotates only some parts
    (PolNeAR: quotes) is scored on those. Exits 1, naming each one, when a score is
    below its pinned floor.

    Example: dragoman eval ../shared/devset --verbose
    Example: dragoman eval ../shared/devset --only 'pages_*'
    """
    pinned = api.load_eval_set(floors, directory)
    limits = pinned.floors if only is None else {}
    report = api.evaluate(directory, parts=pinned.parts, only=only)
    failures = api.floor_failures(report, limits)
    floors_file = str(floors or api.DEFAULT_FLOORS)
    if pinned.name:
        floors_file += f" (set {pinned.name})"
    if as_json:
        data = report.to_dict()
        data["floors"] = {
            "file": str(floors or api.DEFAULT_FLOORS),
            "set": pinned.name,
            "limits": limits,
            "failures": failures,
        }
        typer.echo(json.dumps(data, ensure_ascii=False, default=str))
    else:
        out.print(scores_view(report, directory))
        for skipped in report.skipped:
            err.print(
                f"skipped: {skipped['gold']}: {skipped['reason']}",
                style="yellow",
                soft_wrap=True,
                markup=False,
            )
        if verbose:
            for miss in quote_misses(report):
                out.print(miss, soft_wrap=True)
        if failures:
            err.print(f"Below the floors of {floors_file}:", style="bold red", markup=False)
            for line in failures:
                err.print(f"  {line}", soft_wrap=True, markup=False)
        elif only is not None:
            out.print("Floors are not checked on a subset (--only).", markup=False)
        elif limits:
            out.print(f"All {len(limits)} floors of {floors_file} met.", markup=False)
        else:
            out.print(f"No floors are pinned for this folder in {floors_file}.", markup=False)
    if failures:
        raise typer.Exit(1)
