"""Per-client rate limiting: a token bucket per client address (off by default).

Each client may send ``limit`` requests in a burst, refilled evenly over
``window`` seconds (``limit / window`` per second). A request over the limit
gets 429 with ``Retry-After`` and a GraphQL-shaped JSON error
(``extensions.code = RATE_LIMITED``); every answer carries the IETF draft
headers ``RateLimit-Limit``, ``RateLimit-Remaining`` and ``RateLimit-Reset``
(seconds until the bucket is full again).

The client is the peer address, or, when the peer is one of the trusted
proxies (none by default), the right-most address of ``Forwarded`` (RFC 7239)
or else ``X-Forwarded-For`` that is not a trusted proxy itself (the left-most
entries are whatever the client claimed). Hand-written, in one small function
(`forwarded_for`), because uvicorn's proxy-header support rewrites the peer
for the whole app, trusts 127.0.0.1 by default and ignores ``Forwarded``. Memory
is bounded: full buckets carry no information and are dropped, and at most
`MAX_CLIENTS` buckets are kept (least recently seen go first). Counts are per
process: with several workers each keeps its own.
"""

from __future__ import annotations

import ipaddress
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import orjson
from cachetools import TTLCache
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from schema.errors import ErrorCode

__all__ = ["MAX_CLIENTS", "Decision", "RateLimit", "TokenBuckets", "client_address", "forwarded_for",
           "trusted_networks"]

#: Clients remembered at most; beyond, the least recently seen is forgotten.
MAX_CLIENTS = 50_000

#: Paths never limited: load balancers probe them; static files are cheap and come with every page.
EXEMPT = frozenset({"/healthz", "/readyz"})
EXEMPT_PREFIXES = ("/assets/",)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True, slots=True)
class Decision:
    """One request's verdict and what the headers say."""

    allowed: bool
    remaining: int
    reset: int
    retry_after: int


class TokenBuckets:
    """One token bucket per key, ``limit`` tokens refilled over ``window`` seconds.

    A bucket untouched for ``window`` seconds is full again, so it is kept in a
    `cachetools.TTLCache` with that time to live: memory holds only the
    clients that are still spending, at most ``max_keys`` (least recently seen go first).
    """

    def __init__(self, limit: int, window: float, max_keys: int = MAX_CLIENTS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if limit <= 0 or window <= 0:
            raise ValueError(f"rate limit needs a positive limit and window, got {limit} per {window} s")
        self.limit = limit
        self.window = window
        self.rate = limit / window
        self.clock = clock
        self.buckets: TTLCache[str, tuple[float, float]] = TTLCache(max_keys, window, timer=clock)  # (tokens, updated)

    def take(self, key: str) -> Decision:
        now = self.clock()
        tokens, updated = self.buckets.get(key, (float(self.limit), now))
        tokens = min(float(self.limit), tokens + (now - updated) * self.rate)
        allowed = tokens >= 1.0
        if allowed:
            tokens -= 1.0
        self.buckets[key] = (tokens, now)
        return Decision(
            allowed=allowed,
            remaining=int(tokens),
            reset=_seconds((self.limit - tokens) / self.rate),
            retry_after=0 if allowed else max(1, _seconds((1.0 - tokens) / self.rate)),
        )


def _seconds(value: float) -> int:
    return math.ceil(value - 1e-9)  # whole seconds, not fooled by float rounding (60.000000001)


def client_address(scope: Scope, trusted: Iterable[Network]) -> str:
    """The client's address: the peer, or the forwarded client when the peer is a trusted proxy."""
    client = scope.get("client")
    peer = client[0] if client else "unknown"
    trusted = tuple(trusted)
    if not trusted or not _is_trusted(peer, trusted):
        return peer
    chain = forwarded_for(scope.get("headers", ()))
    for address in reversed(chain):
        if not _is_trusted(address, trusted):
            return address
    return chain[0] if chain else peer


def forwarded_for(headers: Iterable[tuple[bytes, bytes]]) -> list[str]:
    """The addresses a request says it was forwarded for, the nearest proxy's last.

    From ``Forwarded`` (RFC 7239: its ``for=`` parameters, ports and IPv6
    brackets dropped) when the request has one, else from ``X-Forwarded-For``.

    >>> forwarded_for([(b"forwarded", b'for=192.0.2.60;proto=http, for="[2001:db8::1]:4711"')])
    ['192.0.2.60', '2001:db8::1']
    >>> forwarded_for([(b"x-forwarded-for", b"203.0.113.7, 10.0.0.2")])
    ['203.0.113.7', '10.0.0.2']
    """
    forwarded: list[str] = []
    x_forwarded: list[str] = []
    for name, value in headers:
        if name == b"forwarded":
            forwarded += [_forwarded_node(element) for element in value.decode("latin-1").split(",")]
        elif name == b"x-forwarded-for":
            x_forwarded += [part.strip() for part in value.decode("latin-1").split(",")]
    return [address for address in (forwarded if forwarded else x_forwarded) if address]


def _forwarded_node(element: str) -> str:
    """The ``for=`` node of one ``Forwarded`` element, without quotes, brackets or port ('' if none)."""
    for pair in element.split(";"):
        key, _, value = pair.strip().partition("=")
        if key.strip().casefold() == "for":
            node = value.strip().strip('"')
            if node.startswith("["):
                return node[1:].partition("]")[0]
            return node.partition(":")[0] if node.count(":") == 1 else node
    return ""


def _is_trusted(address: str, trusted: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def trusted_networks(proxies: Iterable[str]) -> tuple[Network, ...]:
    """Parse addresses or networks (``10.0.0.0/8``); a clear error for anything else."""
    networks = []
    for proxy in proxies:
        try:
            networks.append(ipaddress.ip_network(proxy, strict=False))
        except ValueError:
            raise ValueError(f"trusted_proxies: {proxy!r} is not an IP address or network") from None
    return tuple(networks)


class RateLimit:
    """Pure ASGI middleware applying `TokenBuckets` per `client_address`.

    Built from parsed parts (`TokenBuckets`, `trusted_networks`), so a bad
    setting fails when the app is made, not on its first request.
    """

    def __init__(self, app: ASGIApp, buckets: TokenBuckets, trusted: tuple[Network, ...] = ()) -> None:
        self.app = app
        self.buckets = buckets
        self.trusted = trusted

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in EXEMPT or scope["path"].startswith(EXEMPT_PREFIXES):
            await self.app(scope, receive, send)
            return
        decision = self.buckets.take(client_address(scope, self.trusted))
        headers = [
            (b"ratelimit-limit", str(self.buckets.limit).encode()),
            (b"ratelimit-remaining", str(decision.remaining).encode()),
            (b"ratelimit-reset", str(decision.reset).encode()),
        ]
        if not decision.allowed:
            await _too_many(send, headers, decision, self.buckets.limit, self.buckets.window)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *headers]
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _too_many(send: Send, headers: list[tuple[bytes, bytes]], decision: Decision, limit: int,
                    window: float) -> None:
    body = orjson.dumps({"errors": [{
        "message": f"Too many requests: at most {limit} per {window:g} s from one client. "
                   f"Retry after {decision.retry_after} s.",
        "extensions": {"code": ErrorCode.RATE_LIMITED.value, "retryAfter": decision.retry_after},
    }]})
    await send({"type": "http.response.start", "status": 429, "headers": [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"),
        (b"retry-after", str(decision.retry_after).encode()),
        *headers,
    ]})
    await send({"type": "http.response.body", "body": body})
