"""uvicorn's httptools protocol with bounds on what a client may send, how slowly, and how many at once.

uvicorn's httptools protocol keeps the fast C parser but sets no limit on
headers (a client can grow them until the process runs out of memory), no
deadline for sending them, and never closes a connection that sends nothing.
`GuardedHttpToolsProtocol` adds, per connection:

- the request line: a URL over `MAX_URL_BYTES` gets a JSON 414 (httptools
  cannot parse longer URLs, and uvicorn answered a plain-text 400);
- headers: more than ``max_headers`` fields or ``max_header_bytes`` bytes get
  a JSON 431; bytes are counted as they arrive, so an unfinished header is
  bounded too;
- time: a request's headers and body must arrive within
  ``read_timeout_seconds`` of its first byte (and a new connection must
  start its first request as soon), else a JSON 408 and a close;
- connections: above ``max_connections`` the connections idle longest are
  closed first; if all are busy, new requests get a JSON 503, except the
  health checks, which are always answered;
- malformed requests get uvicorn's 400 as JSON.

The answers are GraphQL-shaped (``errors[0].extensions.code``), like every
refusal of the API. Chosen over h11 with ``h11_max_incomplete_event_size``:
h11 parses in Python, several times slower per request than httptools.
This subclass uses uvicorn internals, so uvicorn is pinned to ``~=0.54``.
"""

from __future__ import annotations

import asyncio
import functools
import time
from typing import Any

import httptools
import orjson
from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol, RequestResponseCycle
from uvicorn.server import ServerState

from careergraph.settings import Settings
from schema.errors import ErrorCode

__all__ = ["HEALTH_PATHS", "MAX_URL_BYTES", "GuardedHttpToolsProtocol", "ServingConfig"]

#: Longest request URL: httptools stores URL offsets in 16 bits.
MAX_URL_BYTES = 65_535

#: Bytes a request's head may reach before its headers are complete: the URL, the headers, and some slack.
HEAD_SLACK = MAX_URL_BYTES + 1024

#: Paths answered even when the connection limit is reached: load balancers must see the process alive.
HEALTH_PATHS = frozenset({"/healthz", "/readyz"})


class ServingConfig(Config):
    """uvicorn's `Config` carrying careergraph's settings to the protocol (it is pickled to every worker)."""

    def __init__(self, app: Any, settings: Settings, **options: Any) -> None:
        super().__init__(app, **options)
        self.settings = settings


class _Refused(Exception):
    """Stops the parser: the request was answered with a refusal."""


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """`HttpToolsProtocol` with header, time and connection limits (see the module docstring)."""

    def __init__(self, config: Config, server_state: ServerState, app_state: dict[str, Any],
                 _loop: asyncio.AbstractEventLoop | None = None) -> None:
        super().__init__(config, server_state, app_state, _loop)
        settings = getattr(config, "settings", None) or _settings_from_env()
        self.max_header_bytes = settings.max_header_bytes
        self.max_headers = settings.max_headers
        self.read_timeout = settings.read_timeout_seconds
        self.max_connections = settings.max_connections
        self.limit_concurrency = None  # replaced by `max_connections`, which spares the health checks
        self.deadline: asyncio.TimerHandle | None = None
        self.in_head = True
        self.head_bytes = self.header_bytes = self.header_count = self.url_bytes = 0
        self.idle_since = time.monotonic()
        self.refused = False

    # -- connections -------------------------------------------------------------

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_deadline()
        if len(self.connections) > self.max_connections:
            self._close_idle(self._open_connections() - self.max_connections)

    def _open_connections(self) -> int:
        """Connections not closing: a closed one leaves ``connections`` only on the loop's next turn."""
        return sum(1 for c in self.connections if not c.transport.is_closing())

    def _close_idle(self, count: int) -> None:
        idle = sorted((c for c in self.connections if isinstance(c, GuardedHttpToolsProtocol) and c is not self
                       and c.is_idle()), key=lambda c: c.idle_since)
        for connection in idle[:count]:
            connection.transport.close()

    def is_idle(self) -> bool:
        """No request in progress: before the first byte of one, or kept alive after a response."""
        return self.in_head and self.head_bytes == 0 and (self.cycle is None or self.cycle.response_complete)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_deadline()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.refused:
            return
        self._unset_keepalive_if_required()
        if self.in_head:
            self.head_bytes += len(data)
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            if self._should_upgrade():
                self.handle_websocket_upgrade()
            else:
                self._unsupported_upgrade_warning()
            return
        except httptools.HttpParserError as exc:
            if not isinstance(exc.__context__, _Refused):
                self.logger.debug("Invalid HTTP request received: %s", exc)
                self.refuse(400, ErrorCode.BAD_REQUEST, "the request is not valid HTTP/1.1")
            return
        if self.in_head and self.head_bytes > self.max_header_bytes + HEAD_SLACK:
            self.refuse(431, ErrorCode.BAD_REQUEST, self._headers_message())

    def send_400_response(self, msg: str) -> None:
        self.refuse(400, ErrorCode.BAD_REQUEST, "the request is not valid HTTP/1.1")

    # -- parser callbacks ----------------------------------------------------------

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self.in_head = True
        self.header_bytes = self.header_count = self.url_bytes = 0
        if self.deadline is None:
            self._arm_deadline()

    def on_url(self, url: bytes) -> None:
        self.url_bytes += len(url)
        if self.url_bytes > MAX_URL_BYTES:
            self.refuse(414, ErrorCode.PAYLOAD_TOO_LARGE,
                        f"the URL is longer than {MAX_URL_BYTES} bytes; send the query in a POST body")
            raise _Refused
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self.header_count += 1
        self.header_bytes += len(name) + len(value) + 4
        if self.header_count > self.max_headers or self.header_bytes > self.max_header_bytes:
            self.refuse(431, ErrorCode.BAD_REQUEST, self._headers_message())
            raise _Refused
        super().on_header(name, value)

    def _headers_message(self) -> str:
        return (f"the request headers are too large: at most {self.max_headers} fields and "
                f"{self.max_header_bytes} bytes")

    def on_headers_complete(self) -> None:
        self.in_head = False
        self.head_bytes = 0
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._disarm_deadline()
        super().on_message_complete()

    def on_response_complete(self) -> None:
        self.idle_since = time.monotonic()
        super().on_response_complete()

    def _start_asgi_task(self, cycle: RequestResponseCycle, app: Any) -> None:
        busy = len(self.tasks) >= self.max_connections or (
            len(self.connections) > self.max_connections and self._open_connections() > self.max_connections)
        if busy and cycle.scope["path"] not in HEALTH_PATHS:
            app = _service_unavailable
        super()._start_asgi_task(cycle, app)

    # -- deadlines and refusals ----------------------------------------------------

    def _arm_deadline(self) -> None:
        self._disarm_deadline()
        self.deadline = self.loop.call_later(self.read_timeout, self._read_timed_out)

    def _disarm_deadline(self) -> None:
        if self.deadline is not None:
            self.deadline.cancel()
            self.deadline = None

    def _read_timed_out(self) -> None:
        self.deadline = None
        if self.transport.is_closing():
            return
        if self.is_idle():  # a connection that never sent a request: nothing to answer
            self.transport.close()
            return
        if self.cycle is not None and not self.cycle.response_complete:
            self.cycle.disconnected = True  # the app, if it waits for the body, sees a disconnect
            self.cycle.message_event.set()
            if self.cycle.response_started:
                self.transport.close()
                return
        self.refuse(408, ErrorCode.BAD_REQUEST,
                    f"the request did not arrive within {self.read_timeout:g} s; send it faster")

    def refuse(self, status: int, code: ErrorCode, message: str) -> None:
        """Answer with a JSON error and close the connection (nothing more is read from it)."""
        if self.refused or self.transport.is_closing():
            return
        self.refused = True
        self._disarm_deadline()
        body = orjson.dumps({"errors": [{"message": message, "extensions": {"code": code.value}}]})
        head = [STATUS_LINE[status]]
        for name, value in self.server_state.default_headers:
            head.extend([name, b": ", value, b"\r\n"])
        head.append(b"content-type: application/json\r\ncache-control: no-store\r\nconnection: close\r\n"
                    b"content-length: " + str(len(body)).encode() + b"\r\n\r\n")
        self.transport.write(b"".join(head) + body)
        self.transport.close()


async def _service_unavailable(scope: Any, receive: Any, send: Any) -> None:
    body = orjson.dumps({"errors": [{
        "message": "the server is at its connection limit (max_connections); retry in a moment",
        "extensions": {"code": ErrorCode.RATE_LIMITED.value, "retryAfter": 1},
    }]})
    await send({"type": "http.response.start", "status": 503, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"), (b"retry-after", b"1"), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


@functools.cache
def _settings_from_env() -> Settings:
    """Settings of a protocol run by plain ``uvicorn --http careergraph.serving.protocol:GuardedHttpToolsProtocol``."""
    return Settings.from_env()
