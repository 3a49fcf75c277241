"""Matching what a person types (a surname, an alias, a word for an issue) to the
record's names and codes."""

from __future__ import annotations

from dragoman.record.filters import Filters
from dragoman.record.matching import Name, Names, fold, match_issue, match_name, notes
from dragoman.vocabulary import ISSUE_WORDS, ISSUES

PEOPLE = [
    Name("Sergey Lavrov", ("Sergei Lavrov",), reports=12),
    Name("Vladimir Medinsky", (), reports=7),
    Name("Vladimir Putin", ("Putin",), reports=30),
    Name("Dmitry Peskov", ("Peskov",), reports=9),
]
PARTIES = [Name("Russia", ("Moscow", "Kremlin"), 40), Name("Ukraine", ("Kyiv",), 38)]
NAMES = Names(PEOPLE, PARTIES)


def test_a_surname_finds_the_person_and_says_so() -> None:
    found = NAMES.actor("Lavrov")
    assert (found.value, found.how, found.changed) == ("Sergey Lavrov", "surname", True)
    assert found.note() == "actor 'Lavrov' matched Sergey Lavrov (surname)"


def test_the_exact_name_is_kept_without_a_note() -> None:
    found = NAMES.actor("Sergey Lavrov")
    assert (found.value, found.how) == ("Sergey Lavrov", "exact")
    assert notes([found]) == []


def test_case_accents_and_aliases_are_matched() -> None:
    assert NAMES.actor("sergey lavrov").how == "case"
    assert NAMES.actor("Sérgey Lavróv").value == "Sergey Lavrov"
    assert NAMES.actor("Sergei Lavrov").how == "alias"
    assert NAMES.party("Moscow").value == "Russia"
    assert NAMES.party("kyiv").value == "Ukraine"
    assert NAMES.actor("Kremlin").value == "Russia"  # an actor may be a party


def test_a_first_name_shared_by_two_goes_to_the_most_reported_and_lists_the_other() -> None:
    found = NAMES.actor("Vladimir")
    assert (found.value, found.how, found.others) == (
        "Vladimir Putin",
        "part",
        ("Vladimir Medinsky",),
    )
    assert "also: Vladimir Medinsky" in found.note()


def test_nothing_matched_leaves_the_text_and_says_so() -> None:
    found = NAMES.actor("Blinken")
    assert (found.value, found.known) == ("Blinken", False)
    assert notes([found]) == ["actor 'Blinken' matches no known actor"]


def test_issue_words_codes_and_parts_of_codes() -> None:
    assert (match_issue("NATO").value, match_issue("NATO").how) == ("alliance_membership", "word")
    assert match_issue("nato").value == "alliance_membership"
    assert match_issue("Alliance membership").how == "code"
    assert match_issue("truce").value == "ceasefire"
    assert match_issue("neutrality").how == "exact"
    both = match_issue("membership")
    assert both.value == "alliance_membership" and both.others == ("eu_membership",)
    assert both.note().endswith("(part of a code); also: eu_membership")
    assert not match_issue("weather").known


def test_every_issue_has_words_and_no_word_is_an_other_issues_code() -> None:
    assert set(ISSUE_WORDS) == set(ISSUES)
    assert all(ISSUE_WORDS[code] for code in ISSUES)
    for code, words in ISSUE_WORDS.items():
        for word in words:
            assert fold(word) not in {fold(c) for c in ISSUES if c != code}, (code, word)


def test_resolve_turns_typed_filters_into_the_records_names() -> None:
    given = Filters.of(actor="Lavrov", party="moscow", issue="NATO", since="2022-03-01")
    found, matches = NAMES.resolve(given)
    assert found == Filters.of(
        actor="Sergey Lavrov", party="Russia", issue="alliance_membership", since="2022-03-01"
    )
    assert [m.option for m in matches] == ["actor", "party", "issue"]
    assert len(notes(matches)) == 3
    assert NAMES.resolve(Filters()) == (Filters(), [])


def test_names_from_the_store_shape_and_suggestions() -> None:
    names = Names.of(
        {
            "actors": [{"name": "Dmitry Peskov", "aliases": ["Peskov"], "reports": 3}],
            "parties": [{"name": "Russia", "aliases": [], "reports": 5}],
        }
    )
    assert names.actor("Peskov").value == "Dmitry Peskov"
    offered = names.suggestions()
    assert offered["actors"] == ["Dmitry Peskov"] and offered["parties"] == ["Russia"]
    assert offered["issues"][0] == ISSUES[0]
    assert match_name("actor", "  ", PEOPLE).how == "unknown"
