"""Mine the cue words of reported speech from an attribution corpus's gold.

Reads the gold records (``NAME.json`` with a ``quotes`` list whose items carry a
``cue`` and, where the item is not required, ``"optional": true``) of a folder in the
devset's format, such as PolNeAR's train split converted for dragoman
(``../shared/polnear/train``), lemmatises the first verb (else the first word) of
each cue with the English model (auxiliaries skipped: "has said" is "say"), and
prints, most frequent first, each lemma's count among required items and among all
items, and whether ``lexicons/cues.yaml`` has it.
A measurement to read and check by hand: nothing is written, and no word goes into
the lexicon without a person deciding that it is a verb of saying.

    .venv/bin/python scripts/mine_cues.py [FOLDER] [--min-required N] [--missing]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from dragoman.nlp.lexicon import load_lexicon
from dragoman.nlp.pipeline import load_base_model

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "polnear" / "train"
#: The roles of cues.yaml that make a word a cue.
ROLES = ("speech", "indirect", "object_clause", "infinitive", "noun_object", "about")


def cues_of(folder: Path) -> list[tuple[str, bool]]:
    """Every gold item's cue and whether the item is required."""
    found: list[tuple[str, bool]] = []
    for path in sorted(folder.glob("*.json")):
        with path.open(encoding="utf-8") as handle:
            gold = json.load(handle)
        for item in gold.get("quotes") or []:
            cue = str(item.get("cue") or "").strip()
            if cue:
                found.append((cue, not item.get("optional", False)))
    return found


def lexicon_words() -> set[str]:
    data = load_lexicon("cues")
    words: set[str] = set()
    for role in ROLES:
        words |= {str(w).lower() for w in data.get(role) or []}
    return words | {"according to"}


def lemmas(cues: list[str]) -> dict[str, str]:
    """Each cue's lemma: that of its first verb other than "be", else its first word."""
    nlp = load_base_model()
    lemma_of: dict[str, str] = {}
    for cue, doc in zip(cues, nlp.pipe(cues, disable=["ner", "parser"]), strict=True):
        if cue.lower().startswith("according to"):
            lemma_of[cue] = "according to"
            continue
        verbs = [t for t in doc if t.pos_ == "VERB"] or [
            t for t in doc if t.pos_ == "AUX" and t.lemma_.lower() not in ("be", "have", "do")
        ]
        first = verbs[0] if verbs else (doc[0] if len(doc) else None)
        lemma_of[cue] = first.lemma_.lower() if first is not None else cue.lower()
    return lemma_of


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=DEFAULT)
    parser.add_argument("--min-required", type=int, default=2)
    parser.add_argument("--missing", action="store_true", help="only lemmas not in cues.yaml")
    args = parser.parse_args(argv)
    cues = cues_of(args.folder)
    lemma_of = lemmas(sorted({cue for cue, _ in cues}))
    required: Counter[str] = Counter()
    every: Counter[str] = Counter()
    for cue, is_required in cues:
        every[lemma_of[cue]] += 1
        if is_required:
            required[lemma_of[cue]] += 1
    known = lexicon_words()
    print(f"# {len(cues)} cues ({sum(required.values())} required) in {args.folder}")
    print("lemma\trequired\tall\tin_lexicon")
    for lemma, count in sorted(every.items(), key=lambda kv: (-required[kv[0]], -kv[1])):
        if required[lemma] < args.min_required or (args.missing and lemma in known):
            continue
        print(f"{lemma}\t{required[lemma]}\t{count}\t{'yes' if lemma in known else 'no'}")


if __name__ == "__main__":
    main()
