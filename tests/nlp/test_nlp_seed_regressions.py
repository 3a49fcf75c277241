"""Two readings the canonical report needs, on sentences written for the tests."""

from __future__ import annotations

from collections.abc import Callable

from dragoman.models import ArticleRecord

Analyze = Callable[..., ArticleRecord]


def test_a_pronoun_in_a_clause_refers_to_its_own_sentences_subject(analyze: Analyze) -> None:
    body = (
        "“We see no movement yet,” said the ministry spokesman Arvid Lund on Monday. "
        "“The next round will tell,” the spokesman added. “We are patient,” he said.\n\n"
        "The head of the northern delegation, Viktor Petrenko, spoke on Tuesday about a "
        "possible accord, after a session he described as “businesslike”."
    )
    (quote,) = [q for q in analyze(body).quotes if q.text == "businesslike"]
    assert quote.speaker == "Viktor Petrenko"


def test_a_quoted_fragment_after_according_to_is_the_quote_not_the_whole_clause(
    analyze: Analyze,
) -> None:
    body = (
        "Talks between Aldoria and Brevia resumed in Oslo on Monday. According to the "
        "Aldorian envoy Tomas Ferre, the other side had for the first time agreed to "
        "“write down and sign” a list of its prisoners held since the spring."
    )
    quotes = analyze(body).quotes
    assert [(q.text, q.kind, q.speaker) for q in quotes] == [
        ("write down and sign", "mixed", "Tomas Ferre")
    ]
