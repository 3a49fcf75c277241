"""The CLI's views: what a command prints for people (Rich), apart from the commands."""

from dragoman.cli.render.article import record_view
from dragoman.cli.render.base import cell, none_found, plural, short, table
from dragoman.cli.render.record import (
    contradictions_view,
    history_view,
    listing,
    positions_view,
    program,
    summary_view,
    timeline_view,
)
from dragoman.cli.render.scores import quote_misses, scores_view

__all__ = [
    "cell",
    "contradictions_view",
    "history_view",
    "listing",
    "none_found",
    "plural",
    "positions_view",
    "program",
    "quote_misses",
    "record_view",
    "scores_view",
    "short",
    "summary_view",
    "table",
    "timeline_view",
]
