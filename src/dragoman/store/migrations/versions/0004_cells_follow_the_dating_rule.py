"""The position matrix follows the one dating rule (dragoman.models.Dating).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

``position_cells.day`` now holds the stated date of the latest report (NULL where the
report of the stance is undated), no longer the report's day in its place; the new
columns ``reported``, ``article_id`` and ``start_offset`` hold the rest of the key that
chose it. The cells are recomputed from the stored rows and corrections.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("position_cells") as batch:
        batch.add_column(sa.Column("reported", sa.Date(), nullable=True))
        batch.add_column(sa.Column("article_id", sa.String(), nullable=True))
        batch.add_column(sa.Column("start_offset", sa.Integer(), nullable=True))
    from dragoman.store.summaries import refresh_cells

    refresh_cells(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("position_cells") as batch:
        batch.drop_column("start_offset")
        batch.drop_column("article_id")
        batch.drop_column("reported")
