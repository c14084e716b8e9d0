"""The GraphQL schema over the career graph (strawberry). It only reads the graph.

`create_schema()` builds the schema with its limits (`schema.limits`) and
extensions; `schema` is the default instance, and `print_sdl()` its SDL as
committed in ``schema.graphql``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult

from schema import types as _types  # noqa: F401  (registers the entity types)
from schema.context import Context, Info
from schema.errors import map_result_errors
from schema.limits import Limits, checked_documents
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
    """A strawberry schema whose results carry careergraph's error codes.

    Every result passes `map_result_errors` (user mistakes get a code,
    unexpected errors are masked and logged once with their id). Stock
    strawberry would also log every error with a traceback, user mistakes
    included; `process_errors` is silenced for that reason.
    """

    async def execute(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        return map_result_errors(await super().execute(*args, **kwargs))

    def execute_sync(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        return map_result_errors(super().execute_sync(*args, **kwargs))

    def process_errors(self, errors: Any, execution_context: Any = None) -> None:
        return None


def create_schema(
    limits: Limits | None = None,
    extensions: Sequence[type[SchemaExtension] | Callable[[], SchemaExtension]] = (),
) -> CareerGraphSchema:
    """The schema, refusing documents over ``limits`` before they run.

    `checked_documents` replaces strawberry's ParserCache and ValidationCache:
    it parses with the token limit, checks the limits before graphql-core's
    rules, and caches the outcome by document text (see `schema.limits`).
    """
    return CareerGraphSchema(
        query=Query,
        types=[Node, Entity, *ENTITY_TYPES],
        extensions=[checked_documents(limits or Limits()), *extensions],
    )


schema = create_schema()


def print_sdl() -> str:
    """The schema's SDL, as committed in ``schema.graphql``."""
    return schema.as_str() + "\n"
