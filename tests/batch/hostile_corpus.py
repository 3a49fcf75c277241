"""A seeded corpus of hostile report files beside good ones, for the batch tests and by hand.

Each class of input that once stalled, exhausted or escaped a batch (and the classes
that always passed) is written into a folder: YAML alias bombs, quadratic Markdown,
text that makes NLP components slow, a feed with one broken entry, links out of the
folder, binary, empty, oversized and undecodable files, odd names. Good reports are
written from a few templates with seeded names, so every run makes the same corpus.

    python tests/batch/hostile_corpus.py OUT_DIR [--seed 7] [--good 50] [--scale 1.0]

``--scale`` shrinks the large inputs (the tests use a small scale to keep CI quick).
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

GOOD_TEMPLATES = (
    "{a} and {b} held a {n} round of talks in {city} on Monday, {a}'s foreign ministry "
    "said. \"We are ready to discuss a ceasefire,\" said {person}, the chief negotiator.",
    "---\ntitle: Talks in {city}\noutlet: Example Wire\ndate: 2024-05-{day:02d}\n---\n\n"
    "{person} told reporters that {b} had rejected the proposal on prisoners. "
    "The next round is planned for next week in {city}.",
    "<html><head><title>Round {n} in {city}</title></head><body><article><p>{person} said "
    "the delegations of {a} and {b} agreed to exchange {number} detainees.</p>"
    "</article></body></html>",
)
SUFFIXES = (".txt", ".md", ".html")
PARTIES = ("Aldoria", "Brevia", "Corsland", "Dunmark", "Estavia", "Fenwald")
CITIES = ("Geneva", "Vienna", "Doha", "Oslo", "Muscat", "Ankara")
PEOPLE = ("Ana Petrel", "Omar Saleh", "Lena Voss", "Ravi Menon", "Ida Korhonen")
ORDINALS = ("first", "second", "third", "fourth", "fifth")


@dataclass
class Corpus:
    """What was written: the good reports, the bad files, and the links."""

    folder: Path
    good: list[Path] = field(default_factory=list)
    bad: list[Path] = field(default_factory=list)


def _good(corpus: Corpus, rng: random.Random, count: int) -> None:
    for number in range(count):
        template = number % len(GOOD_TEMPLATES)
        a, b = rng.sample(PARTIES, 2)
        text = GOOD_TEMPLATES[template].format(
            a=a,
            b=b,
            city=rng.choice(CITIES),
            person=rng.choice(PEOPLE),
            n=rng.choice(ORDINALS),
            day=rng.randint(1, 28),
            number=rng.randint(10, 500),
        )
        path = corpus.folder / f"good-{number:03d}{SUFFIXES[template]}"
        path.write_text(text + f"\nReference {number}.\n", encoding="utf-8")
        corpus.good.append(path)


def _bad(corpus: Corpus, name: str, content: str | bytes) -> None:
    path = corpus.folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    corpus.bad.append(path)


def _alias_bomb() -> str:
    lines = ["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghi"
    for before, after in zip(names, names[1:], strict=False):
        lines.append(f"{after}: &{after} [{','.join([f'*{before}'] * 9)}]")
    return "\n".join([*lines, "title: *i", "---", "", "Text."])


def _feed_with_a_broken_entry(corpus: Corpus) -> None:
    items = "".join(
        f"<item><title>Entry {n}</title><description>{text}</description></item>"
        for n, text in enumerate(
            ["Envoys met in Doha on Monday.", "A lone &#xD800; half.", "Talks ended."], 1
        )
    )
    path = corpus.folder / "feed-one-bad-entry.xml"
    path.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{items}'
        "</channel></rss>",
        encoding="utf-8",
    )
    corpus.good.append(path)  # two of its three entries are good reports


def write_corpus(folder: Path, seed: int = 7, good: int = 50, scale: float = 1.0) -> Corpus:
    """Write the corpus into ``folder`` (created) and say what is where."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    corpus = Corpus(folder)
    _good(corpus, rng, good)

    def n(count: int) -> int:
        return max(1, int(count * scale))

    _bad(corpus, "alias-bomb.md", _alias_bomb())
    _bad(corpus, "bad-tag.md", "---\ndate: !!timestamp not-a-date\n---\n\nText.\n")
    _bad(corpus, "empty.txt", "")
    _bad(corpus, "only-front-matter.md", "---\ntitle: Nothing\n---\n")
    _bad(corpus, "binary.txt", bytes(range(256)) * 8)
    _bad(corpus, "latin1.txt", "Caf\xe9 talks r\xe9sum\xe9".encode("latin-1") * 3)
    _bad(corpus, "oversized.txt", "word " * (5 * 1024 * 1024 // 5 + 10))
    _bad(corpus, "unknown.docx", "not a report format")
    _bad(corpus, "deep.jsonl", "[" * 100_000 + "\n")
    _bad(corpus, "not-json.jsonl", "{this is not json\n")
    _bad(corpus, "not-a-feed.xml", "<rss><channel><item>")
    _bad(corpus, "script-only.html", "<html><body><script>var a = 1;</script></body></html>")
    _bad(corpus, "name\nwith\x1b[31mescape.txt", "The envoy said nothing new.\n")
    corpus.good.append(corpus.bad.pop())  # an odd name, a good report
    # Inputs that once went quadratic: they are reports, read or failed within budget.
    corpus.good.append(_write(folder / "markdown-emphasis.md", "**a " * n(25_000)))
    corpus.good.append(_write(folder / "markdown-brackets.md", "[" * n(200_000) + " x"))
    for name, text in (
        ("said-repeated.txt", "he said " * n(5000)),
        ("one-long-sentence.txt", " ".join(["word"] * n(16_000)) + "."),
        ("quotes-run.txt", 'a "' * n(50_000)),
        ("brackets-run.txt", "(" * n(50_000) + " x"),
    ):
        corpus.good.append(_write(folder / name, text))
    _feed_with_a_broken_entry(corpus)
    outside = folder.parent / f"{folder.name}-outside.txt"
    outside.write_text("Private notes, not a report.\n", encoding="utf-8")
    link = folder / "link-out.txt"
    link.symlink_to(outside)
    corpus.bad.append(link)
    return corpus


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--good", type=int, default=50)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    corpus = write_corpus(args.out, args.seed, args.good, args.scale)
    print(json.dumps({"good": len(corpus.good), "bad": len(corpus.bad)}))


if __name__ == "__main__":
    main()
