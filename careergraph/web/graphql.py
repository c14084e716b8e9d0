"""The ``/graphql`` endpoint: GraphQL over HTTP, as the spec words it.

Why not strawberry's stock view: it always answers ``application/json``,
returns 200 with ``"data": null`` for request errors, answers a mutation over
GET with a plain-text 400 and cannot short-circuit a repeated query. This
endpoint keeps strawberry for what it is made for (schema, validation,
execution) and owns the HTTP side:

- GET and POST; GET only for queries (405 otherwise); GraphiQL when a browser
  asks for HTML.
- ``application/graphql-response+json`` (request errors → 4xx, no ``data``)
  and ``application/json`` (200 for any well-formed request), by ``Accept``.
- Bounded body size (413), optional batching, Apollo automatic persisted
  queries; every malformed request is a 4xx with a JSON GraphQL error and
  ``extensions.code``, never a 500 (a bug still answers a JSON 500 with an
  ``errorId``, logged with its traceback).
- A response cache keyed by the raw request (method, ``Accept``,
  ``Content-Type``, query string, body), cleared when another graph is served
  (the graph is immutable while served) and bounded in entries and bytes. A
  repeated request is answered from it before anything is parsed, with the
  prepared bytes and headers; ``ETag`` / ``If-None-Match`` on GET.
- Execution in a worker thread under a timeout, so one slow operation cannot
  hold the event loop. At most `RUNNING` operations run at once; one that
  timed out keeps its slot until it really ends, so abandoned work cannot
  pile up. A document whose last run took less than `INLINE_SECONDS` runs on
  the event loop instead: the hop to a thread and back costs more than such an
  operation (docs/performance.md).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import anyio
import anyio.to_thread
import orjson
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.exceptions import MissingQueryError
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from careergraph.settings import Settings
from careergraph.web.middleware import internal_error_response
from graph import CareerGraph
from schema import CareerGraphSchema
from schema.context import Context
from schema.errors import ErrorCode

__all__ = ["GraphQLEndpoint", "GraphQLLane", "RequestError"]

logger = logging.getLogger("careergraph.graphql")

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"

#: Operations running at once (worker threads doing GraphQL work).
RUNNING = 8
#: Bytes the response cache and the persisted-query store may hold (keys and bodies).
RESPONSE_CACHE_BYTES = 64 * 2**20
PERSISTED_BYTES = 8 * 2**20
#: A document whose last run was faster than this runs on the event loop, without a thread hop.
INLINE_SECONDS = 0.001
#: Documents whose last run time is remembered.
TIMED_DOCUMENTS = 1024


class RequestError(Exception):
    """A request that is not a well-formed GraphQL-over-HTTP request."""

    def __init__(self, status: int, message: str, code: ErrorCode = ErrorCode.BAD_REQUEST,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.headers = headers or {}


@dataclass(frozen=True, slots=True)
class Operation:
    """One GraphQL request: the four parameters of the spec."""

    query: str | None
    variables: dict[str, Any] | None
    operation_name: str | None
    extensions: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class Answer:
    """An encoded GraphQL response."""

    status: int
    body: bytes
    media_type: str


@dataclass(frozen=True, slots=True)
class Prepared:
    """An answer ready to send, and to cache: status, raw headers, body, and the ETag and 304 headers of a GET."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: str
    not_modified: list[tuple[bytes, bytes]] | None
    operation_name: str | None

    @classmethod
    def of(cls, answer: Answer, get: bool, operation_name: str | None) -> Prepared:
        """The headers Starlette's `Response` would send: ours, then Content-Length and Content-Type."""
        etag = ""
        if get and answer.status == 200:  # cacheable by browsers and proxies
            etag = '"' + hashlib.blake2b(answer.body, digest_size=12).hexdigest() + '"'
            ours = [(b"vary", b"Accept"), (b"etag", etag.encode()), (b"cache-control", b"public, max-age=300")]
        else:
            ours = [(b"vary", b"Accept"), (b"cache-control", b"no-store")]
        headers = [*ours, (b"content-length", str(len(answer.body)).encode()),
                   (b"content-type", answer.media_type.encode())]
        return cls(answer.status, headers, answer.body, etag, ours if etag else None, operation_name)

    async def send(self, send: Send, if_none_match: bytes | None) -> None:
        status, headers, body = self.response(if_none_match)
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def response(self, if_none_match: bytes | None) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        """Status, headers (a copy: middleware adds to them) and body of the answer to this request."""
        if self.not_modified is not None and if_none_match and _etag_matches(if_none_match.decode("latin-1"),
                                                                             self.etag):
            return 304, list(self.not_modified), b""
        return self.status, list(self.headers), self.body


_MISSING = object()


class LRU(OrderedDict):
    """A small least-recently-used mapping, bounded in entries and in total weight (bytes)."""

    def __init__(self, size: int, budget: int) -> None:
        super().__init__()
        self.size = size
        self.budget = budget
        self.weight = 0
        self.weights: dict[Any, int] = {}

    def get(self, key: Any, default: Any = None) -> Any:
        value = dict.get(self, key, _MISSING)
        if value is _MISSING:
            return default
        self.move_to_end(key)
        return value

    def put(self, key: Any, value: Any, weight: int = 0) -> None:
        if self.size <= 0 or weight > self.budget // 16:  # one huge entry must not flush the rest
            return
        self.weight += weight - self.weights.get(key, 0)
        self.weights[key] = weight
        self[key] = value
        self.move_to_end(key)
        while len(self) > self.size or self.weight > self.budget:
            old, _ = self.popitem(last=False)
            self.weight -= self.weights.pop(old)

    def clear(self) -> None:
        super().clear()
        self.weights.clear()
        self.weight = 0


class GraphQLEndpoint:
    """The ``/graphql`` endpoint, an ASGI app: ``Route("/graphql", endpoint)``."""

    def __init__(
        self,
        schema: CareerGraphSchema,
        settings: Settings,
        render_ide: Callable[[Request], Awaitable[Response]],
    ) -> None:
        self.schema = schema
        self.settings = settings
        self.render_ide = render_ide
        self.responses = LRU(settings.response_cache, RESPONSE_CACHE_BYTES)
        self.persisted = LRU(max(settings.response_cache, 256), PERSISTED_BYTES)
        # How long each document's last run took: the fast ones skip the thread hop.
        self.last_run = LRU(TIMED_DOCUMENTS, PERSISTED_BYTES)
        # Threads may wait for a slot; only RUNNING of them work at a time.
        self.limiter = anyio.CapacityLimiter(4 * RUNNING)
        self.slots = threading.BoundedSemaphore(RUNNING)
        self.graph: CareerGraph | None = None
        #: Operations executed (cache hits do not count): a regression guard for the cache.
        self.executions = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.respond(scope, receive, send)

    async def respond(self, scope: Scope, receive: Receive, send: Send, read: Read | None = None) -> None:
        """Answer one request; ``read``: what `GraphQLLane` already read of it."""
        try:
            read = read or await self.read(scope, receive)
            answer = self.cached(scope, read) or await self.handle(Request(scope, receive), read)
        except Exception as exc:  # a bug: answer like the rest of the API, never with a traceback
            answer = await internal_error_response(Request(scope, receive), exc)
        if isinstance(answer, Prepared):
            await answer.send(send, read.head.if_none_match if read is not None else None)
        else:
            await answer(scope, receive, send)

    async def read(self, scope: Scope, receive: Receive) -> Read:
        """The headers the endpoint needs, the body of a POST that declares its length, and the cache key."""
        body = await _declared_body(scope, receive, self.settings.max_body_bytes) if scope["method"] == "POST" \
            else None
        head = _Head.of(scope)
        key = (scope["method"], head.accept, head.content_type, scope["query_string"], body) \
            if scope["method"] == "GET" or body is not None else None
        return Read(head, body, key)

    def cached(self, scope: Scope, read: Read) -> Prepared | None:
        """The answer to this exact request, if it was answered before: nothing to parse, nothing to run."""
        cached = self.responses.get(read.key) if read.key is not None else None
        if cached is not None:
            scope.setdefault("state", {})["operation_name"] = cached.operation_name
        return cached

    async def handle(self, request: Request, read: Read) -> Response | Prepared:
        """Answer a request the cache could not (and cache the answer under ``read.key``)."""
        head, body, key = read.head, read.body, read.key
        media_type = JSON
        try:
            if request.method == "GET" and "text/html" in head.accept_text and "query" not in request.query_params:
                return await self.render_ide(request)
            media_type = _negotiate(head.accept_text)
            if request.method == "GET":
                operation = _operation_from_query(request, self.settings.max_body_bytes)
                request.state.operation_name = operation.operation_name
                answer = await self._answer(operation, media_type, get=True)
                return self._prepare(key, answer, get=True, operation_name=operation.operation_name)
            if request.method == "POST":
                operations = await self._operations_from_body(request, head, body)
                if isinstance(operations, list):
                    answers = [await self._answer(o, media_type, get=False) for o in operations]
                    batch = b"[" + b",".join(a.body for a in answers) + b"]"
                    return Response(batch, 200, media_type=media_type)
                request.state.operation_name = operations.operation_name
                answer = await self._answer(operations, media_type, get=False)
                return self._prepare(key, answer, get=False, operation_name=operations.operation_name)
            raise RequestError(405, "use GET or POST", headers={"allow": "GET, POST"})
        except RequestError as error:
            return _error_response(error, media_type)

    # -- reading requests --------------------------------------------------

    async def _operations_from_body(self, request: Request, head: _Head, body: bytes | None,
                                    ) -> Operation | list[Operation]:
        content_type = head.content_type.decode("latin-1") if head.content_type is not None else None
        if not content_type:
            raise RequestError(400, f"a POST needs a Content-Type header: send {JSON}")
        mime, _, params = content_type.partition(";")
        if mime.strip().casefold() != JSON:
            raise RequestError(415, f"unsupported Content-Type {mime.strip()!r}: send {JSON}")
        charset = params.strip().casefold().removeprefix("charset=").strip('"') if "charset" in params else "utf-8"
        if charset not in {"utf-8", "utf8"}:
            raise RequestError(415, f"unsupported charset {charset!r}: send UTF-8")
        if body is None:
            body = await _read_body(request, self.settings.max_body_bytes)
        if not body:
            raise RequestError(400, "the POST body is empty: send a JSON object with a `query`")
        try:
            payload = orjson.loads(body)
        except orjson.JSONDecodeError as exc:
            raise RequestError(400, f"the body is not valid JSON (UTF-8): {exc}") from None
        if isinstance(payload, list):
            if self.settings.max_batch <= 0:
                raise RequestError(400, "batched requests are not supported: send one operation per request")
            if not payload or len(payload) > self.settings.max_batch:
                raise RequestError(400, f"a batch holds 1 to {self.settings.max_batch} operations, got {len(payload)}")
            return [_operation_from_json(item) for item in payload]
        return _operation_from_json(payload)

    # -- answering -----------------------------------------------------------

    async def _answer(self, operation: Operation, media_type: str, get: bool) -> Answer:
        return await self._execute(self._persisted(operation), media_type, get)

    def _prepare(self, key: tuple | None, answer: Answer, get: bool, operation_name: str | None) -> Prepared:
        """The answer, ready to send; cached under its raw request unless it says nothing about the request."""
        prepared = Prepared.of(answer, get, operation_name)
        if key is not None and self.responses.size > 0 and answer.status < 500 \
                and b'"code":"INTERNAL_SERVER_ERROR"' not in answer.body and b'"code":"TIMEOUT"' not in answer.body:
            self.responses.put(key, prepared, len(key[-1] or key[-2]) + len(answer.body))
        return prepared

    def _persisted(self, operation: Operation) -> Operation:
        """Apollo automatic persisted queries: remember documents by SHA-256."""
        persisted = (operation.extensions or {}).get("persistedQuery")
        if not isinstance(persisted, dict):
            return operation
        digest = persisted.get("sha256Hash")
        if persisted.get("version") != 1 or not isinstance(digest, str):
            raise RequestError(400, "extensions.persistedQuery needs version 1 and a sha256Hash string")
        if operation.query is None:
            query = self.persisted.get(digest)
            if query is None:
                raise RequestError(200, "PersistedQueryNotFound", ErrorCode.PERSISTED_QUERY_NOT_FOUND)
            return Operation(query, operation.variables, operation.operation_name, operation.extensions)
        if hashlib.sha256(operation.query.encode()).hexdigest() != digest:
            raise RequestError(400, "extensions.persistedQuery.sha256Hash does not match the query")
        self.persisted.put(digest, operation.query, len(operation.query))
        return operation

    async def _execute(self, operation: Operation, media_type: str, get: bool) -> Answer:
        if not operation.query or not operation.query.strip():
            raise RequestError(400, "the request has no query: pass the GraphQL document as `query`")
        allowed = {OperationType.QUERY} if get else set(OperationType)  # the schema refuses what it lacks
        self.executions += 1
        if self.graph is None:
            raise RequestError(503, "the graph is not loaded yet", ErrorCode.INTERNAL_SERVER_ERROR)
        context = Context(graph=self.graph)
        query = operation.query
        last = self.last_run.get(query)
        if last is not None and last < INLINE_SECONDS:
            result, seconds = self._run(operation, context, allowed)
        else:
            abandoned = threading.Event()
            try:
                with anyio.fail_after(self.settings.timeout_seconds):
                    result, seconds = await anyio.to_thread.run_sync(
                        self._run_in_slot, operation, context, allowed, abandoned, abandon_on_cancel=True,
                        limiter=self.limiter,
                    )
            except TimeoutError:
                abandoned.set()
                self.last_run.put(query, float("inf"), len(query))
                timeout = GraphQLError(
                    f"the operation took longer than {self.settings.timeout_seconds:g} s; "
                    "ask for fewer items or a smaller page",
                    extensions={"code": ErrorCode.TIMEOUT.value},
                )
                return _encode({"errors": [timeout.formatted]}, 503 if media_type == GRAPHQL_RESPONSE else 200,
                               media_type)
        if last is None or (last < INLINE_SECONDS) != (seconds < INLINE_SECONDS):
            self.last_run.put(query, seconds, len(query))
        return _encode_result(result, media_type)

    def _run_in_slot(self, operation: Operation, context: Context, allowed: set[OperationType],
                     abandoned: threading.Event) -> tuple[Any, float]:
        with self.slots:
            if abandoned.is_set():  # timed out while waiting for a slot
                return None, float("inf")
            return self._run(operation, context, allowed)

    def _run(self, operation: Operation, context: Context, allowed: set[OperationType]) -> tuple[Any, float]:
        """Execute one operation; the result and the seconds it took."""
        started = time.perf_counter()
        try:
            result = self.schema.execute_sync(
                operation.query,
                variable_values=operation.variables,
                context_value=context,
                operation_name=operation.operation_name,
                allowed_operation_types=allowed,
            )
        except InvalidOperationTypeError as exc:
            kind = exc.operation_type.value
            raise RequestError(405, f"a {kind} cannot be sent over GET: use POST",
                               headers={"allow": "POST"}) from None
        except CannotGetOperationTypeError as exc:
            result = _request_error(f"the document has no operation named {exc.operation_name!r}"
                                    if exc.operation_name else
                                    "the document has no operation to run: send a query")
        except MissingQueryError:
            result = _request_error("the request has no query: pass the GraphQL document as `query`")
        return result, time.perf_counter() - started

    def serve(self, graph: CareerGraph) -> None:
        """Point the endpoint at a (newly loaded) graph; drops cached answers."""
        self.graph = graph
        self.responses.clear()
        self.last_run.clear()

class GraphQLLane:
    """ASGI middleware: GET and POST requests to ``/graphql`` go straight to the endpoint.

    Starlette's routing and exception middleware cost about a fifth of a
    cached answer (about 10 of 50 µs) and would only find the endpoint that
    this finds by path (docs/performance.md). A repeated request is answered from the cache here,
    without even calling the endpoint. Mount it inside `Edge` and the rate
    limit, so every answer still gets its request id, CORS headers, access-log
    line and rate limit. Other methods take the route, which answers them.
    """

    def __init__(self, app: ASGIApp, endpoint: GraphQLEndpoint, path: str = "/graphql") -> None:
        self.app = app
        self.endpoint = endpoint
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path or scope["method"] not in {"GET", "POST"}:
            await self.app(scope, receive, send)
            return
        read = await self.endpoint.read(scope, receive)
        cached = self.endpoint.cached(scope, read)
        if cached is not None:
            await cached.send(send, read.head.if_none_match)
        else:
            await self.endpoint.respond(scope, receive, send, read)


def _request_error(message: str) -> ExecutionResult:
    """A GraphQL request error found while executing: no data, one error."""
    return ExecutionResult(data=None, errors=[GraphQLError(message, extensions={"code": ErrorCode.BAD_REQUEST.value})])


def _operation_from_query(request: Request, limit: int) -> Operation:
    if len(request.scope.get("query_string", b"")) > limit:
        raise RequestError(414, f"the query string is longer than {limit} bytes: send the document by POST",
                           ErrorCode.PAYLOAD_TOO_LARGE)
    params = request.query_params
    return Operation(
        query=params.get("query"),
        variables=_json_param(params.get("variables"), "variables"),
        operation_name=params.get("operationName") or None,
        extensions=_json_param(params.get("extensions"), "extensions"),
    )


def _json_param(raw: str | None, name: str) -> dict[str, Any] | None:
    if raw is None or raw == "":
        return None
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise RequestError(400, f"`{name}` must be a JSON object") from None
    if value is not None and not isinstance(value, dict):
        raise RequestError(400, f"`{name}` must be a JSON object")
    return value


def _operation_from_json(payload: Any) -> Operation:
    if not isinstance(payload, dict):
        raise RequestError(400, "the body must be a JSON object with a `query` string")
    query = payload.get("query")
    if query is not None and not isinstance(query, str):
        raise RequestError(400, "`query` must be a string holding a GraphQL document")
    for name in ("variables", "extensions"):
        if payload.get(name) is not None and not isinstance(payload[name], dict):
            raise RequestError(400, f"`{name}` must be a JSON object")
    operation_name = payload.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise RequestError(400, "`operationName` must be a string")
    return Operation(query, payload.get("variables"), operation_name, payload.get("extensions"))


async def _declared_body(scope: Scope, receive: Receive, limit: int) -> bytes | None:
    """The body of a POST that declares a Content-Length within the limit; None for any other POST.

    Reading it first lets the cache answer a repeated POST by its bytes; any
    other POST reads its body (or refuses it) on the way through `handle`.
    """
    declared = next((value for name, value in scope["headers"] if name == b"content-length"), None)
    if declared is None or not declared.isdigit() or int(declared) > limit:
        return None
    chunks = []
    more = True
    while more:
        message = await receive()
        if message["type"] != "http.request":  # the client went away
            break
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    return b"".join(chunks)


@dataclass(frozen=True, slots=True)
class Read:
    """What the endpoint reads of a request first: headers, the body when its length was declared, the cache key."""

    head: _Head
    body: bytes | None
    key: tuple | None


@dataclass(frozen=True, slots=True)
class _Head:
    """The request headers the endpoint reads, raw, first occurrence of each (as Starlette's `Headers.get`)."""

    accept: bytes | None
    content_type: bytes | None
    if_none_match: bytes | None

    @classmethod
    def of(cls, scope: Scope) -> _Head:
        accept = content_type = if_none_match = None
        for name, value in scope["headers"]:
            if name == b"accept":
                accept = value if accept is None else accept
            elif name == b"content-type":
                content_type = value if content_type is None else content_type
            elif name == b"if-none-match":
                if_none_match = value if if_none_match is None else if_none_match
        return cls(accept, content_type, if_none_match)

    @property
    def accept_text(self) -> str:
        return self.accept.decode("latin-1") if self.accept is not None else ""


async def _read_body(request: Request, limit: int) -> bytes:
    too_large = RequestError(413, f"the body is larger than {limit} bytes (max_body_bytes): send a smaller request",
                             ErrorCode.PAYLOAD_TOO_LARGE)
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _negotiate(accept: str) -> str:
    """The response media type: graphql-response+json when asked, else JSON (remembered per Accept value)."""
    found = _NEGOTIATED.get(accept)
    if found is None:
        found = _media_type(accept)
        if len(_NEGOTIATED) < 256:
            _NEGOTIATED[accept] = found
    return found


_NEGOTIATED: dict[str, str] = {}


def _media_type(accept: str) -> str:
    if not accept.strip():
        return JSON
    offered = []
    for part in accept.split(","):
        mime, *params = part.strip().split(";")
        quality = 1.0
        for param in params:
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        offered.append((mime.strip().casefold(), quality))
    for mime, quality in sorted(offered, key=lambda o: -o[1]):
        if quality <= 0:
            continue
        if mime == GRAPHQL_RESPONSE:
            return GRAPHQL_RESPONSE
        if mime in {JSON, "application/*", "*/*"}:
            return JSON
    raise RequestError(406, f"acceptable responses are {GRAPHQL_RESPONSE} and {JSON}")


def _etag_matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    return header.strip() == "*" or etag in (tag.strip().removeprefix("W/") for tag in header.split(","))


def _encode_result(result: Any, media_type: str) -> Answer:
    errors = [error.formatted for error in result.errors or ()]
    executed = result.data is not None or any("path" in error for error in errors) or not errors
    payload: dict[str, Any] = {}
    if executed:
        payload["data"] = result.data
    if errors:
        payload["errors"] = errors
    status = 200 if executed or media_type == JSON else 400
    return _encode(payload, status, media_type)


def _encode(payload: dict[str, Any], status: int, media_type: str) -> Answer:
    return Answer(status, orjson.dumps(payload), media_type)


def _error_response(error: RequestError, media_type: str) -> Response:
    formatted = {"message": str(error), "extensions": {"code": error.code.value}}
    return Response(orjson.dumps({"errors": [formatted]}), error.status, media_type=media_type,
                    headers={"cache-control": "no-store", **error.headers})
