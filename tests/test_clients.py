"""The client examples in docs/clients, run against a real ``uvicorn server:app``.

The Python example is imported and called; the JavaScript one is run with
Node after ``npm ci`` in docs/clients (skipped, with the reason, without Node
and npm).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import httpx
import pytest

from careergraph.settings import ENV_PREFIX

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = ROOT / "docs" / "clients"
ARTIFACTS = ROOT / "tests" / "artifacts"

ROUTE = [
    "Product Analyst",
    "Technical Product Manager",
    "Senior Technical Product Manager",
    "Director of Technical Product Management",
    "CTO",
]
DIRECTOR_TO_CTO = "executive positions such as VP of Product or CTO"


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """``python -m uvicorn server:app`` on 127.0.0.1 and a free port, bundled seed; yields its base URL."""
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith(ENV_PREFIX)}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / "clients-server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "server:app", "--host", "127.0.0.1", "--port", str(port),
             "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_ready(process, base, log)
            yield base
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


def _wait_ready(process: subprocess.Popen, base: str, log: Path, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(base + "/readyz", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    pytest.fail(f"the server was not ready after {timeout:g} s:\n{log.read_text()}")


@pytest.fixture(scope="module")
def python_client() -> ModuleType:
    """docs/clients/python_client.py, imported as a module."""
    spec = importlib.util.spec_from_file_location("python_client", CLIENTS / "python_client.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _evidence(path: dict, step: int) -> list[str]:
    return [source["text"] for source in path["steps"][step]["sources"]]


# -- Python (httpx) ------------------------------------------------------------


def test_python_client_career_path_returns_the_route_with_evidence(server: str, python_client: ModuleType) -> None:
    path = python_client.career_path(server, "Product Analyst", "CTO")
    assert path["hops"] == 4
    assert [step["entity"]["name"] for step in path["steps"]] == ROUTE
    assert any(DIRECTOR_TO_CTO in text for text in _evidence(path, 4))


def test_python_client_career_path_accepts_the_endpoint_url(server: str, python_client: ModuleType) -> None:
    with httpx.Client() as client:
        path = python_client.career_path(server + "/graphql/", "product analyst", "cto", client=client)
    assert path["hops"] == 4


def test_python_client_career_path_is_none_when_no_route(server: str, python_client: ModuleType) -> None:
    assert python_client.career_path(server, "CTO", "Product Analyst") is None


def test_python_client_career_path_raises_not_found_with_suggestions(server: str,
                                                                     python_client: ModuleType) -> None:
    with pytest.raises(python_client.GraphQLError, match="no career position named 'Product Analist'") as caught:
        python_client.career_path(server, "Product Analist", "CTO")
    assert caught.value.code == "NOT_FOUND"
    assert caught.value.suggestions[0] == "Product Analyst"


def test_python_client_career_path_raises_on_a_request_error(server: str, python_client: ModuleType) -> None:
    with pytest.raises(python_client.GraphQLError, match="5000") as caught:
        python_client.career_path(server, "x" * 5000, "CTO")
    assert (caught.value.code, caught.value.status) == ("BAD_USER_INPUT", 400)


def test_python_client_main_prints_the_route_with_evidence(server: str, python_client: ModuleType, capsys) -> None:
    assert python_client.main([server, "Product Analyst", "CTO"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Product Analyst -> CTO: 4 moves\n")
    assert "  4. CTO (role) via PROGRESSES_TO" in out
    assert DIRECTOR_TO_CTO in out


def test_python_client_main_prints_suggestions_when_not_found(server: str, python_client: ModuleType,
                                                               capsys) -> None:
    assert python_client.main([server, "Product Analist", "CTO"]) == 1
    err = capsys.readouterr().err
    assert "error (NOT_FOUND)" in err
    assert "did you mean: Product Analyst" in err


# -- JavaScript (graphql-request) ----------------------------------------------


@pytest.fixture(scope="module")
def node() -> str:
    """The node binary, with docs/clients/node_modules installed (``npm ci``)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("the JavaScript client example needs Node and npm (apt-get install nodejs npm)")
    if not (CLIENTS / "node_modules" / "graphql-request").is_dir():
        command = "ci" if (CLIENTS / "package-lock.json").is_file() else "install"
        installed = subprocess.run([npm, command, "--no-audit", "--no-fund"], cwd=CLIENTS, capture_output=True,
                                   text=True, timeout=120)
        assert installed.returncode == 0, f"npm {command} failed:\n{installed.stderr}"
    return node


def _run_js(node: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([node, str(CLIENTS / "client.mjs"), *args], capture_output=True, text=True, timeout=30)


def test_js_client_prints_the_route_as_json(server: str, node: str) -> None:
    run = _run_js(node, server, "Product Analyst", "CTO")
    assert run.returncode == 0, run.stderr
    path = json.loads(run.stdout)
    assert path["hops"] == 4
    assert [step["entity"]["name"] for step in path["steps"]] == ROUTE
    assert any(DIRECTOR_TO_CTO in text for text in _evidence(path, 4))


def test_js_client_reports_not_found_with_suggestions(server: str, node: str) -> None:
    run = _run_js(node, server + "/graphql", "Product Analist", "CTO")
    assert run.returncode == 1
    [error] = json.loads(run.stderr)["errors"]
    assert error["code"] == "NOT_FOUND"
    assert error["suggestions"][0] == "Product Analyst"
