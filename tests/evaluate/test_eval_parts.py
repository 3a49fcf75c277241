"""Scoring of positions, events, assessments and actors."""

from dragoman.evaluation.parts import (
    score_actors,
    score_assessments,
    score_events,
    score_positions,
)


def tp_fp_fn(score, key: str) -> tuple[int, int, int]:
    c = score.results[key].counts
    return c.tp, c.fp, c.fn


def position(party: str, issue: str, stance: str, subject: str | None = None, **kw: object) -> dict:
    return {"party": party, "issue": issue, "stance": stance, "subject": subject, **kw}


def test_positions_match_on_party_and_issue() -> None:
    gold = [position("Freedonia", "ceasefire", "propose")]
    assert tp_fp_fn(
        score_positions(gold, [position("freedonia", "ceasefire", "reject")]), "positions"
    ) == (1, 0, 0)
    assert tp_fp_fn(
        score_positions(gold, [position("Sylvania", "ceasefire", "propose")]), "positions"
    ) == (0, 1, 1)
    assert tp_fp_fn(
        score_positions(gold, [position("Freedonia", "sanctions", "propose")]), "positions"
    ) == (0, 1, 1)


def test_position_subjects_compare_only_when_both_give_one() -> None:
    gold = [position("Freedonia", "territory", "concede", subject="Donbass")]
    assert tp_fp_fn(
        score_positions(gold, [position("Freedonia", "territory", "concede")]), "positions"
    ) == (1, 0, 0)
    same = [position("Freedonia", "territory", "concede", subject="Donbas")]
    assert tp_fp_fn(score_positions(gold, same), "positions") == (1, 0, 0)
    other = [position("Freedonia", "territory", "concede", subject="Crimea")]
    assert tp_fp_fn(score_positions(gold, other), "positions") == (0, 1, 1)


def test_position_subjects_are_folded_not_geographic() -> None:
    gold = [position("Freedonia", "territory", "concede", subject="Donbas")]
    predicted = [position("Freedonia", "territory", "concede", subject="Donetsk")]
    assert tp_fp_fn(score_positions(gold, predicted), "positions") == (0, 1, 1)


def test_stance_accuracy_is_over_matched_positions() -> None:
    gold = [
        position("Freedonia", "ceasefire", "propose"),
        position("Sylvania", "sanctions", "demand"),
    ]
    predicted = [
        position("Freedonia", "ceasefire", "reject"),
        position("Sylvania", "sanctions", "demand"),
    ]
    score = score_positions(gold, predicted)
    tally = score.accuracies["positions.stance_accuracy"]
    assert (tally.right, tally.total) == (1, 2)
    assert score.mismatches[0]["field"] == "stance"


def test_two_positions_on_one_issue_pair_by_subject() -> None:
    gold = [
        position("Freedonia", "territory", "concede", subject="Crimea"),
        position("Freedonia", "territory", "reject", subject="Donbas"),
    ]
    predicted = [
        position("Freedonia", "territory", "reject", subject="Donbas"),
        position("Freedonia", "territory", "concede", subject="Crimea"),
    ]
    score = score_positions(gold, predicted)
    assert tp_fp_fn(score, "positions") == (2, 0, 0)
    assert score.accuracies["positions.stance_accuracy"].right == 2


def event(
    type_: str,
    participants: list[str],
    date: str | None = None,
    status: str = "occurred",
    **kw: object,
) -> dict:
    return {"type": type_, "status": status, "date": date, "participants": participants, **kw}


def test_events_match_on_type_and_one_shared_participant() -> None:
    gold = [event("talks", ["Freedonia", "Sylvania"])]
    assert tp_fp_fn(score_events(gold, [event("talks", ["Sylvania"])]), "events") == (1, 0, 0)
    assert tp_fp_fn(score_events(gold, [event("call", ["Sylvania"])]), "events") == (0, 1, 1)
    assert tp_fp_fn(score_events(gold, [event("talks", ["Grand Fenwick"])]), "events") == (0, 1, 1)


def test_event_participants_use_the_surname_rule() -> None:
    gold = [event("call", ["Ivan Kovalenko", "Pavel Orlov"])]
    assert tp_fp_fn(score_events(gold, [event("call", ["Orlov"])]), "events") == (1, 0, 0)


def test_event_dates_compare_only_when_both_give_one() -> None:
    gold = [event("talks", ["Freedonia"], date="2031-05-06")]
    assert tp_fp_fn(score_events(gold, [event("talks", ["Freedonia"])]), "events") == (1, 0, 0)
    assert tp_fp_fn(
        score_events(gold, [event("talks", ["Freedonia"], date="2031-05-06")]), "events"
    ) == (1, 0, 0)
    assert tp_fp_fn(
        score_events(gold, [event("talks", ["Freedonia"], date="2031-05-07")]), "events"
    ) == (0, 1, 1)
    undated_gold = [event("talks", ["Freedonia"])]
    assert tp_fp_fn(
        score_events(undated_gold, [event("talks", ["Freedonia"], date="2031-05-07")]), "events"
    ) == (1, 0, 0)


def test_events_without_participants_match_only_each_other() -> None:
    gold = [event("military_action", [], optional=True)]
    assert tp_fp_fn(score_events(gold, [event("military_action", [])]), "events") == (1, 0, 0)
    assert tp_fp_fn(score_events(gold, [event("military_action", ["Sylvania"])]), "events") == (
        0,
        1,
        0,
    )


def test_event_status_accuracy() -> None:
    gold = [event("summit", ["Freedonia"], status="proposed")]
    score = score_events(gold, [event("summit", ["Freedonia"], status="occurred")])
    tally = score.accuracies["events.status_accuracy"]
    assert (tally.right, tally.total) == (0, 1)


def test_assessments_match_on_actor_and_check_polarity() -> None:
    gold = [
        {"actor": "Ivan Kovalenko", "polarity": "negative"},
        {"actor": "Pavel Orlov", "polarity": "positive"},
    ]
    predicted = [
        {"actor": "Kovalenko", "polarity": "negative"},
        {"actor": "Pavel Orlov", "polarity": "mixed"},
        {"actor": "Boris Lind", "polarity": "mixed"},
    ]
    score = score_assessments(gold, predicted)
    assert tp_fp_fn(score, "assessments") == (2, 1, 0)
    tally = score.accuracies["assessments.polarity_accuracy"]
    assert (tally.right, tally.total) == (1, 2)


def test_actors_match_on_name_or_a_gold_alias() -> None:
    gold = [
        {"name": "Freedonia", "aliases": ["Fredville"], "kind": "party"},
        {"name": "Vladimir Medinsky", "kind": "person", "party": "Freedonia"},
    ]
    predicted = [
        {"name": "Fredville", "kind": "party"},
        {"name": "Medinski", "kind": "person", "party": "Sylvania"},
        {"name": "Grand Fenwick", "kind": "party"},
    ]
    score = score_actors(gold, predicted)
    assert tp_fp_fn(score, "actors") == (2, 1, 0)
    party = score.accuracies["actors.party_accuracy"]
    assert (party.right, party.total) == (0, 1)
    kind = score.accuracies["actors.kind_accuracy"]
    assert (kind.right, kind.total) == (2, 2)


def test_a_gold_position_takes_the_candidate_with_its_stance() -> None:
    gold = [position("Freedonia", "ceasefire", "propose")]
    predicted = [
        position("Freedonia", "ceasefire", "reject"),
        position("Freedonia", "ceasefire", "propose"),
    ]
    score = score_positions(gold, predicted)
    assert score.accuracies["positions.stance_accuracy"].right == 1
    assert score.results["positions"].false_positives == [predicted[0]]


def test_a_gold_event_takes_the_candidate_sharing_most_participants() -> None:
    gold = [event("talks", ["Freedonia", "Sylvania"], status="planned")]
    predicted = [
        event("talks", ["Freedonia"], status="occurred"),
        event("talks", ["Sylvania", "Freedonia"], status="planned"),
    ]
    score = score_events(gold, predicted)
    assert score.accuracies["events.status_accuracy"].right == 1


def test_a_dated_gold_event_is_paired_with_the_prediction_of_its_date() -> None:
    from dragoman.evaluation.parts import score_events

    def talks(date: str | None, *parties: str) -> dict:
        return {"type": "talks", "status": "occurred", "date": date, "participants": parties}

    # The undated gold round shares more participants with the dated prediction; the
    # pairing must still give the dated prediction to the gold round of its date.
    gold = [talks("2031-05-04", "Brevia"), talks(None, "Brevia", "Corsland")]
    predicted = [talks("2031-05-04", "Brevia", "Corsland"), talks(None, "Brevia")]
    dates = score_events(gold, predicted).accuracies["events.date_accuracy"]
    assert (dates.right, dates.total) == (1, 1)
