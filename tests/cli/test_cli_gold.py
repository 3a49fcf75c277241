"""export-gold writes the reviewed reports so that eval reads them back; serve is wired."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dragoman.store import Store

from .conftest import Invoke, write_reports


@pytest.mark.model
def test_export_gold_writes_reviewed_reports_that_eval_reads(
    invoke: Invoke, tmp_path: Path
) -> None:
    db = tmp_path / "d.db"
    assert invoke("ingest", write_reports(tmp_path / "in")[0].parent, "--db", db).exit_code == 0
    empty = invoke("export-gold", tmp_path / "none", "--db", db)
    assert empty.exit_code == 0 and "wrote 0 gold reports" in empty.stdout
    with Store.open(db) as store:
        article = next(a for a in store.articles() if "Peskov" in a.body)
        found = store.load_reviewed(article.id)
        assert found is not None
        quote = found.items["quotes"][0]
        store.review("quotes", quote.id, "correct", "ana", {"speaker": "Maria Zakharova"})
    # One correction does not make a report gold: the rest is still the machine's.
    partly = invoke("export-gold", tmp_path / "partly", "--db", db)
    assert partly.exit_code == 0 and "wrote 0 gold reports" in partly.stdout
    with Store.open(db) as store:
        store.review("articles", article.id, "accept", "ana")
    result = invoke("export-gold", tmp_path / "gold", "--db", db)
    assert result.exit_code == 0, result.output
    assert "wrote 1 gold report" in result.stdout
    gold = json.loads((tmp_path / "gold" / f"{article.id}.json").read_text(encoding="utf-8"))
    assert gold["article"]["id"] == article.id
    assert gold["quotes"][0]["speaker"] == "Maria Zakharova"
    reports = [p for p in (tmp_path / "gold").iterdir() if p.suffix in (".md", ".txt")]
    assert [p.stem for p in reports] == [article.id]
    scored = invoke("eval", tmp_path / "gold", "--json")
    assert "Traceback" not in scored.output
    assert json.loads(scored.stdout)["reports"] == 1 if scored.stdout.strip() else False


def test_export_gold_into_a_file_is_one_line(invoke: Invoke, tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    Store.open(db).close()
    target = tmp_path / "file.txt"
    target.write_text("x")
    result = invoke("export-gold", target, "--db", db)
    assert result.exit_code == 1 and "[D603]" in result.stderr


def test_serve_needs_an_existing_database(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("serve", "--db", tmp_path / "missing.db")
    assert result.exit_code == 1 and "[D300]" in result.stderr
    assert not (tmp_path / "missing.db").exists()
