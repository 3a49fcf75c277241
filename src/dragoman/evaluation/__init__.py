"""Scoring dragoman's records against gold records (shared/devset/README.md rules).

Pure functions on dicts in the output contract's shape: no NLP happens here, so the
scores measure the pipeline and nothing else. ``evaluate_dir`` scores a directory,
``check_floors`` compares the scores with the pinned minimums.
"""

from dragoman.evaluation.counts import Counts, Tally
from dragoman.evaluation.dataset import evaluate_dir, find_pairs, load_gold
from dragoman.evaluation.floors import (
    ALL_PARTS,
    DEFAULT_FLOORS,
    EvalSet,
    check_floors,
    load_eval_set,
    load_floors,
    pinned_sets,
)
from dragoman.evaluation.names import fold_name, names_match
from dragoman.evaluation.overlap import quote_words, texts_match
from dragoman.evaluation.record import evaluate_record
from dragoman.evaluation.report import EvalReport, ReportDetail

__all__ = [
    "ALL_PARTS",
    "DEFAULT_FLOORS",
    "EvalSet",
    "load_eval_set",
    "pinned_sets",
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
