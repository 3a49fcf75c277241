"""What a StoreError says: one line, the database named without its password, never
SQL or a report's text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dragoman import api
from dragoman.errors import StoreError
from dragoman.models import ArticleRecord
from dragoman.store import Store
from dragoman.store.engine import display_name

MakeRecord = Callable[..., ArticleRecord]
Refuse = Callable[..., Callable[[], None]]


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://u:secretpw@127.0.0.1:1/x",  # nothing listens on port 1
        "postgresql+psycopg://u:secretpw@127.0.0.1:notaport/x",  # cannot be parsed
        "postgresql+psycopg://u:secret@pw@127.0.0.1:1/x",  # an unescaped @
    ],
)
def test_a_postgres_password_never_shows(url: str) -> None:
    with pytest.raises(StoreError) as info:
        Store.open(url)
    message = str(info.value)
    assert "secret" not in message
    assert "u:***@127.0.0.1" in message
    assert info.value.source is not None and "secret" not in info.value.source
    assert "\n" not in message
    assert "secret" not in api.display_name(url)


@pytest.mark.parametrize(
    ("target", "shown"),
    [
        (
            "postgresql+psycopg://u:secretpw@db.example:5432/x",
            "postgresql+psycopg://u:***@db.example:5432/x",
        ),
        ("postgresql://u@db.example/x", "postgresql://u@db.example/x"),
        (
            "postgresql://db.example/x?user=u&password=secretpw",
            "postgresql://db.example/x?user=u&password=***",
        ),
        ("reports/dragoman.db", "reports/dragoman.db"),
        ("sqlite:///reports/a@b.db", "sqlite:///reports/a@b.db"),
    ],
)
def test_display_name_masks_only_the_password(target: str, shown: str) -> None:
    assert display_name(target) == shown
    assert api.display_name(target) == shown


def test_a_database_error_is_one_line_without_sql_or_the_report(
    store: Store, make_record: MakeRecord, refuse: Refuse
) -> None:
    # The database itself refuses the record (a trigger), so the error comes from the
    # driver, with the statement and the parameters (the body) in SQLAlchemy's text.
    refuse("articles")
    record = make_record(body="A confidential report body that must not be echoed.")
    with pytest.raises(StoreError) as info:
        store.save(record)
    message = str(info.value)
    error = {"sqlite": "IntegrityError", "postgresql": "IntegrityConstraintViolation"}
    assert message == (
        f"[D300] {record.article.source}: cannot save article {record.article.id}: "
        f"{error[store.engine.dialect.name]}: refused by test trigger"
    )
    assert not store.has(record.article.id)
