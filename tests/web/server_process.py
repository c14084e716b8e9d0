"""Real servers for the server-level tests: ``careergraph serve`` (or plain uvicorn) on 127.0.0.1 and a free port.

Every wait is bounded; the server's output is kept for the assertions and
for the failure message.
"""

from __future__ import annotations

import os
import signal
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

from careergraph.settings import ENV_PREFIX

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without ``CAREERGRAPH_*``, importing this checkout first, plus ``extra``."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(ENV_PREFIX)}
    return {**env, "PYTHONPATH": str(ROOT), **extra}


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self, timeout: float = 15.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()

    def signal(self, number: int) -> None:
        self.process.send_signal(number)


def serve_command(*flags: str, port: int) -> list[str]:
    return [sys.executable, "-m", "careergraph.cli", "serve", "--host", "127.0.0.1", "--port", str(port), *flags]


def uvicorn_command(*flags: str, port: int) -> list[str]:
    return [sys.executable, "-m", "uvicorn", "server:app", "--host", "127.0.0.1", "--port", str(port), *flags]


@contextmanager
def running(tmp_path: Path, *flags: str, command: Callable[..., list[str]] = serve_command,
            env: dict[str, str] | None = None, ready: str | None = "/readyz", timeout: float = 60.0,
            preexec_fn: Callable[[], None] | None = None) -> Iterator[Server]:
    """A server with these flags; waits until ``ready`` answers 200 (None: until the port accepts)."""
    port = free_port()
    log = tmp_path / f"server-{port}.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command(*flags, port=port), cwd=ROOT, env=env or clean_env(), stdout=output,
                                   stderr=subprocess.STDOUT, preexec_fn=preexec_fn)
    server = Server(process, port, log)
    try:
        wait_for(lambda: _answers(server, ready), timeout, f"the server never answered {ready}", server)
        yield server
    finally:
        server.stop()


def _answers(server: Server, path: str | None) -> bool:
    if server.process.poll() is not None:
        raise AssertionError(f"the server exited with {server.process.returncode}:\n{server.output()}")
    if path is None:
        try:
            socket.create_connection(("127.0.0.1", server.port), timeout=1).close()
            return True
        except OSError:
            return False
    try:
        return httpx.get(server.base + path, timeout=10.0).status_code == 200
    except httpx.HTTPError:
        return False


def wait_for(condition: Callable[[], Any], timeout: float, message: str, server: Server | None = None,
             interval: float = 0.05, accept: Callable[[Any], bool] = bool) -> Any:
    """Poll ``condition`` until ``accept`` takes its value (returned); fail after ``timeout`` seconds.

    Timeouts are bounds for a busy machine, not expectations: the tests pass as soon as the condition holds.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if accept(value):
            return value
        time.sleep(interval)
    log = f"\n{server.output()}" if server is not None else ""
    raise AssertionError(f"{message} (after {timeout:g} s){log}")


def run_to_exit(tmp_path: Path, *flags: str, command: Callable[..., list[str]] = serve_command,
                env: dict[str, str] | None = None, timeout: float = 60.0) -> tuple[int, str]:
    """Run a server that is expected to stop by itself: its exit status and output."""
    completed = subprocess.run(command(*flags, port=free_port()), cwd=ROOT, env=env or clean_env(),
                               capture_output=True, text=True, timeout=timeout)
    return completed.returncode, completed.stdout + completed.stderr


def raw_request(port: int, data: bytes, timeout: float = 10.0) -> tuple[int | None, bytes]:
    """Send raw bytes, read until the server closes or ``timeout``: the status (None if none) and the body."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        try:
            sock.sendall(data)
        except OSError:
            pass
        return read_answer(sock, timeout)


def read_answer(sock: socket.socket, timeout: float = 10.0) -> tuple[int | None, bytes]:
    """Read until the peer closes (or ``timeout``): the status code of the answer, if any, and its body."""
    sock.settimeout(timeout)
    chunks = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            break
        except OSError:  # reset
            break
        if not chunk:
            break
        chunks.append(chunk)
    data = b"".join(chunks)
    if not data.startswith(b"HTTP/1."):
        return None, data
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body
