"""Speaker resolution, one construction per test, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.model


def speakers(record) -> dict[str, str]:
    """Each quote's first words -> its speaker."""
    return {" ".join(q.text.split()[:3]): q.speaker for q in record.quotes}


def speaker_of(record, words: str):
    found = [q for q in record.quotes if q.text.startswith(words)]
    assert found, f"no quote starting {words!r} in {[q.text for q in record.quotes]}"
    return found[0]


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        (
            "Rupert Murdoch announced the merger on Monday.\n\n"
            "Craig Moffett, a veteran media analyst, said that the deal would face "
            "a long review in Washington.",
            "Craig Moffett",
        ),
        (
            "Jason Miller, a spokesman for Donald Trump, said that the deal would face "
            "a long review in Washington.",
            "Jason Miller",
        ),
        (
            "Trump adviser Kellyanne Conway said that the deal would face a long review "
            "in Washington.",
            "Kellyanne Conway",
        ),
    ],
)
def test_apposition_names_the_speaker_not_another_person(analyze, body, speaker) -> None:
    record = analyze(body)
    assert speaker_of(record, "the deal would face").speaker == speaker


def test_honorific_goes_to_the_person_of_that_surname_in_the_report(analyze) -> None:
    # The gazetteer knows another Johnson (a British prime minister).
    record = analyze(
        "Gary Johnson, the Libertarian candidate, toured Ohio on Friday.\n\n"
        "Mr. Johnson said that he would stay in the race until November."
    )
    assert speaker_of(record, "he would stay").speaker == "Gary Johnson"


def test_a_surname_alone_is_the_full_name_named_last(analyze) -> None:
    record = analyze(
        "Hillary Clinton spoke in Denver in the morning. Bill Clinton spoke in Reno "
        "in the evening.\n\nClinton said that the campaign had raised record sums."
    )
    assert speaker_of(record, "the campaign had raised").speaker == "Bill Clinton"
    names = {a.name for a in record.actors}
    assert {"Hillary Clinton", "Bill Clinton"} <= names


def test_an_unknown_name_after_a_title_is_the_speaker(analyze) -> None:
    record = analyze(
        "Sen. Bernie Sanders (I-Vt.) said that the bill would not pass the Senate this year."
    )
    assert speaker_of(record, "the bill would not").speaker == "Bernie Sanders"


def test_a_name_the_recogniser_misses_is_found_after_its_title(analyze) -> None:
    record = analyze(
        "Iranian Foreign Ministry spokesperson Esmaeil Baghaei said the talks were "
        "difficult but useful."
    )
    speaker = speaker_of(record, "the talks were").speaker
    assert speaker == "Esmaeil Baghaei"
    found = {a.name: a for a in record.actors}
    assert found["Esmaeil Baghaei"].party == "Iran"


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        ("Russian authorities said that their troops had taken two villages.", "Russia"),
        ("Ukrainian forces said that they had repelled eleven assaults.", "Ukraine"),
        ("Pakistan's army said that India had violated the truce overnight.", "Pakistan"),
        ("Islamabad said that it would answer any attack.", "Pakistan"),
        ("The Kremlin said that the talks would resume in June.", "Russia"),
    ],
)
def test_a_state_or_its_institutions_speak_for_the_state(analyze, sentence, party) -> None:
    record = analyze(sentence)
    assert [q.speaker for q in record.quotes] == [party]


def test_a_pronoun_two_paragraphs_on_goes_to_the_person_of_its_gender(analyze) -> None:
    record = analyze(
        "Ms. Anna Keller, the chief negotiator, arrived in Geneva on Sunday.\n\n"
        "Mr. Peter Brandt, her counterpart, said that the delegations were far apart.\n\n"
        "The two sides met for four hours.\n\n"
        "She said that a second round was set for June."
    )
    assert speaker_of(record, "a second round").speaker == "Anna Keller"
    assert speaker_of(record, "the delegations were").speaker == "Peter Brandt"


def test_a_close_choice_has_a_lower_confidence(analyze) -> None:
    clear = analyze(
        "Peter Brandt arrived in Geneva on Sunday. The talks began at noon.\n\n"
        "He said that the delegations were far apart."
    )
    close = analyze(
        "Peter Brandt met Jonas Weber in Geneva on Sunday. Weber spoke first.\n\n"
        "He said that the delegations were far apart."
    )
    assert speaker_of(clear, "the delegations").confidence > (
        speaker_of(close, "the delegations").confidence
    )


@pytest.mark.parametrize(
    ("published", "holder"),
    [(dt.date(2022, 3, 30), "Dmytro Kuleba"), (dt.date(2025, 3, 1), "Andrii Sybiha")],
)
def test_a_role_phrase_goes_to_its_holder_on_the_day(analyze, published, holder) -> None:
    record = analyze(
        "Ukraine's foreign minister said that Kyiv would not give up any land.",
        published=published,
    )
    assert speaker_of(record, "Kyiv would not").speaker == holder


def test_a_role_phrase_goes_to_the_holder_named_in_the_report(analyze) -> None:
    record = analyze(
        "Maria Lind, the Swedish foreign minister, arrived on Monday.\n\n"
        "Talks went on until late.\n\n"
        "The minister said that a deal was close."
    )
    assert speaker_of(record, "a deal was close").speaker == "Maria Lind"
