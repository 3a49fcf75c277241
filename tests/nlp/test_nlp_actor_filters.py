"""Which mentions make actors: places are not parties, outlets only when quoted."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def names(record) -> set[str]:
    return {a.name for a in record.actors}


def test_a_country_named_only_as_a_place_is_not_a_party(analyze) -> None:
    record = analyze("Delegations of Russia and Ukraine met in Antalya, Turkey, on Thursday.")
    assert {"Russia", "Ukraine"} <= names(record)
    assert "Turkey" not in names(record)


def test_a_country_that_acts_is_a_party(analyze) -> None:
    record = analyze("Turkey offered to host a meeting of the two presidents.")
    assert "Turkey" in names(record)


def test_an_outlet_that_only_carries_a_report_is_not_an_actor(analyze) -> None:
    record = analyze(
        "Dmitry Peskov said the talks would resume, according to a Reuters report on Monday."
    )
    assert "Reuters" not in names(record)


def test_a_quoted_outlet_is_an_actor(analyze) -> None:
    record = analyze(
        "The TASS news agency said on Monday that the next round would be held in Istanbul."
    )
    assert "TASS" in names(record)
    assert any(q.speaker == "TASS" for q in record.quotes)
