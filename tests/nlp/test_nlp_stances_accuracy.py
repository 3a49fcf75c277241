"""Stance accuracy, on sentences written for this test: an issue named in a condition
is demanded (or, under a threat, rejected) by the party that sets the condition, and
a party that agrees to its own offer still proposes it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def positions(record):
    return {(p.party, p.issue): p for p in record.positions}


def test_a_truce_named_as_the_condition_of_a_threat_is_demanded(analyze) -> None:
    record = analyze(
        "Moscow threatened Kyiv with new strikes on its ports if there was no truce "
        "by the end of the month."
    )
    assert positions(record)[("Russia", "ceasefire")].stance == "demand"


def test_a_condition_of_an_acceptance_is_demanded(analyze) -> None:
    record = analyze(
        "Kyiv would accept a ceasefire on Monday only if prisoners of war were exchanged first."
    )
    assert positions(record)[("Ukraine", "prisoners")].stance == "demand"


def test_what_a_threat_is_made_against_is_rejected(analyze) -> None:
    record = analyze("Moscow threatened to cut gas supplies if Kyiv joined NATO.")
    assert positions(record)[("Russia", "alliance_membership")].stance == "reject"


def test_a_party_agreeing_to_its_own_offer_proposes_it(analyze) -> None:
    record = analyze(
        "Ukraine agreed to the truce on Monday. Kyiv had itself proposed the truce a week earlier."
    )
    assert positions(record)[("Ukraine", "ceasefire")].stance == "propose"


def test_readiness_for_an_issue_is_an_offer(analyze) -> None:
    record = analyze(
        "Kyiv sent its proposals to Moscow on Friday, reaffirming its readiness for a full truce."
    )
    assert positions(record)[("Ukraine", "ceasefire")].stance == "propose"
