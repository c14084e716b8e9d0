"""Real-browser fixtures: the app on a random port, Debian Chromium through Playwright, CDN files from npm.

There is no internet in CI, so every request for the CDN (unpkg) is answered
from ``tests/browser/node_modules``, installed from ``package.json`` here with
the exact versions ``careergraph/web/assets.py`` pins. The browser still
checks each file against its integrity hash, so a wrong pin fails the test.

Without ``chromium`` on the PATH, without Python Playwright or without npm,
the tests skip and say why. Never ``playwright install``: it downloads a
browser of its own; these tests drive the Debian ``chromium`` package.
"""

from __future__ import annotations

import json
import mimetypes
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import uvicorn

from careergraph.settings import Settings
from careergraph.web.assets import ASSETS, CDN
from server import create_app

HERE = Path(__file__).parent
NODE_MODULES = HERE / "node_modules"
ARTIFACTS = HERE.parent / "artifacts"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


# ---------------------------------------------------------------------------
# The test-only npm install


@pytest.fixture(scope="session")
def node_modules() -> Path:
    """``tests/browser/node_modules`` with every pinned asset, installed with npm when missing."""
    if not all((NODE_MODULES / a.package / a.path).is_file() for a in ASSETS.values()):
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed (apt-get install npm): it fills tests/browser/node_modules")
        command = [npm, "ci" if (HERE / "package-lock.json").is_file() else "install", "--no-audit", "--no-fund"]
        done = subprocess.run(command, cwd=HERE, capture_output=True, text=True, timeout=600, check=False)
        assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stderr[-2000:]}"
    return NODE_MODULES


# ---------------------------------------------------------------------------
# The app, served for real


@pytest.fixture(scope="module")
def serve() -> Iterator[Callable[..., str]]:
    """Start the app with these settings on 127.0.0.1 (random port), once per settings; returns its base URL.

    Module-scoped, like the browser: no server threads linger into the rest of the suite.
    """
    servers: dict[str, tuple[uvicorn.Server, threading.Thread, str]] = {}

    def start(**overrides: Any) -> str:
        key = json.dumps(overrides, sort_keys=True, default=str)
        if key not in servers:
            servers[key] = _start_server(Settings(**overrides))
        return servers[key][2]

    yield start
    for server, thread, _ in servers.values():
        server.should_exit = True
        thread.join(timeout=5)


def _start_server(settings: Settings) -> tuple[uvicorn.Server, threading.Thread, str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name=f"uvicorn:{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the app did not start"
        time.sleep(0.02)
    return server, thread, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def base_url(serve: Callable[..., str]) -> str:
    """The app as deployed by default: assets from the CDN (routed to node_modules)."""
    return serve()


# ---------------------------------------------------------------------------
# Chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium, driven by Python Playwright.

    Module-scoped: Playwright's sync API runs an event loop in the main thread
    for as long as it is open, and later tests that call ``asyncio.run`` (the
    CLI, Starlette's TestClient) cannot run inside one.
    """
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Chromium is not installed (apt-get install chromium); the browser tests need it")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Python Playwright is not installed (pip install -e '.[dev]'); never run `playwright install`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class BrowserPage:
    """A page, with every console error, page error, failed request and HTTP error it met."""

    page: Any
    problems: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def screenshot(self, name: str, **options: Any) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), **options)
        return path


@pytest.fixture
def open_page(browser: Any, node_modules: Path) -> Iterator[Callable[..., BrowserPage]]:
    """Open a new page (own context): CDN routed to node_modules, problems recorded."""
    contexts: list[Any] = []

    def open_(width: int = 1280, height: int = 860, cdn: bool = True, **context_options: Any) -> BrowserPage:
        context = browser.new_context(viewport={"width": width, "height": height}, **context_options)
        contexts.append(context)
        context.set_default_timeout(10_000)
        page = context.new_page()
        result = BrowserPage(page)
        if cdn:
            context.route(f"{CDN}/**", lambda route: _serve_cdn(route, node_modules))
        else:
            context.route(f"{CDN}/**", lambda route: route.abort())
        page.on("console", lambda m: result.problems.append(f"console.{m.type}: {m.text}")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: result.problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: result.problems.append(f"request failed: {r.url} ({r.failure})"))
        page.on("request", lambda r: result.requests.append(r.url))
        page.on("response", lambda r: result.problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
        return result

    yield open_
    for context in contexts:
        context.close()


_CDN_PATH = re.compile(r"^/(?P<package>(?:@[^/]+/)?[^/@]+)@(?P<version>[^/]+)/(?P<path>.+)$")


def _serve_cdn(route: Any, node_modules: Path) -> None:
    """Answer a CDN URL with the file npm installed, if the version matches the one asked for."""
    match = _CDN_PATH.match(urlsplit(route.request.url).path)
    if match is None:
        route.fulfill(status=404, body="not a package URL")
        return
    package_dir = node_modules / match["package"]
    installed = json.loads((package_dir / "package.json").read_text())["version"] if package_dir.is_dir() else None
    file = package_dir / match["path"]
    if installed != match["version"] or not file.is_file():
        route.fulfill(status=404, body=f"{match['package']}@{match['version']} is not installed (have {installed})")
        return
    content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    route.fulfill(status=200, path=str(file), content_type=content_type,
                  headers={"access-control-allow-origin": "*", "content-type": content_type})
