"""What keeps a hostile report from stalling the pipeline: a run of punctuation is
refused before spaCy's tokenizer sees it, and the quotes component is linear."""

from __future__ import annotations

import time

import pytest
import spacy

from dragoman.errors import AnalysisError
from dragoman.models import Article
from dragoman.nlp.extensions import register_extensions
from dragoman.nlp.pipeline import MAX_PUNCTUATION_RUN, Analyzer


def test_a_long_run_of_quotation_marks_is_refused() -> None:
    analyzer = Analyzer(spacy.blank("en"))
    body = "The treasurer said " + '"' * 5000 + " nothing."
    with pytest.raises(AnalysisError, match="5,000 punctuation characters"):
        analyzer._doc(Article(body=body))


def test_a_rule_of_dashes_and_ordinary_punctuation_pass() -> None:
    register_extensions()
    analyzer = Analyzer(spacy.blank("en"))
    body = "Talks.\n\n" + "-" * MAX_PUNCTUATION_RUN + '\n\n"Yes!?" (she said...).'
    assert analyzer._doc(Article(body=body)).text == body


@pytest.mark.model
def test_quotes_component_is_fast_on_a_chain_of_cues(analyzer) -> None:
    # A chain of 3,000 cues, each governing the rest: quadratic work took minutes.
    started = time.perf_counter()
    record = analyzer.analyze(Article(body="he said " * 3000))
    assert time.perf_counter() - started < 30
    assert len(record.quotes) <= 3000
