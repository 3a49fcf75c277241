"""Fixtures for the web tests: the example corpus in a store, in-process clients, and a
real server with a real browser (headless Chromium) shared by the browser tests.

The corpus is ingested once per session (examples/ plus one hostile report written
here) on each backend: into an SQLite file, and into a schema of the session's
PostgreSQL database where DRAGOMAN_TEST_POSTGRES_URL is set (tests/conftest.py), so
that the in-process tests (``corpus``, ``db_copy``, ``reader``, ``client``) run on
both. Tests that write get their own copy. The browser tests run on SQLite only
(``corpus_db``, ``server_db``): what a person sees does not depend on the backend, and
the in-process tests read the same pages as JSON on both.
"""

# ruff: noqa: E501  (the hostile report's lines are long on purpose)
from __future__ import annotations

import asyncio
import concurrent.futures
import os
import shutil
import socket
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

from dragoman import api
from dragoman.web import create_app

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
TOKEN = "test-token-1234"
T = TypeVar("T")

# A report that tries to run code: in its title, its caption and its body.
HOSTILE_MD = """---
title: "Talks resume <script>window.__pwned = 'title'</script>"
outlet: "Hostile Example Wire"
date: "2022-04-20"
caption: "Delegates <img src=x onerror=\\"window.__pwned='caption'\\">"
credit: "EXAMPLE WIRE"
---

Kremlin spokesman Dmitry Peskov said on Wednesday that the talks with Ukraine would resume
next week <script>window.__pwned = 'body'</script> in Istanbul.

"We are ready to continue <img src=x onerror="window.__pwned='quote'"> the negotiations," Peskov told reporters.

Ukraine proposed a permanent neutral status <b onmouseover="window.__pwned='b'">in exchange</b> for security guarantees, Ukrainian negotiator Mykhailo Podolyak said.
"""


def run_async(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine to its end on a new event loop: in this thread, or in another when
    this one already runs a loop (Playwright's sync API leaves one running)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


class Client:
    """A synchronous client of the app in-process (httpx over ASGI), one event loop per
    request; redirects are not followed."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def go() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
                return await c.request(method, url, **kwargs)

        return run_async(go)

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)


def _ingest(target: Path | str, reports: Path) -> None:
    result = api.ingest_paths([EXAMPLES, reports], target)
    assert result.ok, result.failed
    assert result.added == 15


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/ and the hostile report, ingested through the real pipeline (SQLite)."""
    folder = tmp_path_factory.mktemp("corpus")
    hostile = folder / "reports" / "hostile.md"
    hostile.parent.mkdir()
    hostile.write_text(HOSTILE_MD, encoding="utf-8")
    db = folder / "corpus.db"
    _ingest(db, hostile.parent)
    return db


#: The schema of the session's PostgreSQL database that holds the corpus.
CORPUS_SCHEMA = "corpus"


@pytest.fixture(scope="session")
def corpus_pg(corpus_db: Path, postgres: Any) -> str:
    """The same reports (the same files) ingested into PostgreSQL; the store's URL."""
    _ingest(postgres.fresh(CORPUS_SCHEMA), corpus_db.parent / "reports")
    return str(postgres.url(CORPUS_SCHEMA))


@pytest.fixture
def corpus(backend: str, request: pytest.FixtureRequest) -> Path | str:
    """The corpus on each backend, read-only: a file path or a URL."""
    if backend == "postgresql":
        return str(request.getfixturevalue("corpus_pg"))
    return Path(request.getfixturevalue("corpus_db"))


@pytest.fixture
def db_copy(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Path | str:
    """A copy of the corpus that a test may write to, on each backend."""
    if backend == "postgresql":
        request.getfixturevalue("corpus_pg")
        return str(request.getfixturevalue("postgres").copy(CORPUS_SCHEMA))
    target = tmp_path / "copy.db"
    shutil.copy(request.getfixturevalue("corpus_db"), target)
    return target


MakeClient = Callable[..., Client]


@pytest.fixture
def make_client() -> Iterator[MakeClient]:
    apps: list[Any] = []

    def make(db: Path | str, token: str | None = None) -> Client:
        app = create_app(api.open_store(db, must_exist=True), token=token)
        apps.append(app)
        return Client(app)

    yield make
    for app in apps:
        app.state.web.store.close()


@pytest.fixture
def client(db_copy: Path | str, make_client: MakeClient) -> Client:
    """The app over a copy of the corpus, with review enabled (token TOKEN)."""
    return make_client(db_copy, token=TOKEN)


@pytest.fixture
def reader(corpus: Path | str, make_client: MakeClient, monkeypatch: pytest.MonkeyPatch) -> Client:
    """The app over the corpus, read-only (no token)."""
    monkeypatch.delenv("DRAGOMAN_TOKEN", raising=False)
    return make_client(corpus)


# -- a real server and a real browser ------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server_db(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("server") / "served.db"
    shutil.copy(corpus_db, target)
    return target


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """uvicorn serving ``app`` on 127.0.0.1 and a free port, in a thread; its base URL."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@contextmanager
def opened_tab(browser: Any, server: str, width: int = 1400) -> Iterator[Any]:
    """A new page of ``browser`` at ``server``, its script errors gathered in ``.errors``."""
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=server)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.errors = errors
    yield tab
    context.close()


def shots(tmp_path: Path) -> Path:
    """Where screenshots go: ``DRAGOMAN_SCREENSHOT_DIR`` when set, else ``tmp_path``."""
    folder = Path(os.environ.get("DRAGOMAN_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def server(server_db: Path) -> Iterator[str]:
    """uvicorn serving the app on 127.0.0.1 and a free port, in a thread."""
    with serving(create_app(server_db, token=TOKEN)) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, driven by Playwright (never a browser Playwright downloads)."""
    if not CHROMIUM.exists():
        pytest.skip("browser tests need /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    with opened_tab(browser, server) as tab:
        yield tab
