"""The actors component on sentences written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def actors(record):
    return {a.name: a for a in record.actors}


def test_title_before_a_name_gives_role_and_party(analyze) -> None:
    record = analyze(
        "Kremlin spokesman Dmitry Peskov spoke to reporters. French President "
        "Emmanuel Macron called later."
    )
    found = actors(record)
    assert found["Dmitry Peskov"].role == "Kremlin spokesman"
    assert found["Dmitry Peskov"].party == "Russia"
    assert found["Emmanuel Macron"].role == "President of France"
    assert found["Emmanuel Macron"].party == "France"


def test_apposition_gives_the_role(analyze) -> None:
    record = analyze(
        "The head of the Ukrainian delegation, David Arakhamia, arrived in Istanbul on Monday."
    )
    assert actors(record)["David Arakhamia"].role == "head of the Ukrainian delegation"


def test_an_apposition_after_the_name(analyze) -> None:
    record = analyze("Oleg Petrenko, deputy head of the Ukrainian delegation, declined to comment.")
    found = actors(record)
    assert found["Oleg Petrenko"].role == "deputy head of the Ukrainian delegation"
    assert found["Oleg Petrenko"].party == "Ukraine"


def test_spellings_and_metonyms_merge_into_one_actor(analyze) -> None:
    record = analyze(
        "Vladimir Medinski led the talks. Later Medinsky spoke again, and Moscow and the Kremlin "
        "both welcomed the outcome while Kiev waited. President Zelenskyy was briefed in Kyiv."
    )
    found = actors(record)
    assert "Vladimir Medinski" in found["Vladimir Medinsky"].aliases
    assert len(found["Vladimir Medinsky"].mentions) == 2
    assert {"Moscow", "the Kremlin"} <= set(found["Russia"].aliases)
    assert found["Ukraine"].kind == "party"
    assert "Volodymyr Zelensky" in found


def test_an_unknown_person_merges_by_surname(analyze) -> None:
    record = analyze("Ukrainian negotiator Petro Hrytsenko met the press. Hrytsenko said little.")
    found = actors(record)
    assert "Petro Hrytsenko" in found
    assert len(found["Petro Hrytsenko"].mentions) == 2
    assert found["Petro Hrytsenko"].party == "Ukraine"


def test_organisations(analyze) -> None:
    record = analyze(
        "Kyiv dropped its bid to join NATO but still wants to join the European Union."
    )
    found = actors(record)
    assert found["NATO"].kind == "organization"
    assert found["European Union"].kind == "organization"


def test_a_longer_name_around_a_known_surname_is_another_person(analyze) -> None:
    # The gazetteer knows Boris Johnson; this Johnson is someone else.
    record = analyze("Gary Johnson toured Ohio on Friday. Johnson spoke about taxes.")
    found = actors(record)
    assert "Gary Johnson" in found
    assert len(found["Gary Johnson"].mentions) == 2
    assert "Boris Johnson" not in found


def test_titles_are_not_part_of_a_name(analyze) -> None:
    record = analyze("Retired Gen. Keith Kellogg met the delegation in Riyadh.")
    assert "Keith Kellogg" in actors(record)
    assert not any(name.startswith("Gen") for name in actors(record))


def test_a_role_for_an_organisation_gives_the_party(analyze) -> None:
    record = analyze("Jane Roe, a spokeswoman for Disney, declined to comment.")
    assert actors(record)["Jane Roe"].party == "Disney"
