"""``dragoman positions``, ``timeline``, ``contradictions`` and ``export`` on a store
filled in the test with records written by hand (no model needed)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from dragoman.models import Actor, Article, ArticleRecord, Assessment, Event, Position, Quote
from dragoman.store import Store

from .conftest import Invoke, json_lines

DAY_ONE = (
    "Russian and Ukrainian delegations met in Istanbul on Tuesday. The talks were "
    "constructive, Vladimir Medinsky said. Ukraine proposed a neutral status, he added."
)
DAY_TWO = (
    "Dmitry Peskov said on Wednesday that there was no breakthrough at the Istanbul talks. "
    "Kyiv has now given up its demand on Crimea for fifteen years, a Ukrainian negotiator said."
)
EARLIER = "Ukraine rejected a neutral status under pressure, Mykhailo Podolyak said on March 1."


def at(body: str, phrase: str) -> dict[str, int]:
    start = body.index(phrase)
    return {"start": start, "end": start + len(phrase)}


def records() -> list[ArticleRecord]:
    one = Article(
        body=DAY_ONE,
        source="reports/day-one.txt",
        outlet="Example Wire",
        published=dt.date(2022, 3, 29),
        title="Talks in Istanbul",
    )
    two = Article(body=DAY_TWO, source="reports/day-two.txt", published=dt.date(2022, 3, 30))
    earlier = Article(body=EARLIER, source="reports/earlier.txt", published=dt.date(2022, 3, 1))
    talks = {"type": "talks", "status": "occurred", "place": "Istanbul"}
    return [
        ArticleRecord(
            one,
            actors=[
                Actor(name="Vladimir Medinsky", kind="person", party="Russia", mentions=[(75, 83)]),
                Actor(name="Ukraine", kind="party", aliases=["Kyiv"]),
            ],
            quotes=[
                Quote(
                    text="The talks were constructive",
                    kind="indirect",
                    speaker="Vladimir Medinsky",
                    cue="said",
                    date=dt.date(2022, 3, 29),
                    **at(DAY_ONE, "The talks were constructive"),
                )
            ],
            events=[
                Event(
                    date=dt.date(2022, 3, 29),
                    participants=["Russia", "Ukraine"],
                    **talks,
                    **at(DAY_ONE, "delegations met in Istanbul"),
                )
            ],
            positions=[
                Position(
                    party="Ukraine",
                    issue="neutrality",
                    stance="propose",
                    summary="neutral status",
                    reported_by="Vladimir Medinsky",
                    date=dt.date(2022, 3, 29),  # the NLP dates words of the report's day
                    **at(DAY_ONE, "Ukraine proposed a neutral status"),
                )
            ],
            assessments=[
                Assessment(
                    actor="Vladimir Medinsky",
                    polarity="positive",
                    date=dt.date(2022, 3, 29),
                    summary="constructive",
                    **at(DAY_ONE, "The talks were constructive"),
                )
            ],
        ),
        ArticleRecord(
            two,
            events=[
                Event(
                    date=dt.date(2022, 3, 28),  # one report gets the day wrong
                    participants=["Russia", "Ukraine"],
                    **talks,
                    **at(DAY_TWO, "the Istanbul talks"),
                )
            ],
            positions=[
                Position(
                    party="Ukraine",
                    issue="territory",
                    subject="Crimea",
                    stance="concede",
                    summary="Crimea set aside",
                    reported_by="anonymous",
                    date=dt.date(2022, 3, 30),
                    **at(DAY_TWO, "Kyiv has now given up its demand on Crimea"),
                )
            ],
            assessments=[
                Assessment(
                    actor="Dmitry Peskov",
                    polarity="negative",
                    date=dt.date(2022, 3, 30),
                    summary="no breakthrough",
                    **at(DAY_TWO, "there was no breakthrough"),
                )
            ],
        ),
        ArticleRecord(
            earlier,
            positions=[
                Position(
                    party="Ukraine",
                    issue="neutrality",
                    stance="reject",
                    summary="no neutrality under pressure",
                    reported_by="Mykhailo Podolyak",
                    date=dt.date(2022, 3, 1),
                    **at(EARLIER, "Ukraine rejected a neutral status"),
                )
            ],
        ),
    ]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("record") / "record.db"
    with Store.open(path) as store:
        for record in records():
            store.save(record)
    return path


def flat(text: str) -> str:
    return " ".join(text.split())  # Rich wraps and pads


# -- positions ----------------------------------------------------------------------


def test_positions_table(invoke: Invoke, db: Path) -> None:
    result = invoke("positions", "--db", db)
    assert result.exit_code == 0, result.output
    text = flat(result.stdout)
    assert "Positions (2)" in text
    assert "Ukraine" in text and "neutrality" in text and "propose" in text
    assert "2022-03-29" in text and "Medinsky" in text  # names may wrap in 80 columns
    assert "territory" in text and "(Crimea)" in text and "conceded" in text


def test_positions_history_shows_every_change_with_evidence(invoke: Invoke, db: Path) -> None:
    result = invoke("positions", "--db", db, "--issue", "neutrality", "--history")
    assert result.exit_code == 0, result.output
    text = flat(result.stdout)
    assert "Ukraine on neutrality" in text
    assert "2022-03-01" in text and "reject" in text and "changed" in text
    assert "“Ukraine proposed a neutral" in text and "he added.”" in text  # the sentence
    assert "reports/earlier.txt [0:33]" in text


def test_positions_json(invoke: Invoke, db: Path) -> None:
    result = invoke("positions", "--db", db, "--json", "--party", "ukraine")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["count"] == 2 and data["filters"]["party"] == "ukraine"
    neutrality, territory = data["positions"]
    assert (neutrality["issue"], neutrality["stance"], neutrality["date"]) == (
        "neutrality",
        "propose",
        "2022-03-29",
    )
    assert [h["stance"] for h in neutrality["history"]] == ["reject", "propose"]
    assert neutrality["history"][1]["changed"] is True
    assert territory["conceded"] is True
    evidence = neutrality["history"][0]["evidence"]
    assert evidence["source"] == "reports/earlier.txt"
    assert EARLIER[evidence["start"] : evidence["end"]] == "Ukraine rejected a neutral status"


def test_positions_filters_that_match_nothing_say_so(invoke: Invoke, db: Path) -> None:
    result = invoke("positions", "--db", db, "--party", "Atlantis", "--since", "2022-01-01")
    assert result.exit_code == 0
    assert "No positions for party Atlantis, since 2022-01-01." in flat(result.stdout)


@pytest.mark.parametrize("command", ["positions", "timeline", "contradictions"])
def test_a_bad_date_is_one_error_line(invoke: Invoke, db: Path, command: str) -> None:
    result = invoke(command, "--db", db, "--since", "29 March")
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "[D500]" in lines[0] and "since" in lines[0] and "YYYY-MM-DD" in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["positions", "timeline", "contradictions"])
def test_a_missing_database_is_one_error_line(invoke: Invoke, tmp_path: Path, command: str) -> None:
    missing = tmp_path / "missing.db"
    result = invoke(command, "--db", missing)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "[D300]" in result.stderr
    assert not missing.exists()


# -- timeline -----------------------------------------------------------------------


def test_timeline_table(invoke: Invoke, db: Path) -> None:
    result = invoke("timeline", "--db", db)
    assert result.exit_code == 0, result.output
    text = flat(result.stdout)
    assert "Timeline (1 event)" in text
    assert "talks" in text and "Istanbul" in text and "Russia, Ukraine" in text
    assert "Reports disagree:" in text
    assert "date: 2022-03-29 (reports/day-one.txt) vs 2022-03-28" in text


def test_timeline_json(invoke: Invoke, db: Path) -> None:
    result = invoke("timeline", "--db", db, "--json", "--type", "talks")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["count"] == 1
    (event,) = data["events"]
    assert event["source_count"] == 2 and len(event["sources"]) == 2
    assert event["date"] == "2022-03-28"  # one report each: the later one decides
    assert event["conflicts"] == [
        "date: 2022-03-29 (reports/day-one.txt) vs 2022-03-28 (reports/day-two.txt)"
    ]
    assert invoke("timeline", "--db", db, "--json", "--type", "call").stdout.count('"count": 0')


# -- contradictions -----------------------------------------------------------------


def test_contradictions_table(invoke: Invoke, db: Path) -> None:
    result = invoke("contradictions", "--db", db)
    assert result.exit_code == 0, result.output
    text = flat(result.stdout)
    assert "Contradictions (1)" in text
    assert "2022-03-29" in text and "2022-03-30" in text and "1 day" in text
    for word in ("Medinsky:", "positive", "Peskov:", "negative", "constructive,"):
        assert word in text
    assert "reports/day-one.txt" in text and "reports/day-two.txt" in text


def test_contradictions_json(invoke: Invoke, db: Path) -> None:
    result = invoke("contradictions", "--db", db, "--json", "--window", "3")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["filters"]["window"] == 3 and data["count"] == 1
    (c,) = data["contradictions"]
    assert c["between"] == ["Vladimir Medinsky", "Dmitry Peskov"]
    assert c["first"]["date"] == "2022-03-29" and c["second"]["date"] == "2022-03-30"
    assert c["first"]["evidence"]["source"] == "reports/day-one.txt"


def test_contradictions_limit_says_when_more_follow(invoke: Invoke, db: Path) -> None:
    all_of_them = invoke("contradictions", "--db", db, "--limit", "0")
    assert all_of_them.exit_code == 0, all_of_them.output
    assert "more follow" not in all_of_them.stdout
    one = invoke("contradictions", "--db", db, "--limit", "1")
    assert "Contradictions (1)" in flat(one.stdout) and "more follow" not in one.stdout
    data = json.loads(invoke("contradictions", "--db", db, "--json", "--limit", "1").stdout)
    assert data["filters"]["limit"] == 1 and data["count"] == 1
    assert invoke("contradictions", "--db", db, "--limit", "-1").exit_code != 0


def test_contradictions_limit_keeps_the_earliest(invoke: Invoke, tmp_path: Path) -> None:
    """Four days of alternating judgements by two envoys: three contradictions, of which
    --limit 2 shows the two earliest and says that more follow."""
    path = tmp_path / "judged.db"
    with Store.open(path) as store:
        for n, (envoy, polarity) in enumerate(
            [("Ana Petrel", "positive"), ("Omar Saleh", "negative"),
             ("Ana Petrel", "positive"), ("Omar Saleh", "negative")]
        ):  # fmt: skip
            day = dt.date(2031, 5, n + 1)
            body = f"Round {n}: {envoy} called the talks {polarity} on {day}."
            store.save(
                ArticleRecord(
                    Article(body=body, source=f"round-{n}.txt", published=day),
                    assessments=[Assessment(envoy, polarity, date=day, summary=polarity, end=9)],
                )
            )
    every = json.loads(invoke("contradictions", "--db", path, "--json", "--limit", "0").stdout)
    assert every["count"] >= 3
    firsts = sorted(c["first"]["date"] for c in every["contradictions"])
    two = invoke("contradictions", "--db", path, "--limit", "2")
    assert two.exit_code == 0, two.output
    assert "Contradictions (2)" in flat(two.stdout) and "more follow" in two.stdout
    shown = json.loads(invoke("contradictions", "--db", path, "--json", "--limit", "2").stdout)
    assert sorted(c["first"]["date"] for c in shown["contradictions"]) == firsts[:2]


def test_contradictions_window_zero_finds_none(invoke: Invoke, db: Path) -> None:
    result = invoke("contradictions", "--db", db, "--window", "0")
    assert result.exit_code == 0
    assert "No contradictions" in result.stdout


# -- export -------------------------------------------------------------------------


def test_export_jsonl_to_stdout_is_one_record_per_line(invoke: Invoke, db: Path) -> None:
    result = invoke("export", "--format", "jsonl", "--db", db)
    assert result.exit_code == 0, result.output
    lines = json_lines(result.stdout)
    with Store.open(db) as store:
        expected = [r.to_dict() for r in store.records()]
    assert lines == expected
    assert [line["article"]["source"] for line in lines] == [
        "reports/earlier.txt",
        "reports/day-one.txt",
        "reports/day-two.txt",
    ]


def test_export_jsonl_to_a_file(invoke: Invoke, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "deep" / "records.jsonl"
    result = invoke("export", "--format", "jsonl", "--db", db, "--out", out)
    assert result.exit_code == 0, result.output
    assert len(json_lines(out.read_text(encoding="utf-8"))) == 3
    assert "wrote 1 file" in flat(result.stdout)


TABLES = ["articles", "actors", "quotes", "events", "positions", "assessments"]


def test_export_csv_writes_one_file_per_table_that_reads_back(
    invoke: Invoke, db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "tables"
    result = invoke("export", "--format", "csv", "--db", db, "--out", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    assert "wrote 6 files" in flat(result.stdout)

    def read(table: str) -> list[dict[str, str]]:
        with (out / f"{table}.csv").open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    articles = read("articles")
    assert [a["published"] for a in articles] == ["2022-03-01", "2022-03-29", "2022-03-30"]
    assert articles[1]["body"] == DAY_ONE and articles[1]["outlet"] == "Example Wire"
    assert articles[2]["outlet"] == ""  # a missing value is an empty cell
    positions = read("positions")
    assert [(p["issue"], p["stance"]) for p in positions] == [
        ("neutrality", "reject"),
        ("neutrality", "propose"),
        ("territory", "concede"),
    ]
    by_id = {a["id"]: a["body"] for a in articles}
    first = positions[0]
    assert by_id[first["article_id"]][int(first["start"]) : int(first["end"])] == (
        "Ukraine rejected a neutral status"
    )
    events = read("events")
    assert json.loads(events[0]["participants"]) == ["Russia", "Ukraine"]
    actors = read("actors")
    assert json.loads(actors[0]["mentions"]) == [[75, 83]]
    assert read("quotes")[0]["anonymous"] == "false"
    assert len(read("assessments")) == 2


def test_export_parquet_writes_typed_tables_that_read_back(
    invoke: Invoke, db: Path, tmp_path: Path
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "parquet"
    result = invoke("export", "--format", "parquet", "--db", db, "--out", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.parquet" for t in TABLES)
    articles = pq.read_table(out / "articles.parquet").to_pylist()
    assert [a["published"] for a in articles] == [
        dt.date(2022, 3, 1),
        dt.date(2022, 3, 29),
        dt.date(2022, 3, 30),
    ]
    events = pq.read_table(out / "events.parquet").to_pylist()
    assert [e["participants"] for e in events] == [["Russia", "Ukraine"]] * 2
    assert pq.read_table(out / "actors.parquet").to_pylist()[0]["mentions"] == [[75, 83]]
    positions = pq.read_table(out / "positions.parquet")
    assert positions.num_rows == 3
    assert positions.column("date").to_pylist() == [
        dt.date(2022, 3, 1),
        dt.date(2022, 3, 29),
        dt.date(2022, 3, 30),
    ]


def test_export_parquet_without_pyarrow_is_one_clear_error(
    invoke: Invoke, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow -> ImportError
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    result = invoke("export", "--format", "parquet", "--db", db, "--out", tmp_path / "p")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "pyarrow" in lines[0] and "[D501]" in lines[0]


def test_export_csv_into_a_file_is_one_clear_error(
    invoke: Invoke, db: Path, tmp_path: Path
) -> None:
    taken = tmp_path / "taken.txt"
    taken.write_text("x", encoding="utf-8")
    result = invoke("export", "--format", "csv", "--db", db, "--out", taken)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "taken.txt" in result.stderr


def test_export_of_an_unknown_format_is_refused(invoke: Invoke, db: Path) -> None:
    result = invoke("export", "--format", "xlsx", "--db", db)
    assert result.exit_code == 2
    assert "xlsx" in result.output


def test_an_undated_latest_stance_is_shown_undated_with_its_report_day(
    invoke: Invoke, tmp_path: Path
) -> None:
    body = "Brevia proposed a joint commission on the river, its envoy said."
    article = Article(body=body, source="r/undated.txt", published=dt.date(2024, 6, 3))
    position = Position(
        party="Brevia",
        issue="agreement",
        stance="propose",
        summary="a joint commission",
        reported_by="anonymous",
        **at(body, "Brevia proposed a joint commission"),
    )
    path = tmp_path / "undated.db"
    with Store.open(path) as store:
        store.save(ArticleRecord(article, positions=[position]))
    text = flat(invoke("positions", "--db", path).stdout)
    assert "undated (reported 2024-06-03)" in text
