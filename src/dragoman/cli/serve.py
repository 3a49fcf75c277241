"""``dragoman serve``: the web dashboard and its JSON API over the database."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from dragoman import api
from dragoman.cli.base import DbOption, handles_errors, say


@handles_errors
def serve(
    db: DbOption = api.DEFAULT_PATH,
    host: Annotated[
        str, typer.Option("--host", help="The address to listen on (this machine only by default).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="The port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="DRAGOMAN_TOKEN",
            help="Reviews need this token; without one the app is read-only. "
            "Prefer the DRAGOMAN_TOKEN variable (a command line is visible to others).",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            help="Server processes (several answer many clients at once; each opens the "
            "database itself, from DRAGOMAN_DB).",
        ),
    ] = 1,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="A Host name the server answers to besides the loopback ones (repeat it).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Serve the dashboard and its JSON API over the database, until Ctrl-C.

    Pages: the overview (parties, the issue-by-party matrix, the timeline, how each side
    judges the talks), actors, reports with their extractions highlighted, full-text
    search, and the review of every extraction. Every page is JSON under /api/; the
    OpenAPI document is at /docs.

    Example: dragoman serve --db demo.db --port 8000 --token s3cret
    """
    import uvicorn  # the web stack loads only when serving

    from dragoman.web.app import allowed_hosts_for, create_app

    hosts = allowed_hosts_for(host, allowed_host or ())
    mode = "review enabled (token required)" if token else "read-only (no --token)"
    if workers == 1:
        application = create_app(db, token=token, allowed_hosts=hosts)
    else:
        # Worker processes build their own app from the environment: the database URL
        # (with any password) and the token never appear on a command line.
        api.open_store(db, must_exist=True).close()
        os.environ["DRAGOMAN_DB"] = os.fspath(db)
        os.environ["DRAGOMAN_ALLOWED_HOSTS"] = ",".join(hosts or ())
        if token:
            os.environ["DRAGOMAN_TOKEN"] = token
    say(
        f"dragoman: {api.display_name(db)} at http://{host}:{port}/ — {mode}; "
        f"API docs at http://{host}:{port}/docs"
    )
    if workers == 1:
        uvicorn.run(application, host=host, port=port, log_level="warning")
    else:
        uvicorn.run(
            "dragoman.web.app:app_from_environment",
            factory=True,
            workers=workers,
            host=host,
            port=port,
            log_level="warning",
        )
