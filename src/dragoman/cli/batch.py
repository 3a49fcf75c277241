"""A distributed batch: ``batch`` (analyse on a Dask cluster, write Parquet partitions)
and ``load`` (merge the partitions into a database)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dragoman import api
from dragoman.batch import DEFAULT_TIMEOUT
from dragoman.cli.base import DbOption, JsonOption, echo_json, fail, handles_errors, say, warn
from dragoman.cli.ingest import FollowLinksOption, ReportPaths, TimeoutOption, progress_bar
from dragoman.distributed import BatchOptions, load_partitions, run_batch
from dragoman.distributed.run import PARTITION_SIZE


@handles_errors
def batch(
    inputs: ReportPaths,
    out: Annotated[
        Path,
        typer.Option("--out", help="The folder the Parquet partitions are written into (created)."),
    ],
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            envvar="DRAGOMAN_SCHEDULER",
            help="A running Dask scheduler (tcp://host:8786) or its scheduler file (.json). "
            "Default: a local cluster on this machine.",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Local worker processes (default: one per core, when the batch has "
            "reports enough); with --scheduler, the workers to wait for before starting.",
        ),
    ] = None,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    partition_size: Annotated[
        int, typer.Option("--partition-size", min=1, help="Reports per partition.")
    ] = PARTITION_SIZE,
    follow_links: FollowLinksOption = False,
    as_json: JsonOption = False,
) -> None:
    """Analyse reports on a Dask cluster and write their records as Parquet partitions.

    Each worker loads the pipeline once. A report that fails (a bad file, an analysis
    error, a run past --timeout, a lost worker) is named here and kept as a row of an
    errors table; the others are still written, and the exit code is then 1. Reports
    the folder holds already are not analysed again, so running it twice is harmless.
    Merge the result into a database with dragoman load.

    Example: dragoman batch examples --out records/ --workers 2
    """
    options = BatchOptions(
        scheduler=scheduler,
        workers=workers,
        timeout=timeout or None,
        partition_size=partition_size,
        follow_links=follow_links,
    )
    with progress_bar("files") as progress:
        task = progress.add_task("Analysing", total=None)

        def step(done: int, files_read: int, files: int) -> None:
            progress.update(task, completed=files_read, total=files, description=f"{done} reports")

        result = run_batch(inputs, out, options, progress=step)
    for source, reason in result.failed:
        fail(source, reason)
    if as_json:
        echo_json(result.to_dict())
    else:
        if not result.files:
            warn("no report files found")
        say(
            f"{result.out}: {result.files} files; analysed {result.analysed}, "
            f"already present {result.present}, failed {len(result.failed)}; "
            f"{len(result.partitions)} partitions written"
        )
        if result.analysed:
            say(
                f"{result.analysed} reports in {result.seconds:.1f} s on {result.workers} "
                f"workers: {result.rate:.2f} reports/s"
            )
    if result.failed:
        raise typer.Exit(1)


@handles_errors
def load(
    folder: Annotated[Path, typer.Argument(help="A folder written by dragoman batch.")],
    db: DbOption = api.DEFAULT_PATH,
    as_json: JsonOption = False,
) -> None:
    """Merge the partitions of dragoman batch into the database.

    Each record is saved in its own transaction; articles already stored are counted
    as present and left as they are, so loading twice is harmless. The reports the
    batch could not analyse are named with the reason, and the exit code is then 1.

    Example: dragoman load records/ --db postgresql+psycopg://user@host/dragoman
    """
    with progress_bar("partitions") as progress:
        task = progress.add_task("Loading", total=None)

        def step(part: Path, done: int, total: int) -> None:
            progress.update(task, completed=done, total=total, description=part.name)

        result = load_partitions(folder, db, progress=step)
    for source, reason in result.failed:
        fail(source, reason)
    if as_json:
        echo_json(result.to_dict())
    else:
        say(
            f"{api.display_name(db)}: {result.partitions} partitions; "
            f"added {result.added}, already present {result.present}, "
            f"failed {len(result.failed)}"
        )
    if result.failed:
        raise typer.Exit(1)
