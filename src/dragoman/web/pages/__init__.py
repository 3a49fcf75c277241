"""What each page shows, computed as one JSON-ready dict: one module per page or group.

Every page is a function over a :class:`~dragoman.store.Store`; the view serves its dict
as HTML (a template) or as JSON, from the same route. Pages read through the Store's
methods (the SQL lives in :mod:`dragoman.store.pages`; rows come back as reviewed
extractions with their articles, as partial records) and compute with
:mod:`dragoman.record`. Dates are shown as :class:`~dragoman.models.Dating` gives them:
an undated item is undated. Nothing here writes.
"""

from __future__ import annotations

import datetime as dt


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
