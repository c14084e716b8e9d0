"""Forwarded addresses count only from trusted proxies (none by default), in one small tested function."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from server_process import Server, running

from careergraph.web.ratelimit import client_address, forwarded_for, trusted_networks


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        pytest.param([], [], id="none"),
        pytest.param([(b"x-forwarded-for", b"203.0.113.7, 10.0.0.2")], ["203.0.113.7", "10.0.0.2"], id="xff"),
        pytest.param([(b"x-forwarded-for", b"203.0.113.7"), (b"x-forwarded-for", b"10.0.0.2")],
                     ["203.0.113.7", "10.0.0.2"], id="xff-repeated"),
        pytest.param([(b"forwarded", b'for=192.0.2.60;proto=http;by=203.0.113.43, For="[2001:db8:cafe::17]:4711"')],
                     ["192.0.2.60", "2001:db8:cafe::17"], id="forwarded-rfc7239"),
        pytest.param([(b"forwarded", b"for=192.0.2.60:8080")], ["192.0.2.60"], id="forwarded-port"),
        pytest.param([(b"forwarded", b"proto=https;for=unknown")], ["unknown"], id="forwarded-unknown"),
        pytest.param([(b"forwarded", b"for=192.0.2.60"), (b"x-forwarded-for", b"6.6.6.6")], ["192.0.2.60"],
                     id="forwarded-wins-over-xff"),
        pytest.param([(b"forwarded", b"proto=https")], [], id="forwarded-without-for"),
    ],
)
def test_server_forwarded_for_reads_forwarded_then_x_forwarded_for(headers: list, expected: list[str]) -> None:
    assert forwarded_for(headers) == expected


def test_server_forwarded_client_address_uses_forwarded_from_trusted_proxies_only() -> None:
    trusted = trusted_networks(["10.0.0.0/8"])
    forwarded = {"type": "http", "client": ("10.0.0.2", 1), "headers": [(b"forwarded", b"for=6.6.6.6, for=192.0.2.1")]}
    assert client_address(forwarded, trusted) == "192.0.2.1"
    assert client_address({**forwarded, "client": ("203.0.113.9", 1)}, trusted) == "203.0.113.9"
    assert client_address(forwarded, ()) == "10.0.0.2"


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running(tmp_path_factory.mktemp("forwarded"), "--rate-limit", "3", "--log-level", "warning") as server:
        yield server


def _statuses(server: Server, headers: list[dict[str, str]]) -> list[int]:
    with httpx.Client(base_url=server.base, timeout=5) as client:
        return [client.post("/graphql", json={"query": "{ __typename }"}, headers=h).status_code for h in headers]


def test_server_forwarded_headers_from_loopback_do_not_reset_the_rate_limit(limited: Server) -> None:
    spoofed = [{"x-forwarded-for": f"198.51.100.{i}"} for i in range(3)] + \
              [{"forwarded": f"for=198.51.100.{i}"} for i in range(3, 6)]
    assert _statuses(limited, spoofed) == [200, 200, 200, 429, 429, 429]


def test_server_forwarded_headers_count_from_a_trusted_proxy(tmp_path: Path) -> None:
    with running(tmp_path, "--rate-limit", "1", "--trusted-proxies", "127.0.0.1", "--log-level", "warning") as server:
        statuses = _statuses(server, [{"x-forwarded-for": "198.51.100.1"}, {"x-forwarded-for": "198.51.100.2"},
                                      {"forwarded": 'for="198.51.100.3"'}, {"x-forwarded-for": "198.51.100.1"}])
    assert statuses == [200, 200, 200, 429]
