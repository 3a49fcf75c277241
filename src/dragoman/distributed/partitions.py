"""The output of a distributed batch: a folder of Parquet partitions.

::

    DIR/
      part-3f2a9c0d1b7e4a55/      one partition: a few hundred reports
        articles.parquet          the tables of dragoman.record.export, same columns
        actors.parquet  quotes.parquet  events.parquet  positions.parquet
        assessments.parquet
        errors.parquet            source, article_id, code, reason: what failed
      part-…/

The tables are written by :func:`dragoman.record.export.export_records`, so a
partition has the shape of ``dragoman export --format parquet`` (one definition of
each table); ``errors.parquet`` is the one table added. Other tools read a whole table
with a glob (``DIR/part-*/quotes.parquet``).

A partition is written into a hidden folder and renamed into place when complete, so
a partition that exists is whole. Its name is a hash of the article ids and errors it
holds, and a batch skips what the folder holds already: running one twice writes
nothing new.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import typing
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from dragoman.errors import DistributedError
from dragoman.models import Article, ArticleRecord
from dragoman.record.export import export_records, output_folder
from dragoman.record.tables import TABLE_TYPES, TABLES, columns

PREFIX = "part-"
ERRORS = "errors"
ERROR_COLUMNS = ("source", "article_id", "code", "reason")


@dataclass(frozen=True)
class ErrorRow:
    """A report (or a file) that has no record, and why: ``reason`` as the CLI prints
    it (``[D203] the analysis took longer…``), ``code`` apart for queries."""

    source: str
    reason: str
    article_id: str | None = None

    @property
    def code(self) -> str:
        return self.reason[1:5] if self.reason.startswith("[D") else ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.article_id or "", self.reason)

    def to_row(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "article_id": self.article_id,
            "code": self.code,
            "reason": self.reason,
        }


def prepare(out: str | os.PathLike[str]) -> Path:
    """The output folder, created if needed."""
    return output_folder(
        Path(out), DistributedError, "is a file; a batch writes its partitions into a folder"
    )


def partitions(out: str | os.PathLike[str], *, must_exist: bool = False) -> list[Path]:
    """The complete partitions under ``out``, by name."""
    folder = Path(out)
    if must_exist and not folder.is_dir():
        raise DistributedError(
            "no batch output here; write one first with: dragoman batch INPUT --out " + str(folder),
            source=str(folder),
        )
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(PREFIX + "*") if (p / "articles.parquet").is_file())


def stored_ids(out: str | os.PathLike[str]) -> set[str]:
    """The ids of every article a partition under ``out`` holds."""
    import pyarrow.parquet as pq

    found: set[str] = set()
    for part in partitions(out):
        found.update(pq.read_table(part / "articles.parquet", columns=["id"]).column(0).to_pylist())
    return found


def stored_errors(out: str | os.PathLike[str]) -> list[ErrorRow]:
    """Every error row under ``out``, partition by partition."""
    return [row for part in partitions(out) for row in _errors(part)]


def _errors(part: Path) -> list[ErrorRow]:
    import pyarrow.parquet as pq

    path = part / f"{ERRORS}.parquet"
    if not path.is_file():
        return []
    return [
        ErrorRow(row["source"], row["reason"], row["article_id"])
        for row in pq.read_table(path).to_pylist()
    ]


def partition_name(records: Sequence[ArticleRecord], errors: Sequence[ErrorRow]) -> str:
    """A name that depends only on what the partition holds."""
    keys = sorted(r.article.id for r in records) + sorted("\t".join(e.key) for e in errors)
    return PREFIX + hashlib.sha256("\n".join(keys).encode("utf-8")).hexdigest()[:16]


def write_partition(
    out: Path, records: Sequence[ArticleRecord], errors: Sequence[ErrorRow]
) -> Path:
    """Write one partition, whole or not at all; a partition of the same name (the same
    content) already there is kept as it is."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    final = out / partition_name(records, errors)
    if final.is_dir():
        return final
    scratch = out / f".{final.name}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        export_records(records, "parquet", scratch)
        schema = pa.schema([(name, pa.string()) for name in ERROR_COLUMNS])
        table = pa.Table.from_pylist([e.to_row() for e in errors], schema=schema)
        pq.write_table(table, scratch / f"{ERRORS}.parquet")
        try:
            scratch.rename(final)
        except OSError:
            if not final.is_dir():  # not written meanwhile by another run: a real failure
                raise
    except OSError as e:
        raise DistributedError(f"cannot write a partition: {e}", source=str(out)) from e
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return final


def read_partition(part: Path) -> tuple[list[ArticleRecord], list[ErrorRow]]:
    """The records of one partition, in the order written, and its error rows."""
    import pyarrow.parquet as pq

    try:
        tables = {t: pq.read_table(part / f"{t}.parquet").to_pylist() for t in TABLES}
    except (OSError, ValueError) as e:  # pyarrow's errors derive from these
        raise DistributedError(f"cannot read the partition: {e}", source=str(part)) from e
    children: dict[str, dict[str, list[dict[str, Any]]]] = {t: {} for t in TABLES[1:]}
    for table in TABLES[1:]:
        for row in tables[table]:
            children[table].setdefault(row["article_id"], []).append(row)
    records = [
        record_from_rows(row, {t: children[t].get(row["id"], []) for t in TABLES[1:]})
        for row in tables["articles"]
    ]
    return records, _errors(part)


def iter_partitions(
    out: str | os.PathLike[str],
) -> Iterator[tuple[Path, list[ArticleRecord], list[ErrorRow]]]:
    """Each partition under ``out`` with its records and errors, read one at a time."""
    for part in partitions(out, must_exist=True):
        records, errors = read_partition(part)
        yield part, records, errors


# -- rows back to records ---------------------------------------------------------------
# models.py has ``to_dict`` but no way back; this is the inverse of
# dragoman.record.tables.record_rows, driven by the same column definitions.


def record_from_rows(
    article: Mapping[str, Any], children: Mapping[str, Iterable[Mapping[str, Any]]]
) -> ArticleRecord:
    """The ArticleRecord that :func:`dragoman.record.tables.record_rows` made rows of."""
    record = ArticleRecord(article=_build(Article, "articles", article))
    for table in TABLES[1:]:
        cls = TABLE_TYPES[table]
        setattr(record, table, [_build(cls, table, row) for row in children.get(table, ())])
    return record


def _build(cls: Any, table: str, row: Mapping[str, Any]) -> Any:
    """An instance of the dataclass ``cls`` from a row; a column the row lacks (a
    partition written before a field was added) takes the field's default."""
    types = {c.name: c.type for c in columns(table)}
    names = {f.name for f in fields(cls) if f.init}
    values = {n: _restore(types[n], row[n]) for n in names if n in row and n in types}
    return cls(**values)


def _restore(hint: Any, value: Any) -> Any:
    """A value as the dataclass holds it: tuples where the type says tuple (Arrow and
    the export keep them as lists)."""
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin is list:
        (inner,) = typing.get_args(hint) or (Any,)
        return [_restore(inner, v) for v in value]
    if origin is tuple:
        return tuple(value)
    return value
