"""``/mcp``: the MCP Streamable HTTP transport, mounted in the server's Starlette app.

Stateless, with JSON answers (no SSE streams): every request stands alone,
so no session holds the graph or any other state between requests, any of
several workers can answer it, and the server's middleware (CORS, rate limit,
access log, body limit) sees ordinary request/response pairs, as for
``/graphql``. The tools send no progress, so nothing needs a stream.

The SDK is imported, and its session manager started, on the first request
(in a worker thread, so the event loop keeps serving): importing it costs
about 1.2 s of CPU, which would otherwise double the server's start-up for
every deployment, whether agents call it or not.
"""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import anyio
import anyio.to_thread
import orjson
from anyio.abc import TaskGroup, TaskStatus
from starlette.types import Message, Receive, Scope, Send

from careergraph.settings import Settings
from graph import CareerGraph

__all__ = ["McpEndpoint"]


class McpEndpoint:
    """The ASGI app of ``/mcp``; the app's lifespan enters `running`.

    The SDK's session manager runs once, so each lifespan gets a new one.
    """

    def __init__(self, settings: Settings, graph: Callable[[], CareerGraph | None]) -> None:
        self.settings = settings
        self.graph = graph
        self._tasks: TaskGroup | None = None
        self._handle: Callable[[Scope, Receive, Send], Any] | None = None
        self._starting = anyio.Lock()
        # The MCP spec asks servers to check Origin (DNS rebinding): the same origins CORS allows for /graphql.
        self._origins = None if "*" in settings.cors_origins else {o.encode() for o in settings.cors_origins}

    @asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        async with anyio.create_task_group() as tasks:
            self._tasks = tasks
            try:
                yield
            finally:
                self._tasks = self._handle = None
                tasks.cancel_scope.cancel()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] != "POST":
            # No server-to-client stream to offer (the spec's answer to GET is then 405), no session to DELETE.
            await _refuse(send, 405, "the MCP endpoint takes POST (stateless Streamable HTTP)", [(b"allow", b"POST")])
            return
        origin = next((value for name, value in scope["headers"] if name == b"origin"), None)
        if origin is not None and self._origins is not None and origin not in self._origins:
            await _refuse(send, 403, "this origin may not call the MCP endpoint (see the cors_origins setting)")
            return
        if self.graph() is None:  # the server loads its graph in the background (and /readyz says so)
            await _refuse(send, 503, "the career graph is still loading; try again in a moment",
                          [(b"retry-after", b"1")])
            return
        handle = self._handle or await self._start()
        if handle is None:
            await _refuse(send, 503, "the MCP endpoint is not running (the server is starting or stopping)")
            return
        await handle(scope, _noting_operation(scope, receive), send)

    async def _start(self) -> Callable[[Scope, Receive, Send], Any] | None:
        """Import the SDK and start its session manager, once; None outside the lifespan."""
        async with self._starting:
            if self._handle is None and self._tasks is not None:
                sdk = await anyio.to_thread.run_sync(importlib.import_module, "mcp.server.streamable_http_manager")
                server = await anyio.to_thread.run_sync(_create_server, self.graph, self.settings)
                manager = sdk.StreamableHTTPSessionManager(server, json_response=True, stateless=True,
                                                           max_request_body_size=self.settings.max_body_bytes)
                await self._tasks.start(_run, manager)
                self._handle = manager.handle_request
        return self._handle


def _noting_operation(scope: Scope, receive: Receive) -> Receive:
    """``receive``, noting the request's JSON-RPC method (and tool or resource) for the access log."""
    chunks: list[bytes] = []

    async def receiving() -> Message:
        message = await receive()
        if message["type"] == "http.request":
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                scope.setdefault("state", {})["operation_name"] = _operation(b"".join(chunks))
        return message

    return receiving


def _operation(body: bytes) -> str | None:
    """``tools/call career_path``, ``resources/read careergraph://schema``, ``tools/list``; None if unreadable."""
    try:
        message = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(message, dict) or not isinstance(message.get("method"), str):
        return None
    params = message.get("params")
    target = params.get("name", params.get("uri")) if isinstance(params, dict) else None
    return f"{message['method']} {target}" if isinstance(target, str) else message["method"]


def _create_server(graph: Callable[[], CareerGraph | None], settings: Settings) -> Any:
    from careergraph.mcp.server import create_server

    return create_server(graph, settings)  # type: ignore[arg-type]  # __call__ answers 503 while it is None


async def _run(manager: Any, *, task_status: TaskStatus[None]) -> None:
    async with manager.run():
        task_status.started()
        await anyio.sleep_forever()


async def _refuse(send: Send, status: int, message: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    """A JSON-RPC error with no request id, as the SDK answers transport-level refusals."""
    body = orjson.dumps({"jsonrpc": "2.0", "id": None, "error": {"code": -32600, "message": message}})
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": body})
