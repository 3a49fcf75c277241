"""The tables of the store, as SQLAlchemy Core metadata.

This is the schema the code reads and writes; the migrations in ``migrations/versions``
build it, and a test checks that the two agree. Only portable types are used (JSON,
Date, Boolean...), so that the same tables work on SQLite and PostgreSQL. The dataclass
fields ``start``/``end`` are stored as ``start_offset``/``end_offset`` because ``END``
is reserved in SQL.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

# Named constraints, so that later migrations (batch mode on SQLite) can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _article_fk() -> Column[str]:
    """The link from a row to its article; deleting an article deletes its rows."""
    return Column(
        "article_id",
        String,
        ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
    )


def _id() -> Column[int]:
    """A surrogate key; rows of one article are read back in the order they were saved."""
    return Column("id", Integer, primary_key=True, autoincrement=True)


def _evidence() -> list[Column[int]]:
    """Character offsets of the evidence in the article body."""
    return [
        Column("start_offset", Integer, nullable=False),
        Column("end_offset", Integer, nullable=False),
    ]


articles = Table(
    "articles",
    metadata,
    Column("id", String, primary_key=True),  # Article.id: hash of the normalised body
    Column("source", String, nullable=False),
    Column("url", String),
    Column("outlet", String),
    Column("published", Date),
    Column("title", Text),
    Column("caption", Text),
    Column("credit", Text),
    Column("language", String, nullable=False),
    Column("body", Text, nullable=False),
    Column("ingested_at", DateTime, nullable=False),  # UTC, naive
    Index(None, "published"),
    Index(None, "id", "published"),  # an item's day without reading the body (0007)
)

actors = Table(
    "actors",
    metadata,
    _id(),
    _article_fk(),
    Column("name", String, nullable=False),
    Column("kind", String, nullable=False),
    Column("role", String),
    Column("party", String),
    Column("aliases", JSON, nullable=False),
    Column("mentions", JSON, nullable=False),
    Column("confidence", Float, nullable=False),
    Index(None, "article_id"),
    Index(None, "name"),  # an actor's page (migration 0002)
    Index(None, "kind", "name"),  # the parties (migration 0002)
)

quotes = Table(
    "quotes",
    metadata,
    _id(),
    _article_fk(),
    Column("speaker", String),
    Column("text", Text, nullable=False),
    Column("kind", String, nullable=False),
    Column("cue", String),
    Column("date", Date),
    *_evidence(),
    Column("anonymous", Boolean, nullable=False),
    Column("speaker_text", Text),
    Column("confidence", Float, nullable=False),
    Index(None, "article_id"),
    Index(None, "speaker"),
    Index(None, "speaker", "date", "article_id"),  # an actor's latest quotes (0007)
    Index(None, "confidence", "id"),  # the review queue (0007)
)

events = Table(
    "events",
    metadata,
    _id(),
    _article_fk(),
    Column("type", String, nullable=False),
    Column("status", String, nullable=False),
    Column("date", Date),
    Column("place", String),
    Column("country", String),  # the country of the place (migration 0003)
    Column("participants", JSON, nullable=False),
    *_evidence(),
    Column("confidence", Float, nullable=False),
    Index(None, "article_id"),
    Index(None, "type", "date"),
    Index(None, "date"),  # the latest events, for the overview (migration 0002)
    Index(None, "confidence", "id"),  # the review queue (0007)
)

positions = Table(
    "positions",
    metadata,
    _id(),
    _article_fk(),
    Column("party", String, nullable=False),
    Column("issue", String, nullable=False),
    Column("subject", String),
    Column("stance", String, nullable=False),
    Column("summary", Text, nullable=False),
    Column("reported_by", String),
    Column("date", Date),
    *_evidence(),
    Column("confidence", Float, nullable=False),
    Index(None, "article_id"),
    Index(None, "party", "issue"),
    # History, stance chart, the matrix as of a day and its counts, from the index (0007).
    Index(None, "party", "issue", "subject", "date", "article_id"),
    Index(None, "confidence", "id"),  # the review queue (0007)
)

assessments = Table(
    "assessments",
    metadata,
    _id(),
    _article_fk(),
    Column("actor", String, nullable=False),
    Column("polarity", String, nullable=False),
    Column("date", Date),
    Column("summary", Text, nullable=False),
    *_evidence(),
    Column("confidence", Float, nullable=False),
    Index(None, "article_id"),
    Index(None, "confidence", "id"),  # the review queue (0007)
)

# -- review and the summaries the web app reads (migration 0002) -------------------------

corrections = Table(
    "corrections",
    metadata,
    _id(),
    _article_fk(),
    # What was reviewed: a row of quotes, positions, events or assessments (target_id is
    # its id), or the article itself ("articles", target_id NULL).
    Column("target", String, nullable=False),
    Column("target_id", Integer),
    Column("action", String, nullable=False),  # accept, correct or reject
    Column("field", String),  # the field a correction changes; NULL for accept/reject
    Column("old", JSON),  # the value shown before the correction (JSON: dates as ISO)
    Column("new", JSON),
    Column("who", String, nullable=False),
    Column("at", DateTime, nullable=False),  # UTC, naive
    Column("note", Text),
    Index(None, "article_id"),
    Index(None, "target", "target_id"),
    Index(None, "at"),
)

# The latest reviewed stance of each party on each issue (and subject): the matrix of
# the overview, kept up to date by Store.save and Store.review. ``day`` is the stated
# date of that report (NULL: undated); ``reported``, ``article_id`` and ``start_offset``
# complete its key (dragoman.models.latest_key), so that subjects fold by the same rule
# (migration 0004).
position_cells = Table(
    "position_cells",
    metadata,
    _id(),
    Column("party", String, nullable=False),
    Column("issue", String, nullable=False),
    Column("subject", String),
    Column("position_id", Integer, nullable=False),
    Column("stance", String, nullable=False),
    Column("day", Date),
    Column("reports", Integer, nullable=False),
    Column("reported", Date),
    Column("article_id", String),
    Column("start_offset", Integer),
    Index(None, "party", "issue"),
)

# The side (party) of each assessment's actor, so that "the latest judgements of each
# side" is an index range, not a join over every assessment.
assessment_sides = Table(
    "assessment_sides",
    metadata,
    Column(
        "assessment_id",
        Integer,
        ForeignKey("assessments.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("party", String, nullable=False),
    Column("day", Date),
    Index(None, "party", "day"),
)

#: Full-text tables (SQLite FTS5, created by migration 0002 on SQLite only, kept in step
#: by triggers). They are not SQLAlchemy tables: schema comparisons leave them out.
SEARCH_TABLES: tuple[str, ...] = ("quotes_fts", "articles_fts")
#: The full-text columns and their GIN indexes of ``quotes`` and ``articles`` (created
#: by migration 0006 on PostgreSQL only; see dragoman.store.textsearch): left out of
#: schema comparisons like the FTS5 tables.
SEARCH_COLUMNS: tuple[str, ...] = ("search_words",)
SEARCH_INDEXES: tuple[str, ...] = ("ix_quotes_search", "ix_articles_search")


def is_search_table(name: str | None) -> bool:
    """Whether ``name`` is a full-text table or one of FTS5's shadow tables."""
    if not name:
        return False
    return any(name == t or name.startswith(t + "_") for t in SEARCH_TABLES)


def include_in_comparison(name: str | None, type_: str, _parents: object = None) -> bool:
    """Alembic's ``include_name`` hook: leave out the full-text structures each backend
    builds by hand (FTS5 tables on SQLite; columns of words and their GIN indexes on
    PostgreSQL), which the metadata cannot describe for one backend without the other."""
    if type_ == "table":
        return not is_search_table(name)
    if type_ == "index":
        return name not in SEARCH_INDEXES
    if type_ == "column":
        return name not in SEARCH_COLUMNS
    return True


# The tables that hang off an article, in the order a record lists them.
CHILD_TABLES: tuple[Table, ...] = (actors, quotes, events, positions, assessments)
