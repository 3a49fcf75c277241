"""Full-text search on PostgreSQL: GIN indexes over the fields FTS5 indexes on SQLite.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-10

On PostgreSQL only (a no-op on SQLite, which has had FTS5 since 0002):

- ``dragoman_search_words(a, b)``: the words of two fields as a ``tsvector`` in the
  ``simple`` configuration (no stemming, no stop words: lower-cased words, as FTS5's
  unicode61 tokenizer gives them). ASCII punctuation becomes a space first, so that
  PostgreSQL's parser reads no e-mail, host, URL, decimal number or HTML tag as one
  word where FTS5 sees several ("U.N." is ``u`` and ``n`` on both). A text whose words
  would not fit in a tsvector (over 1 MB of distinct words: only a hostile or
  non-prose file gets there) is indexed on its first :data:`FALLBACK_CHARS`
  characters rather than refused, so that such a report is stored as on SQLite;
- ``quotes.search_words`` (text, speaker) and ``articles.search_words`` (title, body):
  generated, stored columns of those words, each with a GIN index
  (``ix_quotes_search``, ``ix_articles_search``). Stored rather than an expression
  index because ranking reads the words of up to 500 matches: with an expression
  index, parsing those bodies again made a search of the reports of a 3,000-report
  store take 0.5 s; reading the stored words, 25-45 ms. Adding the columns rewrites
  both tables once (under a lock).

The function is PL/pgSQL (for the fallback) and IMMUTABLE (a generated column needs
it). The columns and indexes exist on PostgreSQL only, made by hand like the FTS5
tables: the code never reads them through the metadata, and schema comparisons leave
them out (:func:`dragoman.store.schema.include_in_comparison`).

Written out in full, so that it keeps meaning the same thing when the live code moves on.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Every ASCII punctuation character (a single quote doubled for SQL) and as many spaces.
PUNCTUATION = "!\"#$%&''()*+,-./:;<=>?@[\\]^_`{|}~"
SPACES = " " * 32
#: 150,000 characters make well under 1 MB of tsvector, whatever the words.
FALLBACK_CHARS = 150_000

FUNCTION = f"""
CREATE FUNCTION dragoman_search_words(a text, b text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $body$
DECLARE
  words text := translate(coalesce(a, '') || ' ' || coalesce(b, ''),
                          '{PUNCTUATION}', '{SPACES}');
BEGIN
  RETURN to_tsvector('simple'::regconfig, words);
EXCEPTION WHEN program_limit_exceeded THEN
  RETURN to_tsvector('simple'::regconfig, left(words, {FALLBACK_CHARS:d}));
END
$body$
"""

#: (table, the two fields) of each column of words.
FIELDS = (("quotes", "text", "speaker"), ("articles", "title", "body"))


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCTION)
    for table, first, second in FIELDS:
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN search_words tsvector "
            f"GENERATED ALWAYS AS (dragoman_search_words({first}, {second})) STORED"
        )
        op.execute(f"CREATE INDEX ix_{table}_search ON {table} USING gin (search_words)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, _first, _second in FIELDS:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_search")
        op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_words")
    op.execute("DROP FUNCTION IF EXISTS dragoman_search_words(text, text)")
