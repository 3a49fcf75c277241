"""Reading reports: ``analyze`` (print the records, no database) and ``ingest`` (keep them)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from dragoman import api
from dragoman.batch import DEFAULT_TIMEOUT
from dragoman.cli.base import DbOption, JsonOption, err, fail, handles_errors, out, say, warn
from dragoman.cli.render import record_view


@handles_errors
def analyze(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Report files (.txt, .md, .html, .jsonl, .xml feeds) or folders of them."
        ),
    ],
    as_json: JsonOption = False,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
) -> None:
    """Print what dragoman extracts from each report, without a database.

    With --json, one JSON object per report per line, in the order given (the output
    contract). A bad file is named on stderr with the reason, and the exit code is
    then 1; every good report is still printed.

    Example: dragoman analyze examples/2022-03-30_kremlin_no_breakthrough.txt --json
    """
    failed = 0
    for path, record, error in api.analyze_paths(files, timeout=timeout or None):
        if error is not None or record is None:
            failed += 1
            if error is not None:
                fail(error.source or path, api.reason(error))
            continue
        if as_json:
            typer.echo(json.dumps(record.to_dict(), ensure_ascii=False))
        else:
            out.print(record_view(record))
    if failed:
        raise typer.Exit(1)


TimeoutOption = Annotated[
    float,
    typer.Option(
        "--timeout",
        min=0,
        help="Seconds one report may take to analyse; past that it is reported as failed "
        "and the batch goes on (0: no limit).",
    ),
]


ReportPaths = Annotated[
    list[Path], typer.Argument(help="Report files or folders (read recursively).")
]
FollowLinksOption = Annotated[
    bool,
    typer.Option(
        "--follow-links",
        help="Read links in a folder that lead out of it (by default they are refused).",
    ),
]


def progress_bar(unit: str = "files") -> Progress:
    """A progress bar on stderr, shown only when stderr is a terminal."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(unit),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


@handles_errors
def ingest(
    paths: ReportPaths,
    db: DbOption = api.DEFAULT_PATH,
    follow_links: FollowLinksOption = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Processes that analyse reports. Default: one per core, when the batch "
            "has reports enough to keep them busy.",
        ),
    ] = None,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
) -> None:
    """Analyse reports and keep their records in the database.

    Articles already stored are skipped without being analysed again, so running it
    twice is harmless. A bad file is named with the reason and the others are still
    stored; the exit code is then 1.

    Example: dragoman ingest examples --db demo.db
    """
    progress = progress_bar()
    with api.open_store(db) as store, progress:
        task = progress.add_task("Ingesting", total=None)

        def step(path: Path, done: int, total: int) -> None:
            progress.update(task, completed=done, total=total, description=path.name)

        result = api.ingest_paths(
            paths,
            store,
            progress=step,
            follow_links=follow_links,
            workers=workers,
            timeout=timeout or None,
        )
    for source, reason in result.failed:
        fail(source, reason)
    if not result.files:
        warn("no report files found")
    say(
        f"{api.display_name(db)}: {result.files} files; "
        f"added {result.added}, already present {result.present}, "
        f"failed {len(result.failed)}"
    )
    if result.failed:
        raise typer.Exit(1)
