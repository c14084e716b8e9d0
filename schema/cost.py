"""What an operation may cost, counted against the largest lists the served graph really holds.

The cost is GitHub's node count: each list or connection multiplies what is
selected below it by the most items it can hold. A page holds its page size
(``first``, ``k``, the number of ``ids``: a literal up to its maximum, a
variable as its maximum). A list without a page size holds at most what the
graph gives it, and the graph never changes while it is served, so
`GraphSizes` measures it once per graph and field:

- a list field of an entity type (``Role.levels``): the longest such list any
  entity of that type has (strawberry's own resolver, run on each of them, or
  on the `CENSUS_ENTITIES` best connected of a larger type);
- a list of entities drawn from a position's lists (``Change.gained``,
  `POSITION_LISTS`): the longest list of entities a position holds;
- a list of entities elsewhere (``roles``, ``LadderRung.roles``): how many
  entities of that type the graph holds; of sources: the most sources one
  entity or relation has; of reachable positions or ladder rungs: the number
  of positions;
- a list of career steps (``CareerPath.steps``): a bound on the length of a
  shortest path, `GraphSizes.path_steps` (`shortest_path_bound`);
- anything else, and every list when no graph is given: `LIST_ESTIMATE`.

So ``roles { levels { responsibilities { sources { text } } } }`` costs what
it could return on this graph, not 20 × 20 × 20 × 20, and
``careerPaths(k: 10) { steps { name } }`` costs 10 × the path bound.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from inspect import isawaitable
from typing import Any, cast

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    NameNode,
    SelectionSetNode,
    VariableNode,
    VariableValues,
    get_argument_values,
    get_named_type,
    get_nullable_type,
    is_composite_type,
    is_interface_type,
    is_list_type,
    is_object_type,
)
from graphql.pyutils import Path

from graph import CareerGraph
from graph.paths import MAX_PATHS, POSITION_KINDS, _moves
from schema.context import Context
from schema.pagination import MAX_FIRST
from schema.types import to_entity
from schema.types.filters import where_cost
from seed.records import EntityKind

__all__ = ["COST_CEILING", "LIST_ESTIMATE", "NESTING_CEILING", "SIZE_ARGUMENTS", "Cost", "GraphSizes", "TooDeep",
           "measure", "shortest_path_bound"]

logger = logging.getLogger("careergraph.cost")

#: Items a list without a page size is assumed to hold when there is no graph to measure.
LIST_ESTIMATE = 20

#: Arguments that size a list or page, with their largest accepted value.
#: A literal counts up to that value, a variable counts as that value.
SIZE_ARGUMENTS = {"first": MAX_FIRST, "k": MAX_PATHS, "ids": MAX_FIRST}

#: Entities of a type, at most, whose lists are measured by running their resolvers: on a larger graph,
#: the best connected ones (the longest lists are theirs).
CENSUS_ENTITIES = 5_000

#: Types whose lists of entities are drawn from one position's own lists (what changes between two
#: positions, what two share): they count the longest list of entities a position holds.
POSITION_LISTS = frozenset({"Change", "SimilarPosition"})

#: Arguments whose value is work in itself (a filter's conditions), with the cost it adds to its field.
ARGUMENT_COSTS = {"where": where_cost}

#: Deeper than this the walk stops: the document is refused whatever max_depth says.
NESTING_CEILING = 100
#: Costs saturate here: enough to refuse, small enough for JSON.
COST_CEILING = 10**12


class TooDeep(Exception):
    """The selections nest deeper than `NESTING_CEILING`."""


# -- the largest lists of one graph ------------------------------------------------


class GraphSizes:
    """The most items each list field can hold on one graph, measured on first use (thread-safe)."""

    def __init__(self, schema: GraphQLSchema, graph: CareerGraph | None) -> None:
        self.schema = schema
        self.graph = graph
        self._lists: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()
        self._kinds: dict[str, tuple[EntityKind, ...]] | None = None
        self._path_steps: int | None = None

    def list_size(self, parent: GraphQLNamedType, name: str, definition: GraphQLField) -> int:
        """The most items field ``name`` of ``parent`` (a list without a page size) can return."""
        if self.graph is None:
            return LIST_ESTIMATE
        key = (parent.name, name)
        found = self._lists.get(key)
        if found is None:
            found = self._measured(parent, name, definition)
            with self._lock:
                self._lists[key] = found
        return found

    def _measured(self, parent: GraphQLNamedType, name: str, definition: GraphQLField) -> int:
        graph = self.graph
        assert graph is not None
        item = get_named_type(definition.type)
        kinds = self._entity_kinds(parent)
        if kinds:
            entities = [node for kind in kinds for node in graph.entities(kind)]
            if len(entities) > CENSUS_ENTITIES:  # the longest lists belong to the best connected
                entities = sorted(entities, key=lambda node: -len(graph.relations(node.id)))[:CENSUS_ENTITIES]
            try:
                return self._longest(parent, name, definition, (to_entity(node) for node in entities))
            except Exception:  # the bound below still holds; a resolver that fails here fails for its caller too
                logger.exception("cannot measure %s.%s on this graph; bounding it by its item type", parent.name, name)
        elif parent.name in POSITION_LISTS and self._entity_kinds(item):
            return self._longest_position_list()
        return self._bound(item)

    def _longest_position_list(self) -> int:
        """The longest list of entities any position holds (what changes between two, what two share)."""
        longest = 0
        for kind in POSITION_KINDS:
            typename = next((name for name, kinds in (self._kinds or {}).items() if kind in kinds), None)
            type_ = self.schema.get_type(typename) if typename else None
            for name, definition in getattr(type_, "fields", {}).items():
                listed = get_named_type(definition.type)
                if is_list_type(get_nullable_type(definition.type)) and self._entity_kinds(listed) \
                        and not any(argument in definition.args for argument in SIZE_ARGUMENTS):
                    longest = max(longest, self.list_size(cast(GraphQLNamedType, type_), name, definition))
        return longest

    def _longest(self, parent: GraphQLNamedType, name: str, definition: GraphQLField, sources: Iterable[Any]) -> int:
        """The longest list strawberry's resolver of the field returns for any of ``sources``."""
        resolve = definition.resolve
        assert resolve is not None, "strawberry gives every field a resolver"
        node = FieldNode(name=NameNode(value=name), arguments=())
        arguments = get_argument_values(definition, node)
        info = GraphQLResolveInfo(
            field_name=name, field_nodes=[node], return_type=definition.type,
            parent_type=cast(GraphQLObjectType, parent), path=Path(None, name, parent.name), schema=self.schema,
            fragments={}, root_value=None, operation=cast(Any, None), variable_values=VariableValues({}, {}),
            context=Context(cast(CareerGraph, self.graph)), is_awaitable=cast(Any, isawaitable), abort_signal=None,
            async_helpers=cast(Any, None),
        )
        longest = 0
        for source in sources:
            value = resolve(source, info, **arguments)
            if isawaitable(value):
                raise TypeError(f"{parent.name}.{name} resolves asynchronously")
            longest = max(longest, len(value) if value is not None else 0)
        return longest

    def _entity_kinds(self, type_: GraphQLNamedType) -> tuple[EntityKind, ...]:
        """The graph's entity kinds whose GraphQL type is ``type_`` or implements it (none: not an entity type)."""
        if self._kinds is None:
            assert self.graph is not None
            kinds: dict[str, list[EntityKind]] = {}
            for kind in EntityKind:
                nodes = self.graph.entities(kind)
                if nodes:
                    typename = type(to_entity(nodes[0])).__strawberry_definition__.name  # type: ignore[attr-defined]
                    kinds.setdefault(typename, []).append(kind)
            self._kinds = {name: tuple(found) for name, found in kinds.items()}
        if is_object_type(type_):
            return self._kinds.get(type_.name, ())
        if is_interface_type(type_):
            possible = self.schema.get_possible_types(cast(Any, type_))
            return tuple(kind for t in possible for kind in self._kinds.get(t.name, ()))
        return ()

    def _bound(self, item: GraphQLNamedType) -> int:
        """The most items a list of ``item`` can hold where no source can be enumerated."""
        graph = self.graph
        assert graph is not None
        positions = sum(len(graph.entities(kind)) for kind in POSITION_KINDS)
        bounds: dict[str, Callable[[], int]] = {
            "CareerStep": self.path_steps,
            "ReachablePosition": lambda: positions,
            "LadderRung": lambda: positions,
            "Source": lambda: max(max((len(n.sources) for n in graph.entities()), default=0),
                                  max((len(e.sources) for e in graph.edges()), default=0)),
        }
        if item.name in bounds:
            return bounds[item.name]()
        kinds = self._entity_kinds(item)
        if kinds:
            return sum(len(graph.entities(kind)) for kind in kinds)
        return LIST_ESTIMATE

    def path_steps(self) -> int:
        """At most how many positions a shortest career path visits on this graph (`shortest_path_bound`).

        Bounds `careerPath` (a shortest path); `careerPaths` counts its ``k`` paths as that many of
        these, the length of its alternatives (the next shortest) being near it, not bounded by it."""
        if self._path_steps is None:
            assert self.graph is not None
            # The moves index the path functions search (graph.paths), so the bound follows their move rule.
            self._path_steps = shortest_path_bound(_moves(self.graph).succ)
        return self._path_steps


def shortest_path_bound(successors: Sequence[Sequence[int]]) -> int:
    """At most how many nodes a shortest path visits in the digraph ``successors`` (``u``'s targets at
    ``successors[u]``).

    A shortest path passes a chain of strongly connected components, each once, and inside one it is a
    shortest path of that component, no longer than its diameter; and a diameter is at most
    ``eccentricity_out(v) + eccentricity_in(v)`` for any member ``v`` (two breadth-first searches). So the
    bound is the heaviest chain of components, each weighing that plus one (and no more than its size).

    >>> shortest_path_bound([[1], [2], [1], [2]])  # 0 -> 1 <-> 2 <- 3
    3
    >>> shortest_path_bound([[1], [2], [3], [0]])  # a ring of four: at most four nodes, not eight
    4
    """
    component, members = _components(successors)
    predecessors: list[list[int]] = [[] for _ in successors]
    for u, targets in enumerate(successors):
        for v in targets:
            predecessors[v].append(u)
    heaviest = [0] * len(members)
    for c, nodes in enumerate(members):  # Tarjan closes a component after every component it reaches
        weight = 1
        if len(nodes) > 1:
            weight = min(len(nodes), _eccentricity(nodes[0], successors, component) +
                         _eccentricity(nodes[0], predecessors, component) + 1)
        heaviest[c] = weight + max((heaviest[component[t]] for u in nodes for t in successors[u]
                                    if component[t] != c), default=0)
    return max(heaviest, default=0)


def _eccentricity(start: int, neighbours: Sequence[Sequence[int]], component: list[int]) -> int:
    """The farthest distance from ``start`` within its component, following ``neighbours``."""
    home = component[start]
    seen = {start}
    frontier = [start]
    depth = -1
    while frontier:
        depth += 1
        frontier = [v for u in frontier for v in neighbours[u] if component[v] == home and v not in seen
                    and not seen.add(v)]  # type: ignore[func-returns-value]
    return depth


def _components(successors: Sequence[Sequence[int]]) -> tuple[list[int], list[list[int]]]:
    """Strongly connected components (iterative Tarjan): each node's component, and each component's nodes,
    components numbered so that one comes after every component it reaches."""
    count = len(successors)
    index = [-1] * count
    low = [0] * count
    on_stack = [False] * count
    stack: list[int] = []
    component = [-1] * count
    members: list[list[int]] = []
    counter = 0
    for start in range(count):
        if index[start] != -1:
            continue
        work = [(start, 0)]
        while work:
            node, edge = work.pop()
            if edge == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack[node] = True
            targets = successors[node]
            while edge < len(targets):
                target = targets[edge]
                edge += 1
                if index[target] == -1:
                    work.append((node, edge))
                    work.append((target, 0))
                    break
                if on_stack[target]:
                    low[node] = min(low[node], index[target])
            else:
                if low[node] == index[node]:
                    nodes = []
                    while True:
                        member = stack.pop()
                        on_stack[member] = False
                        component[member] = len(members)
                        nodes.append(member)
                        if member == node:
                            break
                    members.append(nodes)
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
    return component, members


# -- measuring an operation ---------------------------------------------------------


@dataclass
class Cost:
    """Depth and cost of some selections, and the lists that made the cost, for the advice."""

    depth: int = 0
    cost: int = 0
    pages: dict[str, str] = field(default_factory=dict)  # field -> its size argument (first, k, ids)
    lists: dict[str, int] = field(default_factory=dict)  # list field without a page size -> its most items


def measure(schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode], selection_set: SelectionSetNode,
            root: GraphQLObjectType, sizes: GraphSizes | None) -> Cost:
    """The depth and cost of an operation's selections; raises `TooDeep` past `NESTING_CEILING`.

    Without ``sizes`` only the depth is meaningful (every list counts 1).
    """
    measured = _Measure(schema, fragments, sizes)
    measured.result.depth, measured.result.cost = measured.selections(selection_set, root, False, 1)
    return measured.result


class _Measure:
    """Depth and cost of selections, fragments measured once each (cost scales linearly)."""

    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode],
                 sizes: GraphSizes | None) -> None:
        self.schema = schema
        self.definitions = fragments
        self.sizes = sizes
        self.fragments: dict[tuple[str, bool], tuple[int, int]] = {}
        self.open: set[str] = set()
        self.result = Cost()

    def selections(self, selection_set: SelectionSetNode, parent: Any, in_page: bool,
                   level: int) -> tuple[int, int]:
        if level > NESTING_CEILING:
            raise TooDeep
        depth = cost = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                d, c = self.field(selection, parent, in_page, level)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                typ = self.schema.get_type(condition.name.value) if condition else parent
                d, c = self.selections(selection.selection_set, typ or parent, in_page, level)
            elif isinstance(selection, FragmentSpreadNode):
                d, c = self.fragment(selection.name.value, in_page, level)
            depth, cost = max(depth, d), min(cost + c, COST_CEILING)
        return depth, cost

    def fragment(self, name: str, in_page: bool, level: int) -> tuple[int, int]:
        key = (name, in_page)
        if key not in self.fragments:
            definition = self.definitions.get(name)
            if definition is None or name in self.open:  # unknown or cyclic: the GraphQL rules say so
                return 0, 0
            typ = self.schema.get_type(definition.type_condition.name.value)
            if typ is None:
                return 0, 0
            self.open.add(name)
            try:
                self.fragments[key] = self.selections(definition.selection_set, typ, in_page, level)
            finally:
                self.open.discard(name)
        depth, cost = self.fragments[key]
        if level + depth > NESTING_CEILING:
            raise TooDeep
        return depth, cost

    def field(self, node: FieldNode, parent: Any, in_page: bool, level: int) -> tuple[int, int]:
        fields = getattr(parent, "fields", None) or {}
        name = node.name.value
        definition = fields.get(name)
        if definition is None:  # __typename, introspection (own limits) or unknown (the GraphQL rules)
            return 1, 0
        is_list = is_list_type(get_nullable_type(definition.type))
        named = get_named_type(definition.type)
        composite = is_composite_type(named)
        size = _size(node, definition)
        if size is not None:
            items = size
            self.result.pages[name] = next(a for a in SIZE_ARGUMENTS if a in definition.args)
        elif in_page or not is_list:  # the lists of a page (edges, nodes) hold the page's items, already counted
            items = 1
        else:
            items = self.sizes.list_size(parent, name, definition) if self.sizes is not None and composite else 1
            if composite:
                self.result.lists[name] = max(items, self.result.lists.get(name, 0))
        counted = composite and (size is not None or (is_list and not in_page))
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
