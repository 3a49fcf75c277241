"""An unexpected failure is answered in the one error shape, with the security headers
every other answer carries (Starlette answers it outside the middleware)."""

from __future__ import annotations

from pathlib import Path

from dragoman.store import Store
from dragoman.web import create_app

from .conftest import Client


def test_an_unexpected_error_is_a_500_with_the_security_headers(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "empty.db")
    app = create_app(store)

    def broken() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/api/broken", broken)
    try:
        response = Client(app).get("/api/broken", headers={"Accept": "application/json"})
    finally:
        store.close()
    assert response.status_code == 500
    assert response.json() == {"ok": False, "error": "internal error (RuntimeError)", "status": 500}
    assert "default-src" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
