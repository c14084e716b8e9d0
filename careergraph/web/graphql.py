"""The ``/graphql`` endpoint: GraphQL over HTTP, as the spec words it, composed of one module per job.

Why not strawberry's stock view: it always answers ``application/json``,
returns 200 with ``"data": null`` for request errors, answers a mutation over
GET with a plain-text 400 and cannot short-circuit a repeated query. This
endpoint keeps strawberry for the schema, validation and execution and owns
the HTTP side, a request passing these in turn:

- `careergraph.web.request`: read the body (bounded) and decode GET or POST
  into operations, choose the response type by ``Accept``;
- `careergraph.web.caching`: answer a repeated request from the response
  cache (``ETag`` / ``If-None-Match`` on GET), before anything is parsed;
- `careergraph.web.persisted`: Apollo automatic persisted queries;
- `careergraph.web.runner`: execution under the timeout, in a worker thread
  unless the request is known to be cheap;
- `careergraph.web.response`: encode the outcome (status, body, cacheable).

Every malformed request is a 4xx with a JSON GraphQL error and
``extensions.code``; methods other than GET and POST a JSON 405; a bug a JSON
500 with an ``errorId``, logged with its traceback. `GraphQLLane` sends every
``/graphql`` request here ahead of Starlette's routing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.types.graphql import OperationType

from careergraph.settings import Settings
from careergraph.web.caching import CacheKey, Prepared, ResponseCache
from careergraph.web.middleware import internal_error_response
from careergraph.web.persisted import PersistedQueries
from careergraph.web.request import (
    JSON,
    ClientGone,
    Head,
    Operation,
    RequestError,
    negotiate,
    operation_from_query,
    operations_from_body,
    read_body,
)
from careergraph.web.response import Answer, encode_result, encode_timeout, error_response
from careergraph.web.runner import Runner
from graph import CareerGraph
from schema import CareerGraphSchema
from schema.context import Context
from schema.errors import ErrorCode

__all__ = ["ALLOW", "GraphQLEndpoint", "GraphQLLane"]

#: The methods ``/graphql`` answers (OPTIONS: CORS preflight requests, answered by `Edge`).
ALLOW = "GET, POST, OPTIONS"

QUERIES_ONLY = frozenset({OperationType.QUERY})
ANY_OPERATION = frozenset(OperationType)  # the schema refuses what it lacks


class GraphQLEndpoint:
    """The ``/graphql`` endpoint, an ASGI app: ``Route("/graphql", endpoint)``."""

    def __init__(
        self,
        schema: CareerGraphSchema,
        settings: Settings,
        render_ide: Callable[[Request], Awaitable[Response]],
    ) -> None:
        self.settings = settings
        self.render_ide = render_ide
        self.runner = Runner(schema, settings.timeout_seconds)
        self.responses = ResponseCache(settings.response_cache)
        self.persisted = PersistedQueries()
        self.graph: CareerGraph | None = None
        #: Operations executed (cache hits do not count): a regression guard for the cache.
        self.executions = 0

    @property
    def schema(self) -> CareerGraphSchema:
        return self.runner.schema

    @schema.setter
    def schema(self, schema: CareerGraphSchema) -> None:
        self.runner.schema = schema

    def serve(self, graph: CareerGraph) -> None:
        """Point the endpoint at a (newly loaded) graph; drops cached answers and timings."""
        self.graph = graph
        self.responses.clear()
        self.runner.clear()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        head = Head.of(scope)
        try:
            body = await read_body(head, receive, self.settings.max_body_bytes) \
                if scope["method"] == "POST" else None
            key: CacheKey = (scope["method"], head.accept, head.content_type, scope["query_string"], body)
            cached = self.responses.get(key)
            if cached is not None:
                scope.setdefault("state", {})["operation_name"] = cached.operation_name
                await cached.send(send, head.if_none_match)
                return
            answer = await self.handle(scope, receive, head, body, key)
        except ClientGone:
            scope.setdefault("state", {})["client_gone"] = True
            return
        except RequestError as error:  # refused while reading the body
            answer = error_response(error, _media_type(head))
        except Exception as exc:  # a bug: answer like the rest of the API, never with a traceback
            answer = await internal_error_response(Request(scope, receive), exc)
        if isinstance(answer, Prepared):
            await answer.send(send, head.if_none_match)
        else:
            await answer(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, head: Head, body: bytes | None,
                     key: CacheKey) -> Response | Prepared:
        """Answer a request the cache could not (and cache the answer under ``key``)."""
        method = scope["method"]
        media_type = JSON
        try:
            if method not in {"GET", "POST"}:
                raise RequestError(405, f"{method} is not a GraphQL-over-HTTP method: use GET or POST",
                                   headers={"allow": ALLOW})
            if method == "GET" and "text/html" in head.accept_text \
                    and "query" not in QueryParams(scope["query_string"]):
                return await self.render_ide(Request(scope, receive))
            media_type = negotiate(head.accept_text)
            if method == "GET":
                operation = operation_from_query(scope["query_string"], self.settings.max_body_bytes)
                return await self._single(scope, operation, media_type, key, b"G" + scope["query_string"])
            operations = operations_from_body(head, body or b"", self.settings.max_batch)
            if isinstance(operations, list):
                answers = [await self._answer(o, media_type, False, None) for o in operations]
                batch = b"[" + b",".join(a.body for a in answers) + b"]"
                return Response(batch, 200, media_type=media_type, headers={"cache-control": "no-store"})
            return await self._single(scope, operations, media_type, key, b"P" + (body or b""))
        except RequestError as error:
            return error_response(error, media_type)

    async def _single(self, scope: Scope, operation: Operation, media_type: str, key: CacheKey,
                      raw: bytes) -> Prepared:
        """One operation's answer, prepared (and cached when it may be)."""
        scope.setdefault("state", {})["operation_name"] = operation.operation_name
        get = scope["method"] == "GET"
        served = self.graph
        answer = await self._answer(operation, media_type, get, raw)
        prepared = Prepared.of(answer, get, operation.operation_name)
        if self.graph is served:  # a reload swapped the graph meanwhile: this answer is the old graph's
            self.responses.put(key, prepared, answer)
        return prepared

    async def _answer(self, operation: Operation, media_type: str, get: bool, raw: bytes | None) -> Answer:
        operation = self.persisted.resolve(operation)
        if not operation.query or not operation.query.strip():
            raise RequestError(400, "the request has no query: pass the GraphQL document as `query`")
        if self.graph is None:
            raise RequestError(503, "the graph is not loaded yet", ErrorCode.INTERNAL_SERVER_ERROR)
        self.executions += 1
        outcome = await self.runner.run(operation, Context(graph=self.graph), QUERIES_ONLY if get else ANY_OPERATION,
                                        raw)
        if outcome.result is None:
            return encode_timeout(self.settings.timeout_seconds, media_type)
        return encode_result(outcome.result, media_type)


def _media_type(head: Head) -> str:
    try:
        return negotiate(head.accept_text)
    except RequestError:
        return JSON


class GraphQLLane:
    """ASGI middleware: every request to ``/graphql`` goes straight to the endpoint.

    Starlette's routing and exception middleware cost about a fifth of a
    cached answer (about 10 of 50 µs) and would only find the endpoint that
    this finds by path (docs/performance.md). Mount it inside `Edge` and the
    rate limit, so every answer still gets its request id, CORS headers,
    access-log line and rate limit (CORS preflight requests are answered by
    `Edge`; any other method gets the endpoint's JSON 405).
    """

    def __init__(self, app: ASGIApp, endpoint: GraphQLEndpoint, path: str = "/graphql") -> None:
        self.app = app
        self.endpoint = endpoint
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == self.path:
            await self.endpoint(scope, receive, send)
        else:
            await self.app(scope, receive, send)

