"""Actors and events of talks other than Russia-Ukraine, on sentences written for
this test (invented states and people; real ones only where a data file is tested)."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.model


def _actor(record, name):
    return next(a for a in record.actors if a.name == name)


def test_a_bare_title_takes_the_state_the_report_names_it_with(analyze) -> None:
    record = analyze(
        "Armenia rejected the last proposal on Tuesday. President Karen Tadevos said on "
        "Monday that most articles had been agreed. Lena Vosk, an adviser to the "
        "President of Armenia, said the text was nearly ready."
    )
    tadevos = _actor(record, "Karen Tadevos")
    assert tadevos.party == "Armenia"
    assert tadevos.role == "President of Armenia"


def test_a_bare_title_held_by_someone_else_for_that_state_is_left_alone(analyze) -> None:
    record = analyze(
        "Armenia rejected the last proposal on Tuesday. Armenian President Mira Osk "
        "spoke first. President Karen Tadevos said on Monday that most articles had been "
        "agreed. An adviser to the President of Armenia said the text was nearly ready."
    )
    assert _actor(record, "Karen Tadevos").party is None


def test_a_role_apposition_makes_a_name_a_person(analyze) -> None:
    record = analyze(
        "On Thursday, Kerem Dashov, Assistant to the President of Azerbaijan, said the "
        "treaty had laid the foundation for a lasting peace."
    )
    dashov = _actor(record, "Kerem Dashov")
    assert dashov.kind == "person"
    assert dashov.party == "Azerbaijan"


def test_a_title_only_one_state_bears_names_that_state(analyze) -> None:
    record = analyze(
        "External Affairs Minister Arun Keshav wrote on X that the two sides had "
        "worked out an understanding on the border."
    )
    assert _actor(record, "Arun Keshav").party == "India"


def test_a_body_named_after_a_capital_is_not_that_state(analyze) -> None:
    record = analyze(
        "The foreign ministry called for the dissolution of the OSCE Minsk Group and "
        "its related structures."
    )
    names = {a.name for a in record.actors}
    assert "OSCE Minsk Group" in names
    assert "Belarus" not in names


def test_talks_under_way_since_a_day_are_dated_that_day(analyze) -> None:
    record = analyze(
        "Veloria and Marvosa are talking again. Indirect talks have been under way "
        "since Monday in Geneva as part of a plan put forward by the mediators.",
        published=dt.date(2022, 3, 30),
    )
    talks = [e for e in record.events if e.type == "talks" and e.place == "Geneva"]
    assert talks and talks[0].date == dt.date(2022, 3, 28)
    assert talks[0].status == "ongoing"


def test_talks_that_ended_in_a_country_are_the_round_held_in_its_capital(analyze) -> None:
    record = analyze(
        "Talks between the two delegations over the disputed river basin ended in Oman "
        "on Sunday, the mediators said. Velorian envoy Tomas Ardel and Marvosan envoy "
        "Ivo Rusk held the third round of talks in Muscat.",
        published=dt.date(2022, 3, 28),
    )
    talks = [e for e in record.events if e.type == "talks" and e.status == "occurred"]
    assert len(talks) == 1
    assert talks[0].place == "Muscat" and talks[0].date == dt.date(2022, 3, 27)
