"""Fixtures for the CLI tests: small reports written for these tests, and a runner.

The commands run in-process through Typer's CliRunner, so the NLP pipeline is loaded
once for the whole run (``dragoman.api.default_analyzer`` keeps it); tests that need it
are marked ``model`` and share module-scoped results where they can.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from dragoman.cli import app

# Invented reports in the style of the wires: the seed's text format (date line with a
# photo caption and credit), and Markdown with front matter.
PESKOV_TXT = (
    " date 2024-05-14 Flags of the delegations outside a conference hall in Geneva."
    "| Photo: A. Snapper/ EXAMPLE WIRE\n\n"
    "Kremlin spokesman Dmitry Peskov said on Tuesday that Moscow was ready to continue "
    "the talks in Geneva next week.\n\n"
    "\u201cWe are ready to sit down at the table again,\u201d Peskov told reporters, "
    "adding that the date depended on the Ukrainian side.\n"
)
MEDINSKY_MD = """---
title: "Negotiators trade written proposals in Geneva"
source: "https://news.example.org/2024/05/15/geneva-proposals"
site: "Example Wire"
published: "2024-05-15"
---

Russian negotiator Vladimir Medinsky said on Wednesday that the two delegations had
exchanged written proposals in Geneva.

\u201cThe documents are on the table now,\u201d Medinsky said after the meeting.

Ukrainian Foreign Minister Andrii Sybiha said Kyiv would study the Russian draft
carefully before the next round.
"""

REPORTS = {"peskov.txt": PESKOV_TXT, "medinsky.md": MEDINSKY_MD}

Invoke = Callable[..., Result]


def write_reports(folder: Path, reports: dict[str, str | bytes] = REPORTS) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in reports.items():
        path = folder / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        paths.append(path)
    return paths


def run(args: Sequence[str | Path]) -> Result:
    """Run ``dragoman ARGS`` in-process; stdout and stderr are kept apart."""
    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


@pytest.fixture
def invoke() -> Invoke:
    return lambda *args: run(args)


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]
