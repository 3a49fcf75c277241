"""The ``dragoman_dates`` component: time expressions in the body, resolved against
the publication date.

spaCy's DATE entities miss forms reports use ("this Wednesday (30)") and split
others, so expressions are found with one pattern (``timeexpr.EXPRESSION``) and by
the entity recogniser, and each is resolved by :func:`dragoman.nlp.timeexpr.resolve`.
Expressions are resolved towards the past, the direction of reported statements;
components that date plans re-resolve the text towards the future.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from dragoman.nlp.extensions import TimeExpression, register_extensions, text_of
from dragoman.nlp.timeexpr import EXPRESSION, resolve

#: A DATE entity that names a point in time rather than a duration ("four years",
#: "50 days") or a frequency ("daily"): a month, a year, or a relative period.
_POINT_IN_TIME = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:19|20)\d\d\b"
    r"|\b(?:last|this|next|earlier|previous|past)\s+(?:week|month|year|weekend|summer|winter|spring|autumn)",
    re.IGNORECASE,
)


class DatesComponent:
    def __init__(self, name: str) -> None:
        register_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published
        found: dict[tuple[int, int], TimeExpression] = {}
        for match in EXPRESSION.finditer(text_of(doc)):
            text = match.group()
            found[match.span()] = TimeExpression(
                match.start(), match.end(), text, resolve(text, published).date
            )
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            if any(s <= ent.start_char < e or s < ent.end_char <= e for s, e in found):
                continue
            if not _POINT_IN_TIME.search(ent.text):
                continue
            found[(ent.start_char, ent.end_char)] = TimeExpression(
                ent.start_char, ent.end_char, ent.text, resolve(ent.text, published).date
            )
        doc._.times = sorted(found.values(), key=lambda t: t.start)
        return doc


@Language.factory("dragoman_dates", assigns=["doc._.times"], requires=["doc._.published"])
def make_dates(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent(name)
