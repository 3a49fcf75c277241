"""Files that are not reports: each comes back as an error naming it, never raised."""

from __future__ import annotations

import codecs
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.errors import (
    BinaryFile,
    DragomanError,
    EmptyReport,
    IngestError,
    MalformedReport,
    OversizedFile,
    UnsupportedFormat,
)
from dragoman.ingest import Loaded, checks, iter_report_files, read_path, read_paths

FixturePath = Callable[[str], Path]
Write = Callable[[str, str | bytes], Path]

REPORT = "Delegations from Russia and Ukraine met in Istanbul on Tuesday.\n"


def only_error(loaded: Loaded, path: Path | str) -> IngestError:
    """The single error of a file that yielded nothing, checked to name the file."""
    assert loaded.articles == []
    [error] = loaded.errors
    assert error.source == str(path)
    assert str(path) in str(error)
    assert str(error).startswith(f"[{error.code}]")
    return error


def test_unknown_suffix_is_unsupported(write: Write) -> None:
    path = write("report.docx", REPORT)
    error = only_error(read_path(path), path)
    assert type(error) is UnsupportedFormat
    assert ".txt" in error.message  # tells the user what would work


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    error = only_error(read_path(path), path)
    assert type(error) is IngestError
    assert "cannot read the file" in error.message


def test_broken_symlink_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "dangling.txt"
    path.symlink_to(tmp_path / "nowhere.txt")
    error = only_error(read_path(path), path)
    assert type(error) is IngestError
    assert "No such file" in error.message


def test_directory_with_a_report_name_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "folder.txt"
    path.mkdir()
    error = only_error(read_path(path), path)
    assert type(error) is IngestError
    assert "directory" in error.message


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a file with mode 000")
def test_file_without_read_permission(write: Write) -> None:
    path = write("locked.txt", REPORT)
    path.chmod(0)
    try:
        error = only_error(read_path(path), path)
    finally:
        path.chmod(0o644)
    assert type(error) is IngestError
    assert "Permission denied" in error.message


def test_permission_error_is_reported(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same path as above, forced even when the tests run as root."""
    path = write("locked.txt", REPORT)

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    error = only_error(read_path(path), path)
    assert type(error) is IngestError
    assert "Permission denied" in error.message


def test_binary_file(write: Write) -> None:
    path = write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    error = only_error(read_path(path), path)
    assert type(error) is BinaryFile
    assert "NUL" in error.message


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b"   \n\t\n  ", "the file holds only white space"),
        (codecs.BOM_UTF8 + b"\n \n", "the file holds only white space"),
    ],
)
def test_empty_or_white_space_only(write: Write, content: bytes, reason: str) -> None:
    path = write("blank.md", content)
    error = only_error(read_path(path), path)
    assert type(error) is EmptyReport
    assert error.message == reason


def test_undecodable_byte_offset_is_reported(write: Write) -> None:
    path = write("latin1.txt", b"Talks in Sch" + "öneberg".encode("latin-1"))
    error = only_error(read_path(path), path)
    assert type(error) is BinaryFile
    assert error.message == "not UTF-8 text (undecodable byte at offset 12)"


def test_offset_counts_the_byte_order_mark(write: Write) -> None:
    path = write("bom.txt", codecs.BOM_UTF8 + b"ab\xff")
    error = only_error(read_path(path), path)
    assert error.message == "not UTF-8 text (undecodable byte at offset 5)"


def test_utf8_byte_order_mark_is_accepted(write: Write) -> None:
    [article] = read_path(write("bom.txt", codecs.BOM_UTF8 + REPORT.encode())).articles
    assert article.body == REPORT.strip()


def test_utf16_is_named(write: Write) -> None:
    path = write("wide.txt", REPORT.encode("utf-16"))
    error = only_error(read_path(path), path)
    assert type(error) is BinaryFile
    assert "UTF-16" in error.message


def test_oversized_file(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "MAX_FILE_BYTES", 64)
    at_limit = write("fits.txt", "x" * 64)
    over = write("big.txt", "x" * 65)

    assert len(read_path(at_limit).articles) == 1
    error = only_error(read_path(over), over)
    assert type(error) is OversizedFile
    assert "65 bytes" in error.message and "64-byte limit" in error.message


def test_default_size_limit_is_five_mebibytes() -> None:
    assert checks.MAX_FILE_BYTES == 5 * 1024 * 1024


def test_every_error_is_a_dragoman_error_with_a_code(write: Write) -> None:
    paths = [write("a.docx", REPORT), write("b.txt", b""), write("c.txt", b"\x00")]
    for _, loaded in read_paths(paths):
        [error] = loaded.errors
        assert isinstance(error, DragomanError)
        assert error.code.startswith("D1")


# --- identity --------------------------------------------------------------------------


def test_same_body_under_two_names_has_one_id(write: Write) -> None:
    first = read_path(write("istanbul.txt", REPORT)).articles[0]
    second = read_path(write("copy/istanbul-2022-03-29.txt", "\n\n" + REPORT + "\n")).articles[0]
    assert first.source != second.source
    assert first.id == second.id
    assert len(first.id) == 16


def test_same_report_in_two_formats_has_one_id(write: Write) -> None:
    txt = read_path(write("r.txt", f"date 2022-03-29 Caption.| Photo: Wire\n\n{REPORT}"))
    md = read_path(write("r.md", f"---\ntitle: Talks\ndate: 2022-03-29\n---\n\n{REPORT}"))
    assert txt.articles[0].id == md.articles[0].id


def test_different_bodies_have_different_ids(write: Write) -> None:
    first = read_path(write("a.txt", REPORT)).articles[0]
    second = read_path(write("b.txt", REPORT.replace("Tuesday", "Wednesday"))).articles[0]
    assert first.id != second.id


def test_source_is_the_path_as_given(
    write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("reports/a.txt", REPORT)
    monkeypatch.chdir(tmp_path)
    [article] = read_path("reports/a.txt").articles
    assert article.source == "reports/a.txt"


# --- finding files ---------------------------------------------------------------------


def test_iter_report_files_expands_and_filters(write: Write, tmp_path: Path) -> None:
    for name in [
        "b.txt",
        "a.md",
        "sub/c.jsonl",
        "sub/deeper/d.html",
        "sub/c.json",  # a gold record
        "README.md",
        "readme.txt",
        "LICENSE",
        "LICENSE.md",
        ".hidden.txt",
        ".cache/e.txt",
        "READMEFIRST.txt",
        "notes.csv",  # not skipped: reading it reports UnsupportedFormat
        "license-talks.txt",  # a report that happens to start with "license"
    ]:
        write(f"corpus/{name}", REPORT)
    root = tmp_path / "corpus"

    found = [p.relative_to(root).as_posix() for p in iter_report_files([root])]

    assert found == [
        "a.md",
        "b.txt",
        "license-talks.txt",
        "notes.csv",
        "sub/c.jsonl",
        "sub/deeper/d.html",
    ]


def test_named_paths_are_yielded_as_given(tmp_path: Path, write: Write) -> None:
    named = write("gold.json", "{}")
    missing = tmp_path / "missing.txt"
    assert list(iter_report_files([named, str(missing)])) == [named, missing]


def test_read_paths_carries_on_past_bad_files(write: Write, tmp_path: Path) -> None:
    write("batch/1.txt", REPORT)
    write("batch/2.txt", b"\x00\x01")
    write("batch/3.txt", "Kuleba and Lavrov met in Antalya.\n")
    results = list(read_paths([tmp_path / "batch"]))

    assert [path.name for path, _ in results] == ["1.txt", "2.txt", "3.txt"]
    assert [len(loaded.articles) for _, loaded in results] == [1, 0, 1]
    assert isinstance(results[1][1].errors[0], BinaryFile)


# --- never raises ----------------------------------------------------------------------


_PREFIXES = ["", "---\n", " date 2022-03-29 ", '{"text": "', "<rss><channel><item>", "<html><p>"]
_contents = st.one_of(
    st.binary(max_size=400),
    st.tuples(st.sampled_from(_PREFIXES), st.text(max_size=300)).map(
        lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
    ),
)


@settings(max_examples=150, deadline=None)
@given(
    data=_contents,
    suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl", ".rss", ".atom", ".bin"]),
)
def test_read_path_never_raises_for_any_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, f"report{suffix}")
        path.write_bytes(data)
        loaded = read_path(path)
    assert loaded.articles or loaded.errors
    assert all(isinstance(error, IngestError) for error in loaded.errors)
    assert all(error.source and str(path) in error.source for error in loaded.errors)


# --- parsers' limits -------------------------------------------------------------------


def test_deeply_nested_files_cost_only_themselves(write: Write, tmp_path: Path) -> None:
    """Thousands of nested brackets overflow the parsers' recursion; before, the
    RecursionError escaped and stopped the batch, losing the good report beside them."""
    deep_json = '{"text":"Peskov said the talks were hard.","tags":' + "[" * 1000 + "]" * 1000
    write("batch/a-deep.jsonl", deep_json + "}\n" + json.dumps({"text": REPORT}) + "\n")
    write("batch/b-deep.md", "---\ntags: " + "[" * 500 + "]" * 500 + f"\n---\n\n{REPORT}")
    write("batch/c-good.txt", REPORT)

    results = {path.name: loaded for path, loaded in read_paths([tmp_path / "batch"])}

    assert [a.body for a in results["c-good.txt"].articles] == [REPORT.strip()]
    jsonl = results["a-deep.jsonl"]
    assert [a.body for a in jsonl.articles] == [REPORT.strip()]  # the next line is read
    [error] = jsonl.errors
    assert type(error) is MalformedReport
    assert error.source == f"{tmp_path / 'batch' / 'a-deep.jsonl'}:1"
    assert "nested too deeply" in error.message
    md = tmp_path / "batch" / "b-deep.md"
    error = only_error(results["b-deep.md"], md)
    assert type(error) is MalformedReport
    assert error.message == "malformed YAML front matter: nested too deeply"


@pytest.mark.parametrize(
    "front_matter",
    ["date: !!timestamp not-a-date", "anonymous: !!bool maybe"],  # PyYAML fails inside
)
def test_a_value_that_does_not_fit_its_yaml_tag_is_a_clear_error(
    write: Write, tmp_path: Path, front_matter: str
) -> None:
    """PyYAML raises AttributeError or KeyError inside on such values: the reader says
    what is wrong instead, and the batch goes on."""
    path = write("odd.md", f"---\n{front_matter}\n---\n\n{REPORT}")
    write("good.txt", REPORT)

    results = dict(read_paths([tmp_path]))

    error = only_error(results[path], path)
    assert type(error) is MalformedReport
    assert error.message == (
        "malformed YAML front matter: a value does not fit its explicit tag (!!...)"
    )
    assert len(results[tmp_path / "good.txt"].articles) == 1
