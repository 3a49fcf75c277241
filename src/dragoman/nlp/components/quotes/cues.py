"""The cue words of the quotes component, by role, from ``lexicons/cues.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dragoman.nlp.lexicon import load_lexicon


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    value = data.get(key) or []
    return frozenset(str(word).lower() for word in value)


@dataclass(frozen=True)
class CueWords:
    """The roles of ``lexicons/cues.yaml`` that the quotes component reads."""

    speech: frozenset[str]
    indirect: frozenset[str]
    object_clause: frozenset[str]
    infinitive: frozenset[str]
    noun_object: frozenset[str]
    about: frozenset[str]
    particle: dict[str, frozenset[str]]

    @classmethod
    def load(cls) -> CueWords:
        data = load_lexicon("cues")
        particles = data.get("particle") or {}
        return cls(
            speech=_words(data, "speech"),
            indirect=_words(data, "indirect"),
            object_clause=_words(data, "object_clause"),
            infinitive=_words(data, "infinitive"),
            noun_object=_words(data, "noun_object"),
            about=_words(data, "about"),
            particle={
                str(verb).lower(): frozenset(str(p).lower() for p in words or [])
                for verb, words in particles.items()
            },
        )

    def reports(self, lemma: str) -> bool:
        """Whether a verb with this lemma can govern reported words."""
        return (
            lemma in self.indirect
            or lemma in self.object_clause
            or lemma in self.noun_object
            or lemma in self.about
        )
