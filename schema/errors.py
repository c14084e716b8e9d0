"""Error mapping, in one place: what a client sees for every kind of failure.

- A look-up miss is not an error: resolvers return null.
- A user mistake is a GraphQL error whose ``extensions.code`` says what kind:
  ``NOT_FOUND`` (with ``extensions.suggestions``) for an unknown name,
  ``BAD_USER_INPUT`` for an argument out of range or malformed.
- Syntax and validation errors stay as graphql-core words them, with
  ``GRAPHQL_PARSE_FAILED`` / ``GRAPHQL_VALIDATION_FAILED``.
- A document over a limit (`schema.limits`) is ``QUERY_TOO_COMPLEX``, saying
  which limit, its value and the measured one; so is a validation graphql-core
  gave up on as too costly.
- Anything unexpected is masked: the client gets a generic message,
  ``INTERNAL_SERVER_ERROR`` and an ``errorId``; the server logs the full
  traceback under the same id. `internal_error` does the same for an
  exception that escapes the HTTP layer.
"""

from __future__ import annotations

import logging
import uuid
from enum import StrEnum
from typing import Any

from graphql import GraphQLError, GraphQLSyntaxError, VariableDefinitionNode, print_ast
from graphql.validation.validate import ValidationAbortedError
from strawberry.types import ExecutionResult

from graph.errors import EntityNotFound, InvalidArgument

__all__ = ["ErrorCode", "QueryRejected", "internal_error", "map_error", "map_result_errors"]

logger = logging.getLogger("careergraph.errors")


class ErrorCode(StrEnum):
    """``extensions.code`` of every error; `BAD_REQUEST` is an HTTP request that is not a GraphQL request."""

    NOT_FOUND = "NOT_FOUND"
    BAD_USER_INPUT = "BAD_USER_INPUT"
    BAD_REQUEST = "BAD_REQUEST"
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

    def __init__(self, message: str, code: ErrorCode = ErrorCode.QUERY_TOO_COMPLEX, nodes: Any = None,
                 **details: object) -> None:
        super().__init__(message, nodes, extensions={"code": code.value, **details})


def map_error(error: GraphQLError) -> GraphQLError:
    """The client-facing form of an error raised anywhere in an operation."""
    if error.extensions and "code" in error.extensions:
        return error
    original = error.original_error
    if isinstance(error, ValidationAbortedError):
        return _aborted(error)
    if original is None:
        return _with_code(error, _pre_execution_code(error))
    if isinstance(original, EntityNotFound):
        return _with_code(error, ErrorCode.NOT_FOUND, suggestions=original.suggestions)
    if isinstance(original, InvalidArgument):
        return _with_code(error, ErrorCode.BAD_USER_INPUT, argument=original.argument)
    if isinstance(original, GraphQLError):
        variable = _variable_definition(error)
        if variable is not None:
            return _variable_error(error, variable)
        return map_error(original)
    return _masked(error)


def _variable_definition(error: GraphQLError) -> VariableDefinitionNode | None:
    """The variable a request error is about (graphql-core wraps the coercion error, pointing at the definition)."""
    if error.path is None and error.nodes and isinstance(error.nodes[0], VariableDefinitionNode):
        return error.nodes[0]
    return None


def _variable_error(error: GraphQLError, variable: VariableDefinitionNode) -> GraphQLError:
    """A variable's coercion error, as graphql-core words it ("Variable '$from' has invalid value: …"), with
    the variable and its type in ``extensions`` (the wrapped error alone would lose both)."""
    return _with_code(error, ErrorCode.BAD_USER_INPUT, variable=variable.variable.name.value,
                      expected=print_ast(variable.type))


def _pre_execution_code(error: GraphQLError) -> ErrorCode:
    if isinstance(error, GraphQLSyntaxError):
        return ErrorCode.GRAPHQL_PARSE_FAILED
    if not error.nodes:
        # Validation errors point at the document; variable values have no
        # place in it, so an error without nodes is about the variables.
        return ErrorCode.BAD_USER_INPUT
    return ErrorCode.GRAPHQL_VALIDATION_FAILED


def _aborted(error: ValidationAbortedError) -> GraphQLError:
    # graphql-core stops after 100 errors, or, with a bare "Validation aborted.",
    # when checking the document would cost too much.
    if error.message != "Validation aborted.":
        return _with_code(error, ErrorCode.GRAPHQL_VALIDATION_FAILED)
    return _with_code(error, ErrorCode.QUERY_TOO_COMPLEX, message="Validation gave up: checking this document "
                      "would cost too much. Make it smaller, with fewer repeated fields and fragments.")


def _with_code(error: GraphQLError, code: ErrorCode, message: str | None = None, **details: object) -> GraphQLError:
    return GraphQLError(
        message or error.message,
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
        _internal_message(error_id),
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={"code": ErrorCode.INTERNAL_SERVER_ERROR.value, "errorId": error_id},
    )


def _internal_message(error_id: str) -> str:
    return f"Internal server error (id {error_id}); the server log has the details."


def internal_error(exc: BaseException, where: str) -> dict[str, Any]:
    """Log an exception that escaped request handling; the formatted error a client may see."""
    error_id = uuid.uuid4().hex[:16]
    logger.error("unexpected error %s in %s", error_id, where, exc_info=exc)
    return {"message": _internal_message(error_id),
            "extensions": {"code": ErrorCode.INTERNAL_SERVER_ERROR.value, "errorId": error_id}}


def map_result_errors(result: ExecutionResult) -> ExecutionResult:
    """Apply `map_error` to every error of a result, in place; returns it."""
    if result.errors:
        result.errors = [map_error(error) for error in result.errors]
    return result
