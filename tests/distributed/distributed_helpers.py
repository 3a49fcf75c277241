"""What the distributed tests send to their workers: a pipeline without the trained model.

A module of its own, imported by name on the workers (their ``sys.path`` is the test
process's), since a factory defined in a test module would drag pytest along.
"""

from __future__ import annotations

import multiprocessing
import os
import time

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dragoman.nlp.extensions import register_extensions
from dragoman.nlp.pipeline import Analyzer


@Language.component("test_distributed_behaves_as_told")
def behaves_as_told(doc: Doc) -> Doc:
    """Runs Python for a minute on a report that says SLOW (as a pathological input
    makes a component do), fails on one that says FAIL, and ends its worker process on
    one that says CRASH."""
    if "SLOW" in doc.text:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            time.sleep(0.01)
    if "FAIL" in doc.text:
        raise ValueError("a component failed")
    if "CRASH" in doc.text and multiprocessing.parent_process() is not None:
        os._exit(3)
    return doc


def blank_analyzer() -> Analyzer:
    """A blank English pipeline: records with an article and no extractions."""
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("test_distributed_behaves_as_told")
    return Analyzer(nlp)
