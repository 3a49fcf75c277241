"""Name folding, so that one person spelt two ways counts as one speaker.

News reports transliterate Slavic names inconsistently (Zelenskyy, Zelensky, Zelenskiy;
Medinski, Medinsky; Aleksandr, Alexandr). The README scores names "after folding case,
accents and transliteration", and lets a surname alone match its full name. The rules
here are deliberately few: each one is a known spelling variant, not a fuzzy match.
General news names a speaker with what precedes the name ("Rep. Jim Clyburn", "Homeland
Security Secretary Jeh Johnson", "NBC's Dante Chinni") and with a middle initial
("Donald J. Trump"); the name is the head of that phrase, so both denote the person.
"""

from __future__ import annotations

import re
import unicodedata

ANONYMOUS = "anonymous"

# Words that mark a multi-word name as a description ("allies of Ukraine") rather than
# a person's name, so the surname rule must not apply to it.
_CONNECTORS = frozenset({"of", "and", "for", "the", "on", "in"})
_DELETED = str.maketrans("", "", ".'\u2019\u2018`\u02bc")
_NOT_WORD = re.compile(r"[^\w\s]+")
_DOUBLED = re.compile(r"(.)\1+")
_FINAL_I = re.compile(r"(?:iy|yi|ij|yj|i)$")


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold_word(word: str) -> str:
    """Fold one lower-case word: x = ks, kh = h, doubled letters single, a final
    -iy/-yi/-ij/-i read as -y (Zelenskiy, Zelenskyy, Zelenskii and Zelensky agree), and
    the Arabic article el read as al (El-Hayya, al-Hayya)."""
    if word == "el":  # the Arabic article: El-Hayya = al-Hayya
        return "al"
    word = word.replace("x", "ks").replace("kh", "h")
    word = _DOUBLED.sub(r"\1", word)
    return _FINAL_I.sub("y", word)


def name_tokens(name: object) -> list[str]:
    """The folded words of a name; empty for anything that is not a non-blank string.

    Periods and apostrophes are deleted (J.D. = JD, O'Neil = ONeil), other punctuation
    splits words (Jean-Claude = Jean Claude) and a leading "the" is dropped.
    """
    if not isinstance(name, str):
        return []
    text = _strip_accents(name).lower().translate(_DELETED)
    words = _NOT_WORD.sub(" ", text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return [fold_word(w) for w in words]


def fold_name(name: object) -> str:
    """A name's comparison key: its folded words joined by single spaces."""
    return " ".join(name_tokens(name))


def _surname_of(short: list[str], full: list[str]) -> bool:
    """True when ``short`` is one word and the last word of a 2-4 word personal name."""
    if len(short) != 1 or not 2 <= len(full) <= 4:
        return False
    if _CONNECTORS.intersection(full):
        return False
    return short[0] == full[-1]


def _without_middle_initials(words: list[str]) -> list[str]:
    """A personal name without its one-letter middle words (Donald J. Trump = Donald Trump)."""
    if len(words) < 3:
        return words
    return [words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]]


def _head_name_of(short: list[str], full: list[str]) -> bool:
    """True when ``short``, a name of two or more words, ends the longer phrase ``full``
    (its title or description in front: "Sen. Lindsey Graham" is Lindsey Graham); never
    inside a description with a connector ("Committee for a Responsible Federal Budget")."""
    if not 2 <= len(short) < len(full) or _CONNECTORS.intersection(full):
        return False
    return full[-len(short):] == short


def names_match(gold: object, predicted: object) -> bool:
    """Whether two names denote the same actor under the scoring rules.

    A missing name never matches (a quote with no speaker is not attributed), and
    "anonymous" matches only "anonymous": an unnamed source is not anyone's surname.
    """
    a, b = name_tokens(gold), name_tokens(predicted)
    if not a or not b:
        return False
    if a == b:
        return True
    if ANONYMOUS in (" ".join(a), " ".join(b)):
        return False
    if _surname_of(a, b) or _surname_of(b, a):
        return True
    a, b = _without_middle_initials(a), _without_middle_initials(b)
    return a == b or _head_name_of(a, b) or _head_name_of(b, a)


def any_names_match(gold: list[object], predicted: list[object]) -> bool:
    """Whether some name of one list matches some name of the other."""
    return any(names_match(g, p) for g in gold for p in predicted)
