"""Load the word lists (lexicons) the components use; they are data files in
``lexicons/`` so that they can be read, cited and extended without touching code."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

LEXICONS = Path(__file__).parent / "lexicons"


@functools.cache
def load_lexicon(name: str) -> dict[str, Any]:
    """The lexicon ``lexicons/<name>.yaml`` as a mapping."""
    with (LEXICONS / f"{name}.yaml").open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    if not isinstance(data, dict):
        raise TypeError(f"{LEXICONS / name}.yaml: a lexicon must be a mapping")
    return data


def load_cues() -> dict[str, list[str]]:
    """The cue words of reported speech, by role (see ``lexicons/cues.yaml``)."""
    data = load_lexicon("cues")
    return {
        key: [str(word).lower() for word in data.get(key) or []]
        for key in ("speech", "indirect", "object_clause", "infinitive")
    }
