"""What every command shares: the Typer app, the two consoles, the common options, and
the one way an error is shown (one line on stderr, exit code 1, never a traceback)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.text import Text

from dragoman import __version__
from dragoman.cli.render.base import printable
from dragoman.errors import DragomanError

app = typer.Typer(
    name="dragoman",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

P = ParamSpec("P")
R = TypeVar("R")

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="DRAGOMAN_DB",
        help="The database: an SQLite file path or a SQLAlchemy URL.",
        show_default=True,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


def fail(source: object, reason: str) -> None:
    """One error line on stderr: the file (or other input) and the reason."""
    err.print(
        Text.assemble(("error", "bold red"), f": {printable(source)}: {printable(reason)}"),
        soft_wrap=True,
    )


def warn(message: str) -> None:
    """One warning line on stderr, printed as given (no markup)."""
    err.print(f"warning: {printable(message)}", style="yellow", soft_wrap=True, markup=False)


def matched_names(db: str, **given: str | None) -> dict[str, str | None]:
    """``given`` (actor, party, issue) matched to the names the store knows and to the
    issues' words (``--actor Lavrov``: Sergei Lavrov; ``--issue NATO``:
    alliance_membership); a line on stderr says what each was matched to, or that it
    matched nothing (it is then used as typed)."""
    from dragoman import api
    from dragoman.record.matching import Names

    wanted = {option: value for option, value in given.items() if value}
    if not wanted:
        return dict(given)
    with api.open_store(db, must_exist=True) as store:
        names = Names.of(store.known_names()) if set(wanted) - {"issue"} else Names()
    found = dict(given)
    for option, value in wanted.items():
        match = getattr(names, option)(value)
        if match.how == "case":
            continue  # the record compares names without regard to case
        found[option] = match.value
        if match.changed or not match.known:
            err.print(f"--{match.note()}", soft_wrap=True, markup=False, highlight=False)
    return found


def say(message: str) -> None:
    """One line for people on stdout, printed as given (no markup)."""
    out.print(message, soft_wrap=True, markup=False)


def echo_json(data: object) -> None:
    """One JSON document on one line of stdout."""
    typer.echo(json.dumps(data, ensure_ascii=False))


def handles_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Print a DragomanError as one line (exit code 1) instead of a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except DragomanError as e:
            err.print(Text.assemble(("error", "bold red"), f": {e}"), soft_wrap=True)
            raise typer.Exit(1) from None

    return wrapper


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dragoman {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """A sourced, structured record of diplomatic negotiations, read from news reports.

    Example: dragoman ingest examples --db demo.db && dragoman summary --db demo.db
    """
