"""Views of the record as reviewed, for SQL readers (Datasette, psql, sqlite3).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-09

``reviewed_quotes``, ``reviewed_positions``, ``reviewed_events`` and
``reviewed_assessments``: each extraction with the latest correction of each field
applied, rejected ones left out, and three more columns: ``review`` (machine, accepted,
corrected, rejected or added: the last action's), ``reviewed_by`` and ``reviewed_at``
(NULL where no person checked it). The same rule as
:func:`dragoman.store.corrections.apply`, written in SQL that SQLite and PostgreSQL
both run (the JSON of ``corrections.new`` read with ``json_extract`` or ``#>>``).

No table changes: marking a report reviewed and adding a missed extraction are rows of
``corrections`` (actions ``accept`` on ``articles``, and ``add``).

Written out in full, so that it keeps meaning the same thing when the live code moves on.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Per table: (column, the field a correction names, kind), in the table's order.
COLUMNS: dict[str, list[tuple[str, str | None, str]]] = {
    "quotes": [
        ("speaker", "speaker", "text"), ("text", "text", "text"), ("kind", "kind", "text"),
        ("cue", "cue", "text"), ("date", "date", "date"),
        ("start_offset", "start", "int"), ("end_offset", "end", "int"),
        ("anonymous", "anonymous", "bool"), ("speaker_text", None, "text"),
        ("confidence", None, "float"),
    ],
    "positions": [
        ("party", "party", "text"), ("issue", "issue", "text"),
        ("subject", "subject", "text"), ("stance", "stance", "text"),
        ("summary", "summary", "text"), ("reported_by", "reported_by", "text"),
        ("date", "date", "date"), ("start_offset", "start", "int"),
        ("end_offset", "end", "int"), ("confidence", None, "float"),
    ],
    "events": [
        ("type", "type", "text"), ("status", "status", "text"), ("date", "date", "date"),
        ("place", "place", "text"), ("country", None, "text"),
        ("participants", "participants", "json"), ("start_offset", "start", "int"),
        ("end_offset", "end", "int"), ("confidence", None, "float"),
    ],
    "assessments": [
        ("actor", "actor", "text"), ("polarity", "polarity", "text"),
        ("date", "date", "date"), ("summary", "summary", "text"),
        ("start_offset", "start", "int"), ("end_offset", "end", "int"),
        ("confidence", None, "float"),
    ],
}  # fmt: skip

CASTS = {"date": "date", "int": "integer", "bool": "boolean"}
STATUS = (
    "CASE c.action WHEN 'accept' THEN 'accepted' WHEN 'correct' THEN 'corrected' "
    "WHEN 'reject' THEN 'rejected' WHEN 'add' THEN 'added' END"
)


def _value(dialect: str, kind: str) -> str:
    """The JSON value of ``c.new`` as the column's type."""
    if dialect == "postgresql":
        if kind == "json":
            return "c.new"
        cast = CASTS.get(kind)
        return f"CAST(c.new #>> '{{}}' AS {cast})" if cast else "(c.new #>> '{}')"
    return "json_extract(c.new, '$')"


def _last(target: str, what: str, where: str = "") -> str:
    return (
        f"(SELECT {what} FROM corrections c WHERE c.target = '{target}' "
        f"AND c.target_id = t.id{where} ORDER BY c.id DESC LIMIT 1)"
    )


def view_sql(target: str, dialect: str) -> str:
    """``CREATE VIEW reviewed_<target>`` for a dialect (sqlite or postgresql)."""
    parts = ["t.id", "t.article_id"]
    for column, field, kind in COLUMNS[target]:
        if field is None:
            parts.append(f"t.{column}")
            continue
        where = f" AND c.action = 'correct' AND c.field = '{field}'"
        corrected = _last(target, _value(dialect, kind), where)
        has = _last(target, "1", where)
        parts.append(f"CASE WHEN {has} IS NULL THEN t.{column} ELSE {corrected} END AS {column}")
    parts.append(f"coalesce({_last(target, STATUS)}, 'machine') AS review")
    parts.append(f"{_last(target, 'c.who')} AS reviewed_by")
    parts.append(f"{_last(target, 'c.at')} AS reviewed_at")
    inner = f"SELECT {', '.join(parts)} FROM {target} t"
    return (
        f"CREATE VIEW reviewed_{target} AS SELECT * FROM ({inner}) v WHERE v.review <> 'rejected'"
    )


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for target in COLUMNS:
        op.execute(view_sql(target, "postgresql" if dialect == "postgresql" else "sqlite"))


def downgrade() -> None:
    for target in COLUMNS:
        op.execute(f"DROP VIEW IF EXISTS reviewed_{target}")
