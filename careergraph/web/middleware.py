"""ASGI middleware: the edge every request passes (request id, CORS, access log), and the last-resort error answer."""

from __future__ import annotations

import itertools
import os
import time
from typing import Any

import orjson
from starlette.middleware import cors
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from careergraph.web.accesslog import ACCESS_LOG
from schema.errors import internal_error

__all__ = ["CORSPolicy", "Edge", "internal_error_response"]

RawHeaders = list[tuple[bytes, bytes]]


class Edge:
    """The first and last layer of every HTTP request: request id, CORS headers, access log.

    - ``x-request-id``: an incoming one (from a proxy) is kept; otherwise one is
      made: 16 hex digits, a random prefix per process and a counter.
    - CORS (`CORSPolicy`): preflight requests are answered as Starlette's CORS
      middleware answers them; every other response gets the headers it would add.
    - The access log (`careergraph.web.accesslog`): one JSON line per request
      (id, method, path, operation, status, duration) on ``careergraph.access``
      at INFO, written off the request path. The GraphQL endpoint records the
      operation name in ``scope["state"]``.

    One layer, not three: an ASGI middleware layer costs about 5 µs a request
    here, and a cached answer costs about 40 µs in all (docs/performance.md).
    """

    def __init__(self, app: ASGIApp, /, **cors_options: Any) -> None:
        self.app = app
        self.cors = CORSPolicy(app, **cors_options)
        self.prefix = os.urandom(4).hex()
        self.counter = itertools.count()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = origin = None
        preflight = False
        for name, value in scope["headers"]:
            if name == b"x-request-id" and request_id is None:
                request_id = _request_id(value)
            elif name == b"origin" and origin is None:
                origin = value
            elif name == b"access-control-request-method":
                preflight = True
        request_id = request_id or f"{self.prefix}{next(self.counter) & 0xFFFFFFFF:08x}"
        scope.setdefault("state", {})["request_id"] = request_id
        preflight = preflight and origin is not None and scope["method"] == "OPTIONS"
        added = [] if preflight else self.cors.headers_for(origin)
        stamp = (b"x-request-id", request_id.encode())
        started = time.perf_counter()
        status = 500

        async def send_stamped(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", ()))
                if not preflight:
                    add_cors_headers(headers, added)
                headers.append(stamp)
                message["headers"] = headers
            await send(message)

        try:
            await (self.cors if preflight else self.app)(scope, receive, send_stamped)
        finally:
            ACCESS_LOG.record(scope, request_id, status, started)


class CORSPolicy(cors.CORSMiddleware):
    """Starlette's CORS middleware, used by `Edge` for its settings, its preflight answers and its headers.

    Starlette wraps the headers of every request and response in `Headers`
    objects to add a few CORS headers, about 16 µs a request; `Edge` scans the
    raw headers once and `add_cors_headers` edits the raw response headers as
    Starlette does.
    """

    def __init__(self, app: ASGIApp, /, **options: Any) -> None:
        super().__init__(app, **options)
        self.raw_simple_headers = [(key.lower().encode("latin-1"), value.encode("latin-1"))
                                   for key, value in self.simple_headers.items()]

    def headers_for(self, origin: bytes | None) -> RawHeaders:
        """The CORS headers of a simple response to a request from ``origin`` (None: no Origin header)."""
        if origin is None:
            return []
        explicit = self.allow_credentials if self.allow_all_origins else \
            self.is_allowed_origin(origin=origin.decode("latin-1"))
        if explicit:
            return [*self.raw_simple_headers, (b"access-control-allow-origin", origin)]
        return self.raw_simple_headers


def add_cors_headers(headers: RawHeaders, added: RawHeaders) -> None:
    """Set ``added`` and add ``Origin`` to ``Vary``, as Starlette's CORS middleware does (in place)."""
    for name, value in added:
        _set_header(headers, name, value)
    varies = [i for i, (name, _) in enumerate(headers) if name == b"vary"]
    if len(varies) == 1:  # the usual case, one Vary header: extend it where it is
        headers[varies[0]] = (b"vary", headers[varies[0]][1] + b", Origin")
    else:
        _set_header(headers, b"vary", b", ".join([*(headers[i][1] for i in varies), b"Origin"]))


def _set_header(headers: RawHeaders, name: bytes, value: bytes) -> None:
    """`MutableHeaders.__setitem__` on raw headers: the first entry of that name takes the value, others go."""
    found = [i for i, (key, _) in enumerate(headers) if key == name]
    for i in reversed(found[1:]):
        del headers[i]
    if found:
        headers[found[0]] = (name, value)
    else:
        headers.append((name, value))


def _request_id(value: bytes) -> str | None:
    text = value.decode("latin-1")
    return text if 0 < len(text) <= 64 and text.isprintable() else None


async def internal_error_response(request: Request, exc: Exception) -> Response:
    """Starlette's handler for an exception nothing else caught: a JSON 500 with an error id, logged."""
    formatted = internal_error(exc, f"{request.method} {request.url.path}")
    return Response(orjson.dumps({"errors": [formatted]}), 500, media_type="application/json",
                    headers={"cache-control": "no-store"})
