"""The charts (``/charts/stance``, ``/charts/events``, ``/charts/assessments``): the
chart's data as JSON, and as a page with the SVG that :mod:`dragoman.charts` draws
from that same data (drawn on the server, every text escaped; no script, no CDN)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from markupsafe import Markup

from dragoman import charts
from dragoman.store import Store
from dragoman.vocabulary import ISSUES


def chart(
    store: Store,
    kind: str,
    issue: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> dict[str, Any]:
    """One chart: ``chart`` (the data it is drawn from) and ``svg``. The stance chart
    without an issue shows the issue with the most reports."""
    if kind == "stance" and not issue:
        reports: Counter[str] = Counter()
        for cell in store.position_cells():
            reports[cell["issue"]] += int(cell.get("reports") or 1)
        issue = reports.most_common(1)[0][0] if reports else ISSUES[0]
    data = charts.chart_data(store, kind, issue, since or None, until or None)
    # The SVG is built by dragoman.charts, which escapes every name, label and link.
    svg = Markup(charts.render(data))  # noqa: S704
    return {
        "kind": kind,
        "kinds": list(charts.KINDS),
        "issues": list(ISSUES),
        "filters": {"issue": issue, "since": since or None, "until": until or None},
        "chart": data,
        "svg": svg,
    }
