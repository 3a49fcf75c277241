"""The evaluation's public entry points, for the CLI and the test suite.

The implementation lives in :mod:`dragoman.evaluation`, one concept per module; this
module re-exports its public names so that callers import from one place.
"""

from dragoman.evaluation import (
    ALL_PARTS,
    DEFAULT_FLOORS,
    Counts,
    EvalReport,
    EvalSet,
    ReportDetail,
    Tally,
    check_floors,
    evaluate_dir,
    evaluate_record,
    find_pairs,
    fold_name,
    load_eval_set,
    load_floors,
    load_gold,
    names_match,
    pinned_sets,
    quote_words,
    texts_match,
)

__all__ = [
    "ALL_PARTS",
    "Counts",
    "DEFAULT_FLOORS",
    "EvalReport",
    "EvalSet",
    "ReportDetail",
    "Tally",
    "check_floors",
    "evaluate_dir",
    "evaluate_record",
    "find_pairs",
    "fold_name",
    "load_eval_set",
    "load_floors",
    "load_gold",
    "names_match",
    "pinned_sets",
    "quote_words",
    "texts_match",
]
