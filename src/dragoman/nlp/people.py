"""People the text names: a name built from a subject phrase, and a person's gender.

The parser or the gazetteer miss many names ("Sen. Bernie Sanders (I-Vt.)", names with
middle initials or "Jr."); :func:`name_from_phrase` builds one from the proper nouns at
the head of a subject phrase, with the titles of ``lexicons/speakers.yaml`` stripped.
:func:`genders` reads the gender the text gives a person (an honorific, a gendered
role word) so that "he" and "she" find the right antecedent. :func:`name_beside`
finds the name after a role noun that the parser did not attach to it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from dragoman.nlp.extensions import Mention
from dragoman.nlp.lexicon import load_lexicon

_WORDS = load_lexicon("speakers")
#: Titles and descriptors that stand before a name without being part of it.
TITLES = frozenset(str(w).lower().rstrip(".") for w in _WORDS.get("titles") or [])
#: Words that tell a person's gender, by gender.
GENDER_WORDS = {
    gender: frozenset(str(w).lower() for w in words)
    for gender, words in (_WORDS.get("honorifics") or {}).items()
}
#: Name suffixes kept with a name.
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
#: Entity labels a person's name may carry (none: the recogniser missed it).
_MAY_BE_PEOPLE = {"PERSON", ""}


def gender_of_word(word: str) -> str | None:
    """The gender a word gives ("Mr." -> male, "her" -> female), if any."""
    key = word.lower().rstrip(".")
    for gender, words in GENDER_WORDS.items():
        if key in words:
            return gender
    return None


def _is_name_word(token: Token) -> bool:
    text = token.text
    if token.lower_.rstrip(".") in _SUFFIXES:
        return True
    if not text[:1].isupper() or token.is_punct:
        return False
    # A middle initial ("George W. Bush") is part of a name.
    return _proper(token) or (len(text) == 2 and text.endswith("."))


def _proper(token: Token) -> bool:
    """A proper noun, or a word the recogniser puts in a person's name though the
    tagger called it a common noun (the small model tags many surnames NOUN)."""
    return token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.ent_type_ == "PERSON")


def name_from_phrase(head: Token) -> str | None:
    """The name a subject phrase gives its head, titles stripped: "Sen. Bernie
    Sanders (I-Vt.)" -> "Bernie Sanders"; None when the head is not a proper name."""
    if not _proper(head) or not head.text[:1].isupper() or head.ent_type_ not in _MAY_BE_PEOPLE:
        return None
    doc = head.doc
    start = head.i
    while start > head.sent.start and _is_name_word(doc[start - 1]):
        previous = doc[start - 1]
        if previous.head.i != head.i and previous.head.i not in range(start - 1, head.i + 1):
            break
        start -= 1
    end = head.i + 1
    while end < head.sent.end and doc[end].lower_.rstrip(".") in _SUFFIXES:
        end += 1
    words = [t for t in doc[start:end] if not (t.is_punct and t.text != ".")]
    while words and words[0].lower_.rstrip(".") in TITLES:
        words = words[1:]
    if not words or len(words) > 5:
        return None
    if any(w.lower_ in ("the", "of", "and") for w in words):
        return None
    return " ".join(t.text for t in words).replace(" ,", ",")


def genders(doc: Doc, mentions: list[Mention]) -> dict[str, str]:
    """The gender the text gives each person: an honorific or gendered role word just
    before a mention ("Ms. Roe", "spokeswoman Jane Roe") or in its apposition; never a
    pronoun before it, which is somebody else's."""
    found: dict[str, str] = {}
    for mention in mentions:
        if mention.kind != "person" or mention.name in found:
            continue
        words = [doc[i] for i in range(max(0, mention.token_start - 3), mention.token_start)]
        head = doc[mention.token_end - 1]
        words += [c for c in head.children if c.dep_ == "appos"]
        words += [doc[mention.token_start]]
        for word in reversed(words):
            if word.pos_ == "PRON":
                continue  # "after he admitted under Warren's grilling": his, not hers
            gender = gender_of_word(word.text)
            if gender is not None:
                found[mention.name] = gender
                break
    return found


def name_beside(head: Token) -> Token | None:
    """The name right after a subject noun that the parser read as a second subject
    of the same verb rather than as its apposition ("Russia's negotiator Kirill
    Dmitriev told ...": both "negotiator" and "Dmitriev" hang from "told"): the
    first token of that name."""
    after = head.right_edge.i + 1
    if head.pos_ != "NOUN" or after >= len(head.doc) or head.head.i == head.i:
        return None
    first = head.doc[after]
    root = first
    while root.dep_ in ("compound", "flat") and root.head.i > root.i:
        root = root.head
    if root.pos_ != "PROPN" or root.dep_ != head.dep_ or root.head.i != head.head.i:
        return None
    return first
