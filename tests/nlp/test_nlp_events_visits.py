"""Events, on sentences written for this test: a leader's visit is not a summit."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_a_leaders_visit_to_a_town_is_not_a_summit(analyze) -> None:
    record = analyze("Valdorian President Anna Morel visited the town of Orlith on Tuesday.")
    assert all(e.type != "summit" for e in record.events)


def test_a_summit_of_two_leaders_is_one(analyze) -> None:
    record = analyze(
        "Vladimir Putin and Donald Trump held a summit in Anchorage on Friday."
    )
    summits = [e for e in record.events if e.type == "summit"]
    assert summits
