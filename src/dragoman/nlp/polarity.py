"""Negation and polarity, for every component that reads them.

- :func:`negated`: a verb (or the verbs it completes) carries a negation ("were not
  invited to attend", "did not want to give up");
- :func:`negator_before`, :func:`reverser_before`: a negator or a reversing verb a
  few words before a cue, in the same clause ("not constructive", "stalling
  progress");
- :func:`denied_by_verb`, :func:`doubted`: the verb above a cue, or a verb of opinion
  above that, is negated ("we don't think the talks were useful"), or a word above it
  doubts it ("too early to speak of a breakthrough").
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from spacy.tokens import Span, Token

from dragoman.nlp.wordpatterns import WordPattern, forms, match_at, norm, word_matches

POSITIVE = "positive"
NEGATIVE = "negative"
MIXED = "mixed"
OPPOSITE = {POSITIVE: NEGATIVE, NEGATIVE: POSITIVE}

#: Verbs whose negation denies what they govern ("I don't think it was useful").
OPINION_VERBS = frozenset(
    {
        "think",
        "believe",
        "expect",
        "see",
        "say",
        "consider",
        "feel",
        "find",
        "share",
        "call",
        "describe",
        "suppose",
        "imagine",
        "regard",
        "assess",
        "view",
        "point",
    }
)
#: Contrast words that join two clauses of the same rank ("X, but Y").
COORDINATING = frozenset({"but", "however", "yet", "nevertheless", "nonetheless"})
#: Tokens looked at before a cue for a negator.
NEGATION_WINDOW = 3


def has_negation(token: Token) -> bool:
    """The token itself carries a negation ("not", "n't", "never")."""
    return any(c.dep_ == "neg" for c in token.children)


def negated(token: Token, through: Collection[str] = ("xcomp",), levels: int = 3) -> bool:
    """A word or, up to ``levels`` words up, the words it completes (through the
    dependencies ``through``) are negated: "were not invited to attend"."""
    node = token
    for _ in range(levels):
        if has_negation(node):
            return True
        if node.dep_ not in through or node.head.i == node.i:
            return False
        node = node.head
    return False


def denied_span(span: Span) -> bool:
    """The verb that reports a span is negated: "Zelensky did not describe the talks
    as a failure" reports no judgement."""
    verb = span.root.head
    if verb is span.root or span.start <= verb.i < span.end:
        return False
    return has_negation(verb)


def clause_before(tokens: Sequence[Token], i: int) -> list[int]:
    """Indices of up to a few tokens before ``i`` in the same clause, nearest first;
    quotation marks are stepped over ("not “constructive”")."""
    found: list[int] = []
    sentence = tokens[i].sent.start
    k = i - 1
    while k >= 0 and len(found) < NEGATION_WINDOW:
        token = tokens[k]
        k -= 1
        if token.is_quote:
            continue
        if token.is_punct or token.i < sentence or norm(token.text) in COORDINATING:
            break
        found.append(k + 1)
    return found


def negator_before(tokens: Sequence[Token], i: int, negators: Sequence[WordPattern]) -> int | None:
    """Where a negator before ``tokens[i]`` starts ("no real progress"), or None."""
    for k in clause_before(tokens, i):
        for pattern in negators:
            start = k - len(pattern.words) + 1
            if start >= 0 and match_at(pattern, tokens, start) == k + 1:
                return start
        if tokens[k].dep_ == "neg":
            return k
    return None


def reverser_before(
    tokens: Sequence[Token], i: int, reversers: set[str] | frozenset[str]
) -> int | None:
    """Where a verb that turns a positive cue after it round ("stalling progress")
    stands, or None."""
    for k in clause_before(tokens, i):
        if forms(tokens[k].text, tokens[k].lemma_) & reversers:
            return k
    return None


def denied_by_verb(token: Token, tokens: Sequence[Token]) -> str | None:
    """The negation of the verb that governs the cue ("the talks were not
    constructive") or of a verb of opinion above it ("we don't think the talks were
    useful"), inside the statement and before the cue; never across "and"."""
    first = tokens[0].i
    node = token
    step = 0
    while step < 3:
        if node.head.i == node.i:
            return None
        if node.dep_ == "conj":
            # "not A or B" denies both; "not A and wanted B" does not deny B.
            if not any(norm(c.text) in ("or", "nor") for c in node.head.children):
                return None
            node = node.head
            continue
        node = node.head
        step += 1
        if step > 1 and norm(node.lemma_) not in OPINION_VERBS:
            continue
        for child in node.children:
            if child.dep_ == "neg" and first <= child.i < token.i:
                word = "not" if norm(child.text) == "n't" else child.text
                return f"{word} {node.text}"
    return None


def doubted(token: Token, doubters: Sequence[WordPattern]) -> str | None:
    """A word above the cue, or the predicate of a cue that is a subject, denies it
    ("too early to speak of a breakthrough", "progress is unlikely")."""
    nodes: list[Token] = []
    node = token
    for _ in range(4):
        if node.head.i == node.i:
            break
        if node.dep_ in ("nsubj", "nsubjpass"):
            nodes.extend(c for c in node.head.children if c.dep_ in ("acomp", "attr", "oprd"))
        node = node.head
        nodes.append(node)
    for node in nodes:
        children = {norm(c.text) for c in node.children}
        for pattern in doubters:
            *before, last = pattern.words
            if word_matches(last, node) and all(w in children for w in before):
                return " ".join([*before, node.text])
    return None
