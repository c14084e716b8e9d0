"""What the fast path works out from a document alone, and each request's variables on a short path.

graphql-core finds the operation and the fragments and works out each
variable's type on every request (a sixth of a small query). A `Shape` keeps
them per document and operation name. Its `variables` passes a request's
values through when graphql-core would pass them unchanged (a string for
``String`` or ``ID``, an int for ``Int``, a bool for ``Boolean``, null or
nothing for a nullable variable without a default) and hands anything else to
graphql-core's own `get_variable_values`, which converts it; when that finds
an error the fast path declines and strawberry reports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    GraphQLBoolean,
    GraphQLError,
    GraphQLID,
    GraphQLInt,
    GraphQLNamedType,
    GraphQLSchema,
    GraphQLString,
    OperationDefinitionNode,
    Undefined,
    VariableValues,
    get_variable_values,
    is_non_null_type,
)
from graphql.execution.get_variable_signature import GraphQLVariableSignature, get_variable_signature
from graphql.execution.values import VariableValueSource

__all__ = ["Shape"]

#: Scalars whose coercion of a value of this exact Python type returns the value itself.
_AS_GIVEN: dict[GraphQLNamedType, type] = {GraphQLString: str, GraphQLID: str, GraphQLInt: int, GraphQLBoolean: bool}
_INT_RANGE = range(-(2**31), 2**31)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Variable:
    signature: GraphQLVariableSignature
    as_given: type | None  # the Python type graphql-core takes as it is, if any
    omissible: bool  # nullable, without a default: null or nothing needs no coercion


@dataclass(frozen=True, slots=True, kw_only=True)
class Shape:
    """One operation of a document: its definition, the document's fragments, its variables."""

    schema: GraphQLSchema
    operation: OperationDefinitionNode
    fragments: dict[str, FragmentDefinitionNode]
    signatures: tuple[_Variable, ...]

    @classmethod
    def of(cls, schema: GraphQLSchema, document: DocumentNode, operation_name: str | None) -> Shape | None:
        """The shape, or None where the fast path declines (no single such operation, fragment variables).

        >>> from graphql import build_schema, parse
        >>> schema = build_schema("type Query { hello(name: String): String }")
        >>> shape = Shape.of(schema, parse("query Q($n: String) { hello(name: $n) }"), "Q")
        >>> shape.variables({"n": "Ada"}).coerced
        {'n': 'Ada'}
        >>> Shape.of(schema, parse("query A { hello } query B { hello }"), None) is None
        True
        """
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        if operation_name is None:
            operation = operations[0] if len(operations) == 1 else None
        else:  # the last of that name, as graphql-core finds it
            operation = next((o for o in reversed(operations) if o.name and o.name.value == operation_name), None)
        if operation is None or any(f.variable_definitions for f in fragments.values()):
            return None
        variables = []
        for definition in operation.variable_definitions or ():
            signature = get_variable_signature(schema, definition)
            if isinstance(signature, GraphQLError):
                return None
            non_null = is_non_null_type(signature.type)
            named = cast(Any, signature.type).of_type if non_null else signature.type
            variables.append(_Variable(signature=signature, as_given=_AS_GIVEN.get(cast(GraphQLNamedType, named)),
                                       omissible=not non_null and not definition.default_value))
        return cls(schema=schema, operation=operation, fragments=fragments, signatures=tuple(variables))

    def variables(self, raw: dict[str, Any]) -> VariableValues | None:
        """graphql-core's coerced variables for ``raw``, or None when graphql-core reports an error."""
        given = self.variables_as_given(raw)
        return given if given is not None else self._coerced(raw)

    def variables_as_given(self, raw: dict[str, Any]) -> VariableValues | None:
        """The coerced variables when graphql-core would take every value as it is; else None."""
        sources: dict[str, VariableValueSource] = {}
        coerced: dict[str, Any] = {}
        for variable in self.signatures:
            signature = variable.signature
            name = signature.name
            value = raw.get(name, Undefined)
            if value is Undefined or value is None:
                if not variable.omissible:  # a default to apply, or a non-null variable's error to report
                    return None
                sources[name] = VariableValueSource(signature) if value is Undefined \
                    else VariableValueSource(signature, None)
                if value is None:
                    coerced[name] = None
                continue
            as_given = variable.as_given
            if as_given is None or type(value) is not as_given or (as_given is int and value not in _INT_RANGE):
                return None
            sources[name] = VariableValueSource(signature, value)
            coerced[name] = value
        return VariableValues(sources, coerced)

    def _coerced(self, raw: dict[str, Any]) -> VariableValues | None:
        values = get_variable_values(self.schema, self.operation.variable_definitions or (), raw, max_errors=50)
        return values if isinstance(values, VariableValues) else None
