"""The reports: the list, newest first, and one report highlighted with its review."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

from dragoman.errors import NotFound
from dragoman.models import item_dating
from dragoman.record.evidence import sentence_at
from dragoman.store import Store
from dragoman.web.pages import iso

PAGE_SIZE = 50

KIND_OF = {
    "quotes": "quote",
    "positions": "position",
    "events": "event",
    "assessments": "assessment",
}


def article_list(store: Store, page: int = 1) -> dict[str, Any]:
    page = max(1, page)
    rows, more = store.article_page(page, PAGE_SIZE)
    items = [{**r, "published": iso(r["published"])} for r in rows]
    return {"page": page, "more": more, "articles": items}


def label(target: str, value: Any) -> str:
    if target == "quotes":
        return f"quote: {value.speaker or 'unattributed'} ({value.kind})"
    if target == "positions":
        return f"position: {value.party} {value.stance} {value.issue}"
    if target == "events":
        return f"event: {value.type} ({value.status})"
    return f"assessment: {value.actor} {value.polarity}"


def segments(body: str, spans: Sequence[Mapping[Any, Any]]) -> list[dict[str, Any]]:
    """The body cut where any highlight starts or ends; each piece with the kinds and
    references of the highlights covering it. Plain text: the template escapes it."""
    cuts = {0, len(body)}
    for span in spans:
        cuts.update((span["start"], span["end"]))
    points = sorted(c for c in cuts if 0 <= c <= len(body))
    pieces = []
    for a, b in itertools.pairwise(points):
        if a == b:
            continue
        covering = [s for s in spans if s["start"] <= a and b <= s["end"]]
        pieces.append(
            {
                "text": body[a:b],
                "start": a,
                "kinds": sorted({s["kind"] for s in covering}),
                "refs": [s["ref"] for s in covering],
                "title": "; ".join(s["label"] for s in covering),
            }
        )
    return pieces


def article(
    store: Store, article_id: str, refused: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """One report: metadata, caption and credit apart, the body with every extraction
    highlighted at its offsets, each extraction (machine and reviewed, with its dating:
    an undated one says so; its confidence and who checked it) and the audit trail.

    ``refused``: a review the app did not take (``ref`` of the item, ``message``, and
    the form as sent, ``form``), shown on its item with what the analyst had typed."""
    found = store.load_reviewed(article_id)
    if found is None:
        raise NotFound(f"no article {article_id}")
    body = found.article.body
    published = found.article.published
    spans = []
    items: dict[str, list[dict[str, Any]]] = {}
    for target, listed in found.items.items():
        items[target] = []
        for item in listed:
            value = item.value
            data = item.to_dict()
            data.update(item_dating(value.date, published).to_dict())
            data["ref"] = f"{KIND_OF[target]}-{item.id}"
            data["evidence"] = sentence_at(body, value.start, value.end)
            data["corrections"] = [c.to_dict() for c in item.state.corrections]
            data["confidence"] = round(float(value.confidence), 3)
            data["checked"] = item.state.checked
            data["added"] = item.state.added
            if refused and refused.get("ref") == data["ref"]:
                data["refused"] = dict(refused)
            items[target].append(data)
            if not item.rejected and 0 <= value.start < value.end <= len(body):
                spans.append(
                    {
                        "start": value.start,
                        "end": value.end,
                        "kind": KIND_OF[target],
                        "ref": data["ref"],
                        "label": label(target, value),
                    }
                )
    spans.sort(key=lambda s: (s["start"], s["end"]))
    return {
        "article": found.article.to_dict(),
        "body": body,
        "reviewed": found.reviewed,
        "accepted": found.marked_reviewed,
        "marked": found.state.checked,
        "refused": dict(refused) if refused else None,
        "actors": [a.to_dict() for a in found.actors],
        **items,
        "highlights": spans,
        "segments": segments(body, spans),
        "corrections": [c.to_dict() for c in reversed(found.corrections)],
    }
