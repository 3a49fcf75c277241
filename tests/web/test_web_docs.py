"""``/docs``: the API documented by a page of the package, rendered from the OpenAPI
document; nothing loaded from elsewhere, so it works offline."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

from dragoman.web.app import CSP

from .conftest import Client


def test_docs_list_every_operation_of_the_openapi_document(reader: Client) -> None:
    response = reader.get("/docs")
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == CSP
    schema = reader.get("/openapi.json").json()
    for path, item in schema["paths"].items():
        for method in item:
            assert f"<code>{path}</code>" in response.text, (method, path)
    assert "Request body (JSON)" in response.text  # the review endpoint's body


def test_docs_load_nothing_from_elsewhere(reader: Client) -> None:
    page = reader.get("/docs").text
    for attribute in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert not urlparse(attribute).netloc, attribute
    assert "<script>" not in page and "cdn" not in page.lower()


def test_docs_render_with_the_network_blocked(page: Any, server: str) -> None:
    local = urlparse(server).netloc
    blocked: list[str] = []

    def only_local(route: Any) -> None:
        if urlparse(route.request.url).netloc == local:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.goto("/docs")
    assert page.locator("h1").inner_text().startswith("dragoman API")
    search = page.locator("section.operation", has_text="/api/search")
    assert search.first.is_visible()
    assert search.first.locator("table.params").inner_text().count("\n") > 3
    # The page's own style sheet applies (it came from the app, not from a CDN).
    colour = page.locator(".apidocs .method").first.evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    assert blocked == [] and page.errors == []
