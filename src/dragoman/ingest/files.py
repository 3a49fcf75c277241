"""From paths to articles: finding report files, checking them, choosing a reader.

Reading never raises for a bad file: each file's problems come back beside whatever it
did yield, so a batch reports every bad file with its reason and carries on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from dragoman.errors import IngestError, UnsupportedFormat
from dragoman.ingest import feeds, html, jsonl, markdown, text
from dragoman.ingest.checks import read_report_text
from dragoman.ingest.loaded import Loaded

Reader = Callable[[str, str], Loaded]

#: Which reader handles a file, by its suffix (lower-cased).
READERS: dict[str, Reader] = {
    ".txt": text.read,
    ".md": markdown.read,
    ".markdown": markdown.read,
    ".html": html.read,
    ".htm": html.read,
    ".jsonl": jsonl.read,
    ".ndjson": jsonl.read,
    ".xml": feeds.read,
    ".rss": feeds.read,
    ".atom": feeds.read,
}

# Not reports, though they sit beside them: docs, licences, and the gold records.
_SKIPPED_PREFIXES = ("README", "LICENSE", "LICENCE")
_SKIPPED_STEMS = frozenset({"readme", "license", "licence"})
_SKIPPED_SUFFIXES = (".json",)


class RefusedPath(type(Path())):  # type: ignore[misc]
    """A path found under a folder that is not read, with the reason why: an unreadable
    folder, or a link leading out of the folder. Reading it reports the reason, so the
    batch lists it among its failures instead of passing over it without a word."""

    reason: str = ""


def _refused(path: str | os.PathLike[str], reason: str) -> RefusedPath:
    refused = RefusedPath(path)
    refused.reason = reason
    return refused


def read_path(path: str | os.PathLike[str]) -> Loaded:
    """The articles in one file, or the reasons it has none; never raises for a bad file."""
    source = os.fspath(path)
    if isinstance(path, RefusedPath):
        return Loaded.failed(IngestError(path.reason, source=source))
    reader = READERS.get(Path(source).suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        return Loaded.failed(
            UnsupportedFormat(f"no reader for this kind of file ({known})", source=source)
        )
    try:
        return reader(read_report_text(Path(source), source), source)
    except IngestError as err:
        return Loaded.failed(err)
    except Exception as err:  # noqa: BLE001 - reported as the file's error, on purpose
        # A reader's bug or a parser's limit (RecursionError, MemoryError...) must cost
        # the batch this one file, not every report after it.
        return Loaded.failed(IngestError(_unexpected(err), source=source))


def _unexpected(err: Exception) -> str:
    """One line naming an unexpected failure: its type, and the start of its message."""
    lines = str(err).strip().splitlines()
    detail = lines[0][:200] if lines else ""
    what = f"{type(err).__name__}: {detail}" if detail else type(err).__name__
    return f"the file could not be read ({what})"


def read_paths(
    paths: Iterable[str | os.PathLike[str]], follow_links: bool = False
) -> Iterator[tuple[Path, Loaded]]:
    """Each report file under ``paths`` with what was read from it, one at a time."""
    for path in iter_report_files(paths, follow_links):
        yield path, read_path(path)


def iter_report_files(
    paths: Iterable[str | os.PathLike[str]], follow_links: bool = False
) -> Iterator[Path]:
    """The files to read: named files as given, directories expanded recursively.

    Inside a directory, hidden files and folders, READMEs, licences and ``.json`` files
    (gold records kept beside the reports) are left out, and the rest come sorted. A named
    path is yielded even when it does not exist, so that reading it reports why. Unless
    ``follow_links``, a link inside a directory that leads out of it is not read, and a
    folder that cannot be listed is not passed over: both come as a :class:`RefusedPath`.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from sorted(_walk(path, follow_links))
        else:
            yield path


def _walk(root: Path, follow_links: bool) -> Iterator[Path]:
    unreadable: list[OSError] = []
    inside = root.resolve()
    for folder, subfolders, names in os.walk(
        root, onerror=unreadable.append, followlinks=follow_links
    ):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in subfolders:
            if not follow_links and _leads_out(Path(folder, name), inside):
                yield _refused(Path(folder, name), _LINK_OUT)
        for name in names:
            if not _is_report_name(name):
                continue
            path = Path(folder, name)
            if not follow_links and _leads_out(path, inside):
                yield _refused(path, _LINK_OUT)
            else:
                yield path
    for error in unreadable:
        reason = error.strerror or type(error).__name__
        yield _refused(error.filename or root, f"cannot read the folder ({reason})")


_LINK_OUT = "a link leading out of the folder: not read (unless --follow-links)"


def _leads_out(path: Path, inside: Path) -> bool:
    """Whether ``path`` is a link whose target lies outside the folder ``inside``."""
    if not path.is_symlink():
        return False
    try:
        return not path.resolve().is_relative_to(inside)
    except (OSError, RuntimeError):  # a loop of links
        return True


def _is_report_name(name: str) -> bool:
    """Whether a file found in a folder is a report to read (``README*``, ``LICENSE*``,
    ``readme.md`` and gold ``.json`` files are not; ``licensing-talks.txt`` is)."""
    return not (
        name.startswith((".", *_SKIPPED_PREFIXES))
        or name.split(".", 1)[0].lower() in _SKIPPED_STEMS
        or name.lower().endswith(_SKIPPED_SUFFIXES)
    )
