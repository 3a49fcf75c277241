"""Claims that disagree: assessments of the talks by two actors or by one over time,
and opposite stances reported for one party on one issue, within a window of days."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dragoman.models import Actor, ArticleRecord, Assessment, Position
from dragoman.record import BadFilter, Contradiction, contradictions
from dragoman.store import Store

from .conftest import Stored, article, day, person, span


def judged(
    body: str,
    source: str,
    published: str,
    *judgements: tuple[str, str, str, str | None],
    actors: tuple[Actor, ...] = (),
) -> ArticleRecord:
    """An article with assessments given as (actor, polarity, phrase, date)."""
    return ArticleRecord(
        article(body, source, published),
        actors=list(actors),
        assessments=[
            Assessment(
                actor=who,
                polarity=polarity,
                date=day(date) if date else None,
                summary=phrase,
                **span(body, phrase),
            )
            for who, polarity, phrase, date in judgements
        ],
    )


PROGRESS = (
    "The talks in Istanbul were meaningful and constructive, Vladimir Medinsky said on "
    "Tuesday. He promised to report to the president."
)
NO_BREAKTHROUGH = (
    "Kremlin spokesman Dmitry Peskov said on Wednesday that there was nothing very "
    "promising in the talks and no breakthrough. The work would go on, he said."
)
MONTH_LATER = (
    "Volodymyr Zelensky said the negotiations were at a dead end. He spoke at a press "
    "conference in Kyiv."
)

MEDINSKY = ("Vladimir Medinsky", "positive", "meaningful and constructive", "2022-03-29")
PESKOV = ("Dmitry Peskov", "negative", "nothing very promising", "2022-03-30")


def talks_records() -> list[ArticleRecord]:
    return [
        judged(
            PROGRESS,
            "medinsky.txt",
            "2022-03-29",
            MEDINSKY,
            actors=(person("Vladimir Medinsky", "Russia"),),
        ),
        judged(
            NO_BREAKTHROUGH,
            "peskov.txt",
            "2022-03-30",
            PESKOV,
            actors=(person("Dmitry Peskov", "Russia"),),
        ),
        judged(
            MONTH_LATER,
            "zelensky.txt",
            "2022-04-20",
            ("Volodymyr Zelensky", "negative", "the negotiations were at a dead end", None),
            actors=(person("Volodymyr Zelensky", "Ukraine"),),
        ),
    ]


@pytest.fixture
def found(stored: Stored) -> list[Contradiction]:
    return contradictions(stored(talks_records()))


def test_two_actors_who_judge_the_talks_oppositely_contradict(
    found: list[Contradiction],
) -> None:
    (c,) = found
    assert c.kind == "assessment"
    assert c.about == "the state of the talks"
    assert c.between == ["Vladimir Medinsky", "Dmitry Peskov"]
    assert (c.first.claim, c.second.claim) == ("positive", "negative")
    assert c.days_apart == 1


def test_each_side_carries_its_article_date_and_sentence(found: list[Contradiction]) -> None:
    (c,) = found
    assert c.first.evidence.source == "medinsky.txt" and c.first.date == day("2022-03-29")
    assert c.first.evidence.text == (
        "The talks in Istanbul were meaningful and constructive, Vladimir Medinsky said on Tuesday."
    )
    assert c.second.evidence.source == "peskov.txt" and c.second.date == day("2022-03-30")
    assert c.second.evidence.text.startswith("Kremlin spokesman Dmitry Peskov said")


def test_claims_further_apart_than_the_window_do_not_contradict(stored: Stored) -> None:
    records = stored(talks_records())
    # Zelensky's judgement (dated by its report, 20 April) is three weeks later.
    assert len(contradictions(records, window=7)) == 1
    wide = contradictions(records, window=30)
    assert {tuple(c.between) for c in wide} == {
        ("Vladimir Medinsky", "Dmitry Peskov"),
        ("Vladimir Medinsky", "Volodymyr Zelensky"),
    }


def test_one_actor_contradicts_itself_over_time_not_within_a_day(stored: Stored) -> None:
    body = (
        "Dmitry Peskov called the talks positive on Monday. On Thursday he said they were "
        "going nowhere. Earlier he had been guarded and upbeat at once."
    )
    records = stored(
        [
            judged(
                body,
                "peskov-week.txt",
                "2022-04-01",
                ("Dmitry Peskov", "positive", "called the talks positive", "2022-03-28"),
                ("Dmitry Peskov", "negative", "they were going nowhere", "2022-03-31"),
                ("Dmitry Peskov", "mixed", "guarded and upbeat", "2022-03-31"),
            ),
            judged(
                "Peskov said the talks were useful. Peskov also said they were stuck.",
                "peskov-same-day.txt",
                "2022-05-02",
                ("Dmitry Peskov", "positive", "the talks were useful", "2022-05-02"),
                ("Dmitry Peskov", "negative", "they were stuck", "2022-05-02"),
            ),
        ]
    )
    (c,) = contradictions(records)
    assert c.between == ["Dmitry Peskov", "Dmitry Peskov"]
    assert (c.first.date, c.second.date) == (day("2022-03-28"), day("2022-03-31"))


def test_the_same_words_in_many_reports_are_one_contradiction(stored: Stored) -> None:
    copies = [
        judged(
            f"{PROGRESS} Copy {i}.",
            f"medinsky-{i}.txt",
            "2022-03-29",
            MEDINSKY,
        )
        for i in range(3)
    ]
    copies += [
        judged(f"{NO_BREAKTHROUGH} Copy {i}.", f"peskov-{i}.txt", "2022-03-30", PESKOV)
        for i in range(2)
    ]
    (c,) = contradictions(stored(copies))
    assert c.between == ["Vladimir Medinsky", "Dmitry Peskov"]


NEUTRALITY_YES = (
    "Ukraine accepted the idea of a neutral status, Russian negotiator Vladimir Medinsky "
    "said on Tuesday."
)
NEUTRALITY_NO = (
    "Presidential adviser Mykhailo Podolyak said on Thursday that Ukraine rejected any "
    "neutrality without guarantees."
)


def stance(body: str, phrase: str, stance_: str, by: str, date: str) -> Position:
    return Position(
        party="Ukraine",
        issue="neutrality",
        stance=stance_,
        summary=phrase,
        reported_by=by,
        date=day(date),
        **span(body, phrase),
    )


def positions_records() -> list[ArticleRecord]:
    return [
        ArticleRecord(
            article(NEUTRALITY_YES, "yes.txt", "2022-03-29"),
            positions=[
                stance(
                    NEUTRALITY_YES,
                    "Ukraine accepted the idea of a neutral status",
                    "accept",
                    "Vladimir Medinsky",
                    "2022-03-29",
                )
            ],
        ),
        ArticleRecord(
            article(NEUTRALITY_NO, "no.txt", "2022-03-31"),
            positions=[
                stance(
                    NEUTRALITY_NO,
                    "Ukraine rejected any neutrality",
                    "reject",
                    "Mykhailo Podolyak",
                    "2022-03-31",
                )
            ],
        ),
    ]


def test_opposite_stances_reported_by_different_actors_contradict(stored: Stored) -> None:
    (c,) = contradictions(stored(positions_records()))
    assert c.kind == "position"
    assert c.about == "Ukraine on neutrality"
    assert c.between == ["Vladimir Medinsky", "Mykhailo Podolyak"]
    assert (c.first.claim, c.second.claim) == ("accept", "reject")
    assert c.second.evidence.text == NEUTRALITY_NO


def test_one_reporter_giving_both_stances_is_a_change_not_a_contradiction(
    stored: Stored,
) -> None:
    records = positions_records()
    records[1].positions[0].reported_by = "Vladimir Medinsky"
    assert contradictions(stored(records)) == []


def test_propose_against_reject_contradicts_but_demand_against_reject_does_not(
    stored: Stored,
) -> None:
    records = positions_records()
    records[0].positions[0].stance = "propose"
    (c,) = contradictions(stored(records))
    assert (c.first.claim, c.second.claim) == ("propose", "reject")


def test_demand_against_reject_is_not_taken_as_opposed(tmp_path: Path) -> None:
    records = positions_records()
    records[0].positions[0].stance = "demand"
    with Store.open(tmp_path / "demand.db") as store:
        for record in records:
            store.save(record)
        assert contradictions(store.records()) == []


def test_filters(stored: Stored) -> None:
    records = stored([*talks_records(), *positions_records()])
    assert {c.kind for c in contradictions(records)} == {"assessment", "position"}
    # An issue is a question of positions: assessments are about the talks.
    assert [c.kind for c in contradictions(records, issue="neutrality")] == ["position"]
    assert contradictions(records, issue="territory") == []
    assert [c.kind for c in contradictions(records, actor="dmitry peskov")] == ["assessment"]
    # Party: positions of the party; assessments by the party's people.
    assert [c.kind for c in contradictions(records, party="Ukraine")] == ["position"]
    assert [c.kind for c in contradictions(records, party="Russia")] == ["assessment"]
    assert [c.kind for c in contradictions(records, until="2022-03-30")] == ["assessment"]
    assert contradictions(records, since="2022-03-30", until="2022-03-30") == []


def test_a_negative_window_or_bad_date_is_a_clear_error() -> None:
    with pytest.raises(BadFilter, match="window"):
        contradictions([], window=-1)
    with pytest.raises(BadFilter, match="until"):
        contradictions([], until="30/03/2022")


def test_to_dict_is_json(found: list[Contradiction]) -> None:
    (data,) = json.loads(json.dumps([c.to_dict() for c in found]))
    assert data["between"] == ["Vladimir Medinsky", "Dmitry Peskov"]
    assert data["about"] == "the state of the talks" and data["days_apart"] == 1
    for side in ("first", "second"):
        assert {"actor", "claim", "summary", "date", "evidence"} <= set(data[side])
        assert {"article_id", "source", "text", "start", "end"} <= set(data[side]["evidence"])
    assert data["first"]["date"] == "2022-03-29"


def test_published_since_keeps_only_pairs_with_a_new_side() -> None:
    """Three judgements a day apart: the old pair (29th against 30th) is left out when
    only what was published from the 31st on is asked for; the pair that reaches the
    31st stays."""
    again = "Vladimir Medinsky said on Thursday that the talks had been meaningful."
    records = [
        judged(PROGRESS, "a.txt", "2022-03-29", MEDINSKY),
        judged(NO_BREAKTHROUGH, "b.txt", "2022-03-30", PESKOV),
        judged(again, "c.txt", "2022-03-31",
               ("Vladimir Medinsky", "positive", "meaningful", "2022-03-31")),
    ]  # fmt: skip
    every = contradictions(records, window=3)
    assert {(c.first.date.day, c.second.date.day) for c in every} >= {(29, 30), (30, 31)}
    new = contradictions(records, window=3, published_since=day("2022-03-31"))
    assert new and all(c.second.evidence.published == day("2022-03-31") for c in new)
    assert (29, 30) not in {(c.first.date.day, c.second.date.day) for c in new}
