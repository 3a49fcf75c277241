"""Whose stance a possessive pronoun names (issue 9): "repeated his insistence that …"
is the stance of the person the clause is about, as "its insistence" is the party's.
Every sentence was written for this test, about invented states and people."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _stances(analyze, body: str) -> dict[tuple[str, str], str]:
    return {(p.party, p.issue): p.stance for p in analyze(body).positions}


def test_his_insistence_is_the_stance_of_the_man_who_repeats_it(analyze) -> None:
    found = _stances(
        analyze,
        "Valdorian President Ilan Morel said he hoped the round would end the war, but "
        "repeated his insistence that Valdoria must receive binding security guarantees, "
        "including from the mediators, before any truce.",
    )
    assert found[("Valdoria", "security_guarantees")] == "demand"


def test_his_proposal_is_his_party_s_not_the_other_side_s(analyze) -> None:
    found = _stances(
        analyze,
        "Kestrania's envoy Teodor Vask met the Valdorian delegation on Monday and "
        "presented his proposal for a prisoner exchange.",
    )
    assert found.get(("Kestrania", "prisoners")) == "propose"
    assert ("Valdoria", "prisoners") not in found
