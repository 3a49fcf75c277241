"""Events across reports: one event told by several reports is one event with several
sources; disagreements on its date or place are flagged; filters."""

from __future__ import annotations

import json

import pytest

from dragoman.models import Actor, ArticleRecord, Event
from dragoman.record import MergeRules, TimelineEvent, timeline

from .conftest import Stored, article, day, person, span


def report(
    body: str,
    source: str,
    published: str | None,
    phrase: str,
    *,
    type: str = "talks",
    status: str = "occurred",
    date: str | None = None,
    place: str | None = None,
    participants: tuple[str, ...] = (),
    actors: tuple[Actor, ...] = (),
) -> ArticleRecord:
    event = Event(
        type=type,
        status=status,
        date=day(date) if date else None,
        place=place,
        participants=list(participants),
        confidence=0.7,
        **span(body, phrase),
    )
    return ArticleRecord(article(body, source, published), actors=list(actors), events=[event])


# Five invented reports of the Istanbul round of 29 March; they differ in what they give.
ISTANBUL = [
    report(
        "Delegations of Russia and Ukraine met in Istanbul on Tuesday. The talks lasted three "
        "hours.",
        "wire-a.txt",
        "2022-03-29",
        "Delegations of Russia and Ukraine met in Istanbul on Tuesday",
        date="2022-03-29",
        place="Istanbul",
        participants=("Russia", "Ukraine"),
    ),
    report(
        "Vladimir Medinsky led the Russian side at the talks in Istanbul on March 29.",
        "wire-b.txt",
        "2022-03-30",
        "the talks in Istanbul on March 29",
        date="2022-03-29",
        place="istanbul",
        participants=("Vladimir Medinsky", "Russia"),
        actors=(person("Vladimir Medinsky", "Russia"),),
    ),
    report(
        "The round at Dolmabahce Palace ended with written proposals from Kyiv, Ukraine's "
        "delegation said on Tuesday.",
        "wire-c.txt",
        "2022-03-29",
        "The round at Dolmabahce Palace ended",
        date="2022-03-29",
        participants=("Ukraine", "David Arakhamia"),
        actors=(person("David Arakhamia", "Ukraine"),),
    ),
    report(
        "The Istanbul talks between Russia and Ukraine raised hopes, analysts said.",
        "wire-d.txt",
        "2022-03-31",
        "The Istanbul talks between Russia and Ukraine",
        place="Istanbul",  # no day given
        participants=("Russia", "Ukraine"),
    ),
    report(
        "Turkish president Recep Tayyip Erdogan welcomed the delegations in Istanbul on "
        "Tuesday before the talks.",
        "wire-e.txt",
        "2022-03-29",
        "welcomed the delegations in Istanbul on Tuesday",
        date="2022-03-29",
        place="Istanbul",
        participants=("Recep Tayyip Erdogan", "Ukraine"),
    ),
]


@pytest.fixture
def istanbul(stored: Stored) -> list[TimelineEvent]:
    return timeline(stored(ISTANBUL))


def test_five_reports_of_one_round_are_one_event_with_five_sources(
    istanbul: list[TimelineEvent],
) -> None:
    (event,) = istanbul
    assert event.type == "talks" and event.status == "occurred"
    assert event.date == day("2022-03-29")
    assert event.place == "Istanbul"
    assert len(event.sources) == 5
    assert sorted(s.evidence.source for s in event.sources) == [f"wire-{c}.txt" for c in "abcde"]
    assert event.conflicts == []


def test_the_merged_event_names_every_participant_once(istanbul: list[TimelineEvent]) -> None:
    (event,) = istanbul
    assert sorted(event.participants) == [
        "David Arakhamia",
        "Recep Tayyip Erdogan",
        "Russia",
        "Ukraine",
        "Vladimir Medinsky",
    ]


def test_each_source_keeps_its_own_account_and_sentence(istanbul: list[TimelineEvent]) -> None:
    (event,) = istanbul
    undated = [s for s in event.sources if s.date is None]
    assert [s.evidence.source for s in undated] == ["wire-d.txt"]
    assert undated[0].evidence.text == (
        "The Istanbul talks between Russia and Ukraine raised hopes, analysts said."
    )


def test_reports_that_disagree_on_the_day_are_one_event_flagged(stored: Stored) -> None:
    gomel = [
        report(
            f"The first round of talks was held near Gomel on {when}.",
            f"gomel-{i}.txt",
            "2022-03-01",
            "The first round of talks was held near Gomel",
            date=date,
            place="Gomel",
            participants=("Russia", "Ukraine"),
        )
        for i, (when, date) in enumerate(
            [("Monday", "2022-02-28"), ("28 February", "2022-02-28"), ("1 March", "2022-03-01")]
        )
    ]
    (event,) = timeline(stored(gomel))
    assert len(event.sources) == 3
    assert event.date == day("2022-02-28")  # what most reports say
    assert event.conflicts == [
        "date: 2022-02-28 (gomel-0.txt, gomel-1.txt) vs 2022-03-01 (gomel-2.txt)"
    ]


def test_reports_that_disagree_on_the_place_are_one_event_flagged(stored: Stored) -> None:
    meeting = [
        report(
            f"Foreign ministers Lavrov and Kuleba met in {place} on Thursday.",
            f"antalya-{i}.txt",
            "2022-03-10",
            "Foreign ministers Lavrov and Kuleba met",
            date="2022-03-10",
            place=place,
            participants=("Sergei Lavrov", "Dmytro Kuleba"),
        )
        for i, place in enumerate(["Antalya", "Ankara"])
    ]
    (event,) = timeline(stored(meeting))
    assert len(event.sources) == 2
    assert event.conflicts == ["place: Antalya (antalya-0.txt) vs Ankara (antalya-1.txt)"]


def test_different_events_stay_apart(stored: Stored) -> None:
    records = [
        *ISTANBUL,
        # A round twelve days earlier: too far apart to be the same.
        report(
            "Russia and Ukraine held talks by video on March 17.",
            "video.txt",
            "2022-03-17",
            "held talks by video on March 17",
            date="2022-03-17",
            participants=("Russia", "Ukraine"),
        ),
        # Two calls on one day between different people.
        report(
            "Emmanuel Macron spoke to Vladimir Putin by phone on March 29.",
            "call-1.txt",
            "2022-03-29",
            "Emmanuel Macron spoke to Vladimir Putin by phone",
            type="call",
            date="2022-03-29",
            participants=("Emmanuel Macron", "Vladimir Putin"),
        ),
        report(
            "Joe Biden spoke to Volodymyr Zelensky by phone on March 29.",
            "call-2.txt",
            "2022-03-29",
            "Joe Biden spoke to Volodymyr Zelensky by phone",
            type="call",
            date="2022-03-29",
            participants=("Joe Biden", "Volodymyr Zelensky"),
        ),
    ]
    events = timeline(stored(records))
    assert [(e.date.isoformat() if e.date else None, e.type, len(e.sources)) for e in events] == [
        ("2022-03-17", "talks", 1),
        ("2022-03-29", "call", 1),
        ("2022-03-29", "call", 1),
        ("2022-03-29", "talks", 5),
    ]


def test_strikes_in_two_places_on_one_day_are_two_events(stored: Stored) -> None:
    strikes = [
        report(
            f"Russian missiles struck {city} on March 14.",
            f"strike-{city}.txt",
            "2022-03-14",
            f"Russian missiles struck {city}",
            type="military_action",
            date="2022-03-14",
            place=city,
            participants=("Russia",),
        )
        for city in ("Kyiv", "Kharkiv")
    ]
    events = timeline(stored(strikes))
    assert len(events) == 2 and all(e.conflicts == [] for e in events)


def test_undated_events_come_last_and_a_far_undated_report_stays_apart(
    stored: Stored,
) -> None:
    late = report(
        "Looking back, the talks between Russia and Ukraine are now frozen.",
        "retrospective.txt",
        "2022-06-01",
        "the talks between Russia and Ukraine",
        participants=("Russia", "Ukraine"),
    )
    events = timeline(stored([*ISTANBUL, late]))
    assert [len(e.sources) for e in events] == [5, 1]
    assert events[-1].date is None


def test_a_wider_tolerance_is_a_rule_not_a_constant(stored: Stored) -> None:
    records = stored(
        [
            report(
                f"Russia and Ukraine held talks on {d}.",
                f"t-{d}.txt",
                d,
                "Russia and Ukraine held talks",
                date=d,
                participants=("Russia", "Ukraine"),
            )
            for d in ("2022-03-07", "2022-03-10")
        ]
    )
    assert len(timeline(records)) == 2
    (merged,) = timeline(records, rules=MergeRules(date_tolerance=3))
    assert merged.conflicts and merged.conflicts[0].startswith("date: ")


def test_filters_by_type_party_actor_and_dates(stored: Stored) -> None:
    records = stored(
        [
            *ISTANBUL,
            report(
                "Emmanuel Macron spoke to Vladimir Putin by phone on March 29.",
                "call-1.txt",
                "2022-03-29",
                "Emmanuel Macron spoke to Vladimir Putin by phone",
                type="call",
                date="2022-03-29",
                participants=("Emmanuel Macron", "Vladimir Putin"),
                actors=(person("Vladimir Putin", "Russia"), person("Emmanuel Macron", "France")),
            ),
        ]
    )
    assert [e.type for e in timeline(records, event_type="CALL")] == ["call"]
    # Putin belongs to Russia: a party finds its people's events too.
    assert sorted(e.type for e in timeline(records, party="Russia")) == ["call", "talks"]
    assert [e.type for e in timeline(records, party="France")] == ["call"]
    assert [e.type for e in timeline(records, actor="David Arakhamia")] == ["talks"]
    assert timeline(records, since="2022-03-30") == []
    assert len(timeline(records, since="2022-03-29", until="2022-03-29")) == 2


def test_to_dict_is_json_with_sources_and_conflicts(istanbul: list[TimelineEvent]) -> None:
    data = json.loads(json.dumps([e.to_dict() for e in istanbul]))
    (event,) = data
    assert event["date"] == "2022-03-29" and event["source_count"] == 5
    assert event["conflicts"] == []
    assert {"status", "date", "place", "participants", "evidence"} <= set(event["sources"][0])
