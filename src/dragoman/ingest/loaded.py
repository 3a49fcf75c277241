"""The result of reading one file: the reports found and the reasons for the rest.

A file is never all-or-nothing: a JSON Lines file or a feed can hold good reports
beside bad ones, so a reader hands back both instead of raising on the first fault.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dragoman.errors import IngestError
from dragoman.models import Article


@dataclass
class Loaded:
    """The articles read from one file and the errors met while reading it."""

    articles: list[Article] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)

    @classmethod
    def failed(cls, error: IngestError) -> Loaded:
        """A file that yielded nothing, for the reason given."""
        return cls(errors=[error])
