"""Full-text search on PostgreSQL, finding what FTS5 finds on SQLite.

Migration 0006 gives ``quotes`` and ``articles`` a generated column ``search_words``
(GIN-indexed): the words of the same fields as FTS5 (a quote's text and speaker, an
article's title and body) in the ``simple`` configuration (lower-cased words, no
stemming, like unicode61). A search is ``to_tsquery('simple', 'a & b & c:*')``: every
word required, the last also as a prefix, as :func:`dragoman.store.queries.fts_query`
asks FTS5. ``to_tsquery`` rather than ``websearch_to_tsquery``: the latter has no
prefix form, and the words arrive sanitised
(:func:`~dragoman.store.queries.search_terms`: letters, digits, ``_``), so no operator
of the user's can reach ``to_tsquery``. Matches are ranked with ``ts_rank``, negated
so that, as with FTS5's bm25, lower is better.

The column is not in :mod:`~dragoman.store.schema` (it exists on PostgreSQL only), so
it is named here. Known difference: FTS5 also folds diacritics (``remove_diacritics
2``), ``simple`` does not: "Dolmabahce" finds "Dolmabahçe" on SQLite only.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Connection, Float, Table, func, literal_column

#: The function of migration 0006 that makes the words of two fields.
WORDS_FUNCTION = "dragoman_search_words"
#: The generated column of those words (quotes: text, speaker; articles: title, body).
WORDS_COLUMN = "search_words"
_SIMPLE: ColumnElement[Any] = literal_column("'simple'::regconfig")


def available(connection: Connection) -> bool:
    """Whether searches go through the GIN indexes (PostgreSQL, migrated to 0006)."""
    return connection.dialect.name == "postgresql"


def stored_words(table: Table) -> ColumnElement[Any]:
    """The indexed words of a row of ``quotes`` or ``articles``."""
    return literal_column(f"{table.name}.{WORDS_COLUMN}")


def words_of(first: Any, second: Any) -> ColumnElement[Any]:
    """The words of two fields, made as the column makes them (for rows read through
    a view, such as the quotes as reviewed)."""
    return getattr(func, WORDS_FUNCTION)(first, second)


def tsquery_text(terms: list[str]) -> str:
    """``a & b & c:*`` for the terms (letters, digits and ``_`` only)."""
    parts = list(terms)
    if parts:
        parts[-1] += ":*"
    return " & ".join(parts)


def tsquery(terms: list[str]) -> ColumnElement[Any]:
    """The query of the terms, in the ``simple`` configuration."""
    return func.to_tsquery(_SIMPLE, tsquery_text(terms))


def matches(vector: ColumnElement[Any], terms: list[str]) -> ColumnElement[bool]:
    """``vector @@ query``: every term is among the words (the last as a prefix)."""
    return vector.bool_op("@@")(tsquery(terms))


def rank(vector: ColumnElement[Any], terms: list[str]) -> ColumnElement[float]:
    """How well the words match (``-ts_rank``: lower is better, as bm25)."""
    return -func.ts_rank(vector, tsquery(terms), type_=Float)
