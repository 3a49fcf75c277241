"""Canonical names from the gazetteer data file (no model needed)."""

from __future__ import annotations

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
