"""dragoman's command line: thin commands over :mod:`dragoman.api`.

Each command opens the store if it needs one, calls one library function and formats
what comes back (Rich for people, ``--json`` for programs). Errors raised on purpose
(:class:`~dragoman.errors.DragomanError`) are printed as one line on stderr with exit
code 1, never as a traceback; a batch with bad files names each one and also exits 1.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sys
from collections.abc import Callable, Mapping
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich import box
from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from dragoman import __version__, api
from dragoman.errors import DragomanError
from dragoman.evaluate import EvalReport
from dragoman.evaluation.report import ACCURACY_KEYS, COUNT_KEYS
from dragoman.models import ArticleRecord
from dragoman.record import Contradiction, PositionState, TimelineEvent

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


def _fail(source: object, reason: str) -> None:
    """One error line on stderr: the file (or other input) and the reason."""
    err.print(
        Text.assemble(("error", "bold red"), f": {source}: {reason}"),
        soft_wrap=True,
    )


def _handles_errors(command: Callable[P, R]) -> Callable[P, R]:
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


# -- analyze ------------------------------------------------------------------------


@app.command()
@_handles_errors
def analyze(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Report files (.txt, .md, .html, .jsonl, .xml feeds) or folders of them."
        ),
    ],
    as_json: JsonOption = False,
) -> None:
    """Print what dragoman extracts from each report, without a database.

    With --json, one JSON object per report per line, in the order given (the output
    contract). A bad file is named on stderr with the reason, and the exit code is
    then 1; every good report is still printed.

    Example: dragoman analyze examples/2022-03-30_kremlin_no_breakthrough.txt --json
    """
    failed = 0
    for path, record, error in api.analyze_paths(files):
        if error is not None or record is None:
            failed += 1
            if error is not None:
                _fail(error.source or path, api.reason(error))
            continue
        if as_json:
            typer.echo(json.dumps(record.to_dict(), ensure_ascii=False))
        else:
            out.print(record_view(record))
    if failed:
        raise typer.Exit(1)


def _cell(value: object) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return " ".join(str(value).split())  # runs of white space, line ends too, as one


def _table(title: str, columns: str, rows: list[list[object]]) -> RenderableType:
    """A table, or one dim line when there are no rows. ``columns`` is space-separated:
    a name ending in ``*`` keeps its natural width, the others share what is left
    (a digit after ``:`` is the share, default 1), so that long texts wrap, not codes."""
    if not rows:
        return Text(f"{title}: none", style="dim")
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, expand=True)
    for spec in columns.split():
        name, _, share = spec.partition(":")
        if name.endswith("*"):
            table.add_column(name[:-1].replace("_", " "), no_wrap=True)
        else:
            table.add_column(name.replace("_", " "), overflow="fold", ratio=int(share or 1))
    for row in rows:
        table.add_row(*(escape(_cell(v)) for v in row))
    return table


def record_view(record: ArticleRecord) -> Panel:
    """A report's record for people: the article, then each part as a table."""
    article = record.article
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold")
    fields.add_column(overflow="fold")
    for name, value in (
        ("id", article.id),
        ("source", article.source),
        ("outlet", article.outlet),
        ("url", article.url),
        ("published", article.published),
        ("title", article.title),
        ("language", article.language),
    ):
        fields.add_row(name, escape(_cell(value)))
    parts: list[RenderableType] = [fields]
    if article.caption or article.credit:
        photo = Table.grid(padding=(0, 2))
        photo.add_column(style="bold")
        photo.add_column(overflow="fold")
        photo.add_row("caption", escape(_cell(article.caption)))
        photo.add_row("credit", escape(_cell(article.credit)))
        parts += [Text(""), Text("Photo (shown, never analysed)", style="dim"), photo]
    q = record.quotes
    parts += [
        Text(""),
        _table(
            f"Actors ({len(record.actors)})",
            "name kind* role party also_called",
            [[a.name, a.kind, a.role, a.party, a.aliases] for a in record.actors],
        ),
        _table(
            f"Quotes ({len(q)})",
            "#* kind* speaker date* cue* text:3",
            [
                [i, x.kind, x.speaker or "(unattributed)", x.date, x.cue, x.text]
                for i, x in enumerate(q, 1)
            ],
        ),
        _table(
            f"Events ({len(record.events)})",
            "type* status* date* place participants:2",
            [[e.type, e.status, e.date, e.place, e.participants] for e in record.events],
        ),
        _table(
            f"Positions ({len(record.positions)})",
            "party issue stance* subject reported_by date*",
            [
                [p.party, p.issue, p.stance, p.subject, p.reported_by, p.date]
                for p in record.positions
            ],
        ),
        _table(
            f"Assessments ({len(record.assessments)})",
            "actor polarity* date* summary:3",
            [[a.actor, a.polarity, a.date, a.summary] for a in record.assessments],
        ),
    ]
    title = escape(article.title or article.source or article.id)
    return Panel(Group(*parts), title=f"[bold]{title}[/]", title_align="left")


# -- ingest -------------------------------------------------------------------------


@app.command()
@_handles_errors
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(help="Report files or folders (read recursively).")
    ],
    db: DbOption = api.DEFAULT_PATH,
) -> None:
    """Analyse reports and keep their records in the database.

    Articles already stored are skipped without being analysed again, so running it
    twice is harmless. A bad file is named with the reason and the others are still
    stored; the exit code is then 1.

    Example: dragoman ingest examples --db demo.db
    """
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    with api.open_store(db) as store, progress:
        task = progress.add_task("Ingesting", total=None)

        def step(path: Path, done: int, total: int) -> None:
            progress.update(task, completed=done, total=total, description=path.name)

        result = api.ingest_paths(paths, store, progress=step)
    for source, reason in result.failed:
        _fail(source, reason)
    if not result.files:
        err.print("warning: no report files found", style="yellow", soft_wrap=True)
    out.print(
        f"{api.display_name(db)}: {result.files} files; "
        f"added {result.added}, already present {result.present}, "
        f"failed {len(result.failed)}",
        soft_wrap=True,
        markup=False,
    )
    if result.failed:
        raise typer.Exit(1)


# -- summary ------------------------------------------------------------------------


@app.command()
@_handles_errors
def summary(db: DbOption = api.DEFAULT_PATH, as_json: JsonOption = False) -> None:
    """Summarise the negotiation kept in the database: counts, dates, speakers, parties.

    Example: dragoman summary --db demo.db
    """
    with api.open_store(db, must_exist=True) as store:
        data = api.summary(store)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    out.print(summary_view(data), soft_wrap=True)


def _program() -> str:
    """How the user can run dragoman from here: ``dragoman`` when it is on the PATH,
    else the script beside this interpreter (``.venv/bin/dragoman`` in ``make demo``)."""
    script = Path(sys.executable).parent / "dragoman"
    on_path = shutil.which("dragoman")
    if on_path or not script.is_file():
        return "dragoman"
    try:
        relative = os.path.relpath(script)
    except ValueError:  # another drive, on Windows
        return str(script)
    return str(script) if relative.startswith("..") else relative


def summary_view(data: dict[str, Any]) -> RenderableType:
    counts = data["counts"]
    lines = Table.grid(padding=(0, 2))
    lines.add_column(style="bold")
    lines.add_column(overflow="fold")
    lines.add_row("database", escape(str(data["database"])))
    lines.add_row("counts", ", ".join(f"{n} {name}" for name, n in counts.items()))
    first, last = data["published"]["first"], data["published"]["last"]
    lines.add_row("published", f"{first} to {last}" if first else "no dates")
    speakers = ", ".join(f"{name} ({n})" for name, n in data["top_speakers"])
    lines.add_row("top speakers", escape(speakers or "none"))
    lines.add_row("parties", escape(", ".join(data["parties"]) or "none"))
    target = str(data["database"])
    sample = data.get("sample_source") or "REPORT_FILE"
    hints = [f"{_program()} analyze {sample}    (one report's record; add --json for JSON)"]
    if "://" not in target:
        hints.insert(
            0,
            f"sqlite3 {target} 'select speaker, date, text from quotes limit 10'",
        )
    return Group(
        Panel(lines, title="[bold]dragoman summary[/]", title_align="left"),
        Text("Where to look next:", style="bold"),
        *(Text(f"  {hint}") for hint in hints),
    )


# -- eval ---------------------------------------------------------------------------


@app.command("eval")
@_handles_errors
def eval_(
    directory: Annotated[
        Path, typer.Argument(help="A folder of reports, each with its gold record NAME.json.")
    ],
    floors: Annotated[
        Path | None,
        typer.Option(
            "--floors",
            help="Pinned minimum scores (JSON). Default: dragoman/eval_floors.json.",
        ),
    ] = None,
    as_json: JsonOption = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List each report's quote misses.")
    ] = False,
) -> None:
    """Score dragoman against gold records: precision, recall and F1 per part.

    Exits 1, naming each one, when a score is below its pinned floor.

    Example: dragoman eval ../shared/devset --verbose
    """
    limits = api.load_floors(floors)
    report = api.evaluate(directory)
    failures = api.floor_failures(report, limits)
    floors_file = str(floors or api.DEFAULT_FLOORS)
    if as_json:
        data = report.to_dict()
        data["floors"] = {"file": floors_file, "limits": limits, "failures": failures}
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
        else:
            out.print(f"All {len(limits)} floors of {floors_file} met.", markup=False)
    if failures:
        raise typer.Exit(1)


def scores_view(report: EvalReport, directory: os.PathLike[str] | str) -> RenderableType:
    metrics = report.metrics()
    counts = report.counts
    scores = Table(
        title=f"Scores on {_plural(len(report.details), 'report')} in {escape(str(directory))}",
        title_justify="left",
        box=box.SIMPLE_HEAD,
    )
    for name in ("part", "P", "R", "F1", "tp", "fp", "fn"):
        scores.add_column(name, justify="left" if name == "part" else "right")
    for key in COUNT_KEYS:
        c = counts[key]
        scores.add_row(
            key.replace(".", " "),
            f"{metrics[f'{key}.precision']:.3f}",
            f"{metrics[f'{key}.recall']:.3f}",
            f"{metrics[f'{key}.f1']:.3f}",
            str(c.tp),
            str(c.fp),
            str(c.fn),
        )
    accuracies = Table(box=box.SIMPLE_HEAD)
    accuracies.add_column("accuracy")
    accuracies.add_column("score", justify="right")
    accuracies.add_column("right/checked", justify="right")
    tallies = report.accuracies
    for key in ACCURACY_KEYS:
        t = tallies[key]
        accuracies.add_row(key, f"{metrics[key]:.3f}", f"{t.right}/{t.total}")
    return Group(scores, accuracies)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _short(text: object, limit: int = 100) -> str:
    value = " ".join(str(text or "").split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def quote_misses(report: EvalReport) -> list[Text]:
    """Per report: gold quotes not found, quotes found that the gold lacks, and found
    quotes given the wrong speaker or date."""
    lines: list[Text] = []
    for detail in report.details:
        found = detail.results.get("quotes.found")
        wrong = [m for m in detail.mismatches if m.get("part") == "quotes"]
        if found is None or not (found.missed or found.false_positives or wrong):
            continue
        lines.append(Text(f"{detail.name}:", style="bold"))
        for q in found.missed:
            lines.append(Text(f"  missed          {q.get('speaker')}: “{_short(q.get('text'))}”"))
        for q in found.false_positives:
            lines.append(Text(f"  false positive  {q.get('speaker')}: “{_short(q.get('text'))}”"))
        for m in wrong:
            field = m.get("field")
            gold, pred = m.get("gold", {}), m.get("predicted", {})
            lines.append(
                Text(
                    f"  wrong {field:<9} gold {gold.get(field)}, got {pred.get(field)}: "
                    f"“{_short(gold.get('text'), 70)}”"
                )
            )
    return lines


# -- the record across reports: positions, timeline, contradictions, export ---------

PartyOption = Annotated[
    str | None, typer.Option("--party", help="Only this party (e.g. Russia), any case.")
]
IssueOption = Annotated[
    str | None, typer.Option("--issue", help="Only this issue code (e.g. neutrality).")
]
SinceOption = Annotated[
    str | None, typer.Option("--since", help="From this day on (YYYY-MM-DD), inclusive.")
]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Up to this day (YYYY-MM-DD), inclusive.")
]


def _echo_json(data: object) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False))


def _none_found(what: str, filters: Mapping[str, object]) -> Text:
    given = ", ".join(f"{k} {v}" for k, v in filters.items() if v not in (None, ""))
    return Text(f"No {what}" + (f" for {given}." if given else " in the store."), style="dim")


@app.command()
@_handles_errors
def positions(
    db: DbOption = api.DEFAULT_PATH,
    party: PartyOption = None,
    issue: IssueOption = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Only positions reported by this actor.")
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
    filters = {"party": party, "issue": issue, "actor": actor, "since": since, "until": until}
    states = api.positions(db, **filters)
    if as_json:
        _echo_json(
            {
                "database": api.display_name(db),
                "filters": filters,
                "count": len(states),
                "positions": [s.to_dict() for s in states],
            }
        )
        return
    if not states:
        out.print(_none_found("positions", filters))
        return
    out.print(positions_view(states))
    if history:
        for state in states:
            out.print(history_view(state))


def _about(state: PositionState) -> str:
    return state.issue + (f" ({state.subject})" if state.subject else "")


def positions_view(states: list[PositionState]) -> Table:
    """Party by issue: the latest stance, its date and reporter, and how it got there."""
    table = Table(
        title=f"Positions ({len(states)})",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("party", min_width=7, overflow="fold")
    table.add_column("issue", no_wrap=True)
    table.add_column("stance", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("reported by", min_width=8, overflow="fold")
    table.add_column("history", min_width=8, overflow="fold")
    for i, state in enumerate(states):
        first_of_party = i == 0 or states[i - 1].party != state.party
        last_of_party = i + 1 == len(states) or states[i + 1].party != state.party
        story = [_plural(len(state.history), "report")]
        if state.changes:
            story.append(_plural(state.changes, "change"))
        if state.conceded:
            story.append("conceded")
        issue = state.issue + (f"\n({state.subject})" if state.subject else "")
        table.add_row(
            escape(state.party) if first_of_party else "",
            escape(issue),
            escape(state.stance),
            _cell(state.date),
            escape(_cell(state.reported_by)),
            ", ".join(story),
            end_section=last_of_party,
        )
    return table


def history_view(state: PositionState) -> Table:
    """Every report of one position, oldest first, with the sentence that carries it."""
    table = Table(
        title=f"{escape(state.party)} on {escape(_about(state))}",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        expand=True,
    )
    table.add_column("date", no_wrap=True)
    table.add_column("stance", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("reported by", ratio=1, overflow="fold")
    table.add_column("evidence", ratio=3, overflow="fold")
    for entry in state.history:
        mark = "concession" if entry.concession else ("changed" if entry.changed else "")
        evidence = entry.evidence
        table.add_row(
            _cell(entry.date),
            escape(entry.stance),
            Text(mark, style="bold yellow" if mark else ""),
            escape(_cell(entry.reported_by)),
            Text.assemble(
                f"“{_cell(evidence.text or entry.summary)}”\n",
                (
                    f"{evidence.source or evidence.article_id} [{evidence.start}:{evidence.end}]",
                    "dim",
                ),
            ),
        )
    return table


@app.command()
@_handles_errors
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
    filters = {"party": party, "actor": actor, "type": event_type, "since": since, "until": until}
    events = api.timeline(
        db, party=party, actor=actor, event_type=event_type, since=since, until=until
    )
    if as_json:
        _echo_json(
            {
                "database": api.display_name(db),
                "filters": filters,
                "count": len(events),
                "events": [e.to_dict() for e in events],
            }
        )
        return
    if not events:
        out.print(_none_found("events", filters))
        return
    out.print(timeline_view(events))


def timeline_view(events: list[TimelineEvent]) -> RenderableType:
    """The events as a table; the disagreements of the reports listed under it."""
    table = Table(
        title=f"Timeline ({_plural(len(events), 'event')})",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("date", no_wrap=True)
    table.add_column("event", no_wrap=True)
    table.add_column("place")
    table.add_column("participants")
    table.add_column("reports", justify="right", no_wrap=True)
    table.add_column("conflicts")
    notes: list[RenderableType] = []
    for event in events:
        kinds = [c.split(":", 1)[0] for c in event.conflicts]
        table.add_row(
            _cell(event.date),
            Text.assemble(event.type, "\n", (event.status, "dim")),
            escape(_cell(event.place)),
            escape(_cell(event.participants)),
            str(len(event.sources)),
            Text(", ".join(kinds) or "—", style="yellow" if kinds else ""),
        )
        for conflict in event.conflicts:
            notes.append(Text(f"  {_cell(event.date)} {event.type}: {conflict}", style="yellow"))
    if not notes:
        return table
    return Group(table, Text("Reports disagree:", style="bold"), *notes)


@app.command()
@_handles_errors
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
    as_json: JsonOption = False,
) -> None:
    """Claims that disagree, within a window of days, with the evidence of each.

    Judgements of the talks, positive against negative, by two actors or by one over
    time; and opposite stances (accept or propose against reject) reported
    for one party on one issue by different actors.

    Example: dragoman contradictions --db demo.db --window 3
    """
    filters = {"party": party, "issue": issue, "actor": actor, "since": since, "until": until}
    found = api.contradictions(db, window=window, **filters)
    if as_json:
        _echo_json(
            {
                "database": api.display_name(db),
                "filters": {**filters, "window": window},
                "count": len(found),
                "contradictions": [c.to_dict() for c in found],
            }
        )
        return
    if not found:
        out.print(_none_found("contradictions", filters))
        return
    out.print(contradictions_view(found))


def _claim_cell(claim: Any) -> Text:
    evidence = claim.evidence
    return Text.assemble(
        (f"{claim.date.isoformat()} {claim.actor}: {claim.claim}", "bold"),
        f"\n“{_cell(evidence.text or claim.summary)}”\n",
        (evidence.source or evidence.article_id, "dim"),
    )


def contradictions_view(found: list[Contradiction]) -> Table:
    table = Table(
        title=f"Contradictions ({len(found)})",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        expand=True,
        show_lines=True,
    )
    table.add_column("about", ratio=1, overflow="fold")
    table.add_column("first", ratio=3, overflow="fold")
    table.add_column("second", ratio=3, overflow="fold")
    for c in found:
        table.add_row(
            Text(f"{c.about}\n{_plural(c.days_apart, 'day')} apart"),
            _claim_cell(c.first),
            _claim_cell(c.second),
        )
    return table


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


DEFAULT_EXPORT_FOLDER = "dragoman-export"


@app.command()
@_handles_errors
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
    out.print(
        f"{fmt.value}: wrote {_plural(len(result.files), 'file')} to {result.out} ({rows})",
        soft_wrap=True,
        markup=False,
    )


# -- the web dashboard and the analysts' review -------------------------------------


@app.command()
@_handles_errors
def serve(
    db: DbOption = api.DEFAULT_PATH,
    host: Annotated[
        str, typer.Option("--host", help="The address to listen on (this machine only by default).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="The port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="DRAGOMAN_TOKEN",
            help="Reviews need this token; without one the app is read-only. "
            "Prefer the DRAGOMAN_TOKEN variable (a command line is visible to others).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Serve the dashboard and its JSON API over the database, until Ctrl-C.

    Pages: the overview (parties, the issue-by-party matrix, the timeline, how each side
    judges the talks), actors, reports with their extractions highlighted, full-text
    search, and the review of every extraction. Every page is JSON under /api/; the
    OpenAPI document is at /docs.

    Example: dragoman serve --db demo.db --port 8000 --token s3cret
    """
    import uvicorn

    application = api.serve_app(db, token=token)
    mode = "review enabled (token required)" if token else "read-only (no --token)"
    out.print(
        f"dragoman: {api.display_name(db)} at http://{host}:{port}/ — {mode}; "
        f"API docs at http://{host}:{port}/docs",
        soft_wrap=True,
        markup=False,
    )
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command("export-gold")
@_handles_errors
def export_gold(
    out_dir: Annotated[Path, typer.Argument(help="The folder to write the gold files to.")],
    db: DbOption = api.DEFAULT_PATH,
    include_all: Annotated[
        bool, typer.Option("--all", help="Every report, reviewed or not.")
    ] = False,
) -> None:
    """Write the reviewed reports as gold files that dragoman eval reads back.

    For each report an analyst reviewed: ID.json (the record with the corrections
    applied, in the shape of analyze --json) and the report as ID.md (front matter) or
    ID.txt.

    Example: dragoman export-gold gold/ --db demo.db && dragoman eval gold/
    """
    result = api.export_gold(db, out_dir, include_unreviewed=include_all)
    for warning in result.warnings:
        err.print(f"warning: {warning}", style="yellow", soft_wrap=True, markup=False)
    out.print(
        f"wrote {_plural(len(result.files), 'gold report')} to {result.out}",
        soft_wrap=True,
        markup=False,
    )
