"""Quote scoring: found, attribution, optional items and date accuracy."""

from dragoman.evaluation.parts import score_quotes

TRUCE = "the truce along the river must hold through the winter"
SWAP = "both delegations agreed to exchange two hundred detainees next week"


def quote(
    text: str, speaker: str | None = "Ivan Kovalenko", date: str | None = None, **kw: object
) -> dict:
    return {"text": text, "speaker": speaker, "date": date, "kind": "direct", **kw}


def counts(score, key: str) -> tuple[int, int, int]:
    c = score.results[key].counts
    return c.tp, c.fp, c.fn


def test_a_quote_found_with_the_wrong_speaker_is_not_attributed() -> None:
    score = score_quotes([quote(TRUCE)], [quote(TRUCE, speaker="Pavel Orlov")])
    assert counts(score, "quotes.found") == (1, 0, 0)
    assert counts(score, "quotes.attribution") == (0, 1, 1)
    assert [m["field"] for m in score.mismatches] == ["speaker"]


def test_a_surname_speaker_is_attributed() -> None:
    score = score_quotes(
        [quote(TRUCE, speaker="Ivan Kovalenkiy")], [quote(TRUCE, speaker="Kovalenky")]
    )
    assert counts(score, "quotes.attribution") == (1, 0, 0)


def test_a_null_predicted_speaker_is_never_attributed() -> None:
    score = score_quotes([quote(TRUCE)], [quote(TRUCE, speaker=None)])
    assert counts(score, "quotes.attribution") == (0, 1, 1)


def test_attribution_is_matched_again_so_the_right_speaker_gets_the_gold() -> None:
    # Both predictions overlap the one gold quote; only the second has its speaker.
    gold = [quote(TRUCE)]
    predicted = [quote(TRUCE, speaker="Pavel Orlov"), quote(TRUCE + " again")]
    score = score_quotes(gold, predicted)
    assert counts(score, "quotes.attribution") == (1, 1, 0)
    assert score.results["quotes.attribution"].false_positives == [predicted[0]]


def test_one_prediction_cannot_be_credited_for_two_gold_quotes() -> None:
    gold = [quote(TRUCE), quote(TRUCE)]
    score = score_quotes(gold, [quote(TRUCE)])
    assert counts(score, "quotes.found") == (1, 0, 1)


def test_an_unmatched_prediction_is_a_false_positive_and_the_gold_is_kept_as_missed() -> None:
    score = score_quotes([quote(TRUCE)], [quote(SWAP)])
    result = score.results["quotes.found"]
    assert (result.counts.tp, result.counts.fp, result.counts.fn) == (0, 1, 1)
    assert result.missed[0]["text"] == TRUCE
    assert result.false_positives[0]["text"] == SWAP


def test_a_missed_optional_quote_costs_nothing_and_a_found_one_counts() -> None:
    gold = [quote(TRUCE), quote(SWAP, optional=True)]
    assert counts(score_quotes(gold, [quote(TRUCE)]), "quotes.found") == (1, 0, 0)
    assert counts(score_quotes(gold, [quote(TRUCE), quote(SWAP)]), "quotes.found") == (2, 0, 0)


def test_date_accuracy_ignores_gold_quotes_without_a_date() -> None:
    gold = [quote(TRUCE, date="2031-04-02"), quote(SWAP, date=None)]
    predicted = [quote(TRUCE, date="2031-04-02"), quote(SWAP, date="2031-04-01")]
    tally = score_quotes(gold, predicted).accuracies["quotes.date_accuracy"]
    assert (tally.right, tally.total) == (1, 1)


def test_a_wrong_or_missing_predicted_date_counts_against_accuracy() -> None:
    gold = [quote(TRUCE, date="2031-04-02"), quote(SWAP, date="2031-04-03")]
    predicted = [quote(TRUCE, date="2031-04-01"), quote(SWAP, date=None)]
    score = score_quotes(gold, predicted)
    tally = score.accuracies["quotes.date_accuracy"]
    assert (tally.right, tally.total) == (0, 2)
    assert [m["field"] for m in score.mismatches] == ["date", "date"]


def test_found_prefers_the_prediction_with_the_right_speaker_for_date_checks() -> None:
    gold = [quote(TRUCE, date="2031-04-02")]
    predicted = [
        quote(TRUCE, speaker="Pavel Orlov", date="2031-03-30"),
        quote(TRUCE, date="2031-04-02"),
    ]
    score = score_quotes(gold, predicted)
    tally = score.accuracies["quotes.date_accuracy"]
    assert (tally.right, tally.total) == (1, 1)
    assert score.mismatches == []


def test_a_prediction_on_an_optional_quote_costs_nothing_whoever_it_names() -> None:
    gold = [quote(TRUCE, speaker="the ministry", optional=True)]
    score = score_quotes(gold, [quote(TRUCE, speaker="Pavel Orlov")])
    assert counts(score, "quotes.found") == (1, 0, 0)
    assert counts(score, "quotes.attribution") == (0, 0, 0)


def test_a_second_prediction_on_one_optional_quote_is_not_a_false_positive() -> None:
    gold = [quote(TRUCE, optional=True)]
    score = score_quotes(gold, [quote(TRUCE), quote(TRUCE + " again")])
    assert counts(score, "quotes.found") == (1, 0, 0)
    assert counts(score, "quotes.attribution") == (1, 0, 0)


def test_a_prediction_on_no_gold_quote_is_still_a_false_positive_beside_optional_ones() -> None:
    gold = [quote(TRUCE, optional=True)]
    score = score_quotes(gold, [quote(SWAP)])
    assert counts(score, "quotes.attribution") == (0, 1, 0)
