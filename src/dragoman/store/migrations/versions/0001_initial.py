"""The initial schema: articles and everything extracted from them.

Revision ID: 0001
Revises:
Create Date: 2026-11-25

Written out in full rather than built from ``schema.py``, so that this migration keeps
meaning the same thing when the live schema moves on.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHILDREN = ("actors", "quotes", "events", "positions", "assessments")


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True, autoincrement=True)


def _article_id(table: str) -> sa.Column[str]:
    return sa.Column(
        "article_id",
        sa.String,
        sa.ForeignKey("articles.id", ondelete="CASCADE", name=f"fk_{table}_article_id_articles"),
        nullable=False,
    )


def _offsets() -> list[sa.Column[int]]:
    return [
        sa.Column("start_offset", sa.Integer, nullable=False),
        sa.Column("end_offset", sa.Integer, nullable=False),
    ]


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint("id", name=f"pk_{table}")


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String, nullable=False),
        sa.Column("source", sa.String, nullable=False),
        sa.Column("url", sa.String),
        sa.Column("outlet", sa.String),
        sa.Column("published", sa.Date),
        sa.Column("title", sa.Text),
        sa.Column("caption", sa.Text),
        sa.Column("credit", sa.Text),
        sa.Column("language", sa.String, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
        _pk("articles"),
    )
    op.create_index("ix_articles_published", "articles", ["published"])

    op.create_table(
        "actors",
        _id(),
        _article_id("actors"),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("role", sa.String),
        sa.Column("party", sa.String),
        sa.Column("aliases", sa.JSON, nullable=False),
        sa.Column("mentions", sa.JSON, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        _pk("actors"),
    )

    op.create_table(
        "quotes",
        _id(),
        _article_id("quotes"),
        sa.Column("speaker", sa.String),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("cue", sa.String),
        sa.Column("date", sa.Date),
        *_offsets(),
        sa.Column("anonymous", sa.Boolean, nullable=False),
        sa.Column("speaker_text", sa.Text),
        sa.Column("confidence", sa.Float, nullable=False),
        _pk("quotes"),
    )
    op.create_index("ix_quotes_speaker", "quotes", ["speaker"])

    op.create_table(
        "events",
        _id(),
        _article_id("events"),
        sa.Column("type", sa.String, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("date", sa.Date),
        sa.Column("place", sa.String),
        sa.Column("participants", sa.JSON, nullable=False),
        *_offsets(),
        sa.Column("confidence", sa.Float, nullable=False),
        _pk("events"),
    )
    op.create_index("ix_events_type_date", "events", ["type", "date"])

    op.create_table(
        "positions",
        _id(),
        _article_id("positions"),
        sa.Column("party", sa.String, nullable=False),
        sa.Column("issue", sa.String, nullable=False),
        sa.Column("subject", sa.String),
        sa.Column("stance", sa.String, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("reported_by", sa.String),
        sa.Column("date", sa.Date),
        *_offsets(),
        sa.Column("confidence", sa.Float, nullable=False),
        _pk("positions"),
    )
    op.create_index("ix_positions_party_issue", "positions", ["party", "issue"])

    op.create_table(
        "assessments",
        _id(),
        _article_id("assessments"),
        sa.Column("actor", sa.String, nullable=False),
        sa.Column("polarity", sa.String, nullable=False),
        sa.Column("date", sa.Date),
        sa.Column("summary", sa.Text, nullable=False),
        *_offsets(),
        sa.Column("confidence", sa.Float, nullable=False),
        _pk("assessments"),
    )

    for table in CHILDREN:
        op.create_index(f"ix_{table}_article_id", table, ["article_id"])


def downgrade() -> None:
    for table in reversed(CHILDREN):
        op.drop_table(table)
    op.drop_table("articles")
