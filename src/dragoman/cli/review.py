"""The analysts' review, out of the store: ``export-gold`` writes gold files for eval."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dragoman import api
from dragoman.cli.base import DbOption, handles_errors, say, warn
from dragoman.cli.render import plural


@handles_errors
def export_gold(
    out_dir: Annotated[Path, typer.Argument(help="The folder to write the gold files to.")],
    db: DbOption = api.DEFAULT_PATH,
    include_all: Annotated[
        bool, typer.Option("--all", help="Every report, reviewed or not.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite gold files already in the folder.")
    ] = False,
) -> None:
    """Write the reviewed reports as gold files that dragoman eval reads back.

    For each report an analyst reviewed: ID.json (the record with the corrections
    applied, in the shape of analyze --json) and the report as ID.md (front matter) or
    ID.txt.

    Example: dragoman export-gold gold/ --db demo.db && dragoman eval gold/
    """
    result = api.export_gold(db, out_dir, include_unreviewed=include_all, force=force)
    for warning in result.warnings:
        warn(warning)
    say(f"wrote {plural(len(result.files), 'gold report')} to {result.out}")
