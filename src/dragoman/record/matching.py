"""What a person types for an actor, a party or an issue, matched to the record's names.

Filters compare names and codes exactly (ignoring case), but people type surnames,
aliases and plain words: ``Lavrov`` for Sergey Lavrov, ``Moscow`` for Russia when the
reports call it so, ``NATO`` for ``alliance_membership``. :class:`Names` holds the names
the store knows (with their aliases and how often they appear) and the words of each
issue (``words:`` in ``vocabulary.yaml``); :meth:`Names.resolve` turns the filters a
person gave into the filters the record takes, with one :class:`Match` per filter that
says what was matched and how, so that every interface can show it.

The tiers, first found wins: the name itself; the name in another case (or without
accents); an alias; a surname (the last word of a name) or the last words of it; any
word of a name. Within a tier the name found in the most reports wins, and the others
are kept in :attr:`Match.others`. Nothing matched leaves the text as it was given.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from dragoman.record.filters import Filters
from dragoman.vocabulary import ISSUE_WORDS

#: How a match was made, from the surest to the loosest.
HOW = ("exact", "case", "alias", "surname", "part", "code", "word", "unknown")
MAX_OTHERS = 5


def fold(text: str) -> str:
    """A name as compared: case and accents dropped, dots, hyphens and underscores as
    spaces, white space collapsed (``Zelenskyy`` stays apart from ``Zelensky``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[._\-‐-―'’]+", " ", plain).split())


@dataclass(frozen=True)
class Name:
    """One name the store knows: an actor or a party, its aliases, and in how many
    reports it appears (which breaks ties)."""

    name: str
    aliases: tuple[str, ...] = ()
    reports: int = 0


@dataclass(frozen=True)
class Match:
    """What ``given`` (for ``option``: actor, party or issue) was taken to mean."""

    option: str
    given: str
    value: str
    how: str
    others: tuple[str, ...] = ()

    @property
    def known(self) -> bool:
        return self.how != "unknown"

    @property
    def changed(self) -> bool:
        """Whether the filter now holds something other than what was typed."""
        return self.value != self.given

    def note(self) -> str:
        """One line for a person: ``actor 'Lavrov' matched Sergey Lavrov (surname)``."""
        if not self.known:
            return f"{self.option} {self.given!r} matches no known {self.option}"
        part = "part of a code" if self.option == "issue" else "part of the name"
        how = {"case": "name", "part": part}.get(self.how, self.how)
        line = f"{self.option} {self.given!r} matched {self.value} ({how})"
        if self.others:
            line += "; also: " + ", ".join(self.others)
        return line

    def to_dict(self) -> dict[str, Any]:
        return {
            "option": self.option,
            "given": self.given,
            "value": self.value,
            "how": self.how,
            "others": list(self.others),
            "note": self.note(),
        }


def _best(option: str, given: str, tiers: Sequence[tuple[str, Sequence[Name]]]) -> Match | None:
    """The first tier with a name in it: its most reported name, the others kept."""
    for how, found in tiers:
        if found:
            ranked = sorted({n.name: n for n in found}.values(), key=lambda n: (-n.reports, n.name))
            others = tuple(n.name for n in ranked[1 : 1 + MAX_OTHERS])
            return Match(option, given, ranked[0].name, how, others)
    return None


def match_name(option: str, given: str, names: Iterable[Name]) -> Match:
    """``given`` matched to one of ``names`` (see the module's docstring)."""
    text = given.strip()
    known = list(names)
    exact = [n for n in known if n.name == text]
    if exact:
        return Match(option, given, text, "exact")
    want = fold(text)
    if not want:
        return Match(option, given, given, "unknown")
    words = want.split()
    tiers: list[tuple[str, Callable[[Name], bool]]] = [
        ("case", lambda n: fold(n.name) == want),
        ("alias", lambda n: any(fold(a) == want for a in n.aliases)),
        ("surname", lambda n: fold(n.name).split()[-len(words) :] == words),
        ("part", lambda n: all(w in fold(n.name).split() for w in words)),
    ]
    for how, test in tiers:
        found = [n for n in known if fold(n.name) and test(n)]
        best = _best(option, given, [(how, found)])
        if best is not None:
            return best
    return Match(option, given, given, "unknown")


def match_issue(given: str, words: Mapping[str, Sequence[str]] = ISSUE_WORDS) -> Match:
    """``given`` matched to an issue code: the code, the code written with spaces or in
    another case, one of its words, or one part of a code (``nuclear``)."""
    text = given.strip()
    if text in words:
        return Match("issue", given, text, "exact")
    want = fold(text)
    order = {code: i for i, code in enumerate(words)}

    def issues(test: Callable[[str], bool]) -> list[Name]:
        # Codebook order breaks ties: earlier codes rank as if more reported.
        return [Name(code, (), -order[code]) for code in words if test(code)]

    tiers = [
        ("code", issues(lambda code: fold(code) == want)),
        ("word", issues(lambda code: any(fold(w) == want for w in words[code]))),
        ("part", issues(lambda code: bool(want) and want in fold(code).split())),
    ]
    return _best("issue", given, tiers) or Match("issue", given, given, "unknown")


class Names:
    """The names a store knows and the words of the issues, to match filters against."""

    def __init__(
        self,
        actors: Iterable[Name] = (),
        parties: Iterable[Name] = (),
        issue_words: Mapping[str, Sequence[str]] = ISSUE_WORDS,
    ) -> None:
        self.actors = list(actors)
        self.parties = list(parties)
        self.issue_words = issue_words

    @classmethod
    def of(cls, known: Mapping[str, Any]) -> Names:
        """From :meth:`Store.known_names <dragoman.store.Store.known_names>`: ``actors``
        and ``parties``, each a list of ``{"name", "aliases", "reports"}``."""

        def names(rows: Iterable[Mapping[str, Any]]) -> list[Name]:
            return [
                Name(str(r["name"]), tuple(r.get("aliases") or ()), int(r.get("reports") or 0))
                for r in rows
            ]

        return cls(names(known.get("actors", ())), names(known.get("parties", ())))

    def actor(self, given: str) -> Match:
        """An actor (a person or a party): ``Lavrov`` → ``Sergey Lavrov``."""
        return match_name("actor", given, [*self.actors, *self.parties])

    def party(self, given: str) -> Match:
        """A party: ``russia`` → ``Russia``; an alias of a party counts."""
        return match_name("party", given, self.parties)

    def issue(self, given: str) -> Match:
        """An issue: ``NATO`` → ``alliance_membership``."""
        return match_issue(given, self.issue_words)

    def resolve(self, filters: Filters) -> tuple[Filters, list[Match]]:
        """``filters`` with the actor, party and issue matched; and the matches (one per
        filter given), so that an interface can say what was matched."""
        matches = []
        for option, find in (("actor", self.actor), ("party", self.party), ("issue", self.issue)):
            given = getattr(filters, option)
            if given is not None:
                matches.append(find(given))
        found = {m.option: m.value for m in matches}
        resolved = replace(
            filters,
            actor=found.get("actor", filters.actor),
            party=found.get("party", filters.party),
            issue=found.get("issue", filters.issue),
        )
        return resolved, matches

    def suggestions(self, limit: int = 300) -> dict[str, list[str]]:
        """Known values to offer in an input: the most reported actors, the parties,
        the issue codes."""
        ranked = sorted(self.actors, key=lambda n: (-n.reports, n.name))[:limit]
        return {
            "actors": sorted((n.name for n in ranked), key=str.casefold),
            "parties": sorted({n.name for n in self.parties}, key=str.casefold),
            "issues": list(self.issue_words),
        }


def notes(matches: Iterable[Match]) -> list[str]:
    """The lines worth showing: matches that changed what was typed (beyond its case),
    or found nothing."""
    return [m.note() for m in matches if (m.changed and m.how != "case") or not m.known]
