"""A planned executor: graphql-core's results, without its per-field bookkeeping.

graphql-core runs every field through the same general machinery, whatever
the field: a `GraphQLResolveInfo`, a response `Path`, argument coercion,
awaitable checks, error location and null propagation. On the bundled seed
that is 8-10 µs per field, nearly all of a request's time (a careerPath
answer has about 50 fields, a two-level list several hundred).

`PlannedExecutor`, the schema's executor class, builds a *plan* of an
operation once and caches it with the (cached) document: for every selection
set and object type, the response keys in order and, per field, how to
resolve it (an attribute read for strawberry's plain fields, strawberry's own
resolver otherwise, with a real `GraphQLResolveInfo` only when the resolver
asks for one) and how to complete the value (a leaf serializer, a list, the
plan of an object type). A request then only walks the plan.

Before any of that, graphql-core's `Executor.build` finds the operation and
coerces the variables, working out each variable's type from the document
every time. `PlannedExecutor.build` keeps that per document (`_Shape`) and
passes variables through when graphql-core would pass them unchanged (a
string for ``String``, an int for ``Int``, ...); any other value goes to
graphql-core, which converts it or reports the error.

The plan never reports an error itself. Anything it does not cover makes it
step aside, and graphql-core executes the whole operation as it always does:
a document with directives, introspection or fragment variables; a resolver
that raises, returns an awaitable or an exception; a null in a non-null
position; a value that does not serialize. Errors, their paths and partial
data are therefore always graphql-core's own, and resolvers, which only read
the immutable graph, may safely run twice. `tests/schema/test_execution.py`
checks that both executors give the same results.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import AsyncIterable, Awaitable, Callable
from enum import Enum
from operator import attrgetter
from typing import Any, Generic, TypeGuard, TypeVar, cast

from graphql import (
    DirectiveNode,
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLAbstractType,
    GraphQLBoolean,
    GraphQLError,
    GraphQLField,
    GraphQLFieldResolver,
    GraphQLID,
    GraphQLInt,
    GraphQLLeafType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    GraphQLString,
    GraphQLTypeResolver,
    Node,
    OperationDefinitionNode,
    OperationType,
    Undefined,
    VariableNode,
    is_abstract_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
)
from graphql.execution import Executor, Middleware, default_field_resolver
from graphql.execution.collect_fields import FieldDetails, collect_fields, collect_subfields
from graphql.execution.execute import default_type_resolver
from graphql.execution.executor import ExecutionHooks, FragmentDetails
from graphql.execution.get_variable_signature import GraphQLVariableSignature, get_variable_signature
from graphql.execution.values import VariableValues, VariableValueSource, get_argument_values
from graphql.pyutils import AbortSignal, Path, is_iterable
from graphql.type import assert_valid_schema
from strawberry.relay.types import GlobalID
from strawberry.scalars import is_scalar
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.base import StrawberryList, StrawberryMaybe, StrawberryOptional
from strawberry.types.cast import TYPE_CAST_ATTRIBUTE, get_strawberry_type_cast
from strawberry.types.enum import StrawberryEnumDefinition, has_enum_definition
from strawberry.types.field import StrawberryField

__all__ = ["PLAN_ENTRIES", "PlannedExecutor"]

T = TypeVar("T")

#: Operations whose plans are kept (the parsed-document cache keeps as many documents).
PLAN_ENTRIES = 1024

#: A response path while planned execution runs: ``(parent, key, typename)`` tuples,
#: turned into graphql-core `Path` objects only for a resolver that asks for its info.
LazyPath = tuple | None
#: Completes a resolved value into its JSON-ready form.
Complete = Callable[[Executor, Any, LazyPath], Any]
#: Resolves and completes one field of a source object.
Field = Callable[[Executor, Any, LazyPath], Any]


class Unplanned(Exception):
    """The plan cannot give this result: graphql-core executes the operation instead."""


class PlannedExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's graphql-core `Executor`, running a cached plan when the operation has one."""

    @classmethod
    def build(  # noqa: PLR0913
        cls,
        schema: GraphQLSchema,
        document: DocumentNode,
        root_value: Any = None,
        context_value: Any = None,
        raw_variable_values: dict[str, Any] | None = None,
        operation_name: str | None = None,
        field_resolver: GraphQLFieldResolver | None = None,
        type_resolver: GraphQLTypeResolver | None = None,
        subscribe_field_resolver: GraphQLFieldResolver | None = None,
        max_coercion_errors: int = 50,
        enable_early_execution: bool = False,
        middleware: Middleware | None = None,
        is_awaitable: Callable[[Any], TypeGuard[Awaitable]] | None = None,
        is_async_iterable: Callable[[Any], TypeGuard[AsyncIterable]] | None = None,
        hide_suggestions: bool = False,
        abort_signal: AbortSignal | None = None,
        hooks: ExecutionHooks | None = None,
        **kwargs: Any,
    ) -> list[GraphQLError] | Executor:
        """graphql-core's `Executor.build`, with the variables of a known document coerced on a short path.

        graphql-core looks up the operation and the fragments and works out
        each variable's type on every request (a sixth of a small query). For
        a document seen before, with scalar variables that need no conversion
        (a string for ``String`` or ``ID``, an int for ``Int``, a bool for
        ``Boolean``, null or nothing for a nullable one without a default),
        `_Shape` gives the same executor from what it kept; anything else
        (middleware included) goes to graphql-core.
        """
        shape = _SHAPES.get(document, schema, operation_name, lambda: _Shape.of(schema, document, operation_name)) \
            if middleware is None else None
        variable_values = shape.variable_values(raw_variable_values or {}) if shape is not None else None
        if shape is None or variable_values is None:
            return super().build(  # type: ignore[misc]
                schema, document, root_value, context_value, raw_variable_values, operation_name, field_resolver,
                type_resolver, subscribe_field_resolver, max_coercion_errors, enable_early_execution, middleware,
                is_awaitable, is_async_iterable, hide_suggestions=hide_suggestions, abort_signal=abort_signal,
                hooks=hooks, **kwargs,
            )
        assert_valid_schema(schema)
        return cls(
            schema, shape.fragment_definitions, shape.fragments, root_value, context_value, shape.operation,
            variable_values, field_resolver or default_field_resolver, type_resolver or default_type_resolver,
            subscribe_field_resolver or default_field_resolver, enable_early_execution, None, is_awaitable,
            is_async_iterable, hide_suggestions=hide_suggestions, abort_signal=abort_signal, hooks=hooks, **kwargs,
        )

    def execute_operation(self, serially: bool | None = None) -> Any:
        middleware = self.middleware_manager
        plan = _PLANS.get(self.operation, self.schema, None, lambda: _plan(self)) \
            if middleware is None or not middleware.middlewares else None
        if plan is not None:
            try:
                return ExecutionResult(plan(self, self.root_value, None), None)
            except Exception:  # noqa: BLE001 - graphql-core runs it again and reports what went wrong
                pass
        return super().execute_operation(serially)


#: Scalars whose coercion of a value of this exact Python type returns the value itself.
_AS_GIVEN: dict[GraphQLNamedType, type] = {GraphQLString: str, GraphQLID: str, GraphQLInt: int, GraphQLBoolean: bool}
_INT_RANGE = range(-(2**31), 2**31)


class _Shape:
    """What `Executor.build` works out from a document alone: the operation, fragments, variable signatures."""

    def __init__(self, operation: OperationDefinitionNode, fragment_definitions: dict[str, FragmentDefinitionNode],
                 signatures: list[tuple[GraphQLVariableSignature, type | None, bool]]) -> None:
        self.operation = operation
        self.fragment_definitions = fragment_definitions
        self.fragments = {name: FragmentDetails(definition, None) for name, definition in fragment_definitions.items()}
        self.signatures = signatures  # (signature, Python type taken as given or None, nullable without default)

    @classmethod
    def of(cls, schema: GraphQLSchema, document: DocumentNode, operation_name: str | None) -> _Shape | None:
        """The shape, or None where graphql-core must answer (no such operation, fragment variables, bad types)."""
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        if operation_name is None:
            operation = operations[0] if len(operations) == 1 else None
        else:  # the last of that name, as graphql-core finds it
            operation = next((o for o in reversed(operations) if o.name and o.name.value == operation_name), None)
        if operation is None or any(f.variable_definitions for f in fragments.values()):
            return None
        signatures = []
        for definition in operation.variable_definitions or ():
            signature = get_variable_signature(schema, definition)
            if isinstance(signature, GraphQLError):
                return None
            named = signature.type.of_type if is_non_null_type(signature.type) else signature.type
            as_given = _AS_GIVEN.get(cast(GraphQLNamedType, named))
            signatures.append((signature, as_given, not is_non_null_type(signature.type)
                               and not definition.default_value))
        return cls(operation, fragments, signatures)

    def variable_values(self, raw: dict[str, Any]) -> VariableValues | None:
        """graphql-core's coerced variables, when every value is one it would take as it is; else None."""
        sources: dict[str, VariableValueSource] = {}
        coerced: dict[str, Any] = {}
        for signature, as_given, omissible in self.signatures:
            name = signature.name
            value = raw.get(name, Undefined)
            if value is Undefined or value is None:
                if not omissible:  # a default to apply, or a non-null variable's error to report
                    return None
                sources[name] = VariableValueSource(signature) if value is Undefined \
                    else VariableValueSource(signature, None)
                if value is None:
                    coerced[name] = None
                continue
            if as_given is None or type(value) is not as_given or (as_given is int and value not in _INT_RANGE):
                return None
            sources[name] = VariableValueSource(signature, value)
            coerced[name] = value
        return VariableValues(sources, coerced)


class _MadeOnce(Generic[T]):
    """What was made once per document or operation (and schema), least recently used dropped first.

    The parse cache hands out the same document object for the same text, so
    its identity is the key; an entry keeps its node alive, so the identity
    is never reused while it is remembered.
    """

    def __init__(self, entries: int) -> None:
        self.entries = entries
        self.items: OrderedDict[tuple[int, Any], tuple[Node, GraphQLSchema, T]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, node: Node, schema: GraphQLSchema, detail: Any, make: Callable[[], T]) -> T:
        key = (id(node), detail)
        with self.lock:
            found = self.items.get(key)
            if found is not None and found[0] is node and found[1] is schema:
                self.items.move_to_end(key)
                return found[2]
        made = make()
        with self.lock:
            self.items[key] = (node, schema, made)
            while len(self.items) > self.entries:
                self.items.popitem(last=False)
        return made


#: Shapes by document and operation name; plans by operation.
_SHAPES: _MadeOnce[_Shape | None] = _MadeOnce(PLAN_ENTRIES)
_PLANS: _MadeOnce[Field | None] = _MadeOnce(PLAN_ENTRIES)


def _plan(executor: Executor) -> Field | None:
    try:
        return _Planner(executor).operation()
    except Unplanned:
        return None


class _Planner:
    """Builds the plan of one operation from graphql-core's own field collection."""

    def __init__(self, executor: Executor) -> None:
        self.executor = executor
        self.schema = executor.schema
        self.objects: dict[tuple[str, int], Complete] = {}

    def operation(self) -> Field:
        operation = self.executor.operation
        if operation.operation is not OperationType.QUERY or _has_directives(operation):
            raise Unplanned
        for fragment in self.executor.fragments.values():
            definition = fragment.definition
            if fragment.variable_signatures or definition.variable_definitions or _has_directives(definition):
                raise Unplanned
        root = self.schema.query_type
        assert root is not None, "validation refuses queries on a schema without them"
        grouped = collect_fields(self.schema, self.executor.fragments, self.executor.variable_values, root,
                                 operation).grouped_field_set
        return self._selection(root, grouped)

    # -- objects -------------------------------------------------------------------

    def _selection(self, parent: GraphQLObjectType, grouped: dict[str, list[FieldDetails]]) -> Complete:
        return _dict_maker({key: self._field(parent, key, details) for key, details in grouped.items()})

    def _object(self, type_: GraphQLObjectType, details: list[FieldDetails]) -> Complete:
        """An object type's selection, after graphql-core's ``is_type_of`` check (once per class)."""
        key = (type_.name, id(details))
        if key not in self.objects:
            self.objects[key] = _checked_object(self._selection_of(type_, details), type_.is_type_of)
        return self.objects[key]

    def _selection_of(self, type_: GraphQLObjectType, details: list[FieldDetails]) -> Complete:
        grouped = collect_subfields(self.schema, self.executor.fragments, self.executor.variable_values,
                                    self.executor.operation, type_, details).grouped_field_set
        return self._selection(type_, grouped)

    # -- fields --------------------------------------------------------------------

    def _field(self, parent: GraphQLObjectType, key: str, details: list[FieldDetails]) -> Field:
        node = details[0].node
        name = node.name.value
        if name == "__typename":
            typename = parent.name
            return lambda executor, source, path: typename
        field_def = parent.fields.get(name)
        definition = field_def.extensions.get("strawberry-definition") if field_def else None
        if field_def is None or not isinstance(definition, StrawberryField) or definition.is_async:
            raise Unplanned  # introspection, or a field strawberry does not resolve synchronously
        complete = self._completion(field_def.type, details, field_def, parent)
        needs_path = getattr(complete, "needs_path", True)
        typename = parent.name

        if getattr(field_def.resolve, "_is_default", False) and definition.is_basic_field \
                and definition.default_resolver is getattr:
            read = attrgetter(definition.python_name)

            def plain(executor: Executor, source: Any, path: LazyPath) -> Any:
                value = read(source)
                if type(value) is str and complete.strings:  # type: ignore[attr-defined]
                    return value
                return complete(executor, value, (path, key, typename) if needs_path else None)

            complete.strings = getattr(complete, "strings", False)  # type: ignore[attr-defined]
            return plain

        resolve = self._resolver(definition) or field_def.resolve
        assert resolve is not None, "strawberry gives every field a resolver"
        arguments = self._arguments(field_def, details)
        resolver = definition.base_resolver
        wants_info = bool(definition.extensions or (resolver is not None and resolver.info_parameter is not None)
                          or (resolve is field_def.resolve and definition.arguments))
        if not wants_info:

            def resolved(executor: Executor, source: Any, path: LazyPath) -> Any:
                kwargs = arguments(executor) if arguments is not None else {}
                return complete(executor, resolve(source, None, **kwargs),
                                (path, key, typename) if needs_path else None)

            return resolved

        nodes = [d.node for d in details]

        def resolved_with_info(executor: Executor, source: Any, path: LazyPath) -> Any:
            here = (path, key, typename)
            info = executor.build_resolve_info(field_def, nodes, parent, _path(here))
            kwargs = arguments(executor) if arguments is not None else {}
            return complete(executor, resolve(source, info, **kwargs), here)

        return resolved_with_info

    def _resolver(self, definition: StrawberryField) -> Callable[..., Any] | None:
        """A direct call of a strawberry resolver whose arguments strawberry would pass as they are.

        Strawberry converts each argument on every call (about 3 µs each); for
        scalars, enums and lists of them the conversion returns the value (a
        list: a copy), so this does the rest of strawberry's call: the source
        as ``self``, the info as a strawberry `Info`, arguments by Python name.
        None when strawberry must make the call (field extensions, exception
        handlers, input objects, ``root``/``parent`` parameters).
        """
        resolver = definition.base_resolver
        strawberry_schema = getattr(self.schema, "_strawberry_schema", None)
        if resolver is None or definition.extensions or strawberry_schema is None \
                or strawberry_schema.exception_handlers or resolver.root_parameter or resolver.parent_parameter:
            return None
        config = strawberry_schema.config
        registry = strawberry_schema.schema_converter.scalar_registry
        names: dict[str, tuple[str, bool]] = {}
        for argument in definition.arguments:
            kind = _plain_argument(argument.type, registry)
            if kind is None:
                return None
            names[config.name_converter.from_argument(argument)] = (argument.python_name, kind == "list")
        takes_self = resolver.self_parameter is not None
        info_name = resolver.info_parameter.name if resolver.info_parameter is not None else None
        info_class = config.info_class

        def call(source: Any, info: Any, **arguments: Any) -> Any:
            kwargs = {}
            for name, value in arguments.items():
                python_name, is_list = names[name]
                kwargs[python_name] = list(value) if is_list and value is not None else value
            if info_name is not None:
                kwargs[info_name] = info_class(_raw_info=info, _field=definition)
            return resolver(source, **kwargs) if takes_self else resolver(**kwargs)

        return call

    def _arguments(self, field_def: GraphQLField, details: list[FieldDetails]) -> Callable[[Executor], dict] | None:
        """The field's arguments per request (None when it takes none); constant unless a variable gives one."""
        node: FieldNode = details[0].node
        if not field_def.args and not node.arguments:
            return None
        if details[0].fragment_variable_values is not None:
            raise Unplanned
        def general(executor: Executor) -> dict:
            return get_argument_values(field_def, node, executor.variable_values, None, executor.hide_suggestions)

        arguments = node.arguments or ()
        if not any(_has_variables(argument.value) for argument in arguments):
            constant = get_argument_values(field_def, node, self.executor.variable_values)
            return lambda executor: dict(constant)
        return self._variable_arguments(field_def, node) or general

    def _variable_arguments(self, field_def: GraphQLField, node: FieldNode) -> Callable[[Executor], dict] | None:
        """Arguments given as bare variables (``careerPath(from: $from)``), read from the coerced variables.

        graphql-core passes a variable's coerced value to an argument as it is
        (validation has checked the types). So a request's arguments are those
        of the first request that gave every variable, with each variable
        argument replaced, as long as each such variable is given (non-null
        where the argument is): otherwise, or when a variable sits inside a
        literal, graphql-core works them out.
        """
        arguments = node.arguments or ()
        if not all(isinstance(a.value, VariableNode) or not _has_variables(a.value) for a in arguments):
            return None
        given: list[tuple[str, str, bool]] = []  # (argument's Python-side name, variable, required)
        for argument in arguments:
            if isinstance(argument.value, VariableNode):
                name = argument.name.value
                definition = field_def.args[name]
                given.append((getattr(definition, "out_name", None) or name, argument.value.name.value,
                              is_non_null_type(definition.type)))
        template: dict[str, Any] | None = None  # the arguments of the first request that gave every variable

        def from_variables(executor: Executor) -> dict:
            nonlocal template
            values = executor.variable_values.coerced
            picked = []
            for name, variable, required in given:
                value = values.get(variable, Undefined)
                if value is Undefined or (value is None and required):
                    return get_argument_values(field_def, node, executor.variable_values, None,
                                               executor.hide_suggestions)
                picked.append((name, value))
            if template is None:
                template = get_argument_values(field_def, node, executor.variable_values)
            arguments = dict(template)
            arguments.update(picked)
            return arguments

        return from_variables

    # -- values --------------------------------------------------------------------

    def _completion(self, type_: GraphQLOutputType, details: list[FieldDetails], field_def: GraphQLField,
                    parent: GraphQLObjectType, non_null: bool = False) -> Complete:
        if is_non_null_type(type_):
            return self._completion(type_.of_type, details, field_def, parent, True)
        if is_list_type(type_):
            return _list(self._completion(type_.of_type, details, field_def, parent), non_null)
        if is_leaf_type(type_):
            return _leaf(type_, non_null)
        if is_object_type(type_):
            return _composite(self._object(type_, details), non_null)
        if is_abstract_type(type_):
            return _composite(self._abstract(type_, details, field_def, parent), non_null)
        raise Unplanned  # pragma: no cover - graphql-core has no other output types

    def _abstract(self, type_: GraphQLAbstractType, details: list[FieldDetails], field_def: GraphQLField,
                  parent: GraphQLObjectType) -> Complete:
        """Interfaces and unions: the runtime type, found once per Python class of the value.

        Strawberry's type resolution reads only the schema and the field name
        from its info, and depends on the value's class unless the value was
        `strawberry.cast`; such values are resolved every time.
        """
        resolve_type = type_.resolve_type
        if resolve_type is None or not resolve_type.__module__.startswith("strawberry."):
            raise Unplanned
        nodes = [d.node for d in details]
        schema = self.schema
        by_class: dict[type, Complete] = {}
        selections: dict[tuple[str, int], Complete] = {}
        for possible in schema.get_possible_types(type_):
            if possible.is_type_of is not None and not possible.is_type_of.__module__.startswith("strawberry."):
                raise Unplanned

        def complete(executor: Executor, value: Any, path: LazyPath) -> Any:
            found = by_class.get(type(value))
            if found is not None and getattr(value, TYPE_CAST_ATTRIBUTE, None) is None:
                return found(executor, value, path)
            info = executor.build_resolve_info(field_def, nodes, parent, _path(path))
            name = resolve_type(value, info, type_)
            runtime = schema.get_type(name) if isinstance(name, str) else None
            if not isinstance(runtime, GraphQLObjectType) or not schema.is_sub_type(type_, runtime):
                raise Unplanned
            key = (runtime.name, id(details))
            if key not in selections:
                selections[key] = self._selection_of(runtime, details)
            if runtime.is_type_of is not None and not runtime.is_type_of(value, None):  # type: ignore[arg-type]
                raise Unplanned
            definition = getattr(type(value), "__strawberry_definition__", None)
            if get_strawberry_type_cast(value) is None and definition is not None \
                    and not definition.is_graphql_generic:
                by_class[type(value)] = selections[key]  # both checks depend on the class alone
            return selections[key](executor, value, path)

        return complete


def _dict_maker(fields: dict[str, Field]) -> Complete:
    """``lambda executor, source, path: {key: field(executor, source, path), ...}``, written out.

    A dict display with one call per key is a third faster than a loop over
    the fields, and selections run for every object of every answer. The keys
    are response names (GraphQL names, so valid identifiers); the fields are
    passed in as arguments' defaults, never formatted into the code.
    """
    names = [f"f{i}" for i in range(len(fields))]
    entries = ", ".join(f"{key!r}: {name}(executor, source, path)" for key, name in zip(fields, names, strict=True))
    defaults = "".join(f", {name}={name}" for name in names)
    code = f"def complete(executor, source, path{defaults}):\n    return {{{entries}}}\n"
    namespace: dict[str, Any] = dict(zip(names, fields.values(), strict=True))
    exec(code, namespace)  # noqa: S102 - the code is built from GraphQL names only, see above
    return namespace["complete"]


def _checked_object(selection: Complete, is_type_of: Callable[[Any, Any], Any] | None) -> Complete:
    """graphql-core's ``is_type_of`` check before a selection; strawberry's depends on the class alone
    (unless the value was `strawberry.cast`), so a class that passed once is not checked again."""
    if is_type_of is None:
        return selection
    if not is_type_of.__module__.startswith("strawberry."):  # strawberry's never reads the info
        raise Unplanned
    passed: set[type] = set()

    def complete(executor: Executor, value: Any, path: LazyPath) -> dict[str, Any]:
        if type(value) not in passed or getattr(value, TYPE_CAST_ATTRIBUTE, None) is not None:  # no call: hot
            if not is_type_of(value, None):
                raise Unplanned
            if get_strawberry_type_cast(value) is None:
                passed.add(type(value))
        return selection(executor, value, path)

    return complete


def _plain_argument(type_: Any, registry: Any) -> str | None:
    """"leaf" or "list" when strawberry passes an argument of this type as it is (a list: copied), else None."""
    if isinstance(type_, StrawberryMaybe):
        return None
    if isinstance(type_, StrawberryOptional):
        type_ = type_.of_type
    kind = "leaf"
    if isinstance(type_, StrawberryList):
        type_, kind = type_.of_type, "list"
        if isinstance(type_, StrawberryOptional):
            type_ = type_.of_type
    if type_ is GlobalID:
        return None
    if is_scalar(type_, registry) or isinstance(type_, StrawberryEnumDefinition) or has_enum_definition(type_):
        return kind
    return None


def _list(inner: Complete, non_null: bool) -> Complete:
    needs_path = getattr(inner, "needs_path", True)

    def complete(executor: Executor, value: Any, path: LazyPath) -> Any:
        if value is None:
            if non_null:
                raise Unplanned
            return None
        if type(value) is not list and type(value) is not tuple and (
                isinstance(value, Exception) or not is_iterable(value)):
            raise Unplanned
        if needs_path:
            return [inner(executor, item, (path, index, None)) for index, item in enumerate(value)]
        return [inner(executor, item, None) for item in value]

    complete.needs_path = needs_path  # type: ignore[attr-defined]
    return complete


def _leaf(type_: GraphQLLeafType, non_null: bool) -> Complete:
    """Strings and ids pass as they are; other values are coerced once per value (enums) or every time."""
    coerce = type_.coerce_output_value
    strings = type_ is GraphQLString or type_ is GraphQLID
    # Enum members as coerced, by identity: members live as long as their class, and
    # hashing a member runs Python code (``Enum.__hash__``).
    known: dict[int, Any] = {}

    def complete(executor: Executor, value: Any, path: LazyPath) -> Any:
        if strings and type(value) is str:
            return value
        coerced = known.get(id(value))
        if coerced is not None:
            return coerced
        if value is None:
            if non_null:
                raise Unplanned
            return None
        if isinstance(value, Exception):
            raise Unplanned
        coerced = coerce(value)
        if coerced is None or coerced is Undefined:
            raise Unplanned
        if isinstance(value, Enum) and len(known) < 1000:
            known[id(value)] = coerced
        return coerced

    complete.needs_path = False  # type: ignore[attr-defined]
    complete.strings = strings  # type: ignore[attr-defined]
    return complete


def _composite(complete: Complete, non_null: bool) -> Complete:
    """An object or abstract value: null and exceptions first."""

    def composite(executor: Executor, value: Any, path: LazyPath) -> Any:
        if value is None:
            if non_null:
                raise Unplanned
            return None
        if isinstance(value, Exception):
            raise Unplanned
        return complete(executor, value, path)

    return composite


def _path(lazy: LazyPath) -> Path:
    """The graphql-core `Path` of a field's lazy path (never empty)."""
    keys = []
    while lazy is not None:
        lazy, key, typename = lazy
        keys.append((key, typename))
    path: Path | None = None
    for key, typename in reversed(keys):
        path = Path(path, key, typename)
    assert path is not None, "a field has a path"
    return path


def _has_directives(node: Node) -> bool:
    """Whether ``node`` or anything below it carries a directive."""
    return _anywhere(node, lambda item: isinstance(item, DirectiveNode) or bool(getattr(item, "directives", None)))


def _has_variables(value: Node) -> bool:
    """Whether a variable appears in ``value`` (an argument's value, literal lists and objects included)."""
    return _anywhere(value, lambda item: isinstance(item, VariableNode))


def _anywhere(node: Node, found: Callable[[Node], bool]) -> bool:
    """Whether ``found`` holds for ``node`` or any node below it."""
    stack: list[Node] = [node]
    while stack:
        item = stack.pop()
        if found(item):
            return True
        for attribute in item.keys:
            child = getattr(item, attribute, None)
            if isinstance(child, Node):
                stack.append(child)
            elif isinstance(child, (list, tuple)):
                stack.extend(c for c in child if isinstance(c, Node))
    return False
