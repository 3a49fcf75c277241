"""The indexes and shortcuts that keep the components fast give the answers of the
plain scans they replace."""

from __future__ import annotations

import random
import re

import pytest

from dragoman.nlp.caseless import CaselessPattern, lowered
from dragoman.nlp.extensions import words_of
from dragoman.nlp.gazetteer import load_gazetteer
from dragoman.nlp.quotemarks import find_quoted
from dragoman.nlp.speakers import SpeakerResolver

PATTERNS = [
    r"cease-?fire",
    r"\btruce\b",
    r"withdraw\w* (?:\w+ ){0,3}(?:troops|forces|army)",
    r"(?:nato|alliance)\W{1,2}s? article \d+",
    r"[^a-z]nato",
]


@pytest.mark.parametrize(
    "text",
    [
        "The CEASEFIRE held; a Truce was WITHDRAWING all Russian Troops. NATO's Article 5.",
        "No capitals at all: ceasefire, truce, nato.",
        "A long \u017f and a \u212aelvin sign: CEASE-FIRE, \u0130stanbul truce.",
        "",
    ],
)
def test_caseless_patterns_find_what_ignorecase_finds(text: str) -> None:
    low = lowered(text)
    for source in PATTERNS:
        pattern = CaselessPattern(source)
        expected = [m.span() for m in re.finditer(source, text, re.IGNORECASE)]
        assert [m.span() for m in pattern.finditer(text, low)] == expected


def test_lowered_refuses_letters_that_fold_onto_ascii() -> None:
    assert lowered("Kyiv AND Moscow") == "kyiv and moscow"
    for letter in "\u0130\u0131\u017f\u212a":
        assert lowered(f"a{letter}b") is None


def test_a_pattern_with_capitals_is_matched_as_written() -> None:
    pattern = CaselessPattern(r"NATO")
    assert pattern.lower is None
    assert [m.span() for m in pattern.finditer("nato Nato", lowered("nato Nato"))] == [
        (0, 4),
        (5, 9),
    ]


def _find_quoted_by_steps(text: str) -> list[tuple[int, int]]:
    """find_quoted as it was written before it jumped between marks."""
    from dragoman.nlp import quotemarks

    spans: list[tuple[int, int]] = []
    for p_start, p_end in quotemarks.paragraphs(text):
        i = p_start
        while i < p_end:
            char = text[i]
            if char in "'`" and quotemarks._opens_doubled(text, i):
                j = text.find("''", i + 2, p_end)
                end = j if j != -1 else p_end
                if text[i + 2 : end].strip():
                    spans.append((i + 2, end))
                i = end + 2
            elif char in quotemarks._OPEN or char == '"':
                closer = quotemarks._OPEN.get(char, '"')
                j = text.find(closer, i + 1, p_end)
                alt = text.find("\u201d", i + 1, p_end) if char == '"' else -1
                if j == -1 or (alt != -1 and alt < j):
                    j = alt if alt != -1 else j
                if char == "\u201c":  # a straight mark may close a curly one
                    j = quotemarks._curly_end(text, i, j, p_end)
                end = j if j != -1 else p_end
                if text[i + 1 : end].strip():
                    spans.append((i + 1, end))
                i = end + 1
            else:
                i += 1
    return spans


def test_find_quoted_jumps_to_the_same_quotations() -> None:
    pieces = ['"', "\u201c", "\u201d", "\u00ab", "\u00bb", "\u201e", "''", "``", "'", "`"]
    pieces += ["word ", "Bob's ", "the '90s ", "\n", "\n\n", " ", "(", "-"]
    chooser = random.Random(8)
    for _ in range(400):
        text = "".join(chooser.choice(pieces) for _ in range(chooser.randint(0, 40)))
        assert find_quoted(text) == _find_quoted_by_steps(text), repr(text)


@pytest.mark.model
def test_words_of_reads_what_the_tokens_say(analyzer) -> None:
    doc = analyzer.nlp(
        "Ukraine's delegation met in Istanbul. \u201cWe\u2019re ready,\u201d he said."
    )
    words = words_of(doc)
    assert words.text == [t.text for t in doc]
    assert words.lower == [t.lower_ for t in doc]
    assert words.lemma == [t.lemma_.lower() for t in doc]
    assert words.pos == [t.pos_ for t in doc]
    assert words_of(doc) == words  # read once, kept with the Doc


@pytest.mark.model
def test_last_speakers_before_a_position_in_any_order_of_remembering(analyzer) -> None:
    doc = analyzer.nlp("Peskov spoke. Medinsky spoke. Lavrov spoke. Kuleba spoke.")
    resolver = SpeakerResolver(doc, load_gazetteer(), [])
    remembered = [(40, "C"), (5, "A"), (20, "B"), (60, "D"), (20, "E"), (1, "F")]
    for position, name in remembered:
        resolver.remember(position, name)
    for position in range(0, 70, 3):
        expected = [name for at, name in remembered if at < position][-3:]
        assert resolver._last_before(position, 3) == expected
        between = [(at, name) for at, name in remembered if 10 <= at < position]
        assert resolver._history_between(10, position) == between
