"""The errors dragoman raises, with codes, in one catalogue.

Library code raises these; only the CLI prints them. Every message names the file
(or other input) and the problem, so that a user of a batch knows what to fix.
"""

from __future__ import annotations


class DragomanError(Exception):
    """Base of every error dragoman raises on purpose."""

    code = "D000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        self.message = message
        text = f"[{self.code}] {source}: {message}" if source else f"[{self.code}] {message}"
        super().__init__(text)


class IngestError(DragomanError):
    """A file could not be read as a report (unreadable, binary, empty, too large...)."""

    code = "D100"


class UnsupportedFormat(IngestError):
    """No reader knows this kind of file."""

    code = "D101"


class EmptyReport(IngestError):
    """The file holds no report text (empty, or an HTML page without an article)."""

    code = "D102"


class BinaryFile(IngestError):
    """The file is binary or cannot be decoded as text."""

    code = "D103"


class OversizedFile(IngestError):
    """The file is larger than a report can plausibly be."""

    code = "D104"


class MalformedReport(IngestError):
    """The file is text but not in the form its reader expects (bad front matter,
    a JSON Lines line that is not an object...)."""

    code = "D105"


class ModelNotFound(DragomanError):
    """No English spaCy model is installed."""

    code = "D200"


class StoreError(DragomanError):
    """The database could not be opened, migrated or written."""

    code = "D300"


class EvaluationError(DragomanError):
    """A gold file or the floors file is missing or malformed."""

    code = "D400"


class AnalysisError(DragomanError):
    """The pipeline failed on a report that was read correctly."""

    code = "D201"


class AnalysisTimeout(AnalysisError):
    """A report's analysis ran past its time budget (or its worker stopped answering);
    it is reported as failed and the batch goes on."""

    code = "D203"


class LexiconError(DragomanError):
    """A gazetteer or lexicon file (the user's ``DRAGOMAN_GAZETTEER``) is missing or
    not valid YAML of the expected shape."""

    code = "D202"


class BadFilter(DragomanError):
    """A filter given to a question about the record is malformed (a date that is not
    YYYY-MM-DD, a window below zero, a range that ends before it starts)."""

    code = "D500"


class ExportError(DragomanError):
    """The record cannot be exported as asked (unknown format, a file where a folder
    is needed, pyarrow missing for Parquet)."""

    code = "D501"


class ReviewError(DragomanError):
    """A review cannot be taken as given: an unknown action or field, a value that is
    not a code of the vocabulary or not a date, a correction that changes nothing."""

    code = "D600"


class ReadOnly(DragomanError):
    """A review was asked of a web app started without a token, or without the token
    it was started with."""

    code = "D601"


class NotFound(DragomanError):
    """No article, extraction, actor or page by that name or id."""

    code = "D602"


class GoldExportError(DragomanError):
    """Gold files cannot be written where asked (a file where a folder is needed)."""

    code = "D603"


class DistributedError(DragomanError):
    """A distributed batch cannot run or be loaded as asked: dask is not installed, the
    scheduler cannot be reached, its workers cannot run dragoman, or a folder is not
    one that ``dragoman batch`` wrote."""

    code = "D700"
