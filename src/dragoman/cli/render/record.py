"""Views of the negotiation across reports: the summary, positions and their history,
the timeline, the contradictions; and the JSON shape of a filtered listing."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from dragoman.cli.render.base import cell, plural, titled_table
from dragoman.models import Dating
from dragoman.record import Contradiction, PositionState, TimelineEvent


class _Dictable(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


def listing(
    database: str, filters: Mapping[str, object], key: str, items: Sequence[_Dictable]
) -> dict[str, Any]:
    """The ``--json`` document of positions, timeline and contradictions."""
    return {
        "database": database,
        "filters": dict(filters),
        "count": len(items),
        key: [item.to_dict() for item in items],
    }


# -- summary ------------------------------------------------------------------------


def program() -> str:
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
    """What the store holds, and where to look next."""
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
    hints = [f"{program()} analyze {sample}    (one report's record; add --json for JSON)"]
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


# -- positions ----------------------------------------------------------------------


def _about(state: PositionState) -> str:
    return state.issue + (f" ({state.subject})" if state.subject else "")


def _story(state: PositionState) -> str:
    story = [plural(len(state.history), "report")]
    if state.changes:
        story.append(plural(state.changes, "change"))
    if state.conceded:
        story.append("conceded")
    return ", ".join(story)


def positions_view(states: list[PositionState]) -> Table:
    """Party by issue: the latest stance, its date and reporter, and how it got there."""
    table = titled_table(f"Positions ({len(states)})", pad_edge=False)
    table.add_column("party", min_width=7, overflow="fold")
    table.add_column("issue", no_wrap=True)
    table.add_column("stance", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("reported by", min_width=8, overflow="fold")
    table.add_column("history", min_width=8, overflow="fold")
    for i, state in enumerate(states):
        first_of_party = i == 0 or states[i - 1].party != state.party
        last_of_party = i + 1 == len(states) or states[i + 1].party != state.party
        issue = state.issue + (f"\n({state.subject})" if state.subject else "")
        table.add_row(
            escape(state.party) if first_of_party else "",
            escape(issue),
            escape(state.stance),
            cell(state.latest.when.label()),
            escape(cell(state.reported_by)),
            _story(state),
            end_section=last_of_party,
        )
    return table


def history_view(state: PositionState) -> Table:
    """Every report of one position, oldest first, with the sentence that carries it."""
    table = titled_table(f"{escape(state.party)} on {escape(_about(state))}", expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("stance", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("reported by", ratio=1, overflow="fold")
    table.add_column("evidence", ratio=3, overflow="fold")
    for entry in state.history:
        mark = "concession" if entry.concession else ("changed" if entry.changed else "")
        evidence = entry.evidence
        table.add_row(
            cell(entry.when.label()),
            escape(entry.stance),
            Text(mark, style="bold yellow" if mark else ""),
            escape(cell(entry.reported_by)),
            Text.assemble(
                f"“{cell(evidence.text or entry.summary)}”\n",
                (
                    f"{evidence.source or evidence.article_id} [{evidence.start}:{evidence.end}]",
                    "dim",
                ),
            ),
        )
    return table


# -- timeline -----------------------------------------------------------------------


def timeline_view(events: list[TimelineEvent]) -> RenderableType:
    """The events as a table; the disagreements of the reports listed under it."""
    table = titled_table(f"Timeline ({plural(len(events), 'event')})", pad_edge=False)
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
            cell(event.date),
            Text.assemble(event.type, "\n", (event.status, "dim")),
            escape(cell(event.place)),
            escape(cell(event.participants)),
            str(len(event.sources)),
            Text(", ".join(kinds) or "—", style="yellow" if kinds else ""),
        )
        for conflict in event.conflicts:
            notes.append(Text(f"  {cell(event.date)} {event.type}: {conflict}", style="yellow"))
    if not notes:
        return table
    return Group(table, Text("Reports disagree:", style="bold"), *notes)


# -- contradictions -----------------------------------------------------------------


def _claim_when(claim: Any) -> str:
    """A claim's date as shown: its own, or "undated (reported DAY)"."""
    dating = claim.dating if claim.dating is not None else Dating(claim.date)
    return dating.label()


def _claim_cell(claim: Any) -> Text:
    evidence = claim.evidence
    return Text.assemble(
        (f"{_claim_when(claim)} {claim.actor}: {claim.claim}", "bold"),
        f"\n“{cell(evidence.text or claim.summary)}”\n",
        (evidence.source or evidence.article_id, "dim"),
    )


def contradictions_view(found: list[Contradiction]) -> Table:
    """Each pair of claims that disagree, side by side, with the evidence of each."""
    table = titled_table(
        f"Contradictions ({len(found)})",
        expand=True,
        show_lines=True,
    )
    table.add_column("about", ratio=1, overflow="fold")
    table.add_column("first", ratio=3, overflow="fold")
    table.add_column("second", ratio=3, overflow="fold")
    for c in found:
        table.add_row(
            Text(f"{c.about}\n{plural(c.days_apart, 'day')} apart"),
            _claim_cell(c.first),
            _claim_cell(c.second),
        )
    return table
