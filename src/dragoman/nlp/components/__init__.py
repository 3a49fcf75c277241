"""dragoman's spaCy components, one module each; importing this package registers
their factories with spaCy."""

from dragoman.nlp.components import actors, assessments, dates, events, quotes, stances

__all__ = ["actors", "assessments", "dates", "events", "quotes", "stances"]
