"""ASGI middleware: request ids, a structured access log, and the last-resort error answer."""

from __future__ import annotations

import json
import logging
import time
import uuid

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from schema.errors import internal_error

__all__ = ["AccessLog", "internal_error_response"]

logger = logging.getLogger("careergraph.access")


class AccessLog:
    """Logs one JSON line per HTTP request and sets ``x-request-id``.

    An incoming ``x-request-id`` (from a proxy) is kept; otherwise one is made.
    The GraphQL endpoint records the operation name in ``scope["state"]``.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _header(scope, b"x-request-id") or uuid.uuid4().hex[:16]
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            if logger.isEnabledFor(logging.INFO):
                logger.info(json.dumps({
                    "request_id": request_id,
                    "method": scope["method"],
                    "path": scope["path"],
                    "operation": scope["state"].get("operation_name"),
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                }))


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            text = value.decode("latin-1")
            return text if 0 < len(text) <= 64 and text.isprintable() else None
    return None


async def internal_error_response(request: Request, exc: Exception) -> Response:
    """Starlette's handler for an exception nothing else caught: a JSON 500 with an error id, logged."""
    formatted = internal_error(exc, f"{request.method} {request.url.path}")
    return Response(orjson.dumps({"errors": [formatted]}), 500, media_type="application/json",
                    headers={"cache-control": "no-store"})
