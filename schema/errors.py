"""Error mapping, in one place: what a client sees for every kind of failure.

- A look-up miss is not an error: resolvers return null.
- A user mistake is a GraphQL error whose ``extensions.code`` says what kind:
  ``NOT_FOUND`` (with ``extensions.suggestions``) for an unknown name,
  ``BAD_USER_INPUT`` for an argument out of range or malformed.
- Syntax and validation errors stay as graphql-core words them, with
  ``GRAPHQL_PARSE_FAILED`` / ``GRAPHQL_VALIDATION_FAILED``.
- Anything unexpected is masked: the client gets a generic message,
  ``INTERNAL_SERVER_ERROR`` and an ``errorId``; the server logs the full
  traceback under the same id.
"""

from __future__ import annotations

import logging
import uuid
from enum import StrEnum

from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.types import ExecutionResult

from graph.errors import EntityNotFound, InvalidArgument

__all__ = ["ErrorCode", "QueryRejected", "map_error", "map_result_errors"]

logger = logging.getLogger("careergraph.errors")


class ErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    BAD_USER_INPUT = "BAD_USER_INPUT"
    GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
    GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
    QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
    TIMEOUT = "TIMEOUT"
    PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
    RATE_LIMITED = "RATE_LIMITED"
    PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


class QueryRejected(GraphQLError):
    """A document refused before execution (limits); carries its own code."""

    def __init__(self, message: str, code: ErrorCode = ErrorCode.QUERY_TOO_COMPLEX, **details: object) -> None:
        super().__init__(message, extensions={"code": code.value, **details})


def map_error(error: GraphQLError) -> GraphQLError:
    """The client-facing form of an error raised anywhere in an operation."""
    if error.extensions and "code" in error.extensions:
        return error
    original = error.original_error
    if original is None:
        return _with_code(error, _pre_execution_code(error))
    if isinstance(original, EntityNotFound):
        return _with_code(error, ErrorCode.NOT_FOUND, suggestions=original.suggestions)
    if isinstance(original, InvalidArgument):
        return _with_code(error, ErrorCode.BAD_USER_INPUT, argument=original.argument)
    if isinstance(original, GraphQLError):
        return map_error(original)
    return _masked(error)


def _pre_execution_code(error: GraphQLError) -> ErrorCode:
    if isinstance(error, GraphQLSyntaxError):
        return ErrorCode.GRAPHQL_PARSE_FAILED
    if not error.nodes:
        # Validation errors point at the document; variable values have no
        # place in it, so an error without nodes is about the variables.
        return ErrorCode.BAD_USER_INPUT
    return ErrorCode.GRAPHQL_VALIDATION_FAILED


def _with_code(error: GraphQLError, code: ErrorCode, **details: object) -> GraphQLError:
    return GraphQLError(
        error.message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=error.original_error,
        extensions={**(error.extensions or {}), "code": code.value, **details},
    )


def _masked(error: GraphQLError) -> GraphQLError:
    error_id = uuid.uuid4().hex[:16]
    logger.error("unexpected error %s at %s", error_id, error.path, exc_info=error.original_error)
    return GraphQLError(
        f"Internal server error (id {error_id}); the server log has the details.",
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={"code": ErrorCode.INTERNAL_SERVER_ERROR.value, "errorId": error_id},
    )


def map_result_errors(result: ExecutionResult) -> ExecutionResult:
    """Apply `map_error` to every error of a result, in place; returns it."""
    if result.errors:
        result.errors = [map_error(error) for error in result.errors]
    return result
