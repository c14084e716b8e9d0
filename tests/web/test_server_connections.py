"""Idle, slow and numerous connections: the server closes them and keeps answering everyone else."""

from __future__ import annotations

import json
import resource
import socket
import time
from pathlib import Path

import httpx
from server_process import Server, read_answer, running, wait_for


def _closed(sock: socket.socket) -> bool:
    sock.settimeout(0.01)
    try:
        return sock.recv(65536) == b"" or _closed(sock)  # drain an answer, then see the close
    except (TimeoutError, BlockingIOError):
        return False
    except OSError:
        return True


def _connect(port: int, count: int) -> list[socket.socket]:
    return [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(count)]


def test_server_connections_idle_and_slowloris_sockets_are_closed(tmp_path: Path) -> None:
    with running(tmp_path, "--read-timeout-seconds", "1", "--log-level", "warning") as server:
        idle: list[socket.socket] = []
        slow: list[socket.socket] = []
        try:
            idle += _connect(server.port, 40)
            slow += _connect(server.port, 40)
            for sock in slow:
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n")
            open_ = idle + slow
            deadline = time.monotonic() + 30
            while open_ and time.monotonic() < deadline:
                for sock in slow:  # a header line now and then, never the end of the headers
                    try:
                        sock.sendall(b"X-Slow: 1\r\n")
                    except OSError:
                        pass
                time.sleep(0.2)
                open_ = [sock for sock in open_ if not _closed(sock)]
            assert not open_, f"{len(open_)} of 80 idle or slow sockets still open"
            assert httpx.get(server.base + "/healthz", timeout=5).status_code == 200
        finally:
            for sock in idle + slow:
                sock.close()


def _low_file_limit() -> None:
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))


def test_server_connections_many_idle_sockets_do_not_starve_others(tmp_path: Path) -> None:
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    with running(tmp_path, "--log-level", "warning", preexec_fn=_low_file_limit) as server:
        idle: list[socket.socket] = []
        try:
            idle += _connect(server.port, 300 if hard >= 1024 else 100)
            time.sleep(0.3)  # let the server accept them all
            assert httpx.get(server.base + "/healthz", timeout=30).status_code == 200
            answer = httpx.post(server.base + "/graphql", json={"query": "{ graphInfo { nodeCount } }"}, timeout=30)
            assert answer.status_code == 200
        finally:
            for sock in idle:
                sock.close()


def test_server_connections_over_the_limit_close_idle_ones_and_spare_health_checks(tmp_path: Path) -> None:
    with running(tmp_path, "--max-connections", "10", "--log-level", "warning") as server:
        idle: list[socket.socket] = []
        busy: list[socket.socket] = []
        try:
            idle += _connect(server.port, 30)
            answer = httpx.post(server.base + "/graphql", json={"query": "{ graphInfo { nodeCount } }"}, timeout=30)
            assert answer.status_code == 200
            wait_for(lambda: sum(map(_closed, idle)) >= 20, 30, "idle sockets were not closed for new ones")
            busy += _connect(server.port, 12)
            for sock in busy:  # each in the middle of its headers: not idle, so not closed
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            refused = wait_for(lambda: _get(server, "/graphql?query=%7B__typename%7D"), 30,
                               "no 503 with every connection busy", server, accept=lambda a: a[0] == 503)
            assert json.loads(refused[1])["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
            assert _get(server, "/healthz")[0] == 200
        finally:
            for sock in idle + busy:
                sock.close()


def _get(server: Server, target: str) -> tuple[int | None, bytes]:
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        return read_answer(sock, timeout=30)
