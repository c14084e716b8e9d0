"""Session fixtures shared by the test suite: the bundled seed, its records and graph, a live server.

Everything here is built once per session and only read by the tests, as the
server only reads the graph it builds at start-up.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import settings

import schema.execution
from careergraph.settings import ENV_PREFIX
from graph.build import build_graph
from graph.model import CareerGraph
from seed import DEFAULT_SEED, Extraction, extract, read_document, read_seed

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"

# --doctest-modules would import each conftest.py a second time under the module
# name "conftest", which by then may belong to another folder's conftest (e.g.
# tests/browser/ is collected before tests/conftest.py): an import-path mismatch.
# Conftest files hold no doctests, so they are not collected at all.
collect_ignore_glob = ["*conftest.py"]

# In CI the property tests draw the same examples on every run, so a red build
# names a reproducible input instead of a flake; locally they explore afresh.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def pytest_configure(config: pytest.Config) -> None:
    # A failure of the fast path itself (not a request it declines) fails the test that met it.
    schema.execution.STRICT = True
    # On a failing example, hypothesis's pytest plugin imports libcst to suggest a
    # patch, and that import warns; with warnings as errors the failure would turn
    # into an INTERNALERROR that hides the falsifying example.
    config.addinivalue_line("filterwarnings", "ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning")


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """``tests/fixtures``."""
    return FIXTURES


@pytest.fixture(scope="session")
def guides_dir() -> Path:
    """A folder seed of extra guides (data scientist, UX designer, data analyst)."""
    return FIXTURES / "guides"


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The bundled guide's full text, as the extractor's offsets index it."""
    return DEFAULT_SEED.read_bytes().decode("utf-8")


@pytest.fixture(scope="session")
def seed_extraction() -> Extraction:
    """The records extracted from the bundled guide."""
    return extract(read_document(DEFAULT_SEED))


@pytest.fixture(scope="session")
def seed_graph(seed_extraction: Extraction) -> CareerGraph:
    """The career graph built from the bundled guide."""
    return build_graph([seed_extraction])


@pytest.fixture(scope="session")
def guide_extractions(guides_dir: Path) -> dict[str, Extraction]:
    """The records of each extra guide, by document name (``data-scientist.txt``)."""
    return {document.name: extract(document) for document in read_seed(guides_dir)}


@pytest.fixture(scope="session")
def guides_graph(guide_extractions: dict[str, Extraction]) -> CareerGraph:
    """One graph merged from every extra guide (the folder seed)."""
    return build_graph(guide_extractions.values())


@pytest.fixture(scope="session")
def extractions(seed_extraction: Extraction, guide_extractions: dict[str, Extraction]) -> dict[str, Extraction]:
    """The records of the bundled guide and of every extra guide, by document name."""
    return {seed_extraction.document.name: seed_extraction, **guide_extractions}


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """``python -m uvicorn server:app`` on 127.0.0.1 and a free port, bundled seed; yields its base URL.

    The environment's ``CAREERGRAPH_*`` variables are dropped, so the run's own settings cannot leak in.
    The server's output goes to ``tests/artifacts/live-server.log``.
    """
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith(ENV_PREFIX)}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / "live-server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "server:app", "--host", "127.0.0.1", "--port", str(port),
             "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_ready(process, base + "/readyz", log)
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
