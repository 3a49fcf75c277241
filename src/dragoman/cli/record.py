"""The negotiation kept in the store: ``summary``, ``positions``, ``timeline``,
``contradictions`` and ``export``."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from dragoman import api
from dragoman.cli.base import (
    DbOption,
    JsonOption,
    echo_json,
    handles_errors,
    matched_names,
    out,
    say,
)
from dragoman.cli.render import (
    contradictions_view,
    history_view,
    listing,
    none_found,
    plural,
    positions_view,
    summary_view,
    timeline_view,
)
from dragoman.record import PositionState

PartyOption = Annotated[
    str | None,
    typer.Option("--party", help="Only this party (e.g. Russia, or an alias: Kyiv), any case."),
]
IssueOption = Annotated[
    str | None,
    typer.Option(
        "--issue", help="Only this issue: a code (neutrality) or a word for it (NATO), any case."
    ),
]
SinceOption = Annotated[
    str | None, typer.Option("--since", help="From this day on (YYYY-MM-DD), inclusive.")
]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Up to this day (YYYY-MM-DD), inclusive.")
]


#: Contradictions ``dragoman contradictions`` shows unless told otherwise.
CONTRADICTIONS_SHOWN = 200


def _show(
    db: str,
    kind: str,
    found: list[Any],
    filters: Mapping[str, object],
    as_json: bool,
    view: Callable[[list[Any]], None],
    json_filters: Mapping[str, object] | None = None,
) -> None:
    """A listing of ``found``: as JSON (with ``json_filters``, else ``filters``), else
    printed by ``view``, or the line that says no ``kind`` was found for ``filters``."""
    if as_json:
        shown = filters if json_filters is None else json_filters
        echo_json(listing(api.display_name(db), shown, kind, found))
    elif not found:
        out.print(none_found(kind, filters))
    else:
        view(found)


@handles_errors
def summary(db: DbOption = api.DEFAULT_PATH, as_json: JsonOption = False) -> None:
    """Summarise the negotiation kept in the database: counts, dates, speakers, parties.

    Example: dragoman summary --db demo.db
    """
    with api.open_store(db, must_exist=True) as store:
        data = api.summary(store)
    if as_json:
        echo_json(data)
        return
    out.print(summary_view(data), soft_wrap=True)


@handles_errors
def positions(
    db: DbOption = api.DEFAULT_PATH,
    party: PartyOption = None,
    issue: IssueOption = None,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor", help="Only positions reported by this actor (a name, surname or alias)."
        ),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    history: Annotated[
        bool, typer.Option("--history", help="Also show every report, with its evidence.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Where each party stands on each issue: the latest stance, since when, says who.

    A stance is dated by the statement, else by the report's publication day. With
    --history, every report of each position in date order: changes of stance and
    concessions are marked, with the sentence that carries each.

    Example: dragoman positions --db demo.db --party Ukraine --history
    """
    names = matched_names(db, party=party, issue=issue, actor=actor)
    filters = {**names, "since": since, "until": until}
    states = api.positions(db, **filters)

    def show(found: list[PositionState]) -> None:
        out.print(positions_view(found))
        if history:
            for state in found:
                out.print(history_view(state))

    _show(db, "positions", states, filters, as_json, show)


@handles_errors
def timeline(
    db: DbOption = api.DEFAULT_PATH,
    party: Annotated[
        str | None,
        typer.Option("--party", help="Only events this party or one of its people took part in."),
    ] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Only events this participant took part in.")
    ] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="Only this type of event (talks, call, summit…).")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    as_json: JsonOption = False,
) -> None:
    """The events across reports, by date, each with every report of it as a source.

    An event told by several reports is one event with several sources; reports
    that disagree on its date or place are flagged under conflicts.

    Example: dragoman timeline --db demo.db --type talks --since 2022-03-01
    """
    names = matched_names(db, party=party, actor=actor)
    party, actor = names["party"], names["actor"]
    filters = {"party": party, "actor": actor, "type": event_type, "since": since, "until": until}
    events = api.timeline(
        db, party=party, actor=actor, event_type=event_type, since=since, until=until
    )
    _show(db, "events", events, filters, as_json, lambda found: out.print(timeline_view(found)))


@handles_errors
def contradictions(
    db: DbOption = api.DEFAULT_PATH,
    party: PartyOption = None,
    issue: IssueOption = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Only contradictions this actor is a side of.")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    window: Annotated[
        int,
        typer.Option(
            "--window", min=0, help="Most days apart two claims may be.", show_default=True
        ),
    ] = 7,
    limit: Annotated[
        int,
        typer.Option(
            "--limit",
            min=0,
            help="Show the earliest N (0: all of them; on a large store that is slow).",
            show_default=True,
        ),
    ] = CONTRADICTIONS_SHOWN,
    as_json: JsonOption = False,
) -> None:
    """Claims that disagree, within a window of days, with the evidence of each.

    Judgements of the talks, positive against negative, by two actors or by one over
    time; and opposite stances (accept or propose against reject) reported
    for one party on one issue by different actors. The earliest come first; narrow
    with --since, or raise --limit, to see more.

    Example: dragoman contradictions --db demo.db --window 3
    """
    names = matched_names(db, party=party, issue=issue, actor=actor)
    filters = {**names, "since": since, "until": until}
    found = api.contradictions(db, window=window, limit=limit + 1 if limit else None, **filters)
    more = bool(limit) and len(found) > limit
    found = found[:limit] if more else found
    _show(
        db,
        "contradictions",
        found,
        filters,
        as_json,
        lambda found: out.print(contradictions_view(found)),
        json_filters={**filters, "window": window, "limit": limit or None},
    )
    if more and not as_json:
        out.print(f"The earliest {limit} are shown; more follow (--since, or a larger --limit).")


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


DEFAULT_EXPORT_FOLDER = "dragoman-export"


@handles_errors
def export(
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            help="jsonl: one record per line; csv or parquet: one file per table.",
            case_sensitive=False,
        ),
    ],
    db: DbOption = api.DEFAULT_PATH,
    out_path: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help=(
                "jsonl: the file (default: standard output); csv, parquet: the folder "
                f"(default: {DEFAULT_EXPORT_FOLDER})."
            ),
        ),
    ] = None,
) -> None:
    """Write the whole store out for other tools.

    jsonl: one record per line, as analyze --json prints it. csv and parquet: one file
    per table (articles, actors, quotes, events, positions, assessments), dates as
    YYYY-MM-DD; parquet needs pyarrow.

    Example: dragoman export --format csv --db demo.db --out demo-tables
    """
    if fmt is ExportFormat.jsonl and out_path is None:
        api.export(db, fmt.value, sys.stdout)
        return
    target = out_path if out_path is not None else Path(DEFAULT_EXPORT_FOLDER)
    result = api.export(db, fmt.value, target)
    rows = ", ".join(f"{n} {table}" for table, n in result.rows.items())
    say(f"{fmt.value}: wrote {plural(len(result.files), 'file')} to {result.out} ({rows})")
