"""The codes of the record (quote kinds, issues, stances, event types and statuses,
polarities), read once from ``vocabulary.yaml`` so that every layer uses one list.

``python -m dragoman.vocabulary`` prints the codebook as Markdown (docs/codebook.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

SOURCE = Path(__file__).with_name("vocabulary.yaml")


@dataclass(frozen=True)
class Code:
    """One code with what it means (and, for issues, the nearest PA-X topic and the
    words a user may type for it)."""

    code: str
    meaning: str
    pax: str | None = None
    words: tuple[str, ...] = ()


def _load() -> dict[str, tuple[Code, ...]]:
    with SOURCE.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return {
        group: tuple(
            Code(
                str(c["code"]),
                str(c["meaning"]),
                c.get("pax"),
                tuple(str(w) for w in c.get("words") or ()),
            )
            for c in entries
        )
        for group, entries in data.items()
    }


CODEBOOK: dict[str, tuple[Code, ...]] = _load()


def _codes(group: str) -> tuple[str, ...]:
    return tuple(c.code for c in CODEBOOK[group])


QUOTE_KINDS = _codes("quote_kinds")
ISSUES = _codes("issues")
STANCES = _codes("stances")
EVENT_TYPES = _codes("event_types")
EVENT_STATUSES = _codes("event_statuses")
POLARITIES = _codes("polarities")

#: The words a user may type for each issue (``NATO`` for ``alliance_membership``).
ISSUE_WORDS: dict[str, tuple[str, ...]] = {c.code: c.words for c in CODEBOOK["issues"]}

_TITLES = {
    "quote_kinds": "Quote kinds",
    "issues": "Issues (what is negotiated)",
    "stances": "Stances (a party's answer to an issue)",
    "event_types": "Event types",
    "event_statuses": "Event statuses",
    "polarities": "Assessment polarities",
}


def issue_order(issue: str) -> tuple[int, str]:
    """Sort key: issues in codebook order, unknown ones after them by name."""
    return (ISSUES.index(issue) if issue in ISSUES else len(ISSUES), issue)


def codebook_markdown() -> str:
    """The codebook as Markdown, one table per group (docs/codebook.md)."""
    lines = [
        "# Codebook",
        "",
        "The codes dragoman writes. Generated from `src/dragoman/vocabulary.yaml` by",
        "`python -m dragoman.vocabulary`; edit the YAML, not this page.",
        "",
        "Filters take a code or any of the words it is also found as, in any case:",
        "`--issue NATO` and `/search?issue=nato` both mean `alliance_membership`.",
    ]
    for group, codes in CODEBOOK.items():
        with_pax = any(c.pax for c in codes)
        with_words = any(c.words for c in codes)
        lines += ["", f"## {_TITLES.get(group, group)}", ""]
        head = "| code | meaning |" + (" nearest PA-X topic |" if with_pax else "")
        lines.append(head + (" also found as |" if with_words else ""))
        rule = "|---|---|" + ("---|" if with_pax else "")
        lines.append(rule + ("---|" if with_words else ""))
        for c in codes:
            row = f"| `{c.code}` | {c.meaning} |" + (f" {c.pax or ''} |" if with_pax else "")
            lines.append(row + (f" {', '.join(c.words)} |" if with_words else ""))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(codebook_markdown(), end="")
