"""The error classes of issue 9, each on sentences written for this test: whose
position a reported, claimed, conditional or listed stance is."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def positions(record):
    return {(p.party, p.issue): p for p in record.positions}


def test_a_reported_offer_goes_to_the_offering_side(analyze) -> None:
    record = analyze(
        "Valdoria's chief negotiator Teodor Vask said on Tuesday that Kestrania had "
        "offered to release the detained fishermen."
    )
    found = positions(record)
    assert found[("Kestrania", "prisoners")].stance == "propose"
    assert found[("Kestrania", "prisoners")].reported_by == "Teodor Vask"
    assert ("Valdoria", "prisoners") not in found


def test_an_acceptance_since_taken_out_is_no_acceptance(analyze) -> None:
    record = analyze(
        "Valdorian President Anna Morel claimed that Kestrania had accepted a ceasefire "
        "but had since taken it out of the draft."
    )
    stances = {(p.party, p.issue, p.stance) for p in record.positions}
    assert ("Kestrania", "ceasefire", "accept") not in stances
    assert ("Valdoria", "ceasefire", "accept") not in stances


def test_exercises_on_a_territory_are_no_territorial_demand(analyze) -> None:
    record = analyze("Kestrania demanded an end to military exercises on Valdorian territory.")
    assert all(p.issue != "territory" for p in record.positions)


def test_a_mutual_defence_article_is_no_stance_on_membership(analyze) -> None:
    record = analyze("Valdoria wants security guarantees modelled on NATO's Article 5.")
    found = positions(record)
    assert found[("Valdoria", "security_guarantees")].stance == "demand"
    assert all(p.issue != "alliance_membership" for p in record.positions)


def test_listed_demands_give_one_position_each(analyze) -> None:
    record = analyze(
        "Kestrania's demands include the release of all detainees, a ceasefire and "
        "the lifting of sanctions."
    )
    found = positions(record)
    for issue in ("prisoners", "ceasefire", "sanctions"):
        assert found[("Kestrania", issue)].stance == "demand"


def test_a_conditional_acceptance_is_an_acceptance_held_with_less_confidence(analyze) -> None:
    plain = positions(analyze("Kestrania accepted a ceasefire on Tuesday."))
    conditional = positions(
        analyze("Kestrania would only accept a ceasefire if the detained fishermen were released.")
    )
    assert conditional[("Kestrania", "ceasefire")].stance == "accept"
    assert (
        conditional[("Kestrania", "ceasefire")].confidence
        < plain[("Kestrania", "ceasefire")].confidence
    )


def test_a_state_any_report_may_name_is_a_party(analyze) -> None:
    # Through the places data file: a capital stands for its state.
    record = analyze("Tehran insisted on continuing uranium enrichment.")
    assert positions(record)[("Iran", "nuclear_status")].stance == "demand"


def test_the_plan_is_the_plan_named_last(analyze) -> None:
    record = analyze(
        "Talks began under a plan proposed by Kestrania. The plan includes the release "
        "of all detainees."
    )
    assert positions(record)[("Kestrania", "prisoners")].stance == "propose"
