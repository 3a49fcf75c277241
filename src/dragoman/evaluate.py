"""The evaluation's public entry points, for the CLI and the test suite.

The implementation lives in :mod:`dragoman.evaluation`, one concept per module; this
module re-exports its public names so that callers import from one place.
"""

from dragoman import evaluation
from dragoman.evaluation import *

__all__ = list(evaluation.__all__)
