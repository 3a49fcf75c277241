"""Events, on sentences written for this test: the day of an event where the text
gives it (in its clause, in the statement that tells of it, in the year the report is
narrating), none for background; its place resolved to its country through the places
file; no parties assumed."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.model

WEDNESDAY = dt.date(2022, 3, 30)


def _of(record, type_):
    return [e for e in record.events if e.type == type_]


def test_a_time_further_down_the_clause_dates_the_talks(analyze) -> None:
    record = analyze(
        "Talks between Armenia and Azerbaijan in Geneva ended earlier than planned on Monday."
    )
    talks = _of(record, "talks")
    assert talks and talks[0].date == dt.date(2022, 3, 28)


def test_a_bare_day_in_a_story_of_an_earlier_year_takes_that_year(analyze) -> None:
    record = analyze(
        "The war between the two states began in February 2019.\n\n"
        "On 10 March, the foreign ministers of Armenia and Azerbaijan met in Vienna.",
        published=dt.date(2022, 3, 1),
    )
    talks = _of(record, "talks")
    assert talks and talks[0].date == dt.date(2019, 3, 10)


def test_a_background_agreement_of_an_earlier_year_is_not_dated(analyze) -> None:
    record = analyze("In 2020, Armenia and Azerbaijan signed a ceasefire agreement in Moscow.")
    agreements = _of(record, "agreement")
    assert agreements and all(a.date is None for a in agreements)


def test_an_agreement_takes_the_day_of_the_statement_that_announces_it(analyze) -> None:
    record = analyze("On Monday, Erdogan said Armenia and Azerbaijan had agreed to a ceasefire.")
    agreements = _of(record, "agreement")
    assert agreements and agreements[0].date == dt.date(2022, 3, 28)


def test_a_briefing_takes_the_day_of_the_words_it_carries(analyze) -> None:
    record = analyze('"We are close to a treaty," Ilham Aliyev told journalists.')
    briefings = _of(record, "press_conference")
    assert briefings and briefings[0].date == WEDNESDAY


def test_a_meeting_on_the_sidelines_of_a_forum_is_in_its_town(analyze) -> None:
    record = analyze(
        "The foreign ministers of Armenia and Azerbaijan met on Tuesday on the sidelines "
        "of the Antalya Diplomacy Forum in Turkey."
    )
    talks = _of(record, "talks")
    assert talks and talks[0].place == "Antalya" and talks[0].country == "Turkey"


def test_a_capital_named_as_the_venue_is_a_place_not_a_party(analyze) -> None:
    record = analyze("Iranian and American negotiators held talks in Muscat on Sunday.")
    talks = _of(record, "talks")
    assert talks and talks[0].place == "Muscat" and talks[0].country == "Oman"
    assert "Oman" not in talks[0].participants


def test_no_parties_are_assumed_for_an_invented_report(analyze) -> None:
    record = analyze(
        "Valdorian President Anna Morel visited the town of Orlith on Tuesday. "
        "The two delegations later held talks."
    )
    named = {p for e in record.events for p in e.participants}
    assert not named & {"Russia", "Ukraine"}
    assert all(e.type != "summit" for e in record.events)


def test_talks_in_two_towns_are_two_events(analyze) -> None:
    record = analyze(
        "Armenian and Azerbaijani officials held talks in Muscat on Monday.\n\n"
        "Armenian and Azerbaijani officials held talks in Geneva on Tuesday."
    )
    places = {e.place for e in _of(record, "talks")}
    assert {"Muscat", "Geneva"} <= places
