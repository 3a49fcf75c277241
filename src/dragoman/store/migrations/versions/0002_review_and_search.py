"""Review and search: the corrections an analyst makes, full-text search, summaries.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26

- ``corrections``: every accept, correction and rejection of an extraction, with who
  made it and when, stored beside the machine's rows (which are never changed);
- ``position_cells`` and ``assessment_sides``: summaries the web app reads instead of
  scanning every row (the latest stance per party, issue and subject; the side of each
  assessment's actor), filled here from what is already stored;
- on SQLite only, FTS5 tables ``quotes_fts`` (rowid = quotes.id) and ``articles_fts``
  (with the article id), filled from the stored rows and kept in step by triggers.
  PostgreSQL has no FTS5: search there falls back to ``ILIKE``;
- indexes for the pages: events by date, actors by name and by kind and name.

Written out in full (plain SQL for the fills), so that it keeps meaning the same thing
when the live code moves on.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TOKENIZER = "unicode61 remove_diacritics 2"

FTS_SQL = (
    f"CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker, tokenize = '{TOKENIZER}')",
    (
        "INSERT INTO quotes_fts (rowid, text, speaker) "
        "SELECT id, text, coalesce(speaker, '') FROM quotes"
    ),
    (
        "CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN "
        "INSERT INTO quotes_fts (rowid, text, speaker) "
        "VALUES (new.id, new.text, coalesce(new.speaker, '')); END"
    ),
    (
        "CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN "
        "DELETE FROM quotes_fts WHERE rowid = old.id; END"
    ),
    (
        "CREATE VIRTUAL TABLE articles_fts USING fts5("
        f"article_id UNINDEXED, title, body, tokenize = '{TOKENIZER}')"
    ),
    (
        "INSERT INTO articles_fts (article_id, title, body) "
        "SELECT id, coalesce(title, ''), body FROM articles"
    ),
    (
        "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
        "INSERT INTO articles_fts (article_id, title, body) "
        "VALUES (new.id, coalesce(new.title, ''), new.body); END"
    ),
    (
        "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
        "DELETE FROM articles_fts WHERE article_id = old.id; END"
    ),
)

# The latest position per (party, issue, subject), ordered as
# dragoman.record.positions orders a history: dated before undated, then by day, by the
# article's publication (an undated article last), its id, the offset and the row.
FILL_CELLS = """
INSERT INTO position_cells (party, issue, subject, position_id, stance, day, reports)
SELECT party, issue, subject, id, stance, day, reports FROM (
  SELECT p.party, p.issue, p.subject, p.id, p.stance,
         coalesce(p.date, a.published) AS day,
         count(*) OVER (PARTITION BY p.party, p.issue, p.subject) AS reports,
         row_number() OVER (
           PARTITION BY p.party, p.issue, p.subject
           ORDER BY CASE WHEN coalesce(p.date, a.published) IS NULL THEN 1 ELSE 0 END,
                    coalesce(p.date, a.published) DESC,
                    CASE WHEN a.published IS NULL THEN 0 ELSE 1 END,
                    a.published DESC, p.article_id DESC, p.start_offset DESC, p.id DESC
         ) AS pos_rank
  FROM positions p JOIN articles a ON a.id = p.article_id
) ranked
WHERE pos_rank = 1
"""

# The side of an assessment: the party its actor belongs to in the same article, or the
# actor itself when the article lists it as a party.
FILL_SIDES = """
INSERT INTO assessment_sides (assessment_id, party, day)
SELECT id, party, day FROM (
  SELECT s.id, coalesce(s.date, a.published) AS day,
         coalesce(
           (SELECT min(ac.party) FROM actors ac
             WHERE ac.article_id = s.article_id AND ac.name = s.actor
               AND ac.party IS NOT NULL),
           (SELECT min(ac.name) FROM actors ac
             WHERE ac.article_id = s.article_id AND ac.name = s.actor AND ac.kind = 'party')
         ) AS party
  FROM assessments s JOIN articles a ON a.id = s.article_id
) sided
WHERE party IS NOT NULL
"""


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "article_id",
            sa.String,
            sa.ForeignKey(
                "articles.id", ondelete="CASCADE", name="fk_corrections_article_id_articles"
            ),
            nullable=False,
        ),
        sa.Column("target", sa.String, nullable=False),
        sa.Column("target_id", sa.Integer),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("field", sa.String),
        sa.Column("old", sa.JSON),
        sa.Column("new", sa.JSON),
        sa.Column("who", sa.String, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("note", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_corrections"),
    )
    op.create_index("ix_corrections_article_id", "corrections", ["article_id"])
    op.create_index("ix_corrections_target_target_id", "corrections", ["target", "target_id"])
    op.create_index("ix_corrections_at", "corrections", ["at"])

    op.create_table(
        "position_cells",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("party", sa.String, nullable=False),
        sa.Column("issue", sa.String, nullable=False),
        sa.Column("subject", sa.String),
        sa.Column("position_id", sa.Integer, nullable=False),
        sa.Column("stance", sa.String, nullable=False),
        sa.Column("day", sa.Date),
        sa.Column("reports", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_position_cells"),
    )
    op.create_index("ix_position_cells_party_issue", "position_cells", ["party", "issue"])

    op.create_table(
        "assessment_sides",
        sa.Column(
            "assessment_id",
            sa.Integer,
            sa.ForeignKey(
                "assessments.id",
                ondelete="CASCADE",
                name="fk_assessment_sides_assessment_id_assessments",
            ),
            nullable=False,
        ),
        sa.Column("party", sa.String, nullable=False),
        sa.Column("day", sa.Date),
        sa.PrimaryKeyConstraint("assessment_id", name="pk_assessment_sides"),
    )
    op.create_index("ix_assessment_sides_party_day", "assessment_sides", ["party", "day"])

    op.create_index("ix_events_date", "events", ["date"])
    op.create_index("ix_actors_name", "actors", ["name"])
    op.create_index("ix_actors_kind_name", "actors", ["kind", "name"])

    op.execute(FILL_CELLS)
    op.execute(FILL_SIDES)
    if op.get_bind().dialect.name == "sqlite":
        for statement in FTS_SQL:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("quotes_fts_insert", "quotes_fts_delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        for name in ("articles_fts_insert", "articles_fts_delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS quotes_fts")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    op.drop_index("ix_actors_kind_name", "actors")
    op.drop_index("ix_actors_name", "actors")
    op.drop_index("ix_events_date", "events")
    op.drop_table("assessment_sides")
    op.drop_table("position_cells")
    op.drop_table("corrections")
