"""Per-client rate limiting: token buckets, client addresses behind proxies, and the middleware's answers."""

from __future__ import annotations

import pytest

from careergraph.web.ratelimit import TokenBuckets, client_address, trusted_networks


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_ratelimit_bucket_allows_a_burst_then_refills_evenly() -> None:
    clock = Clock()
    buckets = TokenBuckets(limit=3, window=60, clock=clock)
    decisions = [buckets.take("a") for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert [d.remaining for d in decisions] == [2, 1, 0, 0]
    assert decisions[0].reset == 20 and decisions[2].reset == 60
    assert decisions[3].retry_after == 20
    assert buckets.take("b").allowed  # clients are counted apart
    clock.now += 20
    assert buckets.take("a").allowed
    assert not buckets.take("a").allowed


def test_ratelimit_bucket_memory_is_bounded() -> None:
    clock = Clock()
    buckets = TokenBuckets(limit=5, window=10, max_keys=100, clock=clock)
    for i in range(1000):
        buckets.take(f"client-{i}")
    assert len(buckets.buckets) == 100
    clock.now += 10  # every bucket is full again: nothing left to remember
    buckets.take("late")
    assert list(buckets.buckets) == ["late"]


def test_ratelimit_bucket_refuses_a_senseless_limit() -> None:
    with pytest.raises(ValueError, match="positive limit and window"):
        TokenBuckets(limit=0, window=60)


def scope(peer: str, forwarded: str | None = None) -> dict:
    headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded is not None else []
    return {"type": "http", "client": (peer, 1234), "headers": headers}


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        pytest.param("203.0.113.9", "198.51.100.1", "203.0.113.9", id="untrusted-peer-ignores-header"),
        pytest.param("10.0.0.2", None, "10.0.0.2", id="trusted-peer-without-header"),
        pytest.param("10.0.0.2", "198.51.100.1", "198.51.100.1", id="trusted-peer"),
        pytest.param("10.0.0.2", "6.6.6.6, 198.51.100.1", "198.51.100.1", id="spoofed-left-entries-ignored"),
        pytest.param("10.0.0.2", "198.51.100.1, 10.0.0.7", "198.51.100.1", id="chain-of-trusted-proxies"),
        pytest.param("10.0.0.2", "10.0.0.8, 10.0.0.7", "10.0.0.8", id="all-trusted"),
        pytest.param("::1", "2001:db8::5", "2001:db8::5", id="ipv6"),
    ],
)
def test_ratelimit_client_address(peer: str, forwarded: str | None, expected: str) -> None:
    trusted = trusted_networks(["10.0.0.0/8", "::1"])
    assert client_address(scope(peer, forwarded), trusted) == expected


def test_ratelimit_trusted_proxies_must_be_addresses() -> None:
    with pytest.raises(ValueError, match="'proxy.local' is not an IP address or network"):
        trusted_networks(["10.0.0.1", "proxy.local"])


def test_ratelimit_middleware_answers_429_with_headers(make_client, post) -> None:
    client = make_client(rate_limit=2, rate_limit_window=60)
    first = post(client, "{ graphInfo { nodeCount } }")
    assert first.status_code == 200
    assert (first.headers["ratelimit-limit"], first.headers["ratelimit-remaining"]) == ("2", "1")
    assert int(first.headers["ratelimit-reset"]) == 30
    assert post(client, "{ graphInfo { nodeCount } }").headers["ratelimit-remaining"] == "0"
    refused = post(client, "{ graphInfo { nodeCount } }")
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "30"
    assert refused.headers["ratelimit-remaining"] == "0"
    error = refused.json()["errors"][0]
    assert error["extensions"] == {"code": "RATE_LIMITED", "retryAfter": 30}
    assert "Retry after 30 s" in error["message"]
    assert client.get("/healthz").status_code == 200  # probes are never limited


def test_ratelimit_is_off_by_default(client, post) -> None:
    response = post(client, "{ graphInfo { nodeCount } }")
    assert "ratelimit-limit" not in response.headers
