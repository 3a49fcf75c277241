"""Reading news reports from files into :class:`~dragoman.models.Article` records.

One module per format (``text``, ``markdown``, ``html``, ``jsonl``, ``feeds``), each
with ``read(text, source) -> Loaded``; :mod:`~dragoman.ingest.files` finds the files,
checks them (:mod:`~dragoman.ingest.checks`, where the size limit ``MAX_FILE_BYTES``
lives) and picks the reader by suffix. Bad files come back as errors, never raised.
"""

from dragoman.ingest.files import READERS, iter_report_files, read_path, read_paths
from dragoman.ingest.loaded import Loaded

__all__ = ["READERS", "Loaded", "iter_report_files", "read_path", "read_paths"]
