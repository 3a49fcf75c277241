"""Positions across reports: latest stance, history in date order, changes and
concessions, evidence sentences, filters."""

from __future__ import annotations

import json

import pytest

from dragoman.models import ArticleRecord, Position
from dragoman.record import BadFilter, PositionState, position_table

from .conftest import Stored, article, day, span

# Invented reports: Ukraine's answer on neutrality moves from reject to propose, and
# it gives up its claim on Crimea for now.
MARCH_1 = (
    "Kyiv dismissed the idea on Tuesday. Ukraine will not accept a neutral status imposed "
    "by force, presidential adviser Mykhailo Podolyak said. Talks are to resume next week."
)
MARCH_16 = (
    "Russian negotiator Vladimir Medinsky said on Wednesday that Ukraine had offered a "
    "neutral status on the Austrian or Swedish model. He called it a step forward."
)
MARCH_29 = (
    "Ukraine's delegation handed over written proposals in Istanbul. Under them Ukraine "
    "would become a permanently neutral state, David Arakhamia told reporters. Kyiv also "
    "agreed to leave the status of Crimea to talks over fifteen years, he said."
)
MARCH_10 = (
    "Foreign minister Dmytro Kuleba said Ukraine demanded the return of Crimea. "
    "There would be no deal without it, he added."
)
UNDATED = "Ukraine is ready to discuss neutrality, an adviser said, according to a wire copy."


def neutrality(body: str, phrase: str, stance: str, by: str, date: str | None) -> Position:
    return Position(
        party="Ukraine",
        issue="neutrality",
        stance=stance,
        summary=phrase[:40],
        reported_by=by,
        date=day(date) if date else None,
        confidence=0.8,
        **span(body, phrase),
    )


def records() -> list[ArticleRecord]:
    rejected = "Ukraine will not accept a neutral status imposed by force"
    offered = "Ukraine had offered a neutral status"
    proposed = "Ukraine would become a permanently neutral state"
    crimea_later = "agreed to leave the status of Crimea to talks over fifteen years"
    crimea_now = "Ukraine demanded the return of Crimea"
    return [
        # Saved out of date order: the history must not follow the order of storage.
        ArticleRecord(
            article(MARCH_29, "istanbul-proposals.txt", "2022-03-29"),
            positions=[
                neutrality(MARCH_29, proposed, "propose", "David Arakhamia", "2022-03-29"),
                Position(
                    party="Ukraine",
                    issue="territory",
                    subject="Crimea",
                    stance="concede",
                    summary="Crimea left to talks over 15 years",
                    reported_by="David Arakhamia",
                    date=day("2022-03-29"),
                    **span(MARCH_29, crimea_later),
                ),
            ],
        ),
        ArticleRecord(
            article(MARCH_1, "kyiv-rejects.txt", "2022-03-01"),
            positions=[neutrality(MARCH_1, rejected, "reject", "Mykhailo Podolyak", "2022-03-01")],
        ),
        ArticleRecord(
            # "on Wednesday": the NLP dates the position to that day, the report's.
            article(MARCH_16, "medinsky-neutrality.txt", "2022-03-16"),
            positions=[neutrality(MARCH_16, offered, "propose", "Vladimir Medinsky", "2022-03-16")],
        ),
        ArticleRecord(
            article(MARCH_10, "kuleba-crimea.txt", "2022-03-10"),
            positions=[
                Position(
                    party="Ukraine",
                    issue="territory",
                    subject="Crimea",
                    stance="demand",
                    summary="return of Crimea",
                    reported_by="Dmytro Kuleba",
                    date=day("2022-03-10"),
                    **span(MARCH_10, crimea_now),
                )
            ],
        ),
    ]


@pytest.fixture
def table(stored: Stored) -> list[PositionState]:
    return position_table(stored(records()))


def state(states: list[PositionState], party: str, issue: str) -> PositionState:
    (found,) = [s for s in states if s.party == party and s.issue == issue]
    return found


def test_one_state_per_party_issue_and_subject(table: list[PositionState]) -> None:
    assert [(s.party, s.issue, s.subject) for s in table] == [
        ("Ukraine", "neutrality", None),
        ("Ukraine", "territory", "Crimea"),
    ]


def test_history_is_in_date_order_whatever_the_order_of_storage(
    table: list[PositionState],
) -> None:
    history = state(table, "Ukraine", "neutrality").history
    assert [e.date.isoformat() for e in history if e.date] == [
        "2022-03-01",
        "2022-03-16",
        "2022-03-29",
    ]
    assert [e.reported_by for e in history] == [
        "Mykhailo Podolyak",
        "Vladimir Medinsky",
        "David Arakhamia",
    ]


def test_latest_stance_is_the_latest_report(table: list[PositionState]) -> None:
    neutral = state(table, "Ukraine", "neutrality")
    assert (neutral.stance, neutral.date, neutral.reported_by) == (
        "propose",
        day("2022-03-29"),
        "David Arakhamia",
    )


def test_a_change_of_stance_is_marked_once(table: list[PositionState]) -> None:
    neutral = state(table, "Ukraine", "neutrality")
    assert [e.changed for e in neutral.history] == [False, True, False]
    assert neutral.changed and neutral.changes == 1
    assert not neutral.conceded


def test_a_move_to_concede_is_a_concession(table: list[PositionState]) -> None:
    crimea = state(table, "Ukraine", "territory")
    assert [(e.stance, e.changed, e.concession) for e in crimea.history] == [
        ("demand", False, False),
        ("concede", True, True),
    ]
    assert crimea.conceded and crimea.stance == "concede"


def test_a_position_without_a_date_stays_undated_at_its_reports_day(stored: Stored) -> None:
    saved = records()
    saved[2].positions[0].date = None  # the NLP left it undated (a vaguer time)
    neutral = state(position_table(stored(saved)), "Ukraine", "neutrality")
    medinsky = neutral.history[1]
    assert medinsky.reported_by == "Vladimir Medinsky"  # placed at its report's day
    assert medinsky.date is None
    assert medinsky.to_dict()["date"] is None
    assert (medinsky.to_dict()["dating"], medinsky.to_dict()["reported"]) == (
        "undated",
        "2022-03-16",
    )
    assert neutral.date == day("2022-03-29")


def test_an_undated_position_never_overrides_a_dated_one(stored: Stored) -> None:
    saved = records()[1:3]  # Podolyak's dated reject (03-01), Medinsky's propose (03-16)
    saved[1].positions[0].date = None
    neutral = state(position_table(stored(saved)), "Ukraine", "neutrality")
    assert [e.reported_by for e in neutral.history] == ["Mykhailo Podolyak", "Vladimir Medinsky"]
    assert (neutral.stance, neutral.date) == ("reject", day("2022-03-01"))
    # With nothing dated, the latest undated report is the latest.
    saved[0].positions[0].date = None
    only_undated = state(position_table(saved), "Ukraine", "neutrality")
    assert (only_undated.stance, only_undated.date) == ("propose", None)


def test_each_entry_carries_its_article_offsets_and_sentence(
    table: list[PositionState],
) -> None:
    first = state(table, "Ukraine", "neutrality").history[0]
    evidence = first.evidence
    assert evidence.source == "kyiv-rejects.txt"
    assert MARCH_1[evidence.start : evidence.end].startswith("Ukraine will not accept")
    assert evidence.text == (
        "Ukraine will not accept a neutral status imposed by force, presidential adviser "
        "Mykhailo Podolyak said."
    )
    assert evidence.article_id and evidence.published == day("2022-03-01")


def test_to_dict_is_json_with_iso_dates_and_the_history(table: list[PositionState]) -> None:
    data = json.loads(json.dumps([s.to_dict() for s in table]))
    neutral = data[0]
    assert neutral["stance"] == "propose" and neutral["date"] == "2022-03-29"
    assert neutral["reports"] == 3 and neutral["changes"] == 1
    first = neutral["history"][0]
    assert set(first) >= {"date", "stance", "summary", "reported_by", "changed", "evidence"}
    assert set(first["evidence"]) >= {"article_id", "source", "start", "end", "text"}
    assert first["date"] == "2022-03-01"


def test_filters_narrow_by_party_issue_and_reporter(stored: Stored) -> None:
    saved = stored(records())
    assert position_table(saved, party="russia") == []
    assert [s.issue for s in position_table(saved, party="ukraine")] == [
        "neutrality",
        "territory",
    ]
    assert [s.issue for s in position_table(saved, issue="territory")] == ["territory"]
    by_medinsky = position_table(saved, actor="Vladimir Medinsky")
    assert [len(s.history) for s in by_medinsky] == [1]


def test_a_date_range_gives_the_latest_stance_inside_it(stored: Stored) -> None:
    saved = stored(records())
    until = state(position_table(saved, until="2022-03-20"), "Ukraine", "neutrality")
    assert (until.stance, until.reported_by) == ("propose", "Vladimir Medinsky")
    assert len(until.history) == 2
    early = position_table(saved, since="2022-03-01", until="2022-03-05")
    assert [(s.issue, s.stance) for s in early] == [("neutrality", "reject")]


def test_undated_entries_come_last_and_are_never_the_latest(stored: Stored) -> None:
    undated = ArticleRecord(
        article(UNDATED, "undated-wire.txt", None),
        positions=[
            neutrality(
                UNDATED, "Ukraine is ready to discuss neutrality", "accept", "anonymous", None
            )
        ],
    )
    saved = stored([*records(), undated])
    neutral = state(position_table(saved), "Ukraine", "neutrality")
    assert neutral.history[-1].evidence.source == "undated-wire.txt"
    assert neutral.history[-1].date is None
    assert neutral.stance == "propose" and neutral.date == day("2022-03-29")
    # A date range leaves undated entries out.
    dated = state(position_table(saved, since="2022-01-01"), "Ukraine", "neutrality")
    assert len(dated.history) == 3


@pytest.mark.parametrize("bad", ["2022-13-01", "March 3", "20220301", "2022-3-1"])
def test_a_bad_date_filter_is_a_clear_error(bad: str) -> None:
    with pytest.raises(BadFilter) as caught:
        position_table([], since=bad)
    assert "since" in str(caught.value) and "YYYY-MM-DD" in str(caught.value)
    assert caught.value.code == "D500"


def test_a_range_that_ends_before_it_starts_is_an_error() -> None:
    with pytest.raises(BadFilter, match="after"):
        position_table([], since="2022-04-01", until="2022-03-01")
