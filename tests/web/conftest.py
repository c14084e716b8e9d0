"""HTTP fixtures: apps on the bundled seed through Starlette's TestClient, and a real uvicorn server.

Settings come from defaults plus explicit overrides, never from the
environment of the test run, so a stray ``CAREERGRAPH_*`` cannot change them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from careergraph.settings import ENV_PREFIX, Settings
from server import create_app

ROOT = Path(__file__).resolve().parents[2]
GRAPHQL_RESPONSE = "application/graphql-response+json"

MakeClient = Callable[..., TestClient]


def settings(**overrides: Any) -> Settings:
    """Default settings with these overrides, ignoring the environment."""
    return Settings.from_env({}, **overrides)


@pytest.fixture
def make_client() -> Iterator[MakeClient]:
    """Build an app for some settings overrides and enter its TestClient (lifespan on)."""
    entered: list[TestClient] = []

    def make(raise_server_exceptions: bool = True, **overrides: Any) -> TestClient:
        client = TestClient(create_app(settings(**overrides)), raise_server_exceptions=raise_server_exceptions)
        entered.append(client.__enter__())
        return client

    yield make
    for client in entered:
        client.__exit__(None, None, None)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """A client of an app with default settings, shared by a module's tests."""
    with TestClient(create_app(settings())) as client:
        yield client


def _post(client: TestClient, query: str, variables: dict[str, Any] | None = None,
          accept: str = GRAPHQL_RESPONSE) -> httpx.Response:
    body: dict[str, Any] = {"query": query}
    if variables is not None:
        body["variables"] = variables
    return client.post("/graphql", json=body, headers={"accept": accept})


@pytest.fixture(scope="session")
def post() -> Callable[..., httpx.Response]:
    """``post(client, query, variables=None, accept=graphql-response+json)``: one operation as JSON."""
    return _post


@pytest.fixture(scope="session")
def still_serving() -> Callable[[TestClient], None]:
    """Assert that a client's server answers a normal query."""

    def check(client: TestClient) -> None:
        response = _post(client, "{ graphInfo { nodeCount } }")
        assert response.status_code == 200, response.text
        assert response.json()["data"]["graphInfo"]["nodeCount"] > 0

    return check


@pytest.fixture(scope="module")
def live_server() -> Iterator[str]:
    """``uvicorn server:app`` on 127.0.0.1 and a free port, serving the bundled seed; yields its /graphql URL."""
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith(ENV_PREFIX)}
    log = (ROOT / "tests" / "artifacts")
    log.mkdir(parents=True, exist_ok=True)
    with open(log / "live-server.log", "wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "server:app", "--host", "127.0.0.1", "--port", str(port),
             "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_ready(process, base + "/readyz", log / "live-server.log")
            yield base + "/graphql"
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_ready(process: subprocess.Popen, url: str, log: Path, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(url, timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    pytest.fail(f"the server was not ready after {timeout:g} s:\n{log.read_text()}")
