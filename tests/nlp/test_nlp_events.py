"""The events component: types, statuses, days, places, participants and the merging
of repeated mentions, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

import dragoman.nlp.components.events as events_module
from dragoman.models import Article, Event
from dragoman.nlp.components.events import STATUSES, TYPES, EventLexicon
from dragoman.nlp.pipeline import Analyzer

#: The reference day of most bodies below: Wednesday 30 March 2022.
WEDNESDAY = dt.date(2022, 3, 30)
TUESDAY = dt.date(2022, 3, 29)
MONDAY = dt.date(2022, 3, 28)


# -- without the model ------------------------------------------------------------------


def test_factory_is_registered_with_its_contract() -> None:
    assert "dragoman_events" in Language.factories
    meta = Language.get_factory_meta("dragoman_events")
    assert meta.assigns == ["doc._.events"]
    assert set(meta.requires) == {"doc._.mentions", "doc._.times", "doc._.quotes"}
    assert events_module.make_events is not None


def test_lexicon_names_only_vocabulary_types_and_statuses() -> None:
    lexicon = EventLexicon.load()
    types = {p.type for found in lexicon.patterns.values() for p in found}
    assert types <= set(TYPES) | {"meeting"}
    assert set(TYPES) <= types
    assert set(lexicon.status) >= set(STATUSES)
    # Every cue is lower case, so look-ups on lemmas and lower-cased forms find it.
    for words in lexicon.status.values():
        assert all(w == w.lower() for w in words)


def test_lexicon_compiles_verb_objects() -> None:
    lexicon = EventLexicon.load()
    exchange = [p for p in lexicon.patterns["exchange"] if p.kind == "verb"]
    assert exchange and "prisoners" in exchange[0].objects


# -- with the model ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def events_analyzer(analyzer: Analyzer) -> Analyzer:
    if "dragoman_events" not in analyzer.nlp.pipe_names:
        analyzer.nlp.add_pipe("dragoman_events")
    return analyzer


@pytest.fixture
def events(events_analyzer: Analyzer):
    """The events of a body published on a given day (default: Wednesday 30 March 2022)."""

    def run(body: str, published: dt.date | None = WEDNESDAY) -> list[Event]:
        return events_analyzer.analyze(Article(body=body, published=published)).events

    return run


def only(found: list[Event], type_: str) -> Event:
    """The one event of a type."""
    of_type = [e for e in found if e.type == type_]
    assert len(of_type) == 1, (
        f"expected one {type_}, got {[(e.type, e.status, e.date) for e in found]}"
    )
    return of_type[0]


@pytest.mark.model
def test_talks_between_delegations_with_day_place_and_parties(events) -> None:
    found = events(
        "Russian and Ukrainian negotiators held a fresh round of talks in Istanbul on Tuesday."
    )
    talks = only(found, "talks")
    assert (talks.status, talks.date, talks.place) == ("occurred", TUESDAY, "Istanbul")
    assert {"Russia", "Ukraine"} <= set(talks.participants)


@pytest.mark.model
def test_evidence_offsets_point_into_the_body(events_analyzer: Analyzer) -> None:
    body = (
        "Peace efforts continued this week.\n\n"
        "The Russian and Ukrainian delegations met in Istanbul on Tuesday."
    )
    record = events_analyzer.analyze(Article(body=body, published=WEDNESDAY))
    talks = only(record.events, "talks")
    assert "met in Istanbul" in body[talks.start : talks.end]


@pytest.mark.model
def test_phone_call_between_two_leaders(events) -> None:
    found = events("French President Emmanuel Macron spoke by phone with Vladimir Putin on Monday.")
    call = only(found, "call")
    assert (call.status, call.date) == ("occurred", MONDAY)
    assert set(call.participants) == {"Emmanuel Macron", "Vladimir Putin"}


@pytest.mark.model
def test_call_takes_the_speaker_of_the_clause_above(events) -> None:
    body = (
        "Vladimir Putin told Olaf Scholz on Monday that the negotiations had moved forward, "
        "during a telephone conversation with the German chancellor."
    )
    call = only(events(body), "call")
    assert "Vladimir Putin" in call.participants
    assert call.date == MONDAY


@pytest.mark.model
def test_proposed_summit_is_never_occurred(events) -> None:
    body = (
        "Volodymyr Zelensky wants to see Vladimir Putin face to face. "
        "An encounter of the two heads of state is possible by the summer, "
        "Medinsky told state television."
    )
    summit = only(events(body), "summit")
    assert summit.status == "proposed"
    assert {"Vladimir Putin", "Volodymyr Zelensky"} <= set(summit.participants)


@pytest.mark.model
def test_quoted_proposal_of_a_summit(events) -> None:
    body = (
        "Vladimir Putin and Volodymyr Zelensky have not met since the war began.\n\n"
        "\u201cA meeting of the two presidents could take place in Istanbul,\u201d Medinsky said."
    )
    summit = only(events(body), "summit")
    assert summit.status == "proposed"
    assert summit.place == "Istanbul"


@pytest.mark.model
def test_leaders_meeting_is_a_summit_and_envoys_meeting_is_talks(events) -> None:
    summit = only(events("Donald Trump met Vladimir Putin in Alaska on Friday."), "summit")
    assert set(summit.participants) == {"Donald Trump", "Vladimir Putin"}
    talks = only(events("Trump's envoy Steve Witkoff met Putin in Moscow on Thursday."), "talks")
    assert {"Steve Witkoff", "Vladimir Putin"} <= set(talks.participants)
    assert "Donald Trump" not in talks.participants
    assert talks.place == "Moscow"


@pytest.mark.model
def test_press_conference_of_a_spokesman(events) -> None:
    found = events(
        "Dmitry Peskov told journalists on Tuesday that no document had been initialled."
    )
    briefing = only(found, "press_conference")
    assert (briefing.status, briefing.date, briefing.participants) == (
        "occurred",
        TUESDAY,
        ["Dmitry Peskov"],
    )


@pytest.mark.model
def test_military_action_is_the_attacker_s_not_the_target_s(events) -> None:
    found = events(
        "Russia launched a wave of drone attacks on Ukraine on Sunday, officials in Kyiv said."
    )
    attack = only(found, "military_action")
    assert attack.participants == ["Russia"]
    assert attack.status == "occurred"


@pytest.mark.model
def test_agreement_signed_by_two_parties(events) -> None:
    found = events("Kyiv and Moscow signed an agreement on humanitarian corridors on Thursday.")
    agreement = only(found, "agreement")
    assert agreement.status == "occurred"
    assert agreement.date == dt.date(2022, 3, 24)
    assert {"Ukraine", "Russia"} <= set(agreement.participants)


@pytest.mark.model
def test_one_side_accepting_a_proposal_is_not_an_agreement(events) -> None:
    found = events("Ukraine agreed to a thirty-day truce proposed by Washington, Zelensky said.")
    assert not [e for e in found if e.type == "agreement"]


@pytest.mark.model
def test_prisoner_exchange(events) -> None:
    found = events("Russia and Ukraine exchanged 86 prisoners of war on Friday, both sides said.")
    swap = only(found, "prisoner_exchange")
    assert swap.status == "occurred"
    assert swap.date == dt.date(2022, 3, 25)
    assert {"Russia", "Ukraine"} <= set(swap.participants)


@pytest.mark.model
def test_exchange_named_after_prisoners_were_mentioned(events) -> None:
    body = (
        "The two sides handed over 40 captured soldiers each. "
        "The exchange took place on the border on Monday, the Ukrainian ombudsman said."
    )
    swap = only(events(body), "prisoner_exchange")
    assert swap.date == MONDAY


@pytest.mark.model
def test_planned_meeting_resolves_its_weekday_forward(events) -> None:
    found = events("The Russian and Ukrainian delegations will meet again in Istanbul on Friday.")
    talks = only(found, "talks")
    assert talks.status == "planned"
    assert talks.date == dt.date(2022, 4, 1)  # the coming Friday, not the last one


@pytest.mark.model
def test_planned_talks_scheduled_for_monday(events) -> None:
    found = events(
        "A new round of negotiations is scheduled for Monday in Istanbul, the "
        "Turkish foreign ministry said."
    )
    talks = only(found, "talks")
    assert (talks.status, talks.date, talks.place) == ("planned", dt.date(2022, 4, 4), "Istanbul")


@pytest.mark.model
@pytest.mark.parametrize(
    "body",
    [
        "The fourth round of talks, planned for Monday, has been postponed, Kyiv said.",
        "Moscow called off the talks that were due to open in Minsk on Friday.",
    ],
)
def test_cancelled_or_postponed_round(events, body: str) -> None:
    talks = only(events(body), "talks")
    assert talks.status == "cancelled"


@pytest.mark.model
def test_ongoing_talks(events) -> None:
    found = events("Talks between the Ukrainian and Russian delegations in Istanbul are under way.")
    talks = only(found, "talks")
    assert (talks.status, talks.place) == ("ongoing", "Istanbul")


@pytest.mark.model
def test_offer_to_host_is_a_proposal(events) -> None:
    found = events("Ankara has offered to host the next round of Russian-Ukrainian negotiations.")
    talks = only(found, "talks")
    assert talks.status == "proposed"


@pytest.mark.model
def test_place_spelling_and_compound_place(events) -> None:
    talks = only(events("Delegations met in Kiev on Tuesday for a second day."), "talks")
    assert talks.place == "Kyiv"
    talks = only(
        events(
            "The Istanbul talks between Russia and Ukraine ended on Tuesday without a ceasefire."
        ),
        "talks",
    )
    assert talks.place == "Istanbul"


@pytest.mark.model
def test_place_prefers_the_city_a_venue_lies_in(events) -> None:
    found = events(
        "The Russian and Ukrainian delegations met at the Dolmabahce palace office "
        "in Istanbul on Tuesday."
    )
    assert only(found, "talks").place == "Istanbul"


@pytest.mark.model
def test_repeated_mentions_merge_into_one_event(events) -> None:
    body = (
        "Russia and Ukraine held talks in Istanbul on Tuesday.\n\n"
        "The talks lasted about four hours, according to the Turkish foreign minister.\n\n"
        "Medinsky described the negotiations as constructive, and Podolyak said the talks "
        "in Turkey had produced a written proposal."
    )
    talks = only(events(body), "talks")
    assert (talks.status, talks.date, talks.place) == ("occurred", TUESDAY, "Istanbul")
    assert {"Russia", "Ukraine"} <= set(talks.participants)


@pytest.mark.model
def test_day_and_place_from_different_mentions_make_one_event(events) -> None:
    body = (
        "Moscow reported no breakthrough from a meeting of the two delegations in Istanbul.\n\n"
        "The talks on Tuesday ran for three hours, Turkish officials said."
    )
    found = [e for e in events(body) if e.type == "talks"]
    assert len(found) == 1
    assert (found[0].place, found[0].date) == ("Istanbul", TUESDAY)


@pytest.mark.model
def test_past_and_planned_rounds_stay_apart(events) -> None:
    body = (
        "The opening round of talks had taken place in Belarus earlier in the month.\n\n"
        "Moscow expects another round in Istanbul on Friday, Peskov said."
    )
    found = [e for e in events(body) if e.type == "talks"]
    assert sorted(e.status for e in found) == ["occurred", "planned"]
    planned = next(e for e in found if e.status == "planned")
    assert (planned.date, planned.place) == (dt.date(2022, 4, 1), "Istanbul")


@pytest.mark.model
def test_rounds_in_a_timeline_stay_apart(events) -> None:
    body = (
        "Dmytro Kuleba and Sergei Lavrov held talks in Antalya on 10 March.\n\n"
        "A second round, this time between full delegations, was held in Istanbul on 29 March."
    )
    found = [e for e in events(body, published=dt.date(2022, 4, 20)) if e.type == "talks"]
    assert len(found) == 2
    assert {e.date for e in found} == {dt.date(2022, 3, 10), dt.date(2022, 3, 29)}


@pytest.mark.model
def test_sides_fill_in_when_the_sentence_leaves_them_to_the_reader(events) -> None:
    body = (
        "Russia says Ukraine is stalling.\n\n"
        "The two sides held another round of talks by video link on Monday."
    )
    talks = only(events(body), "talks")
    assert set(talks.participants[:2]) == {"Russia", "Ukraine"}
    assert talks.date == MONDAY


@pytest.mark.model
@pytest.mark.parametrize(
    "body",
    [
        "Vladimir Putin attended a service at a cathedral in Moscow.",
        "The weekly cabinet meeting in Kyiv discussed the budget.",
        "When we met Zelensky in Kyiv, he said Ukraine would win.",
        "Analysts said peace remained a distant prospect.",
    ],
)
def test_no_event_for_every_verb(events, body: str) -> None:
    assert events(body) == []


@pytest.mark.model
def test_no_events_without_a_body(events) -> None:
    assert events("") == []
