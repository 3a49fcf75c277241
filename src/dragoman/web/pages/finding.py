"""What the pages share for finding things: the names a person types matched to the
record's (:mod:`dragoman.record.matching`), the known values an input suggests, and the
label of a source (outlet, title, date) with the anchor of the item in its report."""

from __future__ import annotations

from typing import Any

from dragoman.record.filters import Filters
from dragoman.record.matching import Match, Names, notes
from dragoman.store import Store
from dragoman.web.pages.articles import KIND_OF


def names(store: Store) -> Names:
    """The actors, parties and issue words of the store, to match against."""
    return Names.of(store.known_names())


def resolve(store: Store, filters: Filters) -> tuple[Filters, dict[str, Any]]:
    """``filters`` with actor, party and issue matched to known names, and what to say
    about it: ``matched`` (one dict per filter given) and ``notes`` (lines for a person,
    only where the match changed what was typed or found nothing)."""
    if filters.actor is None and filters.party is None and filters.issue is None:
        return filters, {"matched": [], "notes": []}
    found, matches = names(store).resolve(filters)
    return found, described(matches)


def described(matches: list[Match]) -> dict[str, Any]:
    return {"matched": [m.to_dict() for m in matches], "notes": notes(matches)}


def suggestions(store: Store) -> dict[str, list[str]]:
    """The values the actor, party and issue inputs suggest (an HTML datalist)."""
    return names(store).suggestions()


def anchor(target: str, item_id: int | None) -> str | None:
    """The id of an item on its report's page (``quote-12``: ``/articles/ID#quote-12``),
    or None."""
    return f"{KIND_OF[target]}-{item_id}" if item_id is not None and target in KIND_OF else None
