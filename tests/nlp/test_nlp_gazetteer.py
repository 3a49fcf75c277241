"""Canonical names from the gazetteer data file (no model needed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dragoman.nlp.gazetteer import fold, load_gazetteer


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("Medinski", "Vladimir Medinsky"),
        ("Vladimir Medinski", "Vladimir Medinsky"),
        ("Zelenskyy", "Volodymyr Zelensky"),
        ("Zelenskiy", "Volodymyr Zelensky"),
        ("Moscow", "Russia"),
        ("the Kremlin", "Russia"),
        ("government of russia", "Russia"),
        ("Kiev", "Ukraine"),
        ("Kyiv", "Ukraine"),
        ("Washington", "United States"),
    ],
)
def test_variants_and_metonyms_have_one_canonical_name(variant: str, canonical: str) -> None:
    entry = load_gazetteer().lookup(variant)
    assert entry is not None and entry.name == canonical


def test_place_spellings_and_countries() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.canonical_place("Lugansk") == "Luhansk"
    assert gazetteer.country_of_place("Istanbul") == "Turkey"
    assert gazetteer.party_of_adjective("Russian") == "Russia"


def test_fold_ignores_accents_case_and_transliteration() -> None:
    assert fold("Erdoğan") == fold("erdogan")
    assert fold("Zelenskyy") == fold("Zelenskiy") == fold("Zelensky")


def test_a_user_file_extends_the_gazetteer(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "people:\n  - {name: Ivan Testov, aliases: [Testov], role: envoy of "
        "Narnia, party: Narnia}\n"
        "parties:\n  Narnia: {aliases: [Cair Paravel], adjectives: [Narnian]}\n",
        encoding="utf-8",
    )
    gazetteer = load_gazetteer(str(extra))
    assert gazetteer.lookup("Testov").name == "Ivan Testov"
    assert gazetteer.lookup("Cair Paravel").name == "Narnia"
    assert gazetteer.lookup("Peskov").name == "Dmitry Peskov"  # the bundled entries stay


def test_a_missing_or_broken_user_gazetteer_is_a_clear_error(tmp_path: Path) -> None:
    from dragoman.errors import LexiconError

    with pytest.raises(LexiconError, match="missing.yaml"):
        load_gazetteer(str(tmp_path / "missing.yaml"))
    broken = tmp_path / "broken.yaml"
    broken.write_text("people: [unclosed\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="broken.yaml"):
        load_gazetteer(str(broken))


@pytest.mark.parametrize(
    ("word", "party"),
    [
        ("Tehran", "Iran"),
        ("Islamabad", "Pakistan"),
        ("Yerevan", "Armenia"),
        ("Muscat", "Oman"),
    ],
)
def test_the_capitals_of_the_world_stand_for_their_states(word: str, party: str) -> None:
    entry = load_gazetteer().lookup(word)
    assert entry is not None and entry.name == party and entry.kind == "party"


@pytest.mark.parametrize(
    ("word", "party"),
    [
        ("Iranian", "Iran"),
        ("Iranians", "Iran"),
        ("Pakistani", "Pakistan"),
        ("Azerbaijani", "Azerbaijan"),
        ("Iran's", "Iran"),
        ("Hamas's", "Hamas"),
        ("Swiss", "Switzerland"),
    ],
)
def test_nationality_words_name_their_party(word: str, party: str) -> None:
    assert load_gazetteer().party_of_adjective(word) == party


def test_state_names_that_are_first_names_are_not_matched() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.lookup("Jordan") is None
    assert gazetteer.lookup("Chad") is None
    assert gazetteer.lookup("Amman") is not None
    assert all(form != "Jordan" for form, _ in gazetteer.surface_forms())


def test_a_role_has_the_holder_of_the_day() -> None:
    gazetteer = load_gazetteer()

    def holders(day):
        return [e.name for e in gazetteer.holders(["foreign minister"], "Ukraine", day)]

    assert holders(dt.date(2022, 3, 30)) == ["Dmytro Kuleba"]
    assert holders(dt.date(2024, 9, 4)) == ["Dmytro Kuleba"]
    assert holders(dt.date(2024, 9, 5)) == ["Andrii Sybiha"]
    assert sorted(holders(None)) == ["Andrii Sybiha", "Dmytro Kuleba"]


def test_a_role_held_twice_has_both_terms() -> None:
    trump = load_gazetteer().entries["Donald Trump"]
    assert trump.holds_role_on(dt.date(2018, 6, 1))
    assert not trump.holds_role_on(dt.date(2022, 6, 1))
    assert trump.holds_role_on(dt.date(2025, 6, 1))
