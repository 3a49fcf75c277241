"""Merging a batch's partitions into a database, as ``dragoman ingest`` stores reports.

Each record is saved in its own transaction by :meth:`Store.save`, which keeps a
stored article as it is: loading twice, or loading two batches that overlap, adds
each article once. One writer, the loading process; the cluster is not needed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dragoman.distributed import partitions as parts
from dragoman.errors import DragomanError
from dragoman.store import Store

#: Called after each partition: (the partition, partitions done, partitions in all).
LoadProgress = Callable[[Path, int, int], None]


@dataclass
class LoadResult:
    """What a load did: articles added, articles already stored, and each failure as
    ``(source, reason)``: a record that could not be saved, or a report of the batch
    that has no record (its error row) and is not stored either."""

    partitions: int = 0
    added: int = 0
    present: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_dict(self) -> dict[str, Any]:
        return {
            "partitions": self.partitions,
            "added": self.added,
            "present": self.present,
            "failed": [{"source": s, "reason": r} for s, r in self.failed],
        }


def load_partitions(
    out: str | os.PathLike[str],
    db: Store | str | os.PathLike[str],
    progress: LoadProgress | None = None,
) -> LoadResult:
    """Save every record of the partitions under ``out`` into ``db`` (an open Store, or
    a path or URL to open). A batch's error row counts as failed unless its report is
    stored by now (a later batch analysed it)."""
    found = parts.partitions(out, must_exist=True)
    result = LoadResult(partitions=len(found))
    store = db if isinstance(db, Store) else Store.open(db)
    try:
        errors: dict[tuple[str, str, str], parts.ErrorRow] = {}
        for done, part in enumerate(found, 1):
            records, rows = parts.read_partition(part)
            for record in records:
                _save(store, record, result)
            errors.update((row.key, row) for row in rows)
            if progress is not None:
                progress(part, done, len(found))
        for row in errors.values():
            if row.article_id is None or not store.has(row.article_id):
                result.failed.append((row.source, row.reason))
    finally:
        if store is not db:
            store.close()
    return result


def _save(store: Store, record: Any, result: LoadResult) -> None:
    try:
        saved = store.save(record)
    except DragomanError as e:
        result.failed.append((e.source or record.article.source, f"[{e.code}] {e.message}"))
        return
    if saved:
        result.added += 1
    else:
        result.present += 1
