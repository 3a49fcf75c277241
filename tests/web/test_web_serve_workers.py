"""dragoman serve, really started: several worker processes answer, each building the
app from the environment; a Host header naming another site is refused (DNS rebinding)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from dragoman.store import Store
from dragoman.web import create_app

from .conftest import Client, free_port


def test_a_host_header_naming_another_site_is_refused(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "empty.db")
    try:
        client = Client(create_app(store, allowed_hosts=["localhost", "127.0.0.1"]))
        assert client.get("/api/overview", headers={"Host": "localhost"}).status_code == 200
        refused = client.get("/api/overview", headers={"Host": "rebind.example"})
        assert refused.status_code == 400
    finally:
        store.close()


def test_serve_with_two_workers_answers_and_checks_the_host(tmp_path: Path) -> None:
    db = tmp_path / "served.db"
    Store.open(db).close()
    port = free_port()
    env = {**os.environ, "DRAGOMAN_TOKEN": "t0ken-for-test"}
    command = [sys.executable, "-m", "dragoman", "serve", "--db", str(db), "--port", str(port)]
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [*command, "--workers", "2"], env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        url = f"http://127.0.0.1:{port}/api/overview"
        deadline = time.monotonic() + 60
        while True:
            try:
                answer = httpx.get(url, timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, log.read_text(errors="replace")
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.3)
        assert answer.status_code == 200 and answer.json()["counts"]["articles"] == 0
        refused = httpx.get(url, headers={"Host": f"rebind.example:{port}"}, timeout=5)
        assert refused.status_code == 400
        assert "t0ken-for-test" not in " ".join(command)
    finally:
        server.terminate()
        server.wait(timeout=30)
