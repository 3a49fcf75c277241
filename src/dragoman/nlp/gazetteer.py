"""The gazetteer: who and where, under one canonical name each.

Reports spell the same person three ways (Medinsky, Medinski, Medinskiy) and name
a state by its capital or seat of government (Moscow, the Kremlin). The gazetteer is
a data file (``lexicons/gazetteer.yaml``) that a user can extend with their own
file in ``DRAGOMAN_GAZETTEER``; this module loads it and answers look-ups.

The world's states, their capitals and nationality adjectives, and the armed groups
that are parties to talks come from ``lexicons/states.yaml``, so a report on talks the
gazetteer has never heard of still finds its parties. A person's role may carry the
days it was held (``from``/``to``), so a role phrase resolves to its holder on the
report's day.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dragoman.errors import LexiconError

DATA_FILE = Path(__file__).parent / "lexicons" / "gazetteer.yaml"
STATES_FILE = Path(__file__).parent / "lexicons" / "states.yaml"


_POSSESSIVE = re.compile(r"'s\b")
_NOT_WORD = re.compile(r"[^a-z0-9 ]+")
_SLAVIC_ENDING = re.compile(r"(?:iy|yy|ii|y|i)$")


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Fold a name for comparison: accents, case, punctuation, possessives and the
    transliteration variants of Slavic surname endings (-sky/-ski/-skiy/-skyy).
    (A pure function of the text, so its results are kept: components fold the same
    words over and over.)"""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("\u2019", "'")
    text = _POSSESSIVE.sub("", text)
    text = _NOT_WORD.sub(" ", text)
    words = []
    for word in text.split():
        word = _SLAVIC_ENDING.sub("y", word) if len(word) > 3 else word
        words.append(word)
    return " ".join(words)


@dataclass
class Entry:
    """One canonical actor: a person, a party or an organisation."""

    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    party: str | None = None
    adjectives: list[str] = field(default_factory=list)
    media: bool = False  # a news outlet: an actor only when it is quoted
    #: The periods the role was held (first day, day it passed on), where known.
    held: list[tuple[dt.date | None, dt.date | None]] = field(default_factory=list)

    def holds_role_on(self, day: dt.date | None) -> bool:
        """Whether the person held their role on ``day`` (True when either is unknown)."""
        if day is None or not self.held:
            return True
        return any(
            (start is None or start <= day) and (end is None or day < end)
            for start, end in self.held
        )


@dataclass
class Gazetteer:
    """Look-ups over the loaded entries, by folded form."""

    entries: dict[str, Entry]
    places: dict[str, str]
    place_spellings: dict[str, str]
    unmatched: frozenset[str] = frozenset()  # names never matched (Chad, Jordan)
    _by_form: dict[str, Entry] = field(default_factory=dict)
    _adjectives: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for entry in self.entries.values():
            for form in [entry.name, *entry.aliases]:
                key = fold(form)
                if key in self.unmatched:
                    continue
                # A full name wins over a surname another entry also uses.
                if key and (key not in self._by_form or entry.kind == "party"):
                    self._by_form.setdefault(key, entry)
            for adjective in entry.adjectives:
                self._adjectives[fold(adjective)] = entry.name

    def lookup(self, text: str) -> Entry | None:
        """The entry a name or alias stands for, or None."""
        key = fold(text)
        key = key.removeprefix("the ")
        return self._by_form.get(key)

    def party_of_adjective(self, word: str) -> str | None:
        """The party a nationality word makes a role belong to: Russian -> Russia,
        Iranians -> Iran, Iran's -> Iran."""
        key = fold(word)
        party = self._adjectives.get(key)
        if party is None and len(key) > 4 and key.endswith(("ans", "is")):
            party = self._adjectives.get(key[:-1])
        return party

    def holders(
        self, role_words: Iterable[str], party: str | None, day: dt.date | None
    ) -> list[Entry]:
        """The people of the gazetteer whose role has one of ``role_words`` and names
        ``party`` (by name or adjective), who held it on ``day``."""
        words = tuple(role_words)
        found = []
        for entry in self.entries.values():
            if entry.kind != "person" or not entry.role or not entry.holds_role_on(day):
                continue
            role = entry.role.lower()
            if not any(word in role for word in words):
                continue
            if party is not None and entry.party != party:
                continue
            found.append(entry)
        return found

    def country_of_place(self, place: str) -> str | None:
        return self.places.get(self.canonical_place(place))

    def canonical_place(self, place: str) -> str:
        return self.place_spellings.get(place, place)

    def surface_forms(self) -> list[tuple[str, Entry]]:
        """Every name and alias with its entry, for phrase matching."""
        forms = []
        for entry in self.entries.values():
            for form in [entry.name, *entry.aliases]:
                if fold(form) not in self.unmatched:
                    forms.append((form, entry))
        return forms


def _entries(data: dict[str, Any]) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for name, spec in (data.get("parties") or {}).items():
        spec = spec or {}
        entries[name] = Entry(
            name=name,
            kind="party",
            aliases=list(spec.get("aliases") or []),
            adjectives=list(spec.get("adjectives") or []),
        )
    for name, aliases in (data.get("organizations") or {}).items():
        entries[name] = Entry(name=name, kind="organization", aliases=list(aliases or []))
    for name, aliases in (data.get("media") or {}).items():
        entries[name] = Entry(
            name=name, kind="organization", aliases=list(aliases or []), media=True
        )
    for spec in data.get("people") or []:
        entries[spec["name"]] = Entry(
            name=spec["name"],
            kind="person",
            aliases=list(spec.get("aliases") or []),
            role=spec.get("role"),
            party=spec.get("party"),
            held=_periods(spec),
        )
    return entries


def _periods(spec: dict[str, Any]) -> list[tuple[dt.date | None, dt.date | None]]:
    periods = [(_day(a), _day(b)) for a, b in spec.get("held") or []]
    if "from" in spec or "to" in spec:
        periods.append((_day(spec.get("from")), _day(spec.get("to"))))
    return periods


def _day(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _states(data: dict[str, Any]) -> dict[str, Entry]:
    """The world's states and the armed groups of ``states.yaml`` as parties; a state's
    own name and capital (and their possessives) read as its adjectives too."""
    entries: dict[str, Entry] = {}
    for section in ("states", "groups"):
        for name, spec in (data.get(section) or {}).items():
            spec = spec or {}
            capital = spec.get("capital")
            aliases = [*(spec.get("aliases") or []), *([capital] if capital else [])]
            entries[name] = Entry(
                name=name,
                kind="party",
                aliases=aliases,
                adjectives=[*(spec.get("adjectives") or []), name, *aliases],
            )
    return entries


def _merge(base: dict[str, Entry], curated: dict[str, Entry]) -> dict[str, Entry]:
    """The curated gazetteer over the world's states: a party in both keeps the
    curated entry, with the states file's aliases and adjectives added."""
    merged = dict(base)
    for name, entry in curated.items():
        known = merged.get(name)
        if known is not None and entry.kind == "party":
            entry.aliases += [a for a in known.aliases if a not in entry.aliases]
            entry.adjectives += [a for a in known.adjectives if a not in entry.adjectives]
        merged[name] = entry
    return merged


def _read(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    if not isinstance(data, dict):
        raise TypeError(f"{path}: a gazetteer must be a mapping")
    return data


@functools.lru_cache(maxsize=4)
def load_gazetteer(extra: str | None = None) -> Gazetteer:
    """Load the bundled gazetteer, merged with the user's file (``extra`` or the
    ``DRAGOMAN_GAZETTEER`` environment variable) when there is one."""
    data = _read(DATA_FILE)
    states = _read(STATES_FILE)
    entries = _merge(_states(states), _entries(data))
    unmatched = frozenset(fold(name) for name in states.get("ambiguous") or [])
    places = dict(data.get("places") or {})
    spellings = dict(data.get("place_spellings") or {})
    user_file = extra or os.environ.get("DRAGOMAN_GAZETTEER")
    if user_file:
        try:
            user = _read(Path(user_file))
        except (OSError, yaml.YAMLError, TypeError) as e:
            raise LexiconError(
                f"cannot read the gazetteer ({type(e).__name__}: {e})", source=user_file
            ) from e
        entries.update(_entries(user))
        places.update(user.get("places") or {})
        spellings.update(user.get("place_spellings") or {})
    return Gazetteer(entries=entries, places=places, place_spellings=spellings, unmatched=unmatched)
