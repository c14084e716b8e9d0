"""Limits on what one GraphQL request may ask for, checked before anything runs.

A public, read-only API answers whoever asks, so every document is measured
before a resolver runs, and refused with ``extensions.code`` when it is too
big, saying which limit it broke, by how much and what to do instead:

- ``max_tokens``: lexical tokens, counted while parsing (`QUERY_TOO_COMPLEX`).
- ``max_depth``: nesting of fields, through fragments (`QUERY_TOO_COMPLEX`).
- ``max_cost``: the GitHub-style node count, each list or page multiplying
  what is selected below it by the most items it can hold on the served graph
  (`schema.cost`); measured once per document and graph (`QUERY_TOO_COMPLEX`).
- ``max_aliases``: aliased or repeated fields, the copies a field-merging
  bomb is made of (`QUERY_TOO_COMPLEX`).
- ``max_directives`` (`QUERY_TOO_COMPLEX`).
- ``max_string_length``, and no control characters, in string arguments and
  variables; at most `MAX_LIST_ITEMS` items in a list variable and
  `MAX_VARIABLE_VALUES` values in all, checked before graphql-core coerces
  the variables (`BAD_USER_INPUT`, naming the variable).
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
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary

from cachetools import LRUCache
from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    GraphQLSyntaxError,
    InlineFragmentNode,
    NoSchemaIntrospectionCustomRule,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
    parse,
)
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from graph import CareerGraph
from schema.cost import COST_CEILING, LIST_ESTIMATE, NESTING_CEILING, Cost, GraphSizes, TooDeep, measure
from schema.errors import ErrorCode, QueryRejected
from schema.pagination import MAX_FIRST

__all__ = ["LIST_ESTIMATE", "Checked", "DocumentChecker", "Limits", "check_variables", "checked_documents",
           "limit_rules"]

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
    class OperationDepthRule(ValidationRule):
        """Depth of each operation (its cost depends on the graph: `DocumentChecker.pre_execution_errors`)."""

        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
            root = self.context.schema.get_root_type(node.operation)
            if root is None:
                return
            try:
                depth = measure(self.context.schema, _fragments(self.context.document), node.selection_set, root,
                                None).depth
            except TooDeep:
                depth = NESTING_CEILING + 1
            if depth > limits.max_depth:
                deep = f"more than {NESTING_CEILING}" if depth > NESTING_CEILING else str(depth)
                self.report_error(_too_complex(
                    f"The operation nests fields {deep} levels deep; the limit (max_depth) is "
                    f"{limits.max_depth}. Ask for fewer nested fields.",
                    "max_depth", limits.max_depth, depth, node))

    return OperationDepthRule


def _fragments(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


def _too_complex(message: str, limit: str, maximum: int, measured: int, nodes: Any = None) -> QueryRejected:
    return QueryRejected(message, nodes=nodes, limit=limit, maximum=maximum, measured=measured)


def cost_error(operation: OperationDefinitionNode, cost: Cost, limits: Limits) -> QueryRejected | None:
    """The refusal of an operation over ``max_cost``, with advice that fits what it asks for, or None."""
    if cost.cost <= limits.max_cost:
        return None
    many = f"more than {COST_CEILING}" if cost.cost >= COST_CEILING else f"up to {cost.cost}"
    advice = []
    if cost.pages:
        sized = ", ".join(f"{name}({argument})" for name, argument in cost.pages.items())
        advice.append(f"ask for smaller pages ({sized}; a size given by a variable counts as its maximum)")
    if cost.lists:
        held = ", ".join(f"{name} up to {items}" for name, items in cost.lists.items())
        advice.append(f"ask for fewer nested lists (in this graph {held})")
    return _too_complex(
        f"The operation may return {many} objects; the limit (max_cost) is {limits.max_cost}. Nested lists "
        f"multiply: {' or '.join(advice) or 'ask for less'}.",
        "max_cost", limits.max_cost, cost.cost, operation)


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


#: Items one list in the variables may hold: no list argument takes more (`MAX_FIRST` ids, pages, positions).
MAX_LIST_ITEMS = MAX_FIRST
#: Values (strings, numbers, list items, object fields) all the variables of one request may hold.
MAX_VARIABLE_VALUES = 10_000


def check_variables(variables: Mapping[str, Any] | None, limits: Limits) -> QueryRejected | None:
    """The first problem of the variables, found before graphql-core coerces them, or None.

    A list longer than `MAX_LIST_ITEMS`, more than `MAX_VARIABLE_VALUES` values
    in all, a string that is too long or holds a control character. Each
    refusal names the variable; the walk stops at the first, so a huge list
    costs no more than its length.

    >>> print(check_variables({"ids": ["x"] * 495_000}, Limits()).message)
    The variable $ids holds a list of 495000 items; the limit (max_list_items) is 100. Send fewer, or split ...
    >>> check_variables({"from": "TPM", "via": ["APM"]}, Limits()) is None
    True
    """
    budget = MAX_VARIABLE_VALUES
    for name, value in (variables or {}).items():
        stack: list[tuple[str, Any]] = [(f"${name}", value)]
        while stack:  # not recursive: JSON may nest deeper than Python's recursion limit
            where, value = stack.pop()
            budget -= 1
            size = len(value) if isinstance(value, (dict, list)) else 0
            if isinstance(value, list) and size > MAX_LIST_ITEMS:
                return _variable_rejected(
                    name, f"The variable {where} holds a list of {size} items; the limit (max_list_items) is "
                    f"{MAX_LIST_ITEMS}. Send fewer, or split the request.", "max_list_items", MAX_LIST_ITEMS, size)
            if budget < 0 or size > budget:
                return _variable_rejected(
                    name, f"The variables hold more than {MAX_VARIABLE_VALUES} values (the limit, "
                    f"max_variable_values, was passed at {where}). Send less, or split the request.",
                    "max_variable_values", MAX_VARIABLE_VALUES, MAX_VARIABLE_VALUES + 1)
            if isinstance(value, str):
                problem = _string_problem(value, limits.max_string_length)
                if problem:
                    return _variable_rejected(name, f"The variable {where} {problem}")
            elif isinstance(value, dict):
                stack.extend((f"{where}.{key}", item) for key, item in reversed(value.items()))
            elif isinstance(value, list):
                stack.extend((f"{where}[{i}]", item) for i, item in reversed(list(enumerate(value))))
    return None


def _variable_rejected(name: str, message: str, limit: str | None = None, maximum: int | None = None,
                       measured: int | None = None) -> QueryRejected:
    details: dict[str, object] = {"variable": name}
    if limit is not None:
        details.update(limit=limit, maximum=maximum, measured=measured)
    return QueryRejected(message, ErrorCode.BAD_USER_INPUT, **details)


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
        self.sizes: WeakKeyDictionary[CareerGraph, GraphSizes] = WeakKeyDictionary()

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
        checked = Checked(document, tuple(errors), schema)
        self.cache.put(query, checked)
        return checked

    def pre_execution_errors(self, checked: Checked, variables: Mapping[str, Any] | None,
                             graph: CareerGraph | None = None) -> list[GraphQLError]:
        """The document's errors, else the first problem of the variables, else operations over ``max_cost``."""
        if checked.errors:
            return list(checked.errors)
        rejected = check_variables(variables, self.limits)
        if rejected:
            return [rejected]
        return self.cost_errors(checked, graph)

    def cost_errors(self, checked: Checked, graph: CareerGraph | None) -> list[GraphQLError]:
        """The operations of a valid document that cost more than ``max_cost`` on ``graph``, once per graph."""
        key = graph if graph is not None else _NO_GRAPH
        found = checked.costs.get(key)
        if found is None:
            found = checked.costs[key] = self._cost_errors(checked, graph)
        return list(found)

    def _cost_errors(self, checked: Checked, graph: CareerGraph | None) -> tuple[GraphQLError, ...]:
        schema = checked.schema
        sizes = self.sizes.get(graph) if graph is not None else None
        if sizes is None:
            sizes = GraphSizes(schema, graph)
            if graph is not None:
                sizes = self.sizes.setdefault(graph, sizes)
        fragments = _fragments(checked.document)
        errors = []
        for operation in checked.document.definitions:
            if not isinstance(operation, OperationDefinitionNode):
                continue
            root = schema.get_root_type(operation.operation)
            if root is not None:
                error = cost_error(operation, measure(schema, fragments, operation.selection_set, root, sizes),
                                   self.limits)
                if error is not None:
                    errors.append(error)
        return tuple(errors)

    def cost(self, query: str, graph: CareerGraph | None) -> int | None:
        """The cost of the costliest operation of a document checked before (None: not in the cache, or invalid).

        For a caller that treats costly requests apart (a separate lane or queue)."""
        checked = self.cache.get(query)
        if checked is None or checked.errors:
            return None
        sizes = self.sizes.get(graph) if graph is not None else None
        sizes = sizes or GraphSizes(checked.schema, graph)
        fragments = _fragments(checked.document)
        costs = [measure(checked.schema, fragments, o.selection_set, root, sizes).cost
                 for o in checked.document.definitions if isinstance(o, OperationDefinitionNode)
                 and (root := checked.schema.get_root_type(o.operation)) is not None]
        return max(costs, default=0)


class _NoGraph:
    """The key of costs measured without a graph (flat estimates)."""


_NO_GRAPH = _NoGraph()


def checked_documents(checker: DocumentChecker) -> Callable[[], SchemaExtension]:
    """A factory of the extension that parses, limits and validates documents with ``checker``."""
    return lambda: CheckedDocuments(checker)


@dataclass(frozen=True, slots=True)
class Checked:
    """A parsed document and its validation errors (none: it may run)."""

    document: DocumentNode
    errors: tuple[GraphQLError, ...]
    schema: GraphQLSchema
    #: The fast path's shape and plan per operation name (`schema.execution`), kept with the document.
    plans: dict[str | None, Any] = field(default_factory=dict, compare=False, repr=False)
    #: Operations over ``max_cost``, per graph served (`DocumentChecker.cost_errors`).
    costs: WeakKeyDictionary[Any, tuple[GraphQLError, ...]] = field(default_factory=WeakKeyDictionary,
                                                                     compare=False, repr=False)


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
        graph = getattr(context.context, "graph", None)
        context.pre_execution_errors = self.checker.pre_execution_errors(self.checked, context.variables, graph)
        yield


class _DocumentCache:
    """Least-recently-used checked documents, bounded in entries and in characters of text.

    A `cachetools.LRUCache` weighing each entry by its text's length, and at
    least ``characters // entries``, so neither bound is passed; the lock
    makes it safe across threads (cachetools' caches are not).
    """

    def __init__(self, entries: int, characters: int) -> None:
        self.characters = characters
        self.floor = max(1, characters // entries)
        self.items: LRUCache[str, tuple[int, Checked]] = LRUCache(maxsize=characters, getsizeof=_weight)
        self.lock = threading.Lock()

    @property
    def size(self) -> int:
        """The weight held: characters of text, each entry counted as at least the floor."""
        return int(self.items.currsize)

    def get(self, text: str) -> Checked | None:
        with self.lock:
            found = self.items.get(text)
        return found[1] if found is not None else None

    def put(self, text: str | None, checked: Checked) -> None:
        if not text or len(text) > self.characters // 16:  # one huge text must not flush the rest
            return
        with self.lock:
            if text not in self.items:
                self.items[text] = (max(len(text), self.floor), checked)


def _weight(entry: tuple[int, Checked]) -> int:
    return entry[0]
