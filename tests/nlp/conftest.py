"""Fixtures for the NLP tests: one loaded pipeline for the whole module run."""

from __future__ import annotations

import datetime as dt

import pytest

from dragoman.models import Article, ArticleRecord
from dragoman.nlp.pipeline import Analyzer


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture
def analyze(analyzer: Analyzer):
    """Analyse a body published on a given day (default: Wednesday 30 March 2022)."""

    def run(body: str, published: dt.date | None = dt.date(2022, 3, 30)) -> ArticleRecord:
        return analyzer.analyze(Article(body=body, published=published))

    return run
