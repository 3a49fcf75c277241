"""Issues and stances on sentences written for these tests: each stance, negation,
renunciation and chained attribution."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def positions(record):
    return {(p.party, p.issue, p.subject): p for p in record.positions}


def test_demand(analyze) -> None:
    record = analyze("Mykhailo Podolyak said Ukraine demands legally binding security guarantees.")
    position = positions(record)[("Ukraine", "security_guarantees", None)]
    assert position.stance == "demand"
    assert position.reported_by == "Mykhailo Podolyak"


def test_propose_with_chained_attribution(analyze) -> None:
    record = analyze(
        "The head of the Russian delegation, Vladimir Medinsky, said on Tuesday that the "
        "Ukrainian proposals include a permanent neutral status."
    )
    position = positions(record)[("Ukraine", "neutrality", None)]
    assert position.stance == "propose"
    assert position.reported_by == "Vladimir Medinsky"
    assert str(position.date) == "2022-03-29"


def test_reject(analyze) -> None:
    record = analyze("Kyiv rejected any ceasefire that would leave Russian troops in place.")
    assert positions(record)[("Ukraine", "ceasefire", None)].stance == "reject"


def test_accept(analyze) -> None:
    record = analyze("Moscow agreed to a new exchange of prisoners of war.")
    assert positions(record)[("Russia", "prisoners", None)].stance == "accept"


def test_renunciation_is_a_concession(analyze) -> None:
    record = analyze("Ukraine would give up its bid to join NATO, the negotiators said.")
    assert positions(record)[("Ukraine", "alliance_membership", None)].stance == "concede"


def test_a_demand_that_the_other_side_concede_is_the_demanders(analyze) -> None:
    record = analyze("Russia insists that Ukraine give up the rest of the Donetsk region.")
    found = positions(record)
    assert found[("Russia", "territory", "Donetsk")].stance == "demand"
    assert ("Ukraine", "territory", "Donetsk") not in found


def test_refusing_to_withdraw_is_a_rejection(analyze) -> None:
    record = analyze("Ukraine refused to withdraw its troops from the Donbas.")
    found = positions(record)
    assert any(p.party == "Ukraine" and p.stance == "reject" for p in found.values())


def test_negated_opposition_is_acceptance(analyze) -> None:
    record = analyze("Russia will not oppose Ukraine's entry into the European Union.")
    assert positions(record)[("Russia", "eu_membership", None)].stance == "accept"


def test_first_person_in_a_quote_is_the_speakers_party(analyze) -> None:
    record = analyze(
        "\u201cWe proposed a meeting between the presidents,\u201d Vladimir "
        "Medinsky said on Tuesday."
    )
    assert positions(record)[("Russia", "leaders_meeting", None)].stance == "propose"


def test_an_issue_without_a_stance_gives_no_position(analyze) -> None:
    record = analyze("The talks in Istanbul touched on Crimea and the Donbas.")
    assert record.positions == []


def test_refusing_to_give_up_land_holds_the_claim(analyze) -> None:
    record = analyze("Russia said it will not give up the Kherson region under any deal.")
    assert positions(record)[("Russia", "territory", "Kherson")].stance == "demand"


def test_a_forecast_is_not_a_demand(analyze) -> None:
    record = analyze("The talks are expected to focus on a ceasefire.")
    assert all(p.stance != "demand" for p in record.positions)


def test_a_claim_let_go_of_is_a_concession_on_the_donbas(analyze) -> None:
    record = analyze(
        "Kyiv offered neutrality, while its claim on Donetsk and Luhansk would "
        "not be covered by the pact."
    )
    found = positions(record)
    assert found[("Ukraine", "territory", "Donbas")].stance == "concede"
    assert ("Ukraine", "territory", "Donetsk") not in found


def test_claimed_as_speech_is_not_a_demand(analyze) -> None:
    record = analyze("Biden claimed that Washington could secure a truce before the winter.")
    assert all(p.stance != "demand" for p in record.positions)


def test_giving_up_does_not_carry_over_to_a_coordinated_offer(analyze) -> None:
    record = analyze(
        "Arakhamia said Kyiv was ready to give up joining NATO, to adopt a non-bloc status "
        "and not to host foreign bases."
    )
    found = positions(record)
    assert found[("Ukraine", "alliance_membership", None)].stance == "concede"
    assert found[("Ukraine", "neutrality", None)].stance == "propose"


def test_a_conjoined_clause_with_its_own_subject_is_not_governed(analyze) -> None:
    record = analyze(
        "Kyiv accepted a monthlong truce, but Moscow only said it would study sanctions relief."
    )
    assert ("Ukraine", "sanctions", None) not in positions(record)
