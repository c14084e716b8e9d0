"""Request decoding: a GraphQL-over-HTTP request (GET or POST) into `Operation`s, or a `RequestError`.

- GET: ``query``, ``variables``, ``operationName`` and ``extensions`` in the
  query string (JSON for the two objects); longer than the body limit → 414.
- POST: a JSON body (``application/json``, UTF-8): one operation, or a list of
  them when batching is on.
- The body is read whole before anything else, within ``max_body_bytes``.
  A body over the limit is read and discarded (up to `DRAIN_BYTES`, for at
  most `DRAIN_SECONDS`) before the 413, which closes the connection: a client
  that is still sending can then read the refusal instead of a reset. A
  client that goes away mid-body (or sends less than its ``Content-Length``)
  raises `ClientGone`: nothing runs and nothing is answered.
- ``Accept`` chooses the response type (`negotiate`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import anyio
import orjson
from starlette.datastructures import QueryParams
from starlette.types import Receive, Scope

from schema.errors import ErrorCode

__all__ = [
    "DRAIN_BYTES",
    "DRAIN_SECONDS",
    "GRAPHQL_RESPONSE",
    "JSON",
    "ClientGone",
    "Head",
    "Operation",
    "RequestError",
    "negotiate",
    "operation_from_query",
    "operations_from_body",
    "read_body",
]

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"

#: How much of a too-large body is read (and thrown away) so the client can read the 413, and for how long.
DRAIN_BYTES = 16 * 2**20
DRAIN_SECONDS = 5.0


class RequestError(Exception):
    """A request that is not a well-formed GraphQL-over-HTTP request: its status, code and extra headers."""

    def __init__(self, status: int, message: str, code: ErrorCode = ErrorCode.BAD_REQUEST,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.headers = headers or {}


class ClientGone(Exception):
    """The client disconnected before its request was complete: there is no one to answer."""


@dataclass(frozen=True, slots=True)
class Operation:
    """One GraphQL request: the four parameters of the spec."""

    query: str | None
    variables: dict[str, Any] | None
    operation_name: str | None
    extensions: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class Head:
    """The request headers the endpoint reads, raw, first occurrence of each (as Starlette's `Headers.get`)."""

    accept: bytes | None
    content_type: bytes | None
    if_none_match: bytes | None
    content_length: bytes | None

    @classmethod
    def of(cls, scope: Scope) -> Head:
        found: dict[bytes, bytes] = {}
        for name, value in scope["headers"]:
            if name in _READ and name not in found:
                found[name] = value
        return cls(found.get(b"accept"), found.get(b"content-type"), found.get(b"if-none-match"),
                   found.get(b"content-length"))

    @property
    def accept_text(self) -> str:
        return self.accept.decode("latin-1") if self.accept is not None else ""


_READ = frozenset({b"accept", b"content-type", b"if-none-match", b"content-length"})


async def read_body(head: Head, receive: Receive, limit: int) -> bytes:
    """The whole body, at most ``limit`` bytes: `RequestError` 413 above it, `ClientGone` if the client left."""
    declared = int(head.content_length) if head.content_length is not None and head.content_length.isdigit() \
        else None
    if declared is not None and declared > limit:
        if declared <= DRAIN_BYTES:  # more than that: the connection closes after the answer
            await _drain(receive)
        raise _too_large(limit)
    chunks = []
    size = 0
    more = True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            raise ClientGone
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            await _drain(receive)
            raise _too_large(limit)
        chunks.append(chunk)
        more = message.get("more_body", False)
    if declared is not None and size != declared:
        raise ClientGone  # a body cut short is never run as if complete
    return b"".join(chunks)


def _too_large(limit: int) -> RequestError:
    return RequestError(413, f"the body is larger than {limit} bytes (max_body_bytes): send a smaller request",
                        ErrorCode.PAYLOAD_TOO_LARGE, headers={"connection": "close"})


async def _drain(receive: Receive) -> None:
    """Read and discard the rest of a body (within `DRAIN_BYTES` and `DRAIN_SECONDS`)."""
    size = 0
    with anyio.move_on_after(DRAIN_SECONDS):
        while size <= DRAIN_BYTES:
            message = await receive()
            if message["type"] != "http.request":
                return
            size += len(message.get("body", b""))
            if not message.get("more_body", False):
                return


def operation_from_query(query_string: bytes, limit: int) -> Operation:
    """The operation of a GET, from its query string."""
    if len(query_string) > limit:
        raise RequestError(414, f"the query string is longer than {limit} bytes: send the document by POST",
                           ErrorCode.PAYLOAD_TOO_LARGE)
    params = QueryParams(query_string)
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


def operations_from_body(head: Head, body: bytes, max_batch: int) -> Operation | list[Operation]:
    """The operation (or, batching on, the operations) of a POST body."""
    content_type = head.content_type.decode("latin-1") if head.content_type is not None else None
    if not content_type:
        raise RequestError(400, f"a POST needs a Content-Type header: send {JSON}")
    mime, _, params = content_type.partition(";")
    if mime.strip().casefold() != JSON:
        raise RequestError(415, f"unsupported Content-Type {mime.strip()!r}: send {JSON}")
    charset = params.strip().casefold().removeprefix("charset=").strip('"') if "charset" in params else "utf-8"
    if charset not in {"utf-8", "utf8"}:
        raise RequestError(415, f"unsupported charset {charset!r}: send UTF-8")
    if not body:
        raise RequestError(400, "the POST body is empty: send a JSON object with a `query`")
    try:
        payload = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise RequestError(400, f"the body is not valid JSON (UTF-8): {exc}") from None
    if isinstance(payload, list):
        if max_batch <= 0:
            raise RequestError(400, "batched requests are not supported: send one operation per request")
        if not payload or len(payload) > max_batch:
            raise RequestError(400, f"a batch holds 1 to {max_batch} operations, got {len(payload)}")
        return [_operation_from_json(item) for item in payload]
    return _operation_from_json(payload)


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


@functools.lru_cache(maxsize=256)  # a few Accept values are sent by nearly every client
def negotiate(accept: str) -> str:
    """The response media type: graphql-response+json when asked for, else JSON; `RequestError` 406 for neither."""
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
