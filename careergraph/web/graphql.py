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
- A response cache keyed by document, variables, operation and graph version
  (the graph is immutable while served), bounded in entries and bytes;
  ``ETag`` / ``If-None-Match`` on GET.
- Execution in a worker thread under a timeout, so one slow operation cannot
  hold the event loop. At most `RUNNING` operations run at once; one that
  timed out keeps its slot until it really ends, so abandoned work cannot
  pile up.
"""

from __future__ import annotations

import hashlib
import logging
import threading
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

__all__ = ["GraphQLEndpoint", "RequestError"]

logger = logging.getLogger("careergraph.graphql")

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"

#: Operations running at once (worker threads doing GraphQL work).
RUNNING = 8
#: Bytes the response cache and the persisted-query store may hold (keys and bodies).
RESPONSE_CACHE_BYTES = 64 * 2**20
PERSISTED_BYTES = 8 * 2**20


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
    """An encoded response, as cached."""

    status: int
    body: bytes
    media_type: str
    etag: str


class LRU(OrderedDict):
    """A small least-recently-used mapping, bounded in entries and in total weight (bytes)."""

    def __init__(self, size: int, budget: int) -> None:
        super().__init__()
        self.size = size
        self.budget = budget
        self.weight = 0
        self.weights: dict[Any, int] = {}

    def get(self, key: Any, default: Any = None) -> Any:
        if key in self:
            self.move_to_end(key)
            return self[key]
        return default

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
    """The request handler of ``/graphql``: `handle` is a Starlette endpoint."""

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
        # Threads may wait for a slot; only RUNNING of them work at a time.
        self.limiter = anyio.CapacityLimiter(4 * RUNNING)
        self.slots = threading.BoundedSemaphore(RUNNING)
        self.graph: CareerGraph | None = None
        #: Operations executed (cache hits do not count): a regression guard for the cache.
        self.executions = 0

    async def handle(self, request: Request) -> Response:
        try:
            return await self._handle(request)
        except Exception as exc:  # a bug: answer like the rest of the API, never with a traceback
            return await internal_error_response(request, exc)

    async def _handle(self, request: Request) -> Response:
        media_type = JSON
        try:
            if request.method == "GET" and _wants_html(request) and "query" not in request.query_params:
                return await self.render_ide(request)
            media_type = _negotiate(request.headers.get("accept", ""))
            if request.method == "GET":
                operation = _operation_from_query(request, self.settings.max_body_bytes)
                request.state.operation_name = operation.operation_name
                return await self._answer_get(request, operation, media_type)
            if request.method == "POST":
                operations = await self._operations_from_body(request)
                if isinstance(operations, list):
                    answers = [await self._answer(o, media_type, get=False) for o in operations]
                    body = b"[" + b",".join(a.body for a in answers) + b"]"
                    return Response(body, 200, media_type=media_type)
                request.state.operation_name = operations.operation_name
                answer = await self._answer(operations, media_type, get=False)
                return self._response(answer, get=False)
            raise RequestError(405, "use GET or POST", headers={"allow": "GET, POST"})
        except RequestError as error:
            return _error_response(error, media_type)

    # -- reading requests --------------------------------------------------

    async def _operations_from_body(self, request: Request) -> Operation | list[Operation]:
        content_type = request.headers.get("content-type")
        if not content_type:
            raise RequestError(400, f"a POST needs a Content-Type header: send {JSON}")
        mime, _, params = content_type.partition(";")
        if mime.strip().casefold() != JSON:
            raise RequestError(415, f"unsupported Content-Type {mime.strip()!r}: send {JSON}")
        charset = params.strip().casefold().removeprefix("charset=").strip('"') if "charset" in params else "utf-8"
        if charset not in {"utf-8", "utf8"}:
            raise RequestError(415, f"unsupported charset {charset!r}: send UTF-8")
        body = await _read_body(request, self.settings.max_body_bytes)
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

    async def _answer_get(self, request: Request, operation: Operation, media_type: str) -> Response:
        answer = await self._answer(operation, media_type, get=True)
        if answer.status == 200 and _etag_matches(request.headers.get("if-none-match"), answer.etag):
            return Response(status_code=304, headers=self._cache_headers(answer, get=True))
        return self._response(answer, get=True)

    async def _answer(self, operation: Operation, media_type: str, get: bool) -> Answer:
        operation = self._persisted(operation)
        variables = orjson.dumps(operation.variables, option=orjson.OPT_SORT_KEYS) if operation.variables else b""
        key = (media_type, get, operation.query, variables, operation.operation_name)
        cached = self.responses.get(key)
        if cached is not None:
            return cached
        answer = await self._execute(operation, media_type, get)
        # Errors that say nothing about the request itself must not be cached.
        if answer.status < 500 and b'"code":"INTERNAL_SERVER_ERROR"' not in answer.body \
                and b'"code":"TIMEOUT"' not in answer.body:
            weight = len(operation.query or "") + len(variables) + len(answer.body)
            self.responses.put(key, answer, weight)
        return answer

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
        abandoned = threading.Event()
        try:
            with anyio.fail_after(self.settings.timeout_seconds):
                result = await anyio.to_thread.run_sync(
                    self._run, operation, context, allowed, abandoned, abandon_on_cancel=True, limiter=self.limiter
                )
        except TimeoutError:
            abandoned.set()
            timeout = GraphQLError(
                f"the operation took longer than {self.settings.timeout_seconds:g} s; "
                "ask for fewer items or a smaller page",
                extensions={"code": ErrorCode.TIMEOUT.value},
            )
            return _encode({"errors": [timeout.formatted]}, 503 if media_type == GRAPHQL_RESPONSE else 200,
                           media_type)
        return _encode_result(result, media_type)

    def _run(self, operation: Operation, context: Context, allowed: set[OperationType],
             abandoned: threading.Event) -> Any:
        with self.slots:
            if abandoned.is_set():  # timed out while waiting for a slot
                return None
            try:
                return self.schema.execute_sync(
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
                return _request_error(f"the document has no operation named {exc.operation_name!r}"
                                      if exc.operation_name else
                                      "the document has no operation to run: send a query")
            except MissingQueryError:
                return _request_error("the request has no query: pass the GraphQL document as `query`")

    def serve(self, graph: CareerGraph) -> None:
        """Point the endpoint at a (newly loaded) graph; drops cached answers."""
        self.graph = graph
        self.responses.clear()

    def _response(self, answer: Answer, get: bool) -> Response:
        return Response(answer.body, answer.status, media_type=answer.media_type,
                        headers=self._cache_headers(answer, get))

    def _cache_headers(self, answer: Answer, get: bool) -> dict[str, str]:
        headers = {"vary": "Accept"}
        if get and answer.status == 200:
            headers["etag"] = answer.etag
            headers["cache-control"] = "public, max-age=300"
        else:
            headers["cache-control"] = "no-store"
        return headers


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
    body = b"".join(chunks)
    if not body:
        raise RequestError(400, "the POST body is empty: send a JSON object with a `query`")
    return body


def _negotiate(accept: str) -> str:
    """The response media type: graphql-response+json when asked, else JSON."""
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


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "text/html" in accept


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
    body = orjson.dumps(payload)
    etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
    return Answer(status, body, media_type, etag)


def _error_response(error: RequestError, media_type: str) -> Response:
    formatted = {"message": str(error), "extensions": {"code": error.code.value}}
    return Response(orjson.dumps({"errors": [formatted]}), error.status, media_type=media_type,
                    headers={"cache-control": "no-store", **error.headers})
