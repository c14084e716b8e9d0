"""Forwarded addresses count only from trusted proxies (none by default), in one small tested function."""

from __future__ import annotations

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


def _statuses(server: Server, headers: list[dict[str, str]], peer: str = "127.0.0.1") -> list[int]:
    transport = httpx.HTTPTransport(local_address=peer)
    with httpx.Client(base_url=server.base, timeout=5, transport=transport) as client:
        return [client.post("/graphql", json={"query": "{ __typename }"}, headers=h).status_code for h in headers]


def test_server_forwarded_headers_count_only_from_trusted_proxies(tmp_path: Path) -> None:
    with running(tmp_path, "--rate-limit", "3", "--trusted-proxies", "127.0.0.2", "--log-level", "warning") as server:
        spoofed = [{"x-forwarded-for": f"198.51.100.{i}"} for i in range(3)] + \
                  [{"forwarded": f"for=198.51.100.{i}"} for i in range(3, 6)]
        from_loopback = _statuses(server, spoofed)  # 127.0.0.1 is not trusted: its headers are not believed
        proxied = [{"x-forwarded-for": "198.51.100.1"}, {"forwarded": 'for="198.51.100.2"'}] + \
                  [{"x-forwarded-for": "203.0.113.1"}] * 4
        from_proxy = _statuses(server, proxied, peer="127.0.0.2")
    assert from_loopback == [200, 200, 200, 429, 429, 429]
    assert from_proxy == [200, 200, 200, 200, 200, 429]
