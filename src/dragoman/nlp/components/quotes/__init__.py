"""The quotes component, by stage: the report's indices and state (``document``),
the cue words (``cues``), words inside quotation marks (``quotations``), the words a
cue governs (``indirect``), and one reading per stretch of words (``merge``).
Importing the package registers the ``dragoman_quotes`` factory."""

from dragoman.nlp.components.quotes.component import QuotesComponent, make_quotes
from dragoman.nlp.components.quotes.cues import CueWords

__all__ = ["CueWords", "QuotesComponent", "make_quotes"]
