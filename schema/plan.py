"""The plan of an operation: graphql-core's answer, without its per-field bookkeeping.

graphql-core runs every field through the same general machinery, whatever
the field: a `GraphQLResolveInfo`, a response `Path`, argument coercion,
awaitable checks, error location and null propagation. On the bundled seed
that is 8-10 µs per field, nearly all of a request's time (a careerPath
answer has about 50 fields, a two-level list several hundred).

`plan(schema, shape)` builds, once per operation, for every selection set and
object type the response keys in order and, per field, how to resolve it (an
attribute read for strawberry's plain fields, a direct call of strawberry's
resolver when strawberry would pass the arguments as they are, strawberry's
own resolver otherwise, with a real `GraphQLResolveInfo` only when the
resolver asks for one) and how to complete the value (a leaf serializer, a
list, the plan of an object type). A request then only walks the plan with
its `Run`.

A plan never reports an error itself: where graphql-core would report one
(a resolver that raises or returns an exception, a null in a non-null
position, a value that does not serialize) or where the plan does not cover
the operation (directives, introspection, async resolvers), it raises
`Unplanned`, and strawberry runs the whole operation as it always does.
Resolvers only read the immutable graph, so they may safely run twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from inspect import isawaitable
from operator import attrgetter
from typing import Any, cast

import strawberry
from graphql import (
    DirectiveNode,
    FieldNode,
    FragmentSpreadNode,
    GraphQLAbstractType,
    GraphQLField,
    GraphQLID,
    GraphQLLeafType,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLSchema,
    GraphQLString,
    InlineFragmentNode,
    Node,
    OperationType,
    SelectionSetNode,
    Undefined,
    VariableNode,
    VariableValues,
    get_argument_values,
    is_abstract_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
    type_from_ast,
)
from graphql.pyutils import Path, is_iterable
from strawberry.relay.types import GlobalID
from strawberry.scalars import is_scalar
from strawberry.types.base import StrawberryList, StrawberryMaybe, StrawberryOptional
from strawberry.types.cast import TYPE_CAST_ATTRIBUTE
from strawberry.types.enum import StrawberryEnumDefinition, has_enum_definition
from strawberry.types.field import StrawberryField

from schema.shape import Shape

__all__ = ["DEFINITION", "Field", "Run", "Unplanned", "plan"]

#: Where strawberry keeps a GraphQL field's or type's strawberry definition (`GraphQLCoreConverter.DEFINITION_BACKREF`).
DEFINITION = "strawberry-definition"

#: A response path while a plan runs: ``(parent, key, typename)`` tuples, turned
#: into graphql-core `Path` objects only for a resolver that asks for its info.
LazyPath = tuple | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Run:
    """One request on the fast path: what the plan and the resolvers' infos read."""

    schema: GraphQLSchema
    shape: Shape
    variables: VariableValues
    context: Any
    root: Any = None

    def info(self, field_def: GraphQLField, nodes: list[FieldNode], parent: GraphQLObjectType,
             path: LazyPath) -> GraphQLResolveInfo:
        """The `GraphQLResolveInfo` graphql-core would give this field's resolver."""
        return GraphQLResolveInfo(
            field_name=nodes[0].name.value, field_nodes=nodes, return_type=field_def.type, parent_type=parent,
            path=_path(path), schema=self.schema, fragments=self.shape.fragments, root_value=self.root,
            operation=self.shape.operation, variable_values=self.variables, context=self.context,
            is_awaitable=cast(Any, isawaitable), abort_signal=None,
            # No resolver of this schema does asynchronous work; one that tried would
            # raise, and strawberry would run the operation instead.
            async_helpers=cast(Any, None),
        )


#: Completes a resolved value into its JSON-ready form.
Complete = Callable[[Run, Any, LazyPath], Any]
#: Resolves and completes one field of a source object (the whole operation: of the root value).
Field = Callable[[Run, Any, LazyPath], Any]


class Unplanned(Exception):
    """The plan cannot give this result: strawberry executes the operation instead."""


def plan(schema: strawberry.Schema, shape: Shape) -> Field:
    """The plan of ``shape``'s operation; raises `Unplanned` when the plan does not cover it."""
    return _Planner(schema, shape).operation()


class _Planner:
    """Builds the plan of one operation, collecting fields as graphql-core does."""

    def __init__(self, schema: strawberry.Schema, shape: Shape) -> None:
        self.strawberry = schema
        self.schema = shape.schema
        self.shape = shape
        self.objects: dict[tuple[str, tuple[int, ...]], Complete] = {}

    def operation(self) -> Field:
        operation = self.shape.operation
        if operation.operation is not OperationType.QUERY or _has_directives(operation) \
                or any(_has_directives(fragment) for fragment in self.shape.fragments.values()):
            raise Unplanned
        root = self.schema.query_type
        assert root is not None, "validation refuses queries on a schema without them"
        return self._selection(root, self._collect(root, [operation.selection_set]))

    # -- fields of a selection -----------------------------------------------------

    def _collect(self, runtime: GraphQLObjectType,
                 selection_sets: list[SelectionSetNode]) -> dict[str, list[FieldNode]]:
        """The field nodes of ``selection_sets`` by response key, in order (graphql-core's CollectFields).

        Written out rather than taken from ``graphql.execution.collect_fields``:
        without directives (the plan declines them) it is this short, and that
        module's signature changes between graphql-core's minor versions.
        """
        grouped: dict[str, list[FieldNode]] = {}
        visited: set[str] = set()
        self._collect_into(runtime, selection_sets, grouped, visited)
        return grouped

    def _collect_into(self, runtime: GraphQLObjectType, selection_sets: list[SelectionSetNode],
                      grouped: dict[str, list[FieldNode]], visited: set[str]) -> None:
        for selection_set in selection_sets:
            for selection in selection_set.selections:
                if isinstance(selection, FieldNode):
                    grouped.setdefault((selection.alias or selection.name).value, []).append(selection)
                elif isinstance(selection, InlineFragmentNode):
                    if self._applies(selection.type_condition, runtime):
                        self._collect_into(runtime, [selection.selection_set], grouped, visited)
                elif isinstance(selection, FragmentSpreadNode):
                    name = selection.name.value
                    fragment = self.shape.fragments.get(name)
                    if name in visited or fragment is None:
                        continue
                    visited.add(name)
                    if self._applies(fragment.type_condition, runtime):
                        self._collect_into(runtime, [fragment.selection_set], grouped, visited)

    def _applies(self, condition: Any, runtime: GraphQLObjectType) -> bool:
        """graphql-core's ``does_fragment_condition_match``."""
        if condition is None:
            return True
        conditional = type_from_ast(self.schema, condition)
        if conditional is runtime:
            return True
        return is_abstract_type(conditional) and self.schema.is_sub_type(cast(GraphQLAbstractType, conditional),
                                                                          runtime)

    # -- objects -------------------------------------------------------------------

    def _selection(self, parent: GraphQLObjectType, grouped: dict[str, list[FieldNode]]) -> Complete:
        return _dict_maker({key: self._field(parent, key, nodes) for key, nodes in grouped.items()})

    def _object(self, type_: GraphQLObjectType, nodes: list[FieldNode]) -> Complete:
        """An object type's selection, after graphql-core's ``is_type_of`` check (once per class)."""
        key = (type_.name, tuple(map(id, nodes)))
        if key not in self.objects:
            self.objects[key] = _checked_object(self._selection_of(type_, nodes), type_, self._class_based(type_))
        return self.objects[key]

    def _selection_of(self, type_: GraphQLObjectType, nodes: list[FieldNode]) -> Complete:
        sets = [node.selection_set for node in nodes if node.selection_set is not None]
        return self._selection(type_, self._collect(type_, sets))

    @staticmethod
    def _class_based(type_: Any) -> bool:
        """Whether strawberry decides this type's ``is_type_of`` or ``resolve_type`` by the value's class alone
        (unless the value was `strawberry.cast`): it does unless the type defines its own."""
        definition = type_.extensions.get(DEFINITION)
        return definition is not None and getattr(definition, "is_type_of", None) is None \
            and getattr(definition, "resolve_type", None) is None

    # -- fields --------------------------------------------------------------------

    def _field(self, parent: GraphQLObjectType, key: str, nodes: list[FieldNode]) -> Field:
        node = nodes[0]
        name = node.name.value
        if name == "__typename":
            typename = parent.name
            return lambda run, source, path: typename
        field_def = parent.fields.get(name)
        definition = field_def.extensions.get(DEFINITION) if field_def else None
        if field_def is None or not isinstance(definition, StrawberryField) or definition.is_async:
            raise Unplanned  # introspection, or a field strawberry does not resolve synchronously
        complete = self._completion(field_def.type, nodes, field_def, parent)
        needs_path = getattr(complete, "needs_path", True)
        typename = parent.name

        if definition.is_basic_field and definition.default_resolver is getattr \
                and not self.strawberry.exception_handlers:
            read = attrgetter(definition.python_name)
            strings = getattr(complete, "strings", False)

            def plain(run: Run, source: Any, path: LazyPath) -> Any:
                try:
                    value = read(source)
                except Exception as error:
                    raise Unplanned from error
                if strings and type(value) is str:
                    return value
                return complete(run, value, (path, key, typename) if needs_path else None)

            return plain

        resolve = self._resolver(definition, field_def) or field_def.resolve
        assert resolve is not None, "strawberry gives every field a resolver"
        arguments = self._arguments(field_def, node)
        resolver = definition.base_resolver
        wants_info = bool(definition.extensions or (resolver is not None and resolver.info_parameter is not None)
                          or (resolve is field_def.resolve and definition.arguments)
                          or getattr(resolve, "needs_info", False))
        if not wants_info:

            def resolved(run: Run, source: Any, path: LazyPath) -> Any:
                kwargs = arguments(run) if arguments is not None else {}
                try:
                    value = resolve(source, None, **kwargs)
                except Exception as error:
                    raise Unplanned from error
                return complete(run, value, (path, key, typename) if needs_path else None)

            return resolved

        def resolved_with_info(run: Run, source: Any, path: LazyPath) -> Any:
            here = (path, key, typename)
            kwargs = arguments(run) if arguments is not None else {}
            try:
                value = resolve(source, run.info(field_def, nodes, parent, here), **kwargs)
            except Exception as error:
                raise Unplanned from error
            return complete(run, value, here)

        return resolved_with_info

    def _resolver(self, definition: StrawberryField, field_def: GraphQLField) -> Callable[..., Any] | None:
        """A direct call of a strawberry resolver whose arguments strawberry would pass as they are.

        Strawberry converts each argument on every call (about 3 µs each); for
        scalars, enums and lists of them the conversion returns the value (a
        list: a copy), and so it does for a null input object, so this does the
        rest of strawberry's call: the source as ``self``, the info as a
        strawberry `Info`, arguments by Python name. A request that gives an
        input object goes to strawberry's resolver. None when strawberry must
        make every call (field extensions, exception handlers, ``Maybe``
        arguments, ``root``/``parent`` parameters).
        """
        resolver = definition.base_resolver
        if resolver is None or definition.extensions or self.strawberry.exception_handlers \
                or resolver.root_parameter or resolver.parent_parameter:
            return None
        config = self.strawberry.config
        registry = self.strawberry.schema_converter.scalar_registry
        names: dict[str, tuple[str, bool]] = {}
        converted: list[str] = []  # arguments strawberry converts, unless they are null
        for argument in definition.arguments:
            if isinstance(argument.type, StrawberryMaybe):
                return None
            kind = _plain_argument(argument.type, registry)
            name = config.name_converter.from_argument(argument)
            names[name] = (argument.python_name, kind == "list")
            if kind is None:
                converted.append(name)
        takes_self = resolver.self_parameter is not None
        info_name = resolver.info_parameter.name if resolver.info_parameter is not None else None
        info_class = config.info_class
        convert = field_def.resolve
        assert convert is not None, "strawberry gives every field a resolver"

        def call(source: Any, info: Any, **arguments: Any) -> Any:
            for name in converted:
                if arguments.get(name) is not None:
                    return convert(source, info, **arguments)
            kwargs = {}
            for name, value in arguments.items():
                python_name, is_list = names[name]
                kwargs[python_name] = list(value) if is_list and value is not None else value
            if info_name is not None:
                kwargs[info_name] = info_class(_raw_info=info, _field=definition)
            return resolver(source, **kwargs) if takes_self else resolver(**kwargs)

        call.needs_info = bool(converted)  # type: ignore[attr-defined]  # strawberry's resolver wants a real one
        return call

    def _arguments(self, field_def: GraphQLField, node: FieldNode) -> Callable[[Run], dict] | None:
        """The field's arguments per request (None when it takes none); constant unless a variable gives one."""
        if not field_def.args and not node.arguments:
            return None

        def general(run: Run) -> dict:
            try:
                return get_argument_values(field_def, node, run.variables)
            except Exception as error:
                raise Unplanned from error

        arguments = node.arguments or ()
        if not any(_has_variables(argument.value) for argument in arguments):
            try:
                constant = get_argument_values(field_def, node)
            except Exception as error:  # graphql-core reports it
                raise Unplanned from error
            return lambda run: dict(constant)
        return self._variable_arguments(field_def, node, general) or general

    def _variable_arguments(self, field_def: GraphQLField, node: FieldNode,
                            general: Callable[[Run], dict]) -> Callable[[Run], dict] | None:
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
                given.append((definition.out_name or name, argument.value.name.value,
                              is_non_null_type(definition.type)))
        template: dict[str, Any] | None = None  # the arguments of the first request that gave every variable

        def from_variables(run: Run) -> dict:
            nonlocal template
            values = run.variables.coerced
            picked = []
            for name, variable, required in given:
                value = values.get(variable, Undefined)
                if value is Undefined or (value is None and required):
                    return general(run)
                picked.append((name, value))
            if template is None:
                template = general(run)
            arguments = dict(template)
            arguments.update(picked)
            return arguments

        return from_variables

    # -- values --------------------------------------------------------------------

    def _completion(self, type_: GraphQLOutputType, nodes: list[FieldNode], field_def: GraphQLField,
                    parent: GraphQLObjectType, non_null: bool = False) -> Complete:
        if is_non_null_type(type_):
            return self._completion(type_.of_type, nodes, field_def, parent, True)
        if is_list_type(type_):
            return _list(self._completion(type_.of_type, nodes, field_def, parent), non_null)
        if is_leaf_type(type_):
            return _leaf(type_, non_null)
        if is_object_type(type_):
            return _composite(self._object(type_, nodes), non_null)
        if is_abstract_type(type_):
            return _composite(self._abstract(type_, nodes, field_def, parent), non_null)
        raise Unplanned  # pragma: no cover - graphql-core has no other output types

    def _abstract(self, type_: GraphQLAbstractType, nodes: list[FieldNode], field_def: GraphQLField,
                  parent: GraphQLObjectType) -> Complete:
        """Interfaces and unions: the runtime type, found once per Python class of the value.

        Strawberry's own type resolution reads only the schema and the field
        name from its info, and depends on the value's class unless the value
        was `strawberry.cast`; such values, and types that resolve their own
        way, are resolved every time.
        """
        resolve_type = type_.resolve_type
        if resolve_type is None:
            raise Unplanned
        schema = self.schema
        cacheable = self._class_based(type_)
        by_class: dict[type, Complete] = {}
        selections: dict[str, Complete] = {}

        def complete(run: Run, value: Any, path: LazyPath) -> Any:
            found = by_class.get(type(value))
            if found is not None and getattr(value, TYPE_CAST_ATTRIBUTE, None) is None:
                return found(run, value, path)
            try:
                name = resolve_type(value, run.info(field_def, nodes, parent, path), type_)
            except Exception as error:
                raise Unplanned from error
            runtime = schema.get_type(name) if isinstance(name, str) else None
            if not isinstance(runtime, GraphQLObjectType) or not schema.is_sub_type(type_, runtime):
                raise Unplanned
            if runtime.name not in selections:
                selections[runtime.name] = self._object(runtime, nodes)
            selection = selections[runtime.name]
            definition = getattr(type(value), "__strawberry_definition__", None)
            if cacheable and getattr(value, TYPE_CAST_ATTRIBUTE, None) is None and definition is not None \
                    and not definition.is_graphql_generic:
                by_class[type(value)] = selection
            return selection(run, value, path)

        return complete


def _dict_maker(fields: dict[str, Field]) -> Complete:
    """``lambda run, source, path: {key: field(run, source, path), ...}``, written out.

    A dict display with one call per key is a third faster than a loop over
    the fields, and selections run for every object of every answer. The keys
    are response names (GraphQL names, so valid identifiers); the fields are
    passed in as arguments' defaults, never formatted into the code.
    """
    names = [f"f{i}" for i in range(len(fields))]
    entries = ", ".join(f"{key!r}: {name}(run, source, path)" for key, name in zip(fields, names, strict=True))
    defaults = "".join(f", {name}={name}" for name in names)
    code = f"def complete(run, source, path{defaults}):\n    return {{{entries}}}\n"
    namespace: dict[str, Any] = dict(zip(names, fields.values(), strict=True))
    exec(code, namespace)  # the code is built from GraphQL names only, see above
    return namespace["complete"]


def _checked_object(selection: Complete, type_: GraphQLObjectType, class_based: bool) -> Complete:
    """graphql-core's ``is_type_of`` check before a selection; when strawberry's depends on the class
    alone (and the value was not `strawberry.cast`), a class that passed once is not checked again."""
    is_type_of = type_.is_type_of
    if is_type_of is None:
        return selection
    passed: set[type] = set()

    def complete(run: Run, value: Any, path: LazyPath) -> dict[str, Any]:
        if type(value) not in passed or getattr(value, TYPE_CAST_ATTRIBUTE, None) is not None:
            try:
                ok = is_type_of(value, None)  # type: ignore[arg-type]  # strawberry's never reads the info
            except Exception as error:
                raise Unplanned from error
            if not ok:
                raise Unplanned
            if class_based and getattr(value, TYPE_CAST_ATTRIBUTE, None) is None:
                passed.add(type(value))
        return selection(run, value, path)

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

    def complete(run: Run, value: Any, path: LazyPath) -> Any:
        if value is None:
            if non_null:
                raise Unplanned
            return None
        if type(value) is not list and type(value) is not tuple and (
                isinstance(value, Exception) or not is_iterable(value)):
            raise Unplanned
        if needs_path:
            return [inner(run, item, (path, index, None)) for index, item in enumerate(value)]
        return [inner(run, item, None) for item in value]

    complete.needs_path = needs_path  # type: ignore[attr-defined]
    return complete


def _leaf(type_: GraphQLLeafType, non_null: bool) -> Complete:
    """Strings and ids pass as they are; other values are coerced once per value (enums) or every time."""
    coerce = type_.coerce_output_value
    strings = type_ is GraphQLString or type_ is GraphQLID
    # Enum members as coerced, by identity: members live as long as their class, and
    # hashing a member runs Python code (``Enum.__hash__``).
    known: dict[int, Any] = {}

    def complete(run: Run, value: Any, path: LazyPath) -> Any:
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
        try:
            coerced = coerce(value)
        except Exception as error:  # graphql-core reports it
            raise Unplanned from error
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

    def composite(run: Run, value: Any, path: LazyPath) -> Any:
        if value is None:
            if non_null:
                raise Unplanned
            return None
        if isinstance(value, Exception):
            raise Unplanned
        return complete(run, value, path)

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
