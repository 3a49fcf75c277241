"""The store: records kept in SQLite (by default) or PostgreSQL, through SQLAlchemy.

``Store.open(path_or_url)`` opens a database and migrates it to the current schema;
``save`` keeps an :class:`~dragoman.models.ArticleRecord`, ``load``/``records`` give
them back, ``summary`` and ``quotes`` answer the common questions.
"""

from dragoman.store.engine import DEFAULT_PATH
from dragoman.store.store import Store

__all__ = ["DEFAULT_PATH", "Store"]
