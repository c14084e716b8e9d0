"""What a client sees when its request line, headers or pace break the server's limits (a real server)."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator

import httpx
import pytest
from server_process import Server, raw_request, read_answer, running

READ_TIMEOUT = 1.0


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running(tmp_path_factory.mktemp("limits"), "--max-headers", "20", "--max-header-bytes", "4096",
                 "--read-timeout-seconds", str(READ_TIMEOUT), "--log-level", "warning") as server:
        yield server


def _code(body: bytes) -> str:
    return json.loads(body)["errors"][0]["extensions"]["code"]


def _request(headers: str = "", target: str = "/healthz") -> bytes:
    return f"GET {target} HTTP/1.1\r\nHost: localhost\r\n{headers}\r\n".encode()


def test_server_limits_too_many_headers_get_json_431(server: Server) -> None:
    status, body = raw_request(server.port, _request("".join(f"X-H{i}: {i}\r\n" for i in range(30))))
    assert (status, _code(body)) == (431, "BAD_REQUEST")
    assert b"at most 20 fields" in body


def test_server_limits_large_header_gets_json_431(server: Server) -> None:
    status, body = raw_request(server.port, _request(f"X-Big: {'a' * 8000}\r\n"))
    assert (status, _code(body)) == (431, "BAD_REQUEST")


def test_server_limits_unfinished_header_is_refused_before_it_grows(server: Server) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Endless: ")
        sent = 0
        try:
            while sent < 4_000_000:  # the server must refuse long before 4 MB
                sock.sendall(b"a" * 65536)
                sent += 65536
        except OSError:
            pass
        status, _ = read_answer(sock, timeout=5)
    assert sent < 4_000_000
    assert status in (431, None)  # the answer may be lost to the reset of a client still sending


def test_server_limits_long_get_url_gets_the_documented_json_414(server: Server) -> None:
    query = "%7B%20graphInfo%20%7B%20nodeCount%20%7D%20%7D" + "%20" * 25_000  # 75 kB of URL
    status, body = raw_request(server.port, _request(target=f"/graphql?query={query}"))
    assert (status, _code(body)) == (414, "PAYLOAD_TOO_LARGE")
    assert b"POST" in body


def test_server_limits_malformed_request_gets_json_400(server: Server) -> None:
    status, body = raw_request(server.port, b"GARBAGE\x00 / HTTP/9\r\n\r\n")
    assert (status, _code(body)) == (400, "BAD_REQUEST")


def test_server_limits_slow_headers_get_408_and_a_close(server: Server) -> None:
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n")  # and never the blank line
        status, body = read_answer(sock, timeout=10)
    assert (status, _code(body)) == (408, "BAD_REQUEST")
    assert time.monotonic() - started < 25  # the 1 s set here, not the 30 s default


def test_server_limits_unfinished_body_gets_408_and_a_close(server: Server) -> None:
    head = (b"POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100\r\n\r\n")
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(head + b'{"query":')  # 9 of 100 bytes
        status, body = read_answer(sock, timeout=10)
    assert (status, _code(body)) == (408, "BAD_REQUEST")


def test_server_limits_leave_normal_requests_alone(server: Server) -> None:
    response = httpx.post(f"{server.base}/graphql", json={"query": "{ graphInfo { nodeCount } }"},
                          headers={f"x-extra-{i}": "v" * 100 for i in range(10)}, timeout=10)
    assert response.status_code == 200 and response.json()["data"]["graphInfo"]["nodeCount"] > 0
