"""Response encoding: an execution's outcome as GraphQL-over-HTTP status, body and media type.

- ``application/graphql-response+json``: a request error (nothing ran: no
  ``data``) is a 4xx, a timeout a 503; ``application/json``: 200 for both.
- Whether an answer may be cached is decided here, from the result object:
  never a timeout, never an error with code ``INTERNAL_SERVER_ERROR`` or
  ``TIMEOUT`` (they say nothing about the request; a retry may succeed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson
from graphql import GraphQLError
from starlette.responses import Response
from strawberry.types import ExecutionResult

from careergraph.web.request import GRAPHQL_RESPONSE, JSON, RequestError
from schema.errors import ErrorCode

__all__ = ["UNCACHEABLE", "Answer", "encode_result", "encode_timeout", "error_response"]

#: Error codes that make an answer uncacheable.
UNCACHEABLE = frozenset({ErrorCode.INTERNAL_SERVER_ERROR.value, ErrorCode.TIMEOUT.value})


@dataclass(frozen=True, slots=True)
class Answer:
    """An encoded GraphQL response, and whether it may be cached (by us, browsers and proxies)."""

    status: int
    body: bytes
    media_type: str
    cacheable: bool


def encode_result(result: ExecutionResult, media_type: str) -> Answer:
    """The answer to an operation that ran (or was refused before running: no ``data`` then)."""
    errors = [error.formatted for error in result.errors or ()]
    executed = result.data is not None or any("path" in error for error in errors) or not errors
    payload: dict[str, Any] = {}
    if executed:
        payload["data"] = result.data
    if errors:
        payload["errors"] = errors
    status = 200 if executed or media_type == JSON else 400
    cacheable = not any((error.get("extensions") or {}).get("code") in UNCACHEABLE for error in errors)
    return Answer(status, orjson.dumps(payload), media_type, cacheable)


def encode_timeout(seconds: float, media_type: str) -> Answer:
    """The answer to an operation that ran out of time: 503 (200 for plain JSON), never cached."""
    timeout = GraphQLError(f"the operation took longer than {seconds:g} s; ask for fewer items or a smaller page",
                           extensions={"code": ErrorCode.TIMEOUT.value})
    status = 503 if media_type == GRAPHQL_RESPONSE else 200
    return Answer(status, orjson.dumps({"errors": [timeout.formatted]}), media_type, cacheable=False)


def error_response(error: RequestError, media_type: str) -> Response:
    """A request refused before anything ran: its status, a JSON GraphQL error with a code, never cached."""
    formatted = {"message": str(error), "extensions": {"code": error.code.value}}
    return Response(orjson.dumps({"errors": [formatted]}), error.status, media_type=media_type,
                    headers={"cache-control": "no-store", **error.headers})
