"""Turning a file into report text, or into a reason why it cannot be one.

These checks run before any format is parsed, so that every reader gets clean text and
a bad file in a batch (binary, empty, huge, unreadable) is named and skipped with a
reason a user can act on, instead of surfacing as a parser's stack trace.
"""

from __future__ import annotations

import codecs
import stat
from pathlib import Path

from dragoman.errors import BinaryFile, EmptyReport, IngestError, OversizedFile

#: Reports are a few kilobytes; anything beyond this is a dump or a mistake.
MAX_FILE_BYTES = 5 * 1024 * 1024

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_report_text(path: Path, source: str) -> str:
    """The text of the file at ``path``, decoded as UTF-8 with line ends made ``\\n``.

    Raises an :class:`IngestError` subclass naming ``source`` when the file cannot be
    opened, is not a regular file, is too large, empty, binary or not UTF-8.
    """
    data = _read_bytes(path, source)
    if not data:
        raise EmptyReport("the file is empty", source=source)
    return _decode(data, source)


def _read_bytes(path: Path, source: str) -> bytes:
    """The file's bytes, read only once its size is known to be reasonable."""
    limit = MAX_FILE_BYTES
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IngestError("cannot read: it is a directory, not a file", source=source)
        if not stat.S_ISREG(info.st_mode):
            raise IngestError("cannot read: not a regular file", source=source)
        if info.st_size > limit:
            raise OversizedFile(_too_large(info.st_size, limit), source=source)
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as err:
        reason = err.strerror or str(err)
        raise IngestError(f"cannot read the file ({reason})", source=source) from err
    if len(data) > limit:  # the file grew after stat()
        raise OversizedFile(_too_large(len(data), limit), source=source)
    return data


def _too_large(size: int, limit: int) -> str:
    return f"the file is {size} bytes, more than the {limit}-byte limit for a report"


def _decode(data: bytes, source: str) -> str:
    """UTF-8 text (a leading byte-order mark is allowed and dropped)."""
    if data.startswith(_UTF16_BOMS):
        raise BinaryFile("not UTF-8 text (it is UTF-16); save it as UTF-8", source=source)
    if b"\x00" in data:
        raise BinaryFile("binary file (contains NUL bytes)", source=source)
    skipped = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[skipped:].decode("utf-8")
    except UnicodeDecodeError as err:
        offset = skipped + err.start
        raise BinaryFile(
            f"not UTF-8 text (undecodable byte at offset {offset})", source=source
        ) from err
    if not text.strip():
        raise EmptyReport("the file holds only white space", source=source)
    return text.replace("\r\n", "\n").replace("\r", "\n")
