"""The states of the world, their capitals and adjectives (``lexicons/states.yaml``), and
the usual venues of negotiations (``lexicons/places.yaml``): which state a word stands
for ("Tehran", "Azerbaijani", "Pakistan's") and which state a place lies in ("Muscat" ->
Oman). Names that states.yaml marks ambiguous (Georgia, Jordan) never stand for a state.

A fallback beside the gazetteer: the gazetteer knows the actors of the negotiations it
was written for; this file knows every state, so that a report on any negotiation
between states finds its parties.
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Token

from dragoman.nlp.lexicon import load_lexicon

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


class Places:
    """States by their names, capitals and adjectives; venues by their state."""

    def __init__(self, data: dict[str, object]) -> None:
        #: Every form that names a state (name, alias, capital, adjective) -> the state.
        self.state_of_form: dict[str, str] = {}
        #: Every place (capital, venue, state) -> the state it lies in.
        self.country_of_place: dict[str, str] = {}
        #: Every place, lower-cased -> its name as the data file writes it.
        self.place_names: dict[str, str] = {}
        states = data.get("states") or {}
        assert isinstance(states, dict)
        listed = data.get("ambiguous") or []
        assert isinstance(listed, list)
        ambiguous = {str(name).lower() for name in listed}
        for state, spec in states.items():
            spec = spec or {}
            forms = [state, *(spec.get("aliases") or []), *(spec.get("adjectives") or [])]
            capital = spec.get("capital")
            for form in forms:
                if str(form).lower() not in ambiguous:
                    self.state_of_form.setdefault(str(form).lower(), str(state))
            if capital and str(capital).lower() not in ambiguous:
                self.state_of_form.setdefault(str(capital).lower(), str(state))
                self.country_of_place.setdefault(str(capital).lower(), str(state))
                self.place_names.setdefault(str(capital).lower(), str(capital))
            self.country_of_place.setdefault(str(state).lower(), str(state))
            self.place_names.setdefault(str(state).lower(), str(state))
        venues = data.get("venues") or {}
        assert isinstance(venues, dict)
        for venue, state in venues.items():
            self.country_of_place.setdefault(str(venue).lower(), str(state))
            self.place_names.setdefault(str(venue).lower(), str(venue))

    def state_of(self, text: str) -> str | None:
        """The state a word or name stands for: "Iranian", "Tehran", "Iran's"."""
        key = _POSSESSIVE.sub("", text.strip()).lower()
        return self.state_of_form.get(key)

    def state_of_token(self, token: Token) -> str | None:
        """The state a token stands for, as a one-word name or inside a named entity
        ("Saudi Arabia", "New Delhi")."""
        if token.ent_iob_ != "O" and token.ent_type_ in ("GPE", "NORP", "LOC"):
            doc, start, end = token.doc, token.i, token.i + 1
            while start > 0 and doc[start].ent_iob_ == "I":
                start -= 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            text = doc[start:end].text
            state = self.state_of(text.removeprefix("the ").removeprefix("The "))
            if state:
                return state
        return self.state_of(token.text)

    def place_named(self, text: str) -> str | None:
        """The place a name stands for, as the data file writes it ("muscat" ->
        "Muscat"), or None."""
        key = _POSSESSIVE.sub("", text.strip()).lower()
        return self.place_names.get(key)

    def is_town(self, text: str) -> bool:
        """A capital or a venue, not a state: "Muscat", "Geneva", not "Oman"."""
        place = self.place_named(text)
        return place is not None and self.country_of_place.get(place.lower()) != place

    def country_of(self, place: str | None) -> str | None:
        """The state a place lies in (Muscat -> Oman); a state is its own."""
        if not place:
            return None
        key = place.strip().lower()
        if key in self.country_of_place:
            return self.country_of_place[key]
        head = key.split(",")[-1].strip()
        return self.country_of_place.get(head)


@functools.cache
def load_places() -> Places:
    """The states (states.yaml) and venues (places.yaml), read once."""
    states = load_lexicon("states")
    return Places({**states, "venues": load_lexicon("places").get("venues") or {}})
