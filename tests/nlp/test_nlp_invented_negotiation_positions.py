"""A report, written for this test, on an invented negotiation between two invented
states (Valdoria and Kestrania) over a dam and detained fishermen: the parties,
issues and stances come out right, from no fact that any data file holds."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

REPORT = """\
Negotiators from Valdoria and Kestrania met in the border town of Orlith on Monday for \
a third round of talks on the Sarn dam and the fate of detained fishermen.

Valdoria demanded that Kestrania halt the filling of the dam's reservoir during the \
dry season. Kestrania rejected any limits on water releases from the dam.

Kestrania proposed an exchange of prisoners before the next round. Valdoria accepted \
the prisoner exchange, its foreign minister Teodor Vask said.

Kestrania's demands include international inspectors at the dam, compensation for \
flooded farms and a joint river commission.
"""


def test_parties_issues_and_stances_of_an_invented_negotiation(analyze) -> None:
    record = analyze(REPORT)
    found = {(p.party, p.issue): p.stance for p in record.positions}
    assert found[("Valdoria", "infrastructure")] == "demand"
    assert found[("Kestrania", "infrastructure")] == "reject"
    assert found[("Kestrania", "prisoners")] == "propose"
    assert found[("Valdoria", "prisoners")] == "accept"
    # "X's demands include A, B and C": one demand per item.
    assert found[("Kestrania", "verification")] == "demand"
    assert found[("Kestrania", "economy")] == "demand"
    # Nobody else's position is invented.
    assert {p.party for p in record.positions} == {"Valdoria", "Kestrania"}


def test_every_position_has_a_confidence_between_0_and_1(analyze) -> None:
    record = analyze(REPORT)
    assert record.positions
    assert all(0.0 < p.confidence <= 1.0 for p in record.positions)
