"""The GraphQL schema over the career graph (strawberry). It only reads the graph.

`create_schema()` builds the schema with its limits (`schema.limits`) and
extensions; `schema` is the default instance, and `print_sdl()` its SDL as
committed in ``schema.graphql``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import strawberry
from graphql import DocumentNode, GraphQLError, OperationDefinitionNode
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from schema import types as _types  # noqa: F401  (registers the entity types)
from schema.context import Context, Info
from schema.errors import ErrorCode, map_result_errors
from schema.execution import execute_fast, prepare_fast
from schema.limits import DocumentChecker, Limits, checked_documents
from schema.query import Query
from schema.types.entity import Entity, Node
from schema.types.level import Level
from schema.types.responsibility import Responsibility
from schema.types.role import Role
from schema.types.skill import Skill
from schema.types.specialization import Specialization
from schema.types.team import Team

__all__ = ["FAST_PATH_VARIABLE", "CareerGraphSchema", "Context", "Info", "Limits", "create_schema", "print_sdl",
           "schema"]

ENTITY_TYPES = [Role, Level, Specialization, Responsibility, Team, Skill]

#: The environment variable that turns the fast path off ("0"); the `fast_path` setting of careergraph.settings.
FAST_PATH_VARIABLE = "CAREERGRAPH_FAST_PATH"


class CareerGraphSchema(strawberry.Schema):
    """A strawberry schema whose results carry careergraph's error codes, with a fast path.

    ``execute_sync`` and ``execute`` first offer the request to the fast path
    (`schema.execution.execute_fast`), which answers what it covers exactly as
    strawberry would; strawberry's own pipeline runs everything else. The fast
    path is off when ``fast_path`` is false or the schema has extensions beyond
    the document checker (their hooks must run).

    Every result passes `map_result_errors` (user mistakes get a code,
    unexpected errors are masked and logged once with their id). Stock
    strawberry would also log every error with a traceback, user mistakes
    included; `process_errors` is silenced for that reason.
    """

    def __init__(self, *args: Any, documents: DocumentChecker, fast_path: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.documents = documents
        self.fast_path = fast_path

    async def execute(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        early = self._answered_early(query, variable_values, context_value, root_value, operation_name,
                                     allowed_operation_types, operation_extensions)
        if early is not None:
            return early
        result = await super().execute(query, variable_values, context_value, root_value, operation_name,
                                       allowed_operation_types, operation_extensions)
        self._after_slow_path(query, operation_name)
        return map_result_errors(result)

    def _answered_early(self, query: str | None, variable_values: dict[str, Any] | None, context_value: Any | None,
                        root_value: Any | None, operation_name: str | None,
                        allowed_operation_types: Iterable[OperationType] | None,
                        operation_extensions: dict[str, Any] | None) -> ExecutionResult | None:
        """The fast path's answer, or the refusal of an unnamed pick among several operations; else None."""
        fast = self._fast(query, variable_values, context_value, root_value, operation_name,
                          allowed_operation_types, operation_extensions)
        return fast if fast is not None else self._unnamed_among_several(query, operation_name)

    def execute_sync(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        early = self._answered_early(query, variable_values, context_value, root_value, operation_name,
                                     allowed_operation_types, operation_extensions)
        if early is not None:
            return early
        result = super().execute_sync(query, variable_values, context_value, root_value, operation_name,
                                      allowed_operation_types, operation_extensions)
        self._after_slow_path(query, operation_name)
        return map_result_errors(result)

    def _after_slow_path(self, query: str | None, operation_name: str | None) -> None:
        """Plan a document's operation once strawberry has checked it, so its first run pays for that."""
        if self.fast_path:
            prepare_fast(self, query, operation_name)

    def _fast(
        self,
        query: str | None,
        variables: dict[str, Any] | None,
        context: Any,
        root_value: Any,
        operation_name: str | None,
        allowed: Iterable[OperationType] | None,
        operation_extensions: dict[str, Any] | None,
    ) -> ExecutionResult | None:
        if not self.fast_path or operation_extensions or (allowed is not None and OperationType.QUERY not in allowed):
            return None
        return execute_fast(self, query, variables, operation_name, context, root_value)

    def _unnamed_among_several(self, query: str | None, operation_name: str | None) -> ExecutionResult | None:
        """The spec's request error for a document of several operations and no operation name, else None.

        Strawberry would run the first operation; a client that sent several
        and named none has made a mistake worth telling (GraphQL spec, GetOperation).
        """
        if operation_name is not None or not query:
            return None
        checked = self.documents.cache.get(query)
        try:
            document: DocumentNode = checked.document if checked is not None else self.documents.parse(query)
        except GraphQLError:
            return None  # the pipeline reports it
        names = [d.name.value if d.name else "(unnamed)" for d in document.definitions
                 if isinstance(d, OperationDefinitionNode)]
        if len(names) < 2:
            return None
        error = GraphQLError(f"The document has {len(names)} operations ({', '.join(names)}): name the one to run "
                             "in operationName.", extensions={"code": ErrorCode.BAD_REQUEST.value})
        return ExecutionResult(data=None, errors=[error])

    def process_errors(self, errors: Any, execution_context: Any = None) -> None:
        return None


def create_schema(
    limits: Limits | None = None,
    extensions: Sequence[type[SchemaExtension] | Callable[[], SchemaExtension]] = (),
    *,
    fast_path: bool | None = None,
) -> CareerGraphSchema:
    """The schema, refusing documents over ``limits`` before they run.

    `checked_documents` replaces strawberry's ParserCache and ValidationCache:
    it parses with the token limit, checks the limits before graphql-core's
    rules, and caches the outcome by document text (see `schema.limits`).
    ``fast_path`` None follows `FAST_PATH_VARIABLE` (on unless it is "0").
    """
    documents = DocumentChecker(limits or Limits())
    return CareerGraphSchema(
        query=Query,
        types=[Node, Entity, *ENTITY_TYPES],
        extensions=[checked_documents(documents), *extensions],
        documents=documents,
        fast_path=not extensions and (fast_path if fast_path is not None else fast_path_default()),
    )


def fast_path_default(environ: Any = None) -> bool:
    """Whether `FAST_PATH_VARIABLE` leaves the fast path on (anything but 0, false, no, off).

    Read here as well as by `careergraph.settings` (which passes it to
    `create_schema` explicitly), because ``schema`` sits below ``careergraph``
    and the module-level `schema` is built at import time: with the variable
    set to 0, every schema of a test run follows it.
    """
    value = (os.environ if environ is None else environ).get(FAST_PATH_VARIABLE, "1")
    return value.strip().casefold() not in {"0", "false", "no", "off"}


schema = create_schema()


def print_sdl() -> str:
    """The schema's SDL, as committed in ``schema.graphql``."""
    return schema.as_str() + "\n"
