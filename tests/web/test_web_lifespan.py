"""The app's life as a server lives it: what it holds for its life is frozen out of the
garbage collector's scans while it serves, and given back when it stops."""

from __future__ import annotations

import gc
from pathlib import Path

from dragoman.web import create_app

from .conftest import run_async


def test_serving_freezes_what_the_app_holds_and_stopping_gives_it_back(
    corpus_db: Path,
) -> None:
    app = create_app(corpus_db)
    seen: dict[str, int] = {}

    async def serve_and_stop() -> None:
        async with app.router.lifespan_context(app):
            seen["serving"] = gc.get_freeze_count()
        seen["stopped"] = gc.get_freeze_count()

    run_async(serve_and_stop)
    assert seen["serving"] > 10_000  # modules, routes, templates
    assert seen["stopped"] == 0
