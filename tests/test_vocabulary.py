"""The vocabulary: one data file, the codebook rendered from it."""

from pathlib import Path

from dragoman import vocabulary as v

DOCS = Path(__file__).resolve().parent.parent / "docs" / "codebook.md"


def test_the_codebook_in_docs_is_rendered_from_the_data_file() -> None:
    assert DOCS.read_text(encoding="utf-8") == v.codebook_markdown(), (
        "docs/codebook.md is stale: run python -m dragoman.vocabulary > docs/codebook.md"
    )


def test_codes_are_unique_and_snake_case_in_every_group() -> None:
    for group, codes in v.CODEBOOK.items():
        names = [c.code for c in codes]
        assert len(names) == len(set(names)), group
        assert all(n.replace("_", "").isalpha() and n == n.lower() for n in names), group
        assert all(c.meaning for c in codes), group


def test_every_issue_names_its_nearest_pax_topic() -> None:
    assert all(c.pax for c in v.CODEBOOK["issues"])


def test_the_codes_any_negotiation_needs_are_there() -> None:
    assert {"verification", "governance", "economy", "nuclear_status"} <= set(v.ISSUES)
    assert v.STANCES == ("propose", "demand", "accept", "reject", "concede")
    assert "cancelled" in v.EVENT_STATUSES and "mixed" in v.POLARITIES


def test_issue_order_follows_the_codebook_and_puts_unknown_issues_last() -> None:
    ordered = sorted(["economy", "zzz_custom", "ceasefire", "aaa_custom"], key=v.issue_order)
    assert ordered == ["ceasefire", "economy", "aaa_custom", "zzz_custom"]


def test_every_issue_lists_words_a_person_may_type_for_it() -> None:
    assert v.ISSUE_WORDS["alliance_membership"][0] == "NATO"
    for code in v.ISSUES:
        words = v.ISSUE_WORDS[code]
        assert words and all(w.strip() == w and w for w in words), code
    assert "also found as" in v.codebook_markdown()
