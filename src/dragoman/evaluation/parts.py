"""Scoring of each part of a record (quotes, actors, positions, events, assessments)
against its gold, for one report.

Each scorer decides which predicted item is "the same" as which gold item (the README's
matching rules), then checks the fields the README scores over matched items (a quote's
date, a position's stance...). Everything left unmatched is kept, so a developer can see
what was missed and what was invented, not only the numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from dragoman.evaluation.assignment import assign
from dragoman.evaluation.counts import Counts, Tally
from dragoman.evaluation.names import any_names_match, fold_name, names_match
from dragoman.evaluation.overlap import overlap_score, quote_words, words_match

Item = dict[str, Any]


@dataclass
class PartResult:
    """The counts of one part of one report, with the items behind them."""

    counts: Counts
    missed: list[Item] = field(default_factory=list)
    false_positives: list[Item] = field(default_factory=list)
    #: The predictions matched to a gold item (for the calibration of confidences).
    matched: list[Item] = field(default_factory=list)


@dataclass
class PartScore:
    """What one scorer returns: results keyed by metric prefix ("quotes.found"),
    accuracies keyed by metric name ("quotes.date_accuracy"), and the matched pairs
    that got a checked field wrong."""

    results: dict[str, PartResult]
    accuracies: dict[str, Tally]
    mismatches: list[Item] = field(default_factory=list)


def is_optional(item: Item) -> bool:
    """Optional gold items are never false negatives (README: missing it costs nothing)."""
    return bool(item.get("optional"))


def code(value: object) -> str | None:
    """A vocabulary code compared without case or surrounding space."""
    if not isinstance(value, str):
        return None
    return value.strip().lower() or None


def date_of(value: object) -> str | None:
    """A date as its ISO text (a ``datetime.date`` or a string), None when unknown."""
    if value is None:
        return None
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return text.strip() or None


def _result(
    gold: Sequence[Item],
    predicted: Sequence[Item],
    pairs: list[tuple[int, int]],
    excused: frozenset[int] = frozenset(),
) -> PartResult:
    """Counts from an assignment: unmatched predictions are false positives (but those
    in ``excused``), unmatched required gold items false negatives."""
    matched_gold = {g for g, _ in pairs}
    matched_pred = {p for _, p in pairs}
    missed = [g for i, g in enumerate(gold) if i not in matched_gold and not is_optional(g)]
    extra = [
        p for i, p in enumerate(predicted) if i not in matched_pred and i not in excused
    ]
    matched = [predicted[j] for _, j in pairs]
    return PartResult(Counts(len(pairs), len(extra), len(missed)), missed, extra, matched)


def _match(
    gold: Sequence[Item],
    predicted: Sequence[Item],
    compatible: Callable[[Item, Item], bool],
    preference: Callable[[Item, Item], Any],
) -> list[tuple[int, int]]:
    return assign(gold, predicted, compatible, preference, required=lambda g: not is_optional(g))


def _score_coded(
    part: str,
    field: str,
    accuracy: str,
    gold: Sequence[Item],
    predicted: Sequence[Item],
    compatible: Callable[[Item, Item], bool],
    preference: Callable[[Item, Item], Any],
) -> PartScore:
    """Match a part, then check one coded field (stance, status, polarity) over the
    matched pairs: the shape of every part scored after quotes and actors."""
    pairs = _match(gold, predicted, compatible, preference)
    checker = _Checker(part)
    tally = Tally()
    for i, j in pairs:
        g, p = gold[i], predicted[j]
        checker.check(tally, field, g, p, code(g.get(field)) == code(p.get(field)))
    return PartScore({part: _result(gold, predicted, pairs)}, {accuracy: tally}, checker.mismatches)


class _Checker:
    """Adds one checked field of a matched pair to its tally, keeping the misses."""

    def __init__(self, part: str) -> None:
        self.part = part
        self.mismatches: list[Item] = []

    def check(self, tally: Tally, name: str, gold: Item, predicted: Item, right: bool) -> None:
        tally.add(right)
        if not right:
            self.note(name, gold, predicted)

    def note(self, name: str, gold: Item, predicted: Item) -> None:
        """Keep a matched pair whose field ``name`` differs."""
        self.mismatches.append(
            {"part": self.part, "field": name, "gold": gold, "predicted": predicted}
        )


def score_quotes(gold: Sequence[Item], predicted: Sequence[Item]) -> PartScore:
    """Quotes: "found" on text overlap alone; "attribution" matched again requiring the
    speaker too, so a prediction with the right speaker can take the gold quote a
    wrong-speaker one overlapped first. Date accuracy is over found pairs with a gold date."""
    g_words = [quote_words(q.get("text")) for q in gold]
    p_words = [quote_words(q.get("text")) for q in predicted]
    text_ok = [[words_match(gw, pw) for pw in p_words] for gw in g_words]
    speaker_ok = [
        [names_match(g.get("speaker"), p.get("speaker")) for p in predicted] for g in gold
    ]
    gi, pi = list(range(len(gold))), list(range(len(predicted)))

    def required(i: int) -> bool:
        return not is_optional(gold[i])

    def dice(i: int, j: int) -> float:
        return overlap_score(g_words[i], p_words[j])

    def speaker_first(i: int, j: int) -> tuple[bool, float]:
        return speaker_ok[i][j], dice(i, j)

    found = assign(gi, pi, lambda i, j: text_ok[i][j], speaker_first, required)
    attributed = assign(gi, pi, lambda i, j: text_ok[i][j] and speaker_ok[i][j], dice, required)
    # A prediction whose words are those of an optional gold quote costs nothing,
    # whoever it names: the annotator might have coded it either way.
    excused = frozenset(j for j in pi if any(text_ok[i][j] for i in gi if not required(i)))

    checker = _Checker("quotes")
    dates = Tally()
    for i, j in found:
        g, p = gold[i], predicted[j]
        if not speaker_ok[i][j]:
            checker.note("speaker", g, p)
        if date_of(g.get("date")) is not None:
            checker.check(dates, "date", g, p, date_of(g.get("date")) == date_of(p.get("date")))
    return PartScore(
        {
            "quotes.found": _result(gold, predicted, found, excused),
            "quotes.attribution": _result(gold, predicted, attributed, excused),
        },
        {"quotes.date_accuracy": dates},
        checker.mismatches,
    )


def _actor_names(actor: Item) -> list[object]:
    aliases = actor.get("aliases") or []
    return [actor.get("name"), *(aliases if isinstance(aliases, list) else [])]


def score_actors(gold: Sequence[Item], predicted: Sequence[Item]) -> PartScore:
    """Actors: the predicted name matches the gold name or one of its aliases. Party and
    kind are checked over matched actors whose gold gives them."""
    pairs = _match(
        gold,
        predicted,
        lambda g, p: any_names_match(_actor_names(g), [p.get("name")]),
        lambda g, p: fold_name(g.get("name")) == fold_name(p.get("name")),
    )
    checker = _Checker("actors")
    party, kind = Tally(), Tally()
    for i, j in pairs:
        g, p = gold[i], predicted[j]
        if g.get("party"):
            checker.check(party, "party", g, p, names_match(g.get("party"), p.get("party")))
        if code(g.get("kind")):
            checker.check(kind, "kind", g, p, code(g.get("kind")) == code(p.get("kind")))
    return PartScore(
        {"actors": _result(gold, predicted, pairs)},
        {"actors.party_accuracy": party, "actors.kind_accuracy": kind},
        checker.mismatches,
    )


def subjects_agree(gold: object, predicted: object) -> bool:
    """Subjects compare only where both give one, by folded spelling (Donbas = Donbass);
    no geography: Donetsk is not Donbas here."""
    a, b = fold_name(gold), fold_name(predicted)
    return not a or not b or a == b


def score_positions(gold: Sequence[Item], predicted: Sequence[Item]) -> PartScore:
    """Positions: same party, same issue, and same subject where both give one."""

    def compatible(g: Item, p: Item) -> bool:
        return (
            code(g.get("issue")) is not None
            and code(g.get("issue")) == code(p.get("issue"))
            and names_match(g.get("party"), p.get("party"))
            and subjects_agree(g.get("subject"), p.get("subject"))
        )

    def preference(g: Item, p: Item) -> tuple[bool, bool]:
        subject = fold_name(g.get("subject"))
        same_subject = bool(subject) and subject == fold_name(p.get("subject"))
        return code(g.get("stance")) == code(p.get("stance")), same_subject

    return _score_coded(
        "positions", "stance", "positions.stance_accuracy", gold, predicted, compatible, preference
    )


def _participants(event: Item) -> list[object]:
    names = event.get("participants") or []
    return names if isinstance(names, list) else []


def participants_agree(gold: list[object], predicted: list[object]) -> bool:
    """At least one participant in common (README). Two empty lists also agree: the
    gold codes some events (a strike on a city) with no participant, and without this
    such an event could never be found, not even by the gold record itself."""
    if not gold and not predicted:
        return True
    return any_names_match(gold, predicted)


def dates_agree(gold: object, predicted: object) -> bool:
    """Dates compare only where both give one."""
    a, b = date_of(gold), date_of(predicted)
    return a is None or b is None or a == b


def score_events(gold: Sequence[Item], predicted: Sequence[Item]) -> PartScore:
    """Events: same type, same date where both give one, one participant in common."""

    def compatible(g: Item, p: Item) -> bool:
        return (
            code(g.get("type")) is not None
            and code(g.get("type")) == code(p.get("type"))
            and dates_agree(g.get("date"), p.get("date"))
            and participants_agree(_participants(g), _participants(p))
        )

    def preference(g: Item, p: Item) -> tuple[int, int, bool]:
        # Among compatible candidates, one that agrees on the date is the same event
        # before one that leaves it open: a dated gold event takes the prediction with
        # its date, an undated one an undated prediction, so that neither takes the
        # other's partner and the date accuracy measures dating, not pairing.
        g_day, p_day = date_of(g.get("date")), date_of(p.get("date"))
        date_fit = 2 if g_day is not None and g_day == p_day else int(g_day is p_day is None)
        shared = sum(any_names_match([n], _participants(p)) for n in _participants(g))
        return date_fit, shared, code(g.get("status")) == code(p.get("status"))

    scored = _score_coded(
        "events", "status", "events.status_accuracy", gold, predicted, compatible, preference
    )
    # Date accuracy: over matched events whose gold has a date (an undated prediction
    # of a dated event is wrong; matching lets it through, so it must be counted here).
    pairs = _match(gold, predicted, compatible, preference)
    checker = _Checker("events")
    dates = Tally()
    for i, j in pairs:
        g, p = gold[i], predicted[j]
        if date_of(g.get("date")) is not None:
            checker.check(dates, "date", g, p, date_of(g.get("date")) == date_of(p.get("date")))
    scored.accuracies["events.date_accuracy"] = dates
    scored.mismatches.extend(checker.mismatches)
    return scored


def score_assessments(gold: Sequence[Item], predicted: Sequence[Item]) -> PartScore:
    """Assessments: same actor; polarity checked over matched ones."""
    return _score_coded(
        "assessments",
        "polarity",
        "assessments.polarity_accuracy",
        gold,
        predicted,
        lambda g, p: names_match(g.get("actor"), p.get("actor")),
        lambda g, p: (
            code(g.get("polarity")) == code(p.get("polarity")),
            date_of(g.get("date")) == date_of(p.get("date")),
        ),
    )

SCORERS: dict[str, Callable[[Sequence[Item], Sequence[Item]], PartScore]] = {
    "quotes": score_quotes,
    "actors": score_actors,
    "positions": score_positions,
    "events": score_events,
    "assessments": score_assessments,
}
