"""Write the stored record out for other tools: JSON Lines, CSV or Parquet.

- ``jsonl``: one :meth:`ArticleRecord.to_dict` per line (the output contract of
  ``dragoman analyze --json``), to a file or an open text stream;
- ``csv``: one file per table (:data:`~dragoman.record.tables.TABLES`) in a folder;
  dates as ``YYYY-MM-DD``, lists as JSON, a missing value as an empty cell, booleans
  as ``true``/``false``;
- ``parquet``: the same tables as ``.parquet`` files, typed (dates as ``date32``,
  lists as lists), through pyarrow.

Rows are written as the records are read, so an export does not hold the store in
memory (Parquet keeps at most :data:`BATCH_ROWS` rows of a table before writing).
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import json
import os
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TextIO

from dragoman.errors import DragomanError, ExportError
from dragoman.models import ArticleRecord
from dragoman.record.tables import TABLES, Column, columns, record_rows

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")
BATCH_ROWS = 10_000


@dataclass
class ExportResult:
    """What an export wrote: the files, and the rows of each table."""

    format: str
    out: str
    files: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "out": self.out,
            "files": list(self.files),
            "rows": dict(self.rows),
        }


def export_records(
    records: Iterable[ArticleRecord], fmt: str, out: str | os.PathLike[str] | TextIO
) -> ExportResult:
    """Write ``records`` in ``fmt`` to ``out``: a file or text stream for ``jsonl``,
    a folder (created if needed) for ``csv`` and ``parquet``."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")
    if fmt == "jsonl":
        return _jsonl(records, out)
    if not isinstance(out, (str, os.PathLike)):
        raise ExportError(f"{fmt} writes one file per table: give a folder")
    folder = output_folder(
        Path(out), ExportError, "is a file; csv and parquet write one file per table into a folder"
    )
    sinks: dict[str, _Sink]
    if fmt == "csv":
        sinks = {t: _CsvSink(folder / f"{t}.csv", columns(t)) for t in TABLES}
    else:
        _require_pyarrow()
        sinks = {t: _ParquetSink(folder / f"{t}.parquet", columns(t)) for t in TABLES}
    result = ExportResult(fmt, str(folder), rows=dict.fromkeys(TABLES, 0))
    try:
        for record in records:
            for table, row in record_rows(record):
                sinks[table].add(row)
                result.rows[table] += 1
    finally:
        for sink in sinks.values():
            sink.close()
    result.files = [str(sink.path) for sink in sinks.values()]
    return result


def output_folder(path: Path, error: type[DragomanError], is_a_file: str) -> Path:
    """``path``, created as a folder if need be; ``error`` if it cannot be, with the
    message ``is_a_file`` when a file stands there."""
    if path.exists() and not path.is_dir():
        raise error(is_a_file, source=str(path))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise error(f"cannot create the folder: {e.strerror}", source=str(path)) from e
    return path


def _jsonl(records: Iterable[ArticleRecord], out: str | os.PathLike[str] | TextIO) -> ExportResult:
    if isinstance(out, (str, os.PathLike)):
        path = Path(out)
        if path.is_dir():
            raise ExportError("is a folder; jsonl writes one file", source=str(path))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w", encoding="utf-8", newline="\n") as stream:
                result = _jsonl(records, stream)
        except OSError as e:
            raise ExportError(f"cannot write: {e.strerror}", source=str(path)) from e
        result.out = str(path)
        result.files = [str(path)]
        return result
    count = 0
    for record in records:
        out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return ExportResult("jsonl", getattr(out, "name", "<stream>"), rows={"articles": count})


class _Sink(Protocol):
    path: Path

    def add(self, row: dict[str, Any]) -> None: ...

    def close(self) -> None: ...


class _CsvSink:
    """A CSV file with a header row; values written as described in the module doc."""

    def __init__(self, path: Path, cols: tuple[Column, ...]) -> None:
        self.path = path
        self.columns = cols
        self._file = path.open("w", encoding="utf-8", newline="")
        self._writer = csv.writer(self._file)
        self._writer.writerow([c.name for c in cols])

    def add(self, row: dict[str, Any]) -> None:
        self._writer.writerow([_csv_cell(row[c.name]) for c in self.columns])

    def close(self) -> None:
        self._file.close()


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _require_pyarrow() -> None:
    try:
        importlib.import_module("pyarrow.parquet")
    except ImportError as e:
        raise ExportError(
            "parquet needs pyarrow, which is not installed: pip install pyarrow "
            "(or export --format csv)"
        ) from e


def _arrow_type(hint: Any) -> Any:
    import pyarrow as pa

    simple = {
        str: pa.string(),
        int: pa.int64(),
        float: pa.float64(),
        bool: pa.bool_(),
        dt.date: pa.date32(),
    }
    if hint in simple:
        return simple[hint]
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is list:
        return pa.list_(_arrow_type(args[0]))
    if origin is tuple and args and all(a == args[0] for a in args):
        return pa.list_(_arrow_type(args[0]))
    return pa.string()  # anything else: its text


class _ParquetSink:
    """A Parquet file with a fixed schema, written in batches of BATCH_ROWS rows."""

    def __init__(self, path: Path, cols: tuple[Column, ...]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.path = path
        self.columns = cols
        self._schema = pa.schema([(c.name, _arrow_type(c.type)) for c in cols])
        self._writer = pq.ParquetWriter(str(path), self._schema)
        self._batch: list[dict[str, Any]] = []

    def add(self, row: dict[str, Any]) -> None:
        self._batch.append(row)
        if len(self._batch) >= BATCH_ROWS:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._batch:
            self._writer.write_table(pa.Table.from_pylist(self._batch, schema=self._schema))
            self._batch = []

    def close(self) -> None:
        try:
            self._flush()
        finally:
            self._writer.close()
