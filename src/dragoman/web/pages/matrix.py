"""The matrix (issue by party: each party's latest stance) and the history of a cell.

The matrix is :func:`dragoman.record.position_matrix` of the store's summary of the
latest report of each (party, issue, subject), which the store keeps by the same
:func:`~dragoman.models.latest_key` as :func:`dragoman.record.position_table`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from dragoman import record as rec
from dragoman.models import item_dating, latest_key
from dragoman.record import LatestReport
from dragoman.record.filters import Filters
from dragoman.store import Store

HISTORY_LIMIT = 500  # reports of one party on one issue read for its history


def latest_reports(store: Store) -> list[LatestReport]:
    """The latest report of each (party, issue, subject), from the store's summary."""
    found = []
    for cell in store.position_cells():
        dating = item_dating(cell["day"], cell["reported"])
        rank = latest_key(
            dating, cell["article_id"] or "", cell["start_offset"] or 0, cell["position_id"]
        )
        found.append(
            LatestReport(
                party=cell["party"],
                issue=cell["issue"],
                subject=cell["subject"],
                stance=cell["stance"],
                dating=dating,
                reports=cell["reports"],
                rank=rank,
                position_id=cell["position_id"],
            )
        )
    return found


def matrix(store: Store, until: str | None = None, reviewed: bool = False) -> dict[str, Any]:
    """Issue by party: the latest reviewed stance of each party on each issue, with its
    dating and the number of reports (subjects of an issue folded into one cell, the
    latest of them shown, each also listed in ``by_subject``).

    ``until``: as of that day (the reports dated up to it, as ``dragoman positions
    --until`` counts them); ``reviewed``: only the reports a person checked. Either is
    computed from the reviewed positions by :func:`dragoman.record.position_table`, the
    plain matrix from the store's summary; both through
    :func:`dragoman.record.position_matrix`. ``certainty`` holds, per position id shown,
    its confidence and who checked it (None: the machine's alone).
    """
    filters = Filters.of(until=until or None)
    if filters.until is not None or reviewed:
        latest = filtered_reports(store, filters, reviewed)
    else:
        latest = latest_reports(store)
    data = rec.position_matrix(latest)
    found = store.certainty("positions", list(_position_ids(data)))
    data["certainty"] = {str(k): v for k, v in found.items()}
    data["filters"] = {"until": iso_or_none(filters), "reviewed": reviewed}
    return data


def iso_or_none(filters: Filters) -> str | None:
    return filters.until.isoformat() if filters.until else None


def filtered_reports(store: Store, filters: Filters, reviewed: bool) -> list[LatestReport]:
    """The latest report of each (party, issue, subject) up to ``filters.until``, of the
    reports a person checked (``reviewed``) or of all; with their row ids."""
    read = store.matrix_positions(checked_only=reviewed, until=filters.until)
    found = read.found
    states = rec.position_table(found.records(), until=filters.until)
    ids = {(x.article.id, x.value.start, x.value.end, x.value.stance): x.id for x in found.items}
    out = []
    for state in states:
        ev = state.latest.evidence
        row_id = ids.get((ev.article_id, ev.start, ev.end, state.latest.stance))
        latest = rec.LatestReport.of(state)
        # The reports up to the day that were counted, not read (see Store.matrix_positions).
        more = read.unread.get((state.party, state.issue, state.subject), 0)
        out.append(dataclasses.replace(latest, position_id=row_id, reports=latest.reports + more))
    return out


def _position_ids(data: dict[str, Any]) -> Iterable[int]:
    for row in data["rows"]:
        for cell in row["cells"].values():
            for sub in cell["by_subject"]:
                if sub["position_id"] is not None:
                    yield sub["position_id"]


def history(
    store: Store, party: str, issue: str, since: str | None = None, until: str | None = None
) -> dict[str, Any]:
    """Every report of ``party``'s stance on ``issue`` (per subject), oldest first, with
    the sentence that carries each: the click on a cell of the matrix."""
    filters = Filters.of(party=party, issue=issue, since=since, until=until)
    total, found = store.position_reports(party, issue, HISTORY_LIMIT)
    states = rec.position_table(
        found.records(), party=party, issue=issue, since=filters.since, until=filters.until
    )
    # The row of each report, for links to the article and the review.
    ids = {(x.article.id, x.value.start, x.value.end, x.value.stance): x.id for x in found.items}
    out = []
    for state in states:
        data = state.to_dict()
        for entry, raw in zip(data["history"], state.history, strict=True):
            ev = raw.evidence
            entry["position_id"] = ids.get((ev.article_id, ev.start, ev.end, raw.stance))
        out.append(data)
    return {
        "party": party,
        "issue": issue,
        "filters": filters.to_dict(),
        "reports": total,
        "truncated": total > HISTORY_LIMIT,
        "limit": HISTORY_LIMIT,
        "positions": out,
    }
