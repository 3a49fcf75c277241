"""dragoman's spaCy components, one module each; importing this package registers
their factories with spaCy."""

from dragoman.nlp.components import actors, dates, quotes, stances

__all__ = ["actors", "dates", "quotes", "stances"]
