"""The GraphQL schema over the career graph (strawberry). It only reads the graph.

`create_schema()` builds the schema with its limits (`schema.limits`) and
extensions; `schema` is the default instance, and `print_sdl()` its SDL as
committed in ``schema.graphql``.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Awaitable, Callable, Iterable, Sequence
from inspect import isawaitable
from typing import Any, TypeGuard, cast

import strawberry
from graphql import DocumentNode, GraphQLError, OperationDefinitionNode, execute, specified_rules
from strawberry.exceptions import MissingQueryError
from strawberry.execution import optimized_is_awaitable
from strawberry.extensions import SchemaExtension
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.schema.schema import DEFAULT_ALLOWED_OPERATION_TYPES
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from strawberry.utils.operation import get_operation_type

from schema import types as _types  # noqa: F401  (registers the entity types)
from schema.context import Context, Info
from schema.errors import ErrorCode, map_result_errors
from schema.execution import PlannedExecutor
from schema.limits import DocumentChecker, Limits, checked_documents
from schema.query import Query
from schema.types.entity import Entity, Node
from schema.types.level import Level
from schema.types.responsibility import Responsibility
from schema.types.role import Role
from schema.types.skill import Skill
from schema.types.specialization import Specialization
from schema.types.team import Team

__all__ = ["Context", "Info", "CareerGraphSchema", "Limits", "create_schema", "print_sdl", "schema"]

ENTITY_TYPES = [Role, Level, Specialization, Responsibility, Team, Skill]


class CareerGraphSchema(strawberry.Schema):
    """A strawberry schema whose results carry careergraph's error codes, with a lean pipeline.

    Every result passes `map_result_errors` (user mistakes get a code,
    unexpected errors are masked and logged once with their id). Stock
    strawberry would also log every error with a traceback, user mistakes
    included; `process_errors` is silenced for that reason.

    `execute_sync` takes the same steps as strawberry's: parse (through the
    document checker's cache), find the operation and check its type, validate,
    execute with `PlannedExecutor`. When the document checker is the schema's
    only extension it takes them itself, without strawberry's extension runner,
    which costs about a third of a small query (docs/performance.md); with any
    other extension it leaves them to strawberry, so the extension's hooks run.
    """

    def __init__(self, *args: Any, documents: DocumentChecker, lean: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.documents = documents
        self.lean = lean

    async def execute(  # noqa: PLR0913
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> ExecutionResult:
        unnamed = self._unnamed_among_several(query, operation_name)
        return map_result_errors(unnamed or await super().execute(
            query, variable_values, context_value, root_value, operation_name, *args, **kwargs))

    def execute_sync(  # noqa: PLR0913
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        if self.lean:
            result = self._execute_checked(query, variable_values, context_value, root_value, operation_name,
                                           allowed_operation_types, operation_extensions)
        else:
            result = self._unnamed_among_several(query, operation_name) or super().execute_sync(
                query, variable_values, context_value, root_value, operation_name, allowed_operation_types,
                operation_extensions)
        return map_result_errors(result)

    def _unnamed_among_several(self, query: str | None, operation_name: str | None,
                               document: DocumentNode | None = None) -> ExecutionResult | None:
        """The spec's request error for a document of several operations and no operation name, else None.

        Strawberry would run the first operation; a client that sent several
        and named none has made a mistake worth telling (GraphQL spec, GetOperation).
        """
        if operation_name is not None or not query:
            return None
        if document is None:
            checked = self.documents.cache.get(query)
            try:
                document = checked.document if checked is not None else self.documents.parse(query)
            except GraphQLError:
                return None  # the pipeline reports it
        names = [d.name.value if d.name else "(unnamed)" for d in document.definitions
                 if isinstance(d, OperationDefinitionNode)]
        if len(names) < 2:
            return None
        error = GraphQLError(f"The document has {len(names)} operations ({', '.join(names)}): name the one to run "
                             "in operationName.", extensions={"code": ErrorCode.BAD_REQUEST.value})
        return ExecutionResult(data=None, errors=[error])

    def _execute_checked(  # noqa: PLR0913
        self,
        query: str | None,
        variables: dict[str, Any] | None,
        context: Any,
        root_value: Any,
        operation_name: str | None,
        allowed: Iterable[OperationType] | None,
        operation_extensions: dict[str, Any] | None,
    ) -> ExecutionResult:
        """strawberry's `execute_sync` for this schema, step for step, without the extension runner."""
        if not query:
            raise MissingQueryError
        try:
            checked = self.documents.cache.get(query)
            document = checked.document if checked is not None else self.documents.parse(query)
        except GraphQLError as error:
            return ExecutionResult(data=None, errors=[error])
        unnamed = self._unnamed_among_several(query, operation_name, document)
        if unnamed is not None:
            return unnamed
        try:
            operation_type = get_operation_type(document, operation_name)
        except RuntimeError as error:
            raise CannotGetOperationTypeError(operation_name) from error
        if operation_type not in (DEFAULT_ALLOWED_OPERATION_TYPES if allowed is None else allowed):
            raise InvalidOperationTypeError(operation_type)
        try:
            if checked is None:
                checked = self.documents.validate(self._schema, query, document, specified_rules)
            errors = self.documents.pre_execution_errors(checked, variables)
            if errors:
                return ExecutionResult(data=None, errors=errors)
            result = execute(self._schema, document, root_value=root_value, context_value=context,
                             variable_values=variables, operation_name=operation_name,
                             executor_class=self.execution_context_class, is_awaitable=_is_awaitable,
                             is_async_iterable=_never, operation_extensions=operation_extensions)
            if isawaitable(result):
                raise RuntimeError("GraphQL execution failed to complete synchronously.")
        except Exception as error:  # noqa: BLE001 - as strawberry: an error result, logged by map_result_errors
            return ExecutionResult(data=None, errors=[error if isinstance(error, GraphQLError)
                                                      else GraphQLError(str(error), original_error=error)])
        return ExecutionResult(data=result.data, errors=result.errors)

    def process_errors(self, errors: Any, execution_context: Any = None) -> None:
        return None


_is_awaitable = cast(Callable[[Any], TypeGuard[Awaitable]], optimized_is_awaitable)


def _never(value: Any) -> TypeGuard[AsyncIterable]:
    """No value is an async iterable: this schema has no subscriptions."""
    return False


def create_schema(
    limits: Limits | None = None,
    extensions: Sequence[type[SchemaExtension] | Callable[[], SchemaExtension]] = (),
) -> CareerGraphSchema:
    """The schema, refusing documents over ``limits`` before they run.

    `checked_documents` replaces strawberry's ParserCache and ValidationCache:
    it parses with the token limit, checks the limits before graphql-core's
    rules, and caches the outcome by document text (see `schema.limits`).
    """
    documents = DocumentChecker(limits or Limits())
    return CareerGraphSchema(
        query=Query,
        types=[Node, Entity, *ENTITY_TYPES],
        extensions=[checked_documents(documents), *extensions],
        execution_context_class=PlannedExecutor,
        documents=documents,
        lean=not extensions,
    )


schema = create_schema()


def print_sdl() -> str:
    """The schema's SDL, as committed in ``schema.graphql``."""
    return schema.as_str() + "\n"
