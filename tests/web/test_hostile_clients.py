"""Hostile and unlucky clients against the real server (``uvicorn server:app`` on loopback): what each one sees.

Each test bounds its waits (client timeouts well above what the server needs)
and asserts answers, never speed.
"""

from __future__ import annotations

import http.client
import json
import shutil
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from tests.web.conftest import LiveServer, live_server_with

JSON_ACCEPT = {"accept": "application/json"}
SPIN = "query Spin { graphInfo { nodeCount } }"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One server for the module: a 0.5 s timeout, everything else on its defaults."""
    with live_server_with(tmp_path_factory.mktemp("live"), timeout_seconds="0.5") as live:
        yield live


def _post(server: LiveServer, query: str, variables: dict | None = None, timeout: float = 10.0,
          **headers: str) -> httpx.Response:
    return httpx.post(server.base + "/graphql", json={"query": query, "variables": variables},
                      headers={**JSON_ACCEPT, **headers}, timeout=timeout)


# -- every execution is bounded by the timeout (issue 13, item 1) --------------------------------------


def test_live_expensive_variables_time_out_after_cheap_ones_primed_the_document(server: LiveServer) -> None:
    for _ in range(20):  # cheap runs of the document: the old rule then ran it on the event loop, unbounded
        assert _post(server, SPIN, {"spin": 0}).json()["data"]["graphInfo"]["nodeCount"] > 0
    with ThreadPoolExecutor(1) as pool:
        expensive = pool.submit(_post, server, SPIN, {"spin": 4.0}, 3.0)  # answered within 3 s, or it fails
        health = [httpx.get(server.base + "/healthz", timeout=2.0) for _ in range(3)]
        answer = expensive.result()
    assert answer.json()["errors"][0]["extensions"]["code"] == "TIMEOUT"
    assert "0.5 s" in answer.json()["errors"][0]["message"]
    assert [response.json() for response in health] == [{"status": "ok"}] * 3
    assert httpx.get(server.base + "/healthz", timeout=2.0).status_code == 200  # while the 4 s run still spins


# -- timeouts and internal errors are never cached downstream (item 9) ----------------------------------


@pytest.mark.parametrize("variables, code", [
    pytest.param({"spin": 2.0}, "TIMEOUT", id="timeout"),
    pytest.param({"explode": True}, "INTERNAL_SERVER_ERROR", id="internal-error"),
])
def test_live_get_answers_that_say_nothing_about_the_request_are_no_store(server: LiveServer, variables: dict,
                                                                           code: str) -> None:
    query = "query Kinds { graphInfo { kinds { count } } }"
    params = {"query": query, "variables": json.dumps(variables)}
    response = httpx.get(server.base + "/graphql", params=params, headers=JSON_ACCEPT, timeout=10.0)
    assert response.status_code == 200  # application/json: errors ride a 200
    assert response.json()["errors"][0]["extensions"]["code"] == code
    assert response.headers["cache-control"] == "no-store"
    assert "etag" not in response.headers
    good = httpx.get(server.base + "/graphql", params={"query": query}, headers=JSON_ACCEPT, timeout=10.0)
    assert good.headers["cache-control"].startswith("public") and "etag" in good.headers


# -- a body over the limit: the client can read the 413 (item 10) ---------------------------------------


def test_live_urllib_sending_a_body_over_the_limit_reads_the_413(server: LiveServer) -> None:
    body = json.dumps({"query": "{ graphInfo { nodeCount } }", "padding": "x" * 6_000_000}).encode()
    request = urllib.request.Request(server.base + "/graphql", data=body, method="POST",
                                     headers={"content-type": "application/json", **JSON_ACCEPT})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 413
    error = json.loads(refused.value.read())["errors"][0]
    assert error["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert "1000000 bytes" in error["message"]
    assert refused.value.headers["connection"] == "close"


# -- clients that go away mid-body (item 13) -------------------------------------------------------------


def _send_cut_short(server: LiveServer, request_id: str, declared: int, sent: bytes, half_close: bool) -> bytes:
    """Send a POST declaring ``declared`` bytes of body but only ``sent``; what came back before the close."""
    head = (f"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {declared}\r\nX-Request-Id: {request_id}\r\n\r\n").encode()
    with socket.create_connection(server.host_port, timeout=5) as sock:
        sock.sendall(head + sent)
        if not half_close:
            return b""
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


@pytest.mark.parametrize("half_close", [False, True], ids=["closed", "half-closed"])
def test_live_a_body_cut_short_is_not_run_nor_logged_as_an_error(server: LiveServer, half_close: bool) -> None:
    request_id = f"cut-short-{int(half_close)}"
    complete = b'{"query": "{ graphInfo { nodeCount } }"}'
    before = len(server.output())
    answered = _send_cut_short(server, request_id, len(complete) + 60, complete, half_close)
    assert b"nodeCount" not in answered  # a body cut short is never run as if complete
    output = server.wait_for_output(f'"request_id":"{request_id}"')[before:]
    line = next(line for line in output.splitlines() if f'"request_id":"{request_id}"' in line)
    assert json.loads(line.split(" careergraph.access ", 1)[1])["status"] == 499
    assert "Traceback" not in output and "ERROR" not in output, output
    assert httpx.get(server.base + "/healthz", timeout=2.0).status_code == 200


# -- the access log bounds what clients put in it (item 14) ---------------------------------------------


def test_live_access_log_bounds_every_client_supplied_field(server: LiveServer) -> None:
    name = "Long" + "x" * 300_000
    headers: dict[str, Any] = {"x-request-id": "bounded-fields", "user-agent": "u" * 50_000}  # not identifiers
    response = _post(server, f"query {name} {{ graphInfo {{ nodeCount }} }}", **headers)
    assert response.status_code == 200
    httpx.get(server.base + "/" + "p" * 20_000, headers={"x-request-id": "bounded-path"}, timeout=5.0)
    output = server.wait_for_output('"request_id":"bounded-path"')
    lines = [line for line in output.splitlines() if "bounded-" in line]
    assert len(lines) == 2
    assert all(len(line) < 1000 for line in lines), [len(line) for line in lines]


# -- methods /graphql does not answer: JSON 405 with a truthful Allow (item 17) ---------------------------


@pytest.mark.parametrize("method", ["TRACE", "PROPFIND", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"])
def test_live_graphql_answers_other_methods_with_a_json_405(server: LiveServer, method: str) -> None:
    connection = http.client.HTTPConnection(*server.host_port, timeout=5)
    try:
        connection.request(method, "/graphql", headers=JSON_ACCEPT)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    assert response.status == 405
    assert response.getheader("allow") == "GET, POST, OPTIONS"
    assert response.getheader("content-type") == "application/json"
    if method != "HEAD":
        assert json.loads(body)["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def test_live_graphql_still_answers_a_cors_preflight(server: LiveServer) -> None:
    response = httpx.options(server.base + "/graphql", timeout=5.0, headers={
        "origin": "https://example.org", "access-control-request-method": "POST"})
    assert response.status_code == 200
    assert "POST" in response.headers["access-control-allow-methods"]


def test_live_graphql_answers_connect_without_a_plain_text_405(server: LiveServer) -> None:
    with socket.create_connection(server.host_port, timeout=5) as sock:
        sock.sendall(b"CONNECT /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        answer = sock.recv(65536)
    status_line, _, rest = answer.partition(b"\r\n")
    assert b" 405 " in status_line, answer
    assert b"allow: GET, POST, OPTIONS" in rest
    assert b"application/json" in rest


# -- /ladder.svg: bounded, and every refusal is JSON (item 7) -----------------------------------------------


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed (apt-get install graphviz)")
def test_live_ladder_svg_under_concurrent_clients_answers_svg_or_json(server: LiveServer) -> None:
    roles = ["CTO", "TPM", "Product Analyst", "VP of Product", "Nobody At All"] * 2
    with ThreadPoolExecutor(10) as pool:
        answers = list(pool.map(lambda role: httpx.get(server.base + "/ladder.svg", params={"role": role},
                                                       timeout=20.0), roles))
    for role, answer in zip(roles, answers, strict=True):
        kind = answer.headers["content-type"]
        if answer.status_code == 200:
            assert kind == "image/svg+xml" and role != "Nobody At All"
        else:
            assert kind == "application/json", answer.text[:200]
            assert answer.status_code in {404, 503}
            assert answer.json()["errors"][0]["extensions"]["code"] in {"NOT_FOUND", "TIMEOUT"}
    assert {a.status_code for role, a in zip(roles, answers, strict=True) if role == "Nobody At All"} == {404}
