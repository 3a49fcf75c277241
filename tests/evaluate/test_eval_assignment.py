"""One-to-one assignment of predictions to gold items."""

from dragoman.evaluation.assignment import assign


def test_no_gold_item_is_matched_twice_and_no_prediction_twice() -> None:
    pairs = assign(["g"], ["p1", "p2"], lambda g, p: True)
    assert len(pairs) == 1
    pairs = assign(["g1", "g2"], ["p"], lambda g, p: True)
    assert len(pairs) == 1


def test_the_number_of_matches_is_maximised_not_greedy() -> None:
    # p1 prefers g1, but only p1 can match g2: the best assignment gives both.
    ok = {("g1", "p1"), ("g2", "p1"), ("g1", "p2")}
    score = {("g1", "p1"): 0.9, ("g2", "p1"): 0.5, ("g1", "p2"): 0.6}
    pairs = assign(
        ["g1", "g2"], ["p1", "p2"], lambda g, p: (g, p) in ok, lambda g, p: score[(g, p)]
    )
    assert pairs == [(0, 1), (1, 0)]


def test_a_gold_item_takes_its_preferred_candidate() -> None:
    pairs = assign(["g"], ["weak", "strong"], lambda g, p: True, lambda g, p: p == "strong")
    assert pairs == [(0, 1)]


def test_required_gold_items_are_covered_before_optional_ones() -> None:
    # One prediction fits both: it must go to the required item, listed second.
    pairs = assign(
        ["optional", "required"], ["p"], lambda g, p: True, required=lambda g: g == "required"
    )
    assert pairs == [(1, 0)]
