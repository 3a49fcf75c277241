"""dragoman: a sourced, structured record of diplomatic negotiations, read from news reports.

Data flows one way: ``ingest`` turns files into :class:`~dragoman.models.Article`,
``nlp`` annotates an article's body, ``store`` keeps the results, ``record`` assembles
the negotiation across articles, and the interfaces (CLI, API) sit on top.
"""

from dragoman.models import Actor, Article, ArticleRecord, Quote

__all__ = ["Actor", "Article", "ArticleRecord", "Quote"]
__version__ = "0.1.0"
