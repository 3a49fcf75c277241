"""Readings that keep a position with its true party, or leave it out (issue 9): verbs
that only report a fact, purpose clauses, "call" as naming, relative clauses and scene
phrases, what one side says the other must do, and issue words in titles or names.
Every sentence was written for this test, about invented states."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.model


def _stances(analyze, body: str) -> dict[tuple[str, str], str]:
    return {(p.party, p.issue): p.stance for p in analyze(body).positions}


def test_an_acceptance_of_a_fact_is_no_position(analyze) -> None:
    found = _stances(
        analyze,
        "Kestrania accepted that the talks on the ceasefire had been difficult. "
        "Valdoria confirmed that the truce had held overnight.",
    )
    assert ("Kestrania", "ceasefire") not in found
    assert ("Valdoria", "ceasefire") not in found


def test_an_agreement_on_what_is_to_be_done_is_kept(analyze) -> None:
    found = _stances(analyze, "Kestrania agreed that the ceasefire would begin on Monday.")
    assert found[("Kestrania", "ceasefire")] == "accept"


def test_agreeing_with_someone_that_a_fact_holds_is_no_position(analyze) -> None:
    found = _stances(
        analyze,
        "The mediator agrees with Kestrania that concessions from Valdoria are the key "
        "to the ceasefire.",
    )
    assert all(issue != "ceasefire" or stance != "accept" for (_, issue), stance in found.items())


def test_a_purpose_clause_is_done_by_the_subject_not_the_object(analyze) -> None:
    found = _stances(
        analyze,
        "In May, a delegation of Kestranian elders visited Valdoria to present a plan "
        "focusing on a ceasefire.",
    )
    assert ("Valdoria", "ceasefire") not in found


def test_urging_still_gives_the_object_its_stance(analyze) -> None:
    found = _stances(analyze, "Kestrania urged Valdoria to give up its claim to the territory.")
    assert ("Kestrania", "territory") in found


def test_call_in_its_naming_sense_is_no_demand(analyze) -> None:
    found = _stances(
        analyze,
        "Valdoria will not hand over the territory around the dam, a strip of towns "
        "Kestrania calls its northern provinces. After an evening call by the Kestranian "
        "army chief, the guns fell silent and the truce held.",
    )
    assert found.get(("Kestrania", "territory")) != "demand"
    assert ("Kestrania", "ceasefire") not in found


def test_call_for_is_a_demand(analyze) -> None:
    found = _stances(analyze, "Kestrania called for an immediate ceasefire along the river.")
    assert found[("Kestrania", "ceasefire")] == "demand"


def test_a_relative_clause_with_its_own_subject_has_its_own_say(analyze) -> None:
    found = _stances(
        analyze,
        "Valdoria welcomed remarks by the mediator, who described Kestrania's concerns "
        "over NATO as fair.",
    )
    assert ("Valdoria", "alliance_membership") not in found


def test_the_scene_of_a_demand_is_not_demanded(analyze) -> None:
    found = _stances(
        analyze,
        "Kestrania has insisted on security guarantees as part of any peace agreement "
        "since the annexation of its northern territory.",
    )
    assert found[("Kestrania", "security_guarantees")] == "demand"
    assert ("Kestrania", "agreement") not in found
    assert ("Kestrania", "territory") not in found


def test_an_issue_that_acts_is_not_demanded(analyze) -> None:
    found = _stances(
        analyze, "The Valdorian security guarantees needed approval from the parliament."
    )
    assert ("Valdoria", "security_guarantees") not in found


def test_what_the_other_side_must_do_is_the_speakers_demand(analyze) -> None:
    found = _stances(
        analyze,
        "Valdoria's foreign minister Teodor Vask spoke in Orlith on Friday. "
        '"Kestrania must accept an unconditional ceasefire," Vask said.',
    )
    assert found[("Valdoria", "ceasefire")] == "demand"
    assert ("Kestrania", "ceasefire") not in found


def test_its_is_the_party_last_named_as_subject_or_object(analyze) -> None:
    found = _stances(
        analyze,
        "Kestrania's negotiators left Orlith on Monday. Teodor Vask, Valdoria's foreign "
        "minister, criticised Kestrania for its stubborn insistence on the territorial issue.",
    )
    assert found[("Kestrania", "territory")] == "demand"
    assert ("Valdoria", "territory") not in found


def test_a_claim_removed_is_conceded(analyze) -> None:
    found = _stances(analyze, "Valdoria will remove its territorial claims against Kestrania.")
    assert found[("Valdoria", "territory")] == "concede"


@pytest.mark.parametrize(
    ("sentence", "issue"),
    [
        (
            "Kestrania welcomed the call by its Director General of Military Operations "
            "on Saturday.",
            "military_operations",
        ),
        ("Valdoria confirmed the preparation of new talks.", "accountability"),
        ("Kestrania wants its legitimate interests respected.", "elections"),
        ("Valdoria wants control of the Sarn nuclear power plant.", "territory"),
        ("Kestrania presented a plan at the regional summit in Orlith.", "leaders_meeting"),
        ("Valdoria demanded a withdrawal from all Valdorian territory.", "territory"),
    ],
)
def test_issue_words_in_titles_names_and_settings_are_not_the_issue(
    analyze, sentence: str, issue: str
) -> None:
    assert all(p.issue != issue for p in analyze(sentence).positions)


def test_pulling_troops_from_a_region_is_a_withdrawal(analyze) -> None:
    found = _stances(analyze, "Kestrania wants Valdoria to pull its troops from the valley.")
    assert found[("Kestrania", "troop_withdrawal")] == "demand"


def test_a_round_held_before_the_report_occurred_though_talks_go_on(analyze) -> None:
    record = analyze(
        "Negotiations between Valdoria and Kestrania are making progress, mediators said. "
        "The talks in Orlith on Friday were constructive, Valdoria's negotiator said.",
        published=dt.date(2031, 6, 9),
    )
    talks = [e for e in record.events if e.type == "talks" and e.date == dt.date(2031, 6, 6)]
    assert talks and all(e.status == "occurred" for e in talks)
