"""One-to-one assignment of predictions to gold items.

Without it, one long predicted quote could be credited for three gold fragments, or
three copies of a prediction for one gold item. The assignment maximises the number of
matched pairs (augmenting paths, as in Kuhn's algorithm), so the score never depends on
the order the extractor printed its items in. Gold items are taken required-first: the
matchable sets form a matroid, so this covers as many required items as any maximum
assignment can, which is what recall counts. Among a gold item's candidates the better
scored one is tried first, which decides ties such as which of two dates is compared.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

G = TypeVar("G")
P = TypeVar("P")


def _augment(g: int, candidates: list[list[int]], owner: list[int | None], seen: set[int]) -> bool:
    for p in candidates[g]:
        if p in seen:
            continue
        seen.add(p)
        current = owner[p]
        if current is None or _augment(current, candidates, owner, seen):
            owner[p] = g
            return True
    return False


def assign(
    gold: Sequence[G],
    predicted: Sequence[P],
    compatible: Callable[[G, P], bool],
    preference: Callable[[G, P], Any] = lambda g, p: 0,
    required: Callable[[G], bool] = lambda g: True,
) -> list[tuple[int, int]]:
    """Pairs ``(gold index, predicted index)``, each index used at most once.

    ``compatible`` says whether a pair may match; ``preference`` (higher is better)
    orders a gold item's candidates; ``required`` puts required gold items first.
    """
    candidates: list[list[int]] = []
    for item in gold:
        ok = [i for i, p in enumerate(predicted) if compatible(item, p)]
        scores = {i: preference(item, predicted[i]) for i in ok}
        ok.sort(key=scores.__getitem__, reverse=True)
        candidates.append(ok)
    owner: list[int | None] = [None] * len(predicted)
    order = sorted(range(len(gold)), key=lambda i: not required(gold[i]))
    for index in order:
        _augment(index, candidates, owner, set())
    return sorted((g, p) for p, g in enumerate(owner) if g is not None)
