"""HTTP fixtures: apps on the bundled seed through Starlette's TestClient, and the real server (`live_server_with`).

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
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import httpx2
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
          accept: str = GRAPHQL_RESPONSE) -> httpx2.Response:
    body: dict[str, Any] = {"query": query}
    if variables is not None:
        body["variables"] = variables
    return client.post("/graphql", json=body, headers={"accept": accept})


@pytest.fixture(scope="session")
def post() -> Callable[..., httpx2.Response]:
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




# ---------------------------------------------------------------------------
# The real server: ``uvicorn server:app`` in a subprocess on loopback


#: The launcher: ``uvicorn server:app`` with two hooks a test can trigger through its variables (and the
#: schema ignores, as it ignores any variable a document does not declare):
#: ``spin`` (seconds) keeps the operation busy on the CPU first, as an expensive query would;
#: ``explode`` makes a resolver fail unexpectedly (the answer is then masked as INTERNAL_SERVER_ERROR).
LAUNCHER = '''
import sys, threading, time
import schema
from graph import CareerGraph

state = threading.local()
original = schema.CareerGraphSchema.execute_sync

def execute_sync(self, query, variable_values=None, *args, **kwargs):
    variables = variable_values or {}
    spin = variables.get("spin")
    if isinstance(spin, (int, float)):
        end = time.perf_counter() + spin
        while time.perf_counter() < end:
            pass
    state.explode = bool(variables.get("explode"))
    return original(self, query, variable_values, *args, **kwargs)

kind_counts = CareerGraph.kind_counts

def exploding_kind_counts(self, *args, **kwargs):
    if getattr(state, "explode", False):
        raise RuntimeError("exploded on purpose")
    return kind_counts(self, *args, **kwargs)

schema.CareerGraphSchema.execute_sync = execute_sync
CareerGraph.kind_counts = exploding_kind_counts

import uvicorn
sys.argv = ["uvicorn", *sys.argv[1:]]
uvicorn.main()
'''


@dataclass
class LiveServer:
    """A running server: its base URL and its output (logs) so far."""

    base: str
    log: Path

    @property
    def host_port(self) -> tuple[str, int]:
        host, _, port = self.base.removeprefix("http://").partition(":")
        return host, int(port)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for_output(self, text: str, seconds: float = 5.0) -> str:
        """The output once it contains ``text`` (polled, at most ``seconds``)."""
        deadline = time.monotonic() + seconds
        while text not in (output := self.output()) and time.monotonic() < deadline:
            time.sleep(0.05)
        return output


@contextmanager
def live_server_with(folder: Path, **env: str) -> Iterator[LiveServer]:
    """The launcher on a free loopback port with these ``CAREERGRAPH_*`` settings; stopped on exit."""
    launcher = folder / "launch_server.py"
    launcher.write_text(LAUNCHER, encoding="utf-8")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    environment = {key: value for key, value in os.environ.items() if not key.startswith(ENV_PREFIX)}
    environment.update({ENV_PREFIX + key.upper(): value for key, value in env.items()})
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), environment.get("PYTHONPATH")]))
    log = folder / f"server-{port}.log"
    with log.open("wb") as output:
        process = subprocess.Popen([sys.executable, str(launcher), "server:app", "--host", "127.0.0.1",
                                    "--port", str(port)],
                                   cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT)
        server = LiveServer(f"http://127.0.0.1:{port}", log)
        try:
            _wait_until_ready(process, server)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_ready(process: subprocess.Popen, server: LiveServer, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}:\n{server.output()}")
        try:
            if httpx.get(server.base + "/readyz", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    pytest.fail(f"the server was not ready after {timeout:g} s:\n{server.output()}")
