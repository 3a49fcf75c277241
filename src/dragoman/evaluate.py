"""The evaluation's public entry points, for the CLI and the test suite.

The implementation lives in :mod:`dragoman.evaluation`, one concept per module; this
module only gathers what callers need so that they import from one place.
"""

from dragoman.evaluation import (
    DEFAULT_FLOORS,
    Counts,
    EvalReport,
    ReportDetail,
    Tally,
    check_floors,
    evaluate_dir,
    evaluate_record,
    find_pairs,
    fold_name,
    load_floors,
    load_gold,
    names_match,
    quote_words,
    texts_match,
)

__all__ = [
    "DEFAULT_FLOORS",
    "Counts",
    "EvalReport",
    "ReportDetail",
    "Tally",
    "check_floors",
    "evaluate_dir",
    "evaluate_record",
    "find_pairs",
    "fold_name",
    "load_floors",
    "load_gold",
    "names_match",
    "quote_words",
    "texts_match",
]
