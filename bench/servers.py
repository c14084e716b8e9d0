"""Servers for the benchmarks: start one on a free loopback port, wait until it answers, read its memory.

Shared by `bench/http_bench.py` and `bench/load_soak.py`. Standard library
only (psutil, from the bench extra, where /proc is missing).
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["ROOT", "clean_env", "free_port", "rss_mib", "running", "wait_ready"]

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without any ``CAREERGRAPH_*`` variable, plus ``extra``: a server on its defaults."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("CAREERGRAPH_")}
    return {**env, **extra}


@contextmanager
def running(command: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    """``command`` run from the repository root, its output appended to ``log``; stopped on exit."""
    with log.open("ab") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_ready(process: subprocess.Popen, base: str, path: str, timeout: float = 60.0) -> None:
    """Wait until the server at ``base`` answers ``path`` with any status but 503; exit if it dies or takes too long.

    careergraph listens before its graph is loaded and answers 503 (``/readyz``: ``loading``) until then.
    """
    host, _, port = base.removeprefix("http://").partition(":")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            command = str(process.args)  # as the f-string always printed it (a list, usually)
            raise SystemExit(f"the server {command} exited with {process.returncode}")
        connection = http.client.HTTPConnection(host, int(port), timeout=5)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status != 503:
                return
            time.sleep(0.05)
        except OSError:
            time.sleep(0.02)
        finally:
            connection.close()
    raise SystemExit(f"the server was not ready after {timeout:g} s")


def rss_mib(pid: int) -> float:
    """Resident memory of a process, in MiB (VmRSS from /proc; psutil elsewhere)."""
    status = Path(f"/proc/{pid}/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    import psutil  # the bench extra

    return psutil.Process(pid).memory_info().rss / 2**20
