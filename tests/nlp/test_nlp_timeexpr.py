"""Resolving time expressions against the publication date (no model needed)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dragoman.nlp.timeexpr import EXPRESSION, resolve

WEDNESDAY = dt.date(2022, 3, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", dt.date(2022, 3, 29)),
        ("today", WEDNESDAY),
        ("on Tuesday", dt.date(2022, 3, 29)),
        ("Wednesday", WEDNESDAY),
        ("last Wednesday", dt.date(2022, 3, 23)),
        ("on Friday night", dt.date(2022, 3, 25)),
        ("this Wednesday (30)", WEDNESDAY),
        ("Monday (28)", dt.date(2022, 3, 28)),
        ("on Feb. 1", dt.date(2022, 2, 1)),
        ("March 7", dt.date(2022, 3, 7)),
        ("10 March", dt.date(2022, 3, 10)),
        ("February 24, 2022", dt.date(2022, 2, 24)),
        ("2022-03-29", dt.date(2022, 3, 29)),
        ("two days ago", dt.date(2022, 3, 28)),
    ],
)
def test_expressions_that_name_a_day(text: str, expected: dt.date) -> None:
    assert resolve(text, WEDNESDAY).date == expected


@pytest.mark.parametrize(
    "text", ["last week", "in February", "this month", "at the weekend", "soon"]
)
def test_expressions_that_name_no_day_resolve_to_none(text: str) -> None:
    assert resolve(text, WEDNESDAY).date is None


def test_a_plan_points_forward() -> None:
    assert resolve("on Friday", WEDNESDAY, prefer="future").date == dt.date(2022, 4, 1)
    assert resolve("next Monday", WEDNESDAY).date == dt.date(2022, 4, 4)


def test_a_month_day_after_the_report_belongs_to_the_year_before() -> None:
    # Reported in January 2026, "on Dec. 28" is a statement of 2025.
    assert resolve("Dec. 28", dt.date(2026, 1, 5)).date == dt.date(2025, 12, 28)


def test_without_a_publication_date_relative_forms_are_unknown() -> None:
    assert resolve("yesterday", None).date is None
    assert resolve("2022-03-29", None).date == dt.date(2022, 3, 29)


def test_the_expression_pattern_finds_the_forms_in_running_text() -> None:
    text = (
        "He spoke this Wednesday (30), after talks on Feb. 13, 2026 and last week; yesterday too."
    )
    found = [m.group() for m in EXPRESSION.finditer(text)]
    assert found == ["this Wednesday (30)", "Feb. 13, 2026", "last week", "yesterday"]


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)))
def test_weekdays_resolve_within_the_week_before(reference: dt.date) -> None:
    for name in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
        day = resolve(f"on {name}", reference).date
        assert day is not None
        assert 0 <= (reference - day).days < 7
        assert day.strftime("%A") == name
