"""The assessments component: how each actor judges the talks, on sentences written
for these tests. Some tests run the whole pipeline; others parse a text and then hand
the component quotes built here, so that they test its rules and not the quotes
component's."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import dragoman.nlp.components.assessments  # noqa: F401  (registers the factory)
from dragoman.models import Actor, Assessment, Quote
from dragoman.nlp.components.assessments import CueLexicon
from dragoman.nlp.pipeline import load_pipeline

pytestmark = pytest.mark.model

MONDAY = dt.date(2022, 3, 28)
TUESDAY = dt.date(2022, 3, 29)
WEDNESDAY = dt.date(2022, 3, 30)


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = load_pipeline()
    if "dragoman_assessments" not in pipeline.pipe_names:
        pipeline.add_pipe("dragoman_assessments")
    return pipeline


def parse(nlp: Language, body: str, published: dt.date = WEDNESDAY) -> Doc:
    doc = nlp.make_doc(body)
    doc._.published = published
    return nlp(doc)


def assess(nlp: Language, body: str) -> list[Assessment]:
    return list(parse(nlp, body)._.assessments)


def judge(nlp: Language, body: str, quotes: list[Quote]) -> list[Assessment]:
    """Run the component on ``body`` with the quotes given instead of those found."""
    doc = parse(nlp, body)
    doc._.quotes = quotes
    return list(nlp.get_pipe("dragoman_assessments")(doc)._.assessments)


def quote(body: str, text: str, speaker: str | None, kind: str = "direct") -> Quote:
    start = body.index(text)
    return Quote(
        text=text,
        kind=kind,
        speaker=speaker,
        date=TUESDAY,
        start=start,
        end=start + len(text),
        anonymous=speaker == "anonymous",
    )


def only(assessments: list[Assessment]) -> Assessment:
    assert len(assessments) == 1, assessments
    return assessments[0]


# -- the contract ------------------------------------------------------------------


def test_factory_declares_what_it_assigns_and_requires(nlp) -> None:
    meta = nlp.get_pipe_meta("dragoman_assessments")
    assert meta.assigns == ["doc._.assessments"]
    assert meta.requires == ["doc._.quotes"]
    assert nlp.pipe_names.index("dragoman_assessments") > nlp.pipe_names.index("dragoman_quotes")


def test_a_report_without_judgements_gets_an_empty_list(nlp) -> None:
    assert assess(nlp, "The delegations met in Istanbul on Tuesday.") == []


# -- polarity ------------------------------------------------------------------------


def test_positive_direct_quote(nlp) -> None:
    body = (
        "\u201cThe talks in Istanbul were constructive and businesslike,\u201d "
        "Kremlin spokesman Dmitry Peskov said on Tuesday."
    )
    found = only(assess(nlp, body))
    assert (found.actor, found.polarity, found.date) == ("Dmitry Peskov", "positive", TUESDAY)
    assert "constructive" in found.summary and "businesslike" in found.summary
    assert body[found.start : found.end].startswith("The talks in Istanbul")
    assert 0 < found.confidence <= 1


def test_negative_indirect_quote(nlp) -> None:
    body = (
        "Ukrainian negotiator David Arakhamia said on Tuesday that there had been "
        "no breakthrough in the negotiations."
    )
    found = only(assess(nlp, body))
    assert (found.actor, found.polarity, found.date) == ("David Arakhamia", "negative", TUESDAY)
    assert "no breakthrough" in found.summary


@pytest.mark.parametrize(
    "body",
    [
        "\u201cWe cannot see any progress in these negotiations,\u201d Dmitry Peskov said.",
        "Kremlin spokesman Dmitry Peskov said the talks were not constructive.",
        "Dmitry Peskov said the contacts had been \u201cnot very productive\u201d.",
        "\u201cI don't think the round was useful,\u201d Dmitry Peskov said.",
        "Dmitry Peskov said it was too early to speak of a breakthrough in the negotiations.",
        "Kremlin spokesman Dmitry Peskov accused Kyiv of stalling progress at the talks.",
    ],
)
def test_negation_turns_a_positive_cue_negative(nlp, body: str) -> None:
    found = only(assess(nlp, body))
    assert (found.actor, found.polarity) == ("Dmitry Peskov", "negative")


def test_negated_negative_cue_is_positive(nlp) -> None:
    found = only(assess(nlp, "Sergei Lavrov said the negotiations had not failed."))
    assert found.polarity == "positive"


def test_both_cues_in_a_fragment_make_it_mixed(nlp) -> None:
    # The fragment names no talks: its sentence does.
    body = "Vladimir Medinsky described the second round as \u201cdifficult but constructive\u201d."
    found = only(assess(nlp, body))
    assert (found.actor, found.polarity) == ("Vladimir Medinsky", "mixed")


def test_one_cue_and_a_contrast_about_the_talks_make_it_mixed(nlp) -> None:
    body = (
        "Sergei Lavrov said the negotiators had been \u201cdisappointed\u201d, but insisted "
        "that the dialogue would go on."
    )
    found = only(assess(nlp, body))
    assert (found.actor, found.polarity) == ("Sergei Lavrov", "mixed")


def test_a_cue_made_after_the_contrast_keeps_its_polarity(nlp) -> None:
    body = "\u201cWe talked about a truce, but no progress was made,\u201d Dmytro Kuleba said."
    assert only(assess(nlp, body)).polarity == "negative"


# -- merging ---------------------------------------------------------------------------


def test_quotes_of_one_speaker_on_one_day_are_merged(nlp) -> None:
    body = (
        "\u201cThe talks were useful,\u201d Kremlin spokesman Dmitry Peskov said on Tuesday. "
        "\u201cBut there is no breakthrough in the negotiations yet,\u201d he added."
    )
    found = only(assess(nlp, body))
    assert (found.actor, found.polarity, found.date) == ("Dmitry Peskov", "mixed", TUESDAY)
    assert "useful" in found.summary and "no breakthrough" in found.summary


def test_two_positive_quotes_merge_into_one_positive(nlp) -> None:
    body = (
        "\u201cThe meeting was constructive,\u201d Vladimir Medinsky said on Tuesday. "
        "\u201cThe conversation was also substantive,\u201d he added."
    )
    found = only(assess(nlp, body))
    assert found.polarity == "positive"
    assert found.summary == "constructive; substantive"


def test_one_speaker_on_two_days_gets_two_assessments(nlp) -> None:
    body = (
        "\u201cThe talks were useful,\u201d Kremlin spokesman Dmitry Peskov said on Monday.\n\n"
        "On Wednesday Peskov said: \u201cThere is no breakthrough in the negotiations.\u201d"
    )
    found = {a.date: a.polarity for a in assess(nlp, body)}
    assert found == {MONDAY: "positive", WEDNESDAY: "negative"}


def test_each_speaker_gets_an_assessment(nlp) -> None:
    body = (
        "\u201cThe negotiations were productive,\u201d Ukrainian negotiator David Arakhamia "
        "said on Tuesday.\n\n"
        "Kremlin spokesman Dmitry Peskov said on Wednesday that the talks had reached a dead end."
    )
    found = {(a.actor, a.polarity, a.date) for a in assess(nlp, body)}
    assert found == {
        ("David Arakhamia", "positive", TUESDAY),
        ("Dmitry Peskov", "negative", WEDNESDAY),
    }


# -- what is not an assessment ----------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "\u201cThe situation at the front is very difficult,\u201d Volodymyr Zelensky said.",
        "\u201cOur offensive has not failed,\u201d Russian Defence Minister Sergei Shoigu said.",
        "Kremlin spokesman Dmitry Peskov said the next round of talks would take place on Friday.",
    ],
)
def test_quotes_not_judging_the_talks_are_ignored(nlp, body: str) -> None:
    assert assess(nlp, body) == []


@pytest.mark.parametrize(
    "body",
    [
        "Dmitry Peskov said a summit was possible only if progress was achieved in the talks.",
        "Volodymyr Zelensky said he hoped the next round of talks would bring a breakthrough.",
    ],
)
def test_conditions_and_wishes_are_not_judgements(nlp, body: str) -> None:
    assert assess(nlp, body) == []


def test_speaker_none_never_assesses(nlp) -> None:
    body = "\u201cThe talks were constructive,\u201d the statement read."
    assert judge(nlp, body, [quote(body, "The talks were constructive,", None)]) == []


def test_unnamed_sources_assess_only_when_nobody_named_does(nlp) -> None:
    body = (
        "\u201cThe talks were constructive,\u201d an official said. "
        "\u201cThe negotiations have failed,\u201d Kremlin spokesman Dmitry Peskov said."
    )
    unnamed = quote(body, "The talks were constructive,", "anonymous")
    named = quote(body, "The negotiations have failed,", "Dmitry Peskov")
    both = judge(nlp, body, [unnamed, named])
    assert [(a.actor, a.polarity) for a in both] == [("Dmitry Peskov", "negative")]
    alone = judge(nlp, body, [unnamed])
    assert [(a.actor, a.polarity) for a in alone] == [("anonymous", "positive")]


def test_a_news_outlet_is_not_an_assessor(nlp) -> None:
    body = "The talks failed, Reuters reported."
    doc = parse(nlp, body)
    doc._.actors = {"Reuters": Actor(name="Reuters", kind="organization")}
    doc._.quotes = [quote(body, "The talks failed", "Reuters", kind="indirect")]
    assert nlp.get_pipe("dragoman_assessments")(doc)._.assessments == []


def test_reporter_sentence_without_a_quote(nlp) -> None:
    body = "Russian President Vladimir Putin acknowledged progress in the talks on Tuesday."
    found = only(judge(nlp, body, []))
    assert (found.actor, found.polarity, found.date) == ("Vladimir Putin", "positive", TUESDAY)
    assert found.summary == "progress"


def test_a_reporter_sentence_denying_a_judgement_is_none(nlp) -> None:
    body = "Russian President Vladimir Putin did not describe the talks as a failure."
    assert judge(nlp, body, []) == []


# -- the lexicon ----------------------------------------------------------------------


def test_lexicon_rejects_an_unquoted_yaml_boolean() -> None:
    with pytest.raises(TypeError, match="quote it"):
        CueLexicon.from_mapping({"negators": ["not", False]})


def test_lexicon_phrases_and_parts_of_speech(nlp) -> None:
    lexicon = CueLexicon.from_mapping(
        {"positive": ["progress"], "negative": ["no progress", "hard/ADJ"]}
    )
    assert next(p.words for p, _ in lexicon.cues) == ("no", "progress")
    assert next(p for p, _ in lexicon.cues if p.text == "hard").pos == "ADJ"
