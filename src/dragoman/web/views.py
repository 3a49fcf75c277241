"""The routes: each page once as HTML-or-JSON and once under /api/ (JSON, documented).

A page is registered with :func:`page`: its function takes the request's parameters,
calls one function of :mod:`dragoman.web.pages` and returns the dict; the same dict is
the template's ``data`` and the JSON body. Reviews are POSTs: ``/api/review/…`` takes
JSON and the token in a header; ``/review/…`` takes the dashboard's form (with the
token as a field) and sends the browser back to the article.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import parse_qs, quote

from fastapi import FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, RedirectResponse, Response

from dragoman import vocabulary as codes
from dragoman.errors import ReadOnly, ReviewError
from dragoman.store import Store
from dragoman.web.app import Web, wants_json
from dragoman.web.pages.actors import actor as actor_page
from dragoman.web.pages.actors import actor_list
from dragoman.web.pages.articles import KIND_OF, article_list
from dragoman.web.pages.articles import article as article_page
from dragoman.web.pages.matrix import history as history_page
from dragoman.web.pages.matrix import matrix as matrix_page
from dragoman.web.pages.overview import overview as overview_page
from dragoman.web.pages.review import review_log as review_log_page
from dragoman.web.pages.search import SearchArgs
from dragoman.web.pages.search import search as search_page
from dragoman.web.pages.timeline import timeline as timeline_page

MAX_BODY = 100_000

Text = Annotated[str | None, Query(max_length=200)]
Day = Annotated[str | None, Query(description="YYYY-MM-DD, inclusive", max_length=10)]
Page = Annotated[int, Query(ge=1, le=1000, description="the page, from 1")]


def page(app: FastAPI, web: Web, path: str, template: str, summary: str) -> Callable[..., Any]:
    """Register ``compute`` at ``path`` (HTML or JSON) and at ``/api`` + ``path``."""

    def register(compute: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        @functools.wraps(compute)
        def view(request: Request, *args: Any, **kwargs: Any) -> Response:
            return web.page(request, template, compute(request, *args, **kwargs))

        app.get(path, include_in_schema=False, name=f"page:{compute.__name__}")(view)
        api_path = "/api" + (path if path != "/" else "/overview")
        app.get(api_path, summary=summary, tags=["pages"], name=f"api:{compute.__name__}")(view)
        return compute

    return register


def register(app: FastAPI, web: Web) -> None:
    """Every page and the review endpoints."""
    _register_record_pages(app, web)
    _register_report_pages(app, web)
    _register_reviews(app, web)
    _register_additions(app, web)


def _register_record_pages(app: FastAPI, web: Web) -> None:
    """The pages of the negotiation: overview, matrix, history, timeline, actors."""
    store = web.store

    @page(app, web, "/", "overview.html", "The overview: parties, matrix, timeline, judgements")
    def overview(request: Request) -> dict[str, Any]:
        return overview_page(store)

    @page(app, web, "/matrix", "matrix.html", "Issue by party: each party's latest stance")
    def matrix(
        request: Request,
        until: Day = None,
        reviewed: Annotated[bool, Query(description="only reports a person checked")] = False,
    ) -> dict[str, Any]:
        return matrix_page(store, until or None, reviewed)

    @page(app, web, "/history", "history.html", "Every report of a party's stance on an issue")
    def history(
        request: Request,
        party: Annotated[str, Query(max_length=200)],
        issue: Annotated[str, Query(max_length=200)],
        since: Day = None,
        until: Day = None,
    ) -> dict[str, Any]:
        return history_page(store, party, issue, since, until)

    @page(app, web, "/timeline", "timeline.html", "The events, merged across reports")
    def timeline(
        request: Request,
        party: Text = None,
        actor: Text = None,
        type: Text = None,
        since: Day = None,
        until: Day = None,
    ) -> dict[str, Any]:
        return timeline_page(
            store, party or None, actor or None, type or None, since or None, until or None
        )

    @page(app, web, "/actors", "actors.html", "The most quoted speakers and the parties")
    def actors(request: Request) -> dict[str, Any]:
        return actor_list(store)

    # A name may hold "/" (sent as %2F, which the server decodes before routing).
    @page(app, web, "/actors/{name:path}", "actor.html", "One actor: role, party, quotes over time")
    def actor(request: Request, name: str) -> dict[str, Any]:
        return actor_page(store, name)


def _register_report_pages(app: FastAPI, web: Web) -> None:
    """The pages of the reports: the list, one report, search, the review log."""
    store = web.store

    @page(app, web, "/articles", "articles.html", "The reports, newest first")
    def articles(
        request: Request, page: Annotated[int, Query(ge=1, le=100_000)] = 1
    ) -> dict[str, Any]:
        return article_list(store, page)

    @page(
        app,
        web,
        "/articles/{article_id}",
        "article.html",
        "One report, highlighted, with its review",
    )
    def article(request: Request, article_id: str) -> dict[str, Any]:
        found = article_page(store, article_id)
        found["vocabulary"] = vocabulary()
        return found

    @page(app, web, "/search", "search.html", "Full-text search over quotes and articles")
    def search(
        request: Request,
        q: Annotated[str | None, Query(max_length=500)] = None,
        scope: Annotated[str, Query(pattern="^(all|quotes|articles)$")] = "all",
        actor: Text = None,
        party: Text = None,
        issue: Text = None,
        since: Day = None,
        until: Day = None,
        page: Annotated[int, Query(ge=1, le=200, description="the page, from 1")] = 1,
    ) -> dict[str, Any]:
        args = SearchArgs(
            q,
            scope,
            actor or None,
            party or None,
            issue or None,
            since or None,
            until or None,
            page,
        )
        return search_page(store, args)

    @page(app, web, "/review", "review.html", "The review queue, best check first; the audit trail")
    def review_log(request: Request) -> dict[str, Any]:
        found = review_log_page(store)
        found["vocabulary"] = vocabulary()
        return found


def _register_reviews(app: FastAPI, web: Web) -> None:
    """The review endpoints: JSON under /api/review, and the dashboard's form."""
    store = web.store

    @app.post(
        "/api/review/{target}/{target_id}",
        tags=["review"],
        summary="Accept, correct or reject an extraction (needs the token)",
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["action", "who"],
                            "properties": {
                                "action": {"type": "string", "enum": list(Store.REVIEW_ACTIONS)},
                                "who": {"type": "string"},
                                "changes": {"type": "object"},
                                "note": {"type": "string"},
                            },
                        },
                        "example": {
                            "action": "correct",
                            "who": "analyst",
                            "changes": {"speaker": "Dmitry Peskov"},
                        },
                    }
                },
            }
        },
    )
    async def review_api(request: Request, target: str, target_id: str) -> Response:
        """``target`` is quotes, positions, events or assessments and ``target_id`` the
        row's id; or ``articles`` and an article's id, with action accept (reviewed as a
        whole). The token goes in ``Authorization: Bearer …`` or ``X-Dragoman-Token``.
        Answers with the audit-trail rows written."""
        body = await _json_body(web, request)
        if not isinstance(body, dict):
            raise ReviewError("the body is not a JSON object")
        changes = body.get("changes")
        if changes is not None and not isinstance(changes, dict):
            raise ReviewError("changes: give an object of field: value")
        written = await run_in_threadpool(
            store.review,
            target,
            target_id,
            str(body.get("action", "")),
            str(body.get("who", "")),
            changes,
            _note(body),
        )
        return JSONResponse({"ok": True, "corrections": [c.to_dict() for c in written]})

    @app.post("/review/{target}/{target_id}", include_in_schema=False)
    async def review_form(request: Request, target: str, target_id: str) -> Response:
        header, form = await _form_body(web, request)
        if header is None:
            refused = _refused(web, request, form, target, target_id)
            if refused is not None:
                return refused
        action = form.get("action", "")
        changes = _form_changes(form, target) if action == "correct" else None
        written = await run_in_threadpool(
            store.review, target, target_id, action, form.get("who", ""), changes, form.get("note")
        )
        article_id = written[0].article_id
        anchor = f"#{KIND_OF[target]}-{target_id}" if target in KIND_OF else ""
        return RedirectResponse(f"/articles/{quote(article_id)}{anchor}", status_code=303)


def _register_additions(app: FastAPI, web: Web) -> None:
    """Additions: what the machine missed, as JSON under /api/additions, and the form."""
    store = web.store

    @app.post("/api/additions/{target}", tags=["review"],
              summary="Add a quote, position, event or assessment the machine missed")  # fmt: skip
    async def add_api(request: Request, target: str) -> Response:
        """JSON ``{"article_id", "who", "fields": {"start", "end", ...}, "note"}``; the
        token as for a review. Answers with the audit-trail row written (``target_id`` is
        the new row)."""
        body = await _json_body(web, request)
        if not isinstance(body, dict) or not isinstance(body.get("fields"), dict):
            raise ReviewError("give a JSON object with article_id, who and fields")
        written = await run_in_threadpool(
            store.add, target, str(body.get("article_id", "")), body["fields"],
            str(body.get("who", "")),
            _note(body),
        )  # fmt: skip
        return JSONResponse({"ok": True, "corrections": [c.to_dict() for c in written]})

    @app.post("/additions/{article_id}", include_in_schema=False)
    async def add_form(request: Request, article_id: str) -> Response:
        header, form = await _form_body(web, request)
        if header is None:
            refused = _refused(
                web, request, {**form, "article": article_id}, "additions", article_id
            )
            if refused is not None:
                return refused
        target = form.get("target", "")
        fields = {k[2:]: v for k, v in form.items() if k.startswith("f.") and v.strip()}
        written = await run_in_threadpool(
            store.add, target, article_id, fields, form.get("who", ""), form.get("note")
        )
        anchor = f"#{KIND_OF[target]}-{written[0].target_id}" if target in KIND_OF else ""
        return RedirectResponse(f"/articles/{quote(article_id)}{anchor}", status_code=303)


def _refused(
    web: Web, request: Request, form: dict[str, str], target: str, target_id: str
) -> Response | None:
    """None if the form's token is the app's; else the report again (403), with the
    form as the analyst filled it and why it was refused. A request for JSON, or a
    form that does not name its report, gets the one error shape."""
    try:
        web.check_token(form.get("token"))
        return None
    except ReadOnly as e:
        article_id = target_id if target == "articles" else form.get("article", "")
        if wants_json(request) or not article_id or web.read_only:
            raise
        kind = KIND_OF.get(target, "add" if target == "additions" else "whole")
        ref = f"{kind}-{target_id}" if target in KIND_OF else kind
        values = {k: v for k, v in form.items() if k != "token"}
        refusal = {"ref": ref, "message": str(e), "form": values}
        found = article_page(web.store, article_id, refusal)
        found["vocabulary"] = vocabulary()
        return web.page(request, "article.html", found, status=403)


def _form_changes(form: dict[str, str], target: str) -> dict[str, str] | None:
    """Only the fields whose text the analyst changed (as shown in the form)."""
    if target not in Store.EDITABLE:
        return None
    changes = {
        name: form["f." + name]
        for name in Store.EDITABLE[target]
        if "f." + name in form and form["f." + name] != form.get("was." + name, "")
    }
    if not changes:
        raise ReviewError("correct: no field was changed")
    return changes


async def _json_body(web: Web, request: Request) -> Any:
    """The JSON body of an API request, once the token in its header is checked."""
    web.check_token(_header_token(request))
    raw = await _read_body(request, "the request body is too large")
    try:
        return json.loads(raw or b"{}")
    except ValueError:
        raise ReviewError("the body is not JSON") from None


def _note(body: dict[str, Any]) -> str | None:
    note = body.get("note")
    return note if isinstance(note, str) else None


async def _form_body(web: Web, request: Request) -> tuple[str | None, dict[str, str]]:
    """The token in the request's header (None if none) and the dashboard's form.

    The token is checked before the body is read wherever it can be: a read-only app
    and a token in a header need no body; a form's token field does (the caller checks
    it, when the header gives none), and then no more than MAX_BODY bytes are read."""
    header = _header_token(request)
    if web.read_only or header is not None:
        web.check_token(header)
    raw = await _read_body(request, "the form is too large")
    form = {
        k: v[-1]
        for k, v in parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True).items()
    }
    return header, form


async def _read_body(request: Request, too_large: str) -> bytes:
    """The request's body, refused as soon as it is known to pass MAX_BODY bytes (by its
    Content-Length, or while it streams in): never read whole before it is measured."""
    declared = request.headers.get("content-length", "").strip()
    if declared.isascii() and declared.isdigit() and int(declared[:18]) > MAX_BODY:
        raise ReviewError(too_large)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise ReviewError(too_large)
        chunks.append(chunk)
    return b"".join(chunks)


def _header_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("x-dragoman-token")


def vocabulary() -> dict[str, Any]:
    """The codes the review forms offer."""
    return {
        "quote_kinds": list(codes.QUOTE_KINDS),
        "issues": list(codes.ISSUES),
        "stances": list(codes.STANCES),
        "event_types": list(codes.EVENT_TYPES),
        "event_statuses": list(codes.EVENT_STATUSES),
        "polarities": list(codes.POLARITIES),
    }


def register_time_and_change(app: FastAPI, web: Web) -> None:
    """What changed, the contradictions side by side, and the charts."""
    from dragoman.web.pages.changes import changes as changes_page
    from dragoman.web.pages.changes import contradictions as contradictions_page
    from dragoman.web.pages.charts import chart as chart_page

    store = web.store

    @page(app, web, "/changes", "changes.html", "What changed in the reports since a day")
    def changes(
        request: Request,
        since: DayOrDays = None,
        until: Day = None,
        page: Page = 1,
    ) -> dict[str, Any]:
        return changes_page(store, since or None, until or None, page)

    @page(app, web, "/contradictions", "contradictions.html", "Claims that disagree")
    def contradictions(
        request: Request,
        party: Text = None,
        issue: Text = None,
        actor: Text = None,
        since: Day = None,
        until: Day = None,
        window: Annotated[int, Query(ge=0, le=365)] = 7,
        page: Page = 1,
    ) -> dict[str, Any]:
        return contradictions_page(
            store, party or None, issue or None, actor or None, since, until, window, page
        )

    @page(app, web, "/charts/{kind}", "chart.html", "A chart: stances, events or judgements")
    def chart(
        request: Request,
        kind: Annotated[str, "stance, events or assessments"],
        issue: Text = None,
        since: Day = None,
        until: Day = None,
    ) -> dict[str, Any]:
        return chart_page(store, kind, issue or None, since or None, until or None)


DayOrDays = Annotated[
    str | None, Query(description="YYYY-MM-DD, or 7d / 2w before today", max_length=10)
]
