"""``/mcp``: the MCP Streamable HTTP transport, mounted in the server's Starlette app.

Stateless, with JSON answers (no SSE streams): every request stands alone,
so no session holds the graph or any other state between requests, any of
several workers can answer it, and the server's middleware (CORS, rate limit,
access log, body limit) sees ordinary request/response pairs, as for
``/graphql``. The tools send no progress, so nothing needs a stream.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import orjson
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from starlette.types import Receive, Scope, Send

from careergraph.settings import Settings
from graph import CareerGraph

from .server import create_server

__all__ = ["McpEndpoint"]


class McpEndpoint:
    """The ASGI app of ``/mcp``; `running` is entered by the app's lifespan.

    A session manager runs once, so each lifespan gets a new one: a test that
    starts the same app twice gets two.
    """

    def __init__(self, settings: Settings, graph: Callable[[], CareerGraph]) -> None:
        self.settings = settings
        self.server = create_server(graph, settings)
        self._manager: StreamableHTTPSessionManager | None = None
        # The MCP spec asks servers to check Origin (DNS rebinding): the same origins CORS allows for /graphql.
        self._origins = None if "*" in settings.cors_origins else {o.encode() for o in settings.cors_origins}

    @asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        manager = StreamableHTTPSessionManager(self.server, json_response=True, stateless=True,
                                               max_request_body_size=self.settings.max_body_bytes)
        async with manager.run():
            self._manager = manager
            try:
                yield
            finally:
                self._manager = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] != "POST":
            # No server-to-client stream to offer (the spec's answer to GET is then 405), no session to DELETE.
            await _refuse(send, 405, "the MCP endpoint takes POST (stateless Streamable HTTP)", [(b"allow", b"POST")])
            return
        if self._manager is None:
            await _refuse(send, 503, "the MCP endpoint is not running (server starting or stopping)")
            return
        origin = next((value for name, value in scope["headers"] if name == b"origin"), None)
        if origin is not None and self._origins is not None and origin not in self._origins:
            await _refuse(send, 403, "this origin may not call the MCP endpoint (see the cors_origins setting)")
            return
        await self._manager.handle_request(scope, receive, send)


async def _refuse(send: Send, status: int, message: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    """A JSON-RPC error with no request id, as the SDK answers transport-level refusals."""
    body = orjson.dumps({"jsonrpc": "2.0", "id": None, "error": {"code": -32600, "message": message}})
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": body})
