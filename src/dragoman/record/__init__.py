"""The negotiation across reports, computed from the stored records.

- :func:`position_table` (``positions.py``): where each party stands on each issue,
  since when, says who, and every change on the way;
- :func:`timeline` (``timeline.py``): the events, each report of the same event
  merged into one with its sources, disagreements on date or place flagged;
- :func:`contradictions` (``contradictions.py``): assessments and reported stances
  that disagree within a window of days;
- :func:`export_records` (``export.py``): the record as JSON Lines, CSV or Parquet
  (tables in ``tables.py``).

Each takes an iterable of :class:`~dragoman.models.ArticleRecord` (as
:meth:`Store.records <dragoman.store.Store.records>` gives) and returns dataclasses
with ``to_dict()``. Filters are described in ``filters.py``; evidence (the article and
the sentence a claim was read from) in ``evidence.py``.
"""

from dragoman.record.changes import (
    DEFAULT_DAYS,
    Changes,
    EventChange,
    StanceChange,
    changes_in,
    changes_markdown,
    new_contradictions,
    period,
    since_day,
    what_changed,
)
from dragoman.record.contradictions import Claim, Contradiction, contradictions
from dragoman.record.evidence import Evidence, sentence_at
from dragoman.record.export import FORMATS, ExportError, ExportResult, export_records
from dragoman.record.filters import BadFilter, Filters, parse_date
from dragoman.record.positions import (
    LatestReport,
    PositionEntry,
    PositionState,
    matrix_of,
    position_matrix,
    position_table,
)
from dragoman.record.timeline import EventReport, MergeRules, TimelineEvent, timeline

__all__ = [
    "DEFAULT_DAYS",
    "Changes",
    "EventChange",
    "StanceChange",
    "changes_in",
    "changes_markdown",
    "period",
    "new_contradictions",
    "since_day",
    "what_changed",
    "FORMATS",
    "LatestReport",
    "BadFilter",
    "Claim",
    "Contradiction",
    "EventReport",
    "Evidence",
    "ExportError",
    "ExportResult",
    "Filters",
    "MergeRules",
    "PositionEntry",
    "PositionState",
    "TimelineEvent",
    "contradictions",
    "export_records",
    "matrix_of",
    "position_matrix",
    "parse_date",
    "position_table",
    "sentence_at",
    "timeline",
]
