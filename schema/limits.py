"""Limits on what one GraphQL request may ask for, checked before anything runs.

A public, read-only API answers whoever asks, so every document is measured
before a resolver runs, and refused with ``extensions.code`` when it is too
big, saying which limit it broke, by how much and what to do instead:

- ``max_tokens``: lexical tokens, counted while parsing (`QUERY_TOO_COMPLEX`).
- ``max_depth``: nesting of fields, through fragments (`QUERY_TOO_COMPLEX`).
- ``max_cost``: the GitHub-style node count: each list or connection
  multiplies what is selected below it by its page size (``first``, ``k``,
  the number of ``ids``; its default when omitted, `LIST_ESTIMATE` for a plain
  list, the maximum when a variable gives it) (`QUERY_TOO_COMPLEX`).
- ``max_aliases``: aliased or repeated fields, the copies a field-merging
  bomb is made of (`QUERY_TOO_COMPLEX`).
- ``max_directives`` (`QUERY_TOO_COMPLEX`).
- ``max_string_length``, and no control characters, in string arguments and
  variables (`BAD_USER_INPUT`).
- ``introspection``: ``__schema`` and ``__type`` can be switched off.

`checked_documents` is the schema extension that applies them. It parses,
checks and validates each document text once and remembers the outcome in a
cache bounded by entries *and* characters (a parsed document takes about 75
bytes per character of text). Validation runs in two passes, these limits
first: graphql-core's own rules include one that is quadratic in repeated
fields (about 0.6 s for a 2,000-token document), so it only sees documents
that passed the cheap limits. The rule classes are built once per schema,
so the outcome of a text can be reused.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    GraphQLSyntaxError,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    NoSchemaIntrospectionCustomRule,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_composite_type,
    is_list_type,
    parse,
)
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from graph.paths import MAX_PATHS
from schema.errors import ErrorCode, QueryRejected
from schema.pagination import MAX_FIRST
from schema.types.filters import where_cost

__all__ = ["LIST_ESTIMATE", "Checked", "DocumentChecker", "Limits", "check_variables", "checked_documents",
           "limit_rules"]

#: Items a list without a page size is assumed to hold when estimating cost.
LIST_ESTIMATE = 20

#: Arguments that size a list or page, with their largest accepted value.
#: A literal counts up to that value, a variable counts as that value.
SIZE_ARGUMENTS = {"first": MAX_FIRST, "k": MAX_PATHS, "ids": MAX_FIRST}

#: Arguments whose value is work in itself (a filter's conditions), with the cost it adds to its field.
ARGUMENT_COSTS = {"where": where_cost}

#: Deeper than this the walk stops: the document is refused whatever max_depth says.
NESTING_CEILING = 100
#: Costs saturate here: enough to refuse, small enough for JSON.
COST_CEILING = 10**12

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Limits:
    """What one request may ask for; `careergraph.settings.Settings` holds the same knobs."""

    max_depth: int = 10
    max_aliases: int = 30
    max_tokens: int = 2000
    max_directives: int = 20
    max_cost: int = 20_000
    max_string_length: int = 1000
    introspection: bool = True


# -- the rules -------------------------------------------------------------------


def limit_rules(limits: Limits) -> tuple[type[ASTValidationRule], ...]:
    """The validation rules for these limits: build once, reuse for every request."""
    rules: list[type[ASTValidationRule]] = [_shape_rule(limits), _count_rule(limits)]
    if not limits.introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    return tuple(rules)


def _shape_rule(limits: Limits) -> type[ValidationRule]:
    class OperationShapeRule(ValidationRule):
        """Depth and cost of each operation."""

        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
            root = self.context.schema.get_root_type(node.operation)
            if root is None:
                return
            try:
                depth, cost = _Measure(self.context).selections(node.selection_set, root, False, 1)
            except _TooDeep:
                depth, cost = NESTING_CEILING + 1, 0
            if depth > limits.max_depth:
                deep = f"more than {NESTING_CEILING}" if depth > NESTING_CEILING else str(depth)
                self.report_error(_too_complex(
                    f"The operation nests fields {deep} levels deep; the limit (max_depth) is "
                    f"{limits.max_depth}. Ask for fewer nested fields.",
                    "max_depth", limits.max_depth, depth, node))
            if cost > limits.max_cost:
                many = f"more than {COST_CEILING}" if cost >= COST_CEILING else f"up to {cost}"
                self.report_error(_too_complex(
                    f"The operation may return {many} objects; the limit (max_cost) is {limits.max_cost}. "
                    f"Ask for smaller pages (first): a page size given by a variable counts as its maximum, "
                    f"a list without one as {LIST_ESTIMATE}, and nested pages multiply.",
                    "max_cost", limits.max_cost, cost, node))

    return OperationShapeRule


def _too_complex(message: str, limit: str, maximum: int, measured: int, nodes: Any = None) -> QueryRejected:
    return QueryRejected(message, nodes=nodes, limit=limit, maximum=maximum, measured=measured)


class _TooDeep(Exception):
    pass


class _Measure:
    """Depth and cost of selections, fragments measured once each (cost scales linearly)."""

    def __init__(self, context: Any) -> None:
        self.context = context
        self.fragments: dict[tuple[str, bool], tuple[int, int]] = {}
        self.open: set[str] = set()

    def selections(self, selection_set: SelectionSetNode, parent: Any, in_page: bool,
                   level: int) -> tuple[int, int]:
        if level > NESTING_CEILING:
            raise _TooDeep
        depth = cost = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                d, c = self.field(selection, parent, in_page, level)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                typ = self.context.schema.get_type(condition.name.value) if condition else parent
                d, c = self.selections(selection.selection_set, typ or parent, in_page, level)
            elif isinstance(selection, FragmentSpreadNode):
                d, c = self.fragment(selection.name.value, in_page, level)
            depth, cost = max(depth, d), min(cost + c, COST_CEILING)
        return depth, cost

    def fragment(self, name: str, in_page: bool, level: int) -> tuple[int, int]:
        key = (name, in_page)
        if key not in self.fragments:
            definition = self.context.get_fragment(name)
            if definition is None or name in self.open:  # unknown or cyclic: the GraphQL rules say so
                return 0, 0
            typ = self.context.schema.get_type(definition.type_condition.name.value)
            if typ is None:
                return 0, 0
            self.open.add(name)
            try:
                self.fragments[key] = self.selections(definition.selection_set, typ, in_page, level)
            finally:
                self.open.discard(name)
        depth, cost = self.fragments[key]
        if level + depth > NESTING_CEILING:
            raise _TooDeep
        return depth, cost

    def field(self, node: FieldNode, parent: Any, in_page: bool, level: int) -> tuple[int, int]:
        fields = getattr(parent, "fields", None) or {}
        definition = fields.get(node.name.value)
        if definition is None:  # __typename, introspection (own limits) or unknown (the GraphQL rules)
            return 1, 0
        is_list = is_list_type(get_nullable_type(definition.type))
        named = get_named_type(definition.type)
        size = _size(node, definition)
        if size is not None:
            items = size
        else:
            # The lists of a page (edges, nodes) hold the page's items, already counted.
            items = 1 if in_page or not is_list else LIST_ESTIMATE
        counted = is_composite_type(named) and (size is not None or (is_list and not in_page))
        own = (items if counted else 0) + sum(ARGUMENT_COSTS[a.name.value](a.value) for a in node.arguments or ()
                                              if a.name.value in ARGUMENT_COSTS and a.name.value in definition.args)
        if node.selection_set is None:
            return 1, own
        depth, cost = self.selections(node.selection_set, named, size is not None and not is_list, level + 1)
        return 1 + depth, min(own + items * cost, COST_CEILING)


def _size(node: FieldNode, definition: Any) -> int | None:
    """The page or list size a field asks for, or None when it has no size argument."""
    given = {argument.name.value: argument.value for argument in node.arguments or ()}
    for name, maximum in SIZE_ARGUMENTS.items():
        if name not in definition.args:
            continue
        value = given.get(name)
        if isinstance(value, VariableNode):
            return maximum
        if isinstance(value, IntValueNode):
            return max(0, min(int(value.value) if len(value.value) < 10 else maximum, maximum))
        if isinstance(value, ListValueNode):
            return min(len(value.values), maximum)
        default = definition.args[name].default_value
        return default if isinstance(default, int) else LIST_ESTIMATE
    return None


def _count_rule(limits: Limits) -> type[ValidationRule]:
    class DocumentCountsRule(ValidationRule):
        """Aliased or repeated fields, directives and string arguments of the whole document."""

        def __init__(self, context: Any) -> None:
            super().__init__(context)
            self.copies = 0
            self.directives = 0

        def enter_field(self, node: FieldNode, *_: Any) -> None:
            if node.alias is not None:
                self.copies += 1
            self._count_repeats(node.selection_set)

        def enter_operation_definition(self, node: Any, *_: Any) -> None:
            self._count_repeats(node.selection_set)

        enter_fragment_definition = enter_operation_definition

        def _count_repeats(self, selection_set: SelectionSetNode | None) -> None:
            if selection_set is not None:
                names = list(_response_names(selection_set, self.context, set()))
                self.copies += len(names) - len(set(names))

        def enter_directive(self, *_: Any) -> None:
            self.directives += 1

        def enter_string_value(self, node: Any, *_: Any) -> None:
            problem = _string_problem(node.value, limits.max_string_length)
            if problem:
                self.report_error(QueryRejected(f"A string argument {problem}", ErrorCode.BAD_USER_INPUT,
                                                nodes=node))

        def leave_document(self, node: DocumentNode, *_: Any) -> None:
            if self.copies > limits.max_aliases:
                self.report_error(_too_complex(
                    f"The document has {self.copies} aliased or repeated fields; the limit (max_aliases) is "
                    f"{limits.max_aliases}. Ask for each field once, or send separate requests.",
                    "max_aliases", limits.max_aliases, self.copies))
            if self.directives > limits.max_directives:
                self.report_error(_too_complex(
                    f"The document has {self.directives} directives; the limit (max_directives) is "
                    f"{limits.max_directives}. Use fewer directives.",
                    "max_directives", limits.max_directives, self.directives))

    return DocumentCountsRule


def _response_names(selection_set: SelectionSetNode, context: Any, spread: set[str]) -> Iterator[str]:
    """Response names of one selection set, through inline fragments and fragment spreads."""
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield (selection.alias or selection.name).value
        elif isinstance(selection, InlineFragmentNode):
            yield from _response_names(selection.selection_set, context, spread)
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in spread:
            spread.add(selection.name.value)
            definition = context.get_fragment(selection.name.value)
            if definition is not None:
                yield from _response_names(definition.selection_set, context, spread)


def _string_problem(value: str, max_length: int) -> str | None:
    """What is wrong with a string argument, worded to follow "A string …", or None."""
    if len(value) > max_length:
        return f"holds {len(value)} characters; the limit (max_string_length) is {max_length}. Shorten it."
    control = _CONTROL.search(value)
    if control:
        return f"holds the control character U+{ord(control.group()):04X}; remove it."
    return None


def check_variables(variables: Mapping[str, Any] | None, limits: Limits) -> QueryRejected | None:
    """The first string in the variables that is too long or holds a control character."""
    stack: list[tuple[str, Any]] = [(f"${name}", value) for name, value in (variables or {}).items()]
    while stack:  # not recursive: JSON may nest deeper than Python's recursion limit
        where, value = stack.pop()
        if isinstance(value, str):
            problem = _string_problem(value, limits.max_string_length)
            if problem:
                return QueryRejected(f"The variable {where} {problem}", ErrorCode.BAD_USER_INPUT)
        elif isinstance(value, dict):
            stack.extend((f"{where}.{key}", item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", item) for i, item in enumerate(value))
    return None


# -- the extension ---------------------------------------------------------------

#: Documents remembered, and their total characters (about 75 bytes of memory each).
CACHE_ENTRIES = 1024
CACHE_CHARACTERS = 1_000_000


class DocumentChecker:
    """Parses, limits and validates document texts, remembering the outcome of each text.

    Shared by the `CheckedDocuments` extension (strawberry's pipeline) and the
    fast path (`schema.execution`), so both see the same cache.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.rules = limit_rules(limits)
        self.cache = _DocumentCache(CACHE_ENTRIES, CACHE_CHARACTERS)

    def parse(self, query: str) -> DocumentNode:
        """Parse with the token limit; raises `GraphQLSyntaxError` or `QueryRejected`."""
        maximum = self.limits.max_tokens
        try:
            return parse(query, max_lexical_tokens=maximum, max_comments=maximum)
        except GraphQLSyntaxError as error:
            # graphql-core words its own limits as syntax errors ("... Parsing aborted."); they are limits.
            if "Parsing aborted" not in error.message:
                raise
            if "nested too deeply" in error.message:
                raise QueryRejected("The document is nested too deeply to parse. Ask for fewer nested fields.",
                                    limit="nesting") from None
            raise QueryRejected(
                f"The document has more than {maximum} tokens (or comments); the limit (max_tokens) is "
                f"{maximum}. Split it, or ask for less.",
                limit="max_tokens", maximum=maximum,
            ) from None

    def validate(self, schema: GraphQLSchema, query: str, document: DocumentNode,
                 rules: Sequence[type[ASTValidationRule]]) -> Checked:
        """Validate the limits first, then ``rules`` (graphql-core's), and remember the outcome."""
        errors = validate_document(schema, document, self.rules) or validate_document(schema, document, tuple(rules))
        checked = Checked(document, tuple(errors))
        self.cache.put(query, checked)
        return checked

    def pre_execution_errors(self, checked: Checked, variables: Mapping[str, Any] | None,
                             graph: Any = None) -> list[GraphQLError]:
        """The document's errors, or else the first problem of the variables, if any."""
        if checked.errors:
            return list(checked.errors)
        rejected = check_variables(variables, self.limits)
        return [rejected] if rejected else []


def checked_documents(checker: DocumentChecker) -> Callable[[], SchemaExtension]:
    """A factory of the extension that parses, limits and validates documents with ``checker``."""
    return lambda: CheckedDocuments(checker)


@dataclass(frozen=True, slots=True)
class Checked:
    """A parsed document and its validation errors (none: it may run)."""

    document: DocumentNode
    errors: tuple[GraphQLError, ...]
    #: The fast path's shape and plan per operation name (`schema.execution`), kept with the document.
    plans: dict[str | None, Any] = field(default_factory=dict, compare=False, repr=False)


class CheckedDocuments(SchemaExtension):
    """Parse with the token limit, validate limits first and the GraphQL rules second, once per text."""

    def __init__(self, checker: DocumentChecker) -> None:
        super().__init__()
        self.checker = checker
        self.checked: Checked | None = None

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        self.checked = self.checker.cache.get(context.query) if context.query else None
        if self.checked is not None:
            context.graphql_document = self.checked.document
        elif context.query:
            context.graphql_document = self.checker.parse(context.query)
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if self.checked is None:
            document = context.graphql_document
            assert document is not None and context.query, "on_parse sets the document"
            self.checked = self.checker.validate(context.schema._schema, context.query, document,
                                                 context.validation_rules)
        context.pre_execution_errors = self.checker.pre_execution_errors(self.checked, context.variables)
        yield


class _DocumentCache:
    """Least-recently-used checked documents, bounded in entries and in characters of text."""

    def __init__(self, entries: int, characters: int) -> None:
        self.entries = entries
        self.characters = characters
        self.size = 0
        self.items: OrderedDict[str, Checked] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, text: str) -> Checked | None:
        with self.lock:
            found = self.items.get(text)
            if found is not None:
                self.items.move_to_end(text)
            return found

    def put(self, text: str | None, checked: Checked) -> None:
        if not text or len(text) > self.characters // 16:  # one huge text must not flush the rest
            return
        with self.lock:
            if text in self.items:
                return
            self.items[text] = checked
            self.size += len(text)
            while len(self.items) > self.entries or self.size > self.characters:
                old, _ = self.items.popitem(last=False)
                self.size -= len(old)
