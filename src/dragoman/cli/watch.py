"""``watch``: follow RSS/Atom feeds and keep the record of every new report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from dragoman import api
from dragoman.batch import DEFAULT_TIMEOUT, analyze_article
from dragoman.cli.base import DbOption, fail, handles_errors, say
from dragoman.models import Article, ArticleRecord
from dragoman.watch import (
    CycleReport,
    WatchOptions,
    check_location,
    parse_interval,
    state_path_for,
)
from dragoman.watch import watch as watch_feeds


def _interval(text: str) -> float:
    try:
        return parse_interval(text)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None


@handles_errors
def watch(
    feeds: Annotated[
        list[str], typer.Argument(help="Feed URLs (http or https) or local feed files.")
    ],
    every: Annotated[
        str, typer.Option("--every", help="Time between two polls: 90, 30s, 15m, 2h, 1d.")
    ] = "15m",
    db: DbOption = api.DEFAULT_PATH,
    cycles: Annotated[
        int | None,
        typer.Option("--cycles", min=1, help="Stop after this many polls (default: never)."),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=0.1, help="Seconds one request (feed or page) may take."),
    ] = 30.0,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1024, help="Largest feed or page read, in bytes.")
    ] = 10 * 1024 * 1024,
    follow_under: Annotated[
        int,
        typer.Option(
            "--follow-under",
            min=0,
            help="An entry with less text than this (characters) is only a summary: its "
            "article page is fetched and read instead (0: never).",
        ),
    ] = 600,
    analysis_timeout: Annotated[
        float,
        typer.Option(
            "--analysis-timeout",
            min=0,
            help="Seconds one report may take to analyse (0: no limit).",
        ),
    ] = DEFAULT_TIMEOUT,
    state: Annotated[
        Path | None,
        typer.Option(
            "--state",
            help="File keeping each feed's ETag and Last-Modified across runs. Default: "
            "beside an SQLite database (DB.watch.json); none for a database URL.",
        ),
    ] = None,
) -> None:
    """Poll RSS/Atom feeds and store each new report once, until Ctrl-C or --cycles.

    Requests are conditional (ETag, Last-Modified), so an unchanged feed costs one
    short answer; an entry that carries only a summary is replaced by its article page.
    A feed that fails is named, retried after 1, 2, 4... intervals (at most 6 hours),
    and the other feeds are still polled. One line is printed per poll.

    Example: dragoman watch https://news.example.org/diplomacy.rss --every 15m --db demo.db
    """
    for feed in feeds:  # before the database is opened: a typo creates nothing
        check_location(feed)
    options = WatchOptions(
        every=_interval(every),
        cycles=cycles,
        timeout=timeout,
        max_bytes=max_bytes,
        follow_under=follow_under,
        state_path=state if state is not None else state_path_for(db),
    )

    def analyse(article: Article) -> ArticleRecord:
        # The pipeline is loaded on the first new report, never for a quiet feed.
        return analyze_article(api.default_analyzer(), article, analysis_timeout or None)

    def log(report: CycleReport) -> None:
        for source, reason in report.failed:
            fail(source, reason)
        stamp = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
        say(f"{stamp} {report.line()}")

    with api.open_store(db) as store:
        result = watch_feeds(feeds, store, analyse, options, on_cycle=log)
    if result.interrupted:
        say(f"stopped after {result.cycles} cycles: {result.new} new, {result.failed} failed")
