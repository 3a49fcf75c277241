"""Indexes for the dashboard's pages on a large store (100,000 reports).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-12

- ``articles (id, published)``: nearly every page places an item in time by its date,
  else its report's day (``coalesce(date, published)``); with this index the join to
  ``articles`` reads the day from the index, not the article's row (a row holds the
  whole body). A history of 7,000 reports: 69 ms -> 15 ms on SQLite;
- ``positions (party, issue, subject, date, article_id)``: a party's stance on an
  issue in date order (the history, the stance chart), its latest report as of a day
  (the matrix ``until``) and the number of its reports up to a day, all read from the
  index alone;
- ``quotes (speaker, date, article_id)``: an actor's latest quotes, the same way;
- ``(confidence, id)`` on quotes, positions, events and assessments: the review
  queue reads the least confident rows of each table in index order instead of
  sorting the whole table (about 60 ms a table at 100,000 reports).

Plain B-tree indexes that SQLite and PostgreSQL both build; no table changes.
Written out in full, so that it keeps meaning the same thing when the live code moves on.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (table, columns) of each index; named as the metadata's naming convention names them.
INDEXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("articles", ("id", "published")),
    ("positions", ("party", "issue", "subject", "date", "article_id")),
    ("quotes", ("speaker", "date", "article_id")),
    ("quotes", ("confidence", "id")),
    ("positions", ("confidence", "id")),
    ("events", ("confidence", "id")),
    ("assessments", ("confidence", "id")),
)


def _name(table: str, columns: Sequence[str]) -> str:
    return f"ix_{table}_{'_'.join(columns)}"


def upgrade() -> None:
    for table, columns in INDEXES:
        op.create_index(_name(table, columns), table, list(columns))


def downgrade() -> None:
    for table, columns in reversed(INDEXES):
        op.drop_index(_name(table, columns), table_name=table)
