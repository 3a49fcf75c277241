"""The web app: FastAPI over the store, server-rendered pages and their JSON.

:func:`create_app` builds the app over a database. Each page is one function of
:mod:`dragoman.web.pages` that computes a dict; :mod:`dragoman.web.views` serves that dict
as HTML (a Jinja2 template) or as JSON, from the same route (``?format=json`` or an
``Accept: application/json`` header), and again under ``/api/...`` (always JSON, listed
in the OpenAPI document, ``/openapi.json``, which ``/docs`` renders with a template of
the package: no third-party script, nothing loaded from elsewhere).

Every error answers in one shape, ``{"ok": false, "error": "…", "status": N}`` (as JSON;
as a page for a browser). Report text is untrusted: templates autoescape everything and
never mark report text safe, and every page carries a Content-Security-Policy that
allows no inline script. Reviews need the token the app was started with; without one
the app is read-only.
"""

from __future__ import annotations

import datetime as dt
import gc
import hmac
import json
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from dragoman import __version__
from dragoman.errors import BadFilter, DragomanError, NotFound, ReadOnly, ReviewError
from dragoman.models import Dating
from dragoman.store import Store
from dragoman.vocabulary import STANCES
from dragoman.web.pages.apidocs import api_docs

HERE = Path(__file__).parent
TOKEN_ENV = "DRAGOMAN_TOKEN"

#: Every page: scripts and styles only from the app itself, nothing inline.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

STATUS = {
    BadFilter: 400,
    ReviewError: 400,
    ReadOnly: 403,
    NotFound: 404,
}


def status_of(error: DragomanError) -> int:
    for cls, status in STATUS.items():
        if isinstance(error, cls):
            return status
    return 500


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return jsonable_encoder(value)


def json_response(data: Any, status: int = 200) -> Response:
    """JSON with dates as ISO strings (the dicts of the pages are JSON-ready already:
    plain json is much faster than FastAPI's encoder on them)."""
    body = json.dumps(data, ensure_ascii=False, default=_plain, separators=(",", ":"))
    return Response(body, status_code=status, media_type="application/json")


def error_body(message: str, status: int) -> dict[str, Any]:
    """The one shape of every error."""
    return {"ok": False, "error": message, "status": status}


def wants_json(request: Request) -> bool:
    """Whether to answer with JSON: an /api/ path, ``?format=json``, or a client that
    asks for JSON rather than HTML."""
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return True
    fmt = request.query_params.get("format")
    if fmt is not None:
        return fmt == "json"
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def make_templates() -> Environment:
    """Jinja2 with autoescaping on for every template (not only ``.html``)."""
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["href"] = href
    env.filters["segment"] = segment
    env.globals["version"] = __version__
    env.globals["dated"] = dated
    env.globals["stances"] = STANCES
    return env


def dated(item: Any) -> str:
    """An item's date as a page shows it (:meth:`dragoman.models.Dating.label`): its
    date, or ``undated (reported DAY)``, from the ``date``/``reported`` of its dict."""
    get = item.get if isinstance(item, dict) else lambda k: getattr(item, k, None)
    return Dating(_day(get("date")), _day(get("reported"))).label()


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value) if value else None


def href(path: str, **params: Any) -> str:
    """A URL with its query string (empty values left out); escaped by the template."""
    given = {k: v for k, v in params.items() if v not in (None, "")}
    return path + ("?" + urlencode(given) if given else "")


def segment(value: object) -> str:
    """A value as one segment of a URL's path: every reserved character (``/``, ``?``,
    ``#``, ``%``...) percent-encoded, so that ``href('/actors/' ~ name|segment)`` leads
    to that name whatever it holds."""
    return quote(str(value), safe="")


class Web:
    """What the views share: the store, the token, the templates."""

    def __init__(self, store: Store, token: str | None) -> None:
        self.store = store
        self.token = token or None
        self.templates = make_templates()

    @property
    def read_only(self) -> bool:
        return self.token is None

    def check_token(self, given: str | None) -> None:
        """Raise ReadOnly unless ``given`` is the app's token."""
        if self.token is None:
            raise ReadOnly(
                "this app is read-only: start it with --token (or DRAGOMAN_TOKEN) to review"
            )
        if not given or not hmac.compare_digest(given.encode(), self.token.encode()):
            raise ReadOnly("a review needs the token the app was started with")

    def page(
        self, request: Request, template: str, data: dict[str, Any], status: int = 200
    ) -> Response:
        """``data`` as JSON or as the page ``template``."""
        if wants_json(request):
            return json_response({"ok": True, **data}, status)
        html = self.templates.get_template(template).render(
            data=data, request=request, read_only=self.read_only, path=request.url.path
        )
        return HTMLResponse(html, status_code=status)

    def error(self, request: Request, message: str, status: int) -> Response:
        body = error_body(message, status)
        if wants_json(request):
            return JSONResponse(body, status_code=status)
        html = self.templates.get_template("error.html").render(
            data=body, request=request, read_only=self.read_only, path=request.url.path
        )
        return HTMLResponse(html, status_code=status)


def secured(response: Response) -> Response:
    """``response`` with the security headers every answer carries, errors included."""
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    return response


def create_app(
    db: Store | str | os.PathLike[str],
    token: str | None = None,
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """The web app over ``db`` (an open Store, or a path/URL to open; it must exist).

    ``token``: reviews need it (``Authorization: Bearer …``, ``X-Dragoman-Token`` or the
    form's token field); None (and no DRAGOMAN_TOKEN) makes the app read-only.
    ``allowed_hosts``: the names a request's Host header may give (others are refused
    with 400, so a page on another site cannot reach the app by DNS rebinding).
    """
    from dragoman.web import views

    owned = not isinstance(db, Store)
    store = db if isinstance(db, Store) else Store.open(db, must_exist=True)
    web = Web(store, token if token is not None else os.environ.get(TOKEN_ENV))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # What the server holds for its life (modules, routes, templates: some 100,000
        # objects) leaves the garbage collector's reach, so that a full collection does
        # not scan it every few requests (measured: one request in six took 60 ms more).
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            gc.unfreeze()
            if owned:
                store.close()

    app = FastAPI(
        title="dragoman",
        version=__version__,
        description=(
            "A sourced record of diplomatic negotiations. Every page of the dashboard is "
            'also JSON under /api/. Errors: {"ok": false, "error": …, "status": …}. '
            "Reviews need the app's token (Authorization: Bearer TOKEN)."
        ),
        # /docs is our own page (docs.html), rendered from the OpenAPI document.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.web = web
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(DragomanError)
    async def dragoman_error(request: Request, exc: DragomanError) -> Response:
        return web.error(request, str(exc), status_of(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page at {request.url.path}"
        return web.error(request, message, exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for problem in exc.errors():
            where = ".".join(str(p) for p in problem.get("loc", ()) if p not in ("query", "body"))
            problems.append(f"{where}: {problem.get('msg', 'invalid')}")
        return web.error(request, "; ".join(problems) or "invalid request", 422)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # Starlette answers this one outside every middleware: the headers are set here.
        return secured(web.error(request, f"internal error ({type(exc).__name__})", 500))

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        return secured(await call_next(request))

    @app.get("/docs", include_in_schema=False, name="page:docs")
    def docs(request: Request) -> Response:
        """The API's documentation, from the OpenAPI document, served by the package."""
        html = web.templates.get_template("docs.html").render(
            data=api_docs(app.openapi()),
            request=request,
            read_only=web.read_only,
            path=request.url.path,
        )
        return HTMLResponse(html)

    views.register(app, web)
    views.register_time_and_change(app, web)
    return app


#: The Host names a server bound to this machine only answers to.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


def allowed_hosts_for(host: str, extra: Sequence[str] = ()) -> list[str] | None:
    """The Host headers to accept for a server bound to ``host``: the loopback names
    when it listens on this machine only, plus ``extra``; None (any) otherwise."""
    if host in LOOPBACK_HOSTS:
        return [*LOOPBACK_HOSTS, *extra]
    return list(extra) or None


def app_from_environment() -> FastAPI:
    """The app for each worker process of ``dragoman serve --workers N``: the database,
    token and allowed hosts come from DRAGOMAN_DB, DRAGOMAN_TOKEN and
    DRAGOMAN_ALLOWED_HOSTS (comma-separated), never from a command line."""
    hosts = [h for h in os.environ.get("DRAGOMAN_ALLOWED_HOSTS", "").split(",") if h]
    return create_app(os.environ["DRAGOMAN_DB"], allowed_hosts=hosts or None)
