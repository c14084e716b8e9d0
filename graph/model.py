"""The career graph: a frozen NetworkX multigraph with typed, indexed read access.

Nodes are keyed by stable ids (``role/technical-product-manager``) and carry
``kind``, ``name``, ``aliases``, ``description`` and ``sources``; edges are keyed
by their relation type and carry ``sources``. `CareerGraph` wraps the NetworkX
graph (it does not subclass it) and precomputes what readers ask for most: the
typed node records, a name index and each node's relations in display order.
The graph is immutable once built, so these never go stale.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

import networkx as nx

from graph.errors import EntityNotFound
from seed.records import EntityKind, RelationType, Source, YearRange, normalize_name

__all__ = [
    "KIND_ORDER",
    "CareerGraph",
    "Direction",
    "DocumentInfo",
    "Edge",
    "Node",
    "Relation",
    "entity_order",
]

#: Display and tie-breaking order of kinds: career positions first.
KIND_ORDER: tuple[EntityKind, ...] = tuple(EntityKind)
RELATION_ORDER: tuple[RelationType, ...] = tuple(RelationType)


class Direction(StrEnum):
    """Which way an edge is followed from the node it is asked on."""

    OUTGOING = "OUTGOING"
    INCOMING = "INCOMING"
    BOTH = "BOTH"


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A document the graph was built from."""

    name: str
    sha256: str


@dataclass(frozen=True, slots=True)
class Node:
    """One entity of the graph."""

    id: str
    kind: EntityKind
    name: str
    aliases: tuple[str, ...]
    description: str | None
    sources: tuple[Source, ...]
    #: Years of experience the text states for this position; None when it states none.
    years: YearRange | None = None


@dataclass(frozen=True, slots=True)
class Edge:
    """One typed edge of the graph."""

    type: RelationType
    source: str
    target: str
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class Relation:
    """An edge seen from one of its ends: ``other`` is the far end's id."""

    edge: Edge
    direction: Direction
    other: str


class CareerGraph:
    """Read access to a built career graph.

    Example
    -------
    >>> from graph.build import build_graph
    >>> from seed import extract_seed
    >>> g = build_graph(extract_seed())
    >>> g.find("senior tpm").name
    'Senior Technical Product Manager'
    """

    def __init__(
        self, graph: nx.MultiDiGraph, documents: Sequence[DocumentInfo], redirects: Mapping[str, str] | None = None
    ) -> None:
        # Takes ownership of ``graph`` and freezes it in place: nothing may change it from here on.
        self.graph: nx.MultiDiGraph = nx.freeze(graph)
        self.documents: tuple[DocumentInfo, ...] = tuple(documents)
        self._nodes = {node_id: _node(node_id, data) for node_id, data in graph.nodes(data=True)}
        #: Ids of nodes joined into another (a level into its ladder rung) → the id they joined.
        self.redirects: dict[str, str] = {
            old: new for old, new in sorted((redirects or {}).items()) if new in self._nodes and old not in self._nodes
        }
        self._ordered = tuple(sorted(self._nodes.values(), key=entity_order))
        self._by_kind: dict[EntityKind, tuple[Node, ...]] = {
            kind: tuple(node for node in self._ordered if node.kind is kind) for kind in KIND_ORDER
        }
        self._names = _name_index(self._ordered)
        self._relations = _relation_index(graph, self._nodes)
        # Each edge is indexed from both ends; networkx's own count walks every adjacency (a second at 500,000).
        self.edge_count: int = sum(map(len, self._relations.values())) // 2
        self.version = _version(self.documents, self._ordered, graph, self.redirects)
        #: When this graph was built or loaded (a reload makes a new graph).
        self.loaded_at: datetime = datetime.now(UTC)

    #: Caches (search index, move graph) key on the graph's identity.
    __hash__ = object.__hash__

    def __len__(self) -> int:
        return len(self._nodes)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._nodes

    def get(self, node_id: str) -> Node | None:
        """The node with this id (or the node an old id was joined into), or None."""
        found = self._nodes.get(node_id)
        if found is None and node_id in self.redirects:
            return self._nodes[self.redirects[node_id]]
        return found

    def node(self, node_id: str) -> Node:
        """The node with this id (following `redirects`); raises `EntityNotFound`."""
        found = self.get(node_id)
        if found is None:
            raise EntityNotFound(node_id)
        return found

    def entities(self, kind: EntityKind | None = None) -> Sequence[Node]:
        """All nodes, or those of one kind, in a stable order (kind, name, id)."""
        return self._ordered if kind is None else self._by_kind.get(kind, ())

    def kind_counts(self) -> dict[EntityKind, int]:
        counts = Counter(node.kind for node in self._ordered)
        return {kind: counts[kind] for kind in KIND_ORDER}

    def find(self, name: str, kinds: Iterable[EntityKind] | None = None) -> Node | None:
        """Exact look-up by id, name or alias, case-insensitive; None when none.

        When a name is shared, a canonical name beats an alias, then kinds
        come in `KIND_ORDER`. A miss that needs suggestions: `graph.lookup.resolve`.
        """
        allowed = set(kinds) if kinds is not None else None
        direct = self.get(name.strip())
        if direct is not None and (allowed is None or direct.kind in allowed):
            return direct
        for node in self._names.get(normalize_name(name), ()):
            if allowed is None or node.kind in allowed:
                return node
        return None

    def resolve(self, name: str, kinds: Iterable[EntityKind] | None = None, what: str = "entity") -> Node:
        """Like `find`, but raises `EntityNotFound` with suggestions: a shortcut for `graph.lookup.resolve`."""
        from graph.lookup import resolve  # the look-ups' one module; it builds on this one

        return resolve(self, name, kinds, what)

    def suggest(self, name: str, kinds: Iterable[EntityKind] | None = None, limit: int = 5) -> list[str]:
        """Canonical names closest to ``name``: a shortcut for `graph.lookup.suggest`."""
        from graph.lookup import suggest

        return suggest(self, name, kinds, limit)

    def relations(
        self,
        node_id: str,
        type: RelationType | None = None,
        direction: Direction = Direction.BOTH,
        kind: EntityKind | None = None,
    ) -> list[Relation]:
        """Edges touching a node, outgoing before incoming, in a stable order."""
        return [
            relation
            for relation in self._relations.get(node_id, ())
            if (type is None or relation.edge.type is type)
            and (direction is Direction.BOTH or relation.direction is direction)
            and (kind is None or self._nodes[relation.other].kind is kind)
        ]

    def neighbours(
        self, node_id: str, type: RelationType, direction: Direction = Direction.OUTGOING
    ) -> list[Node]:
        """Nodes one edge of ``type`` away, in the same order as `relations`."""
        return [self._nodes[r.other] for r in self.relations(node_id, type, direction)]

    def edges(self) -> Iterable[Edge]:
        for source, target, data in self.graph.edges(data=True):
            yield Edge(data["type"], source, target, data["sources"])


def _node(node_id: str, data: dict) -> Node:
    return Node(
        id=node_id,
        kind=data["kind"],
        name=data["name"],
        aliases=tuple(data.get("aliases", ())),
        description=data.get("description"),
        sources=tuple(data.get("sources", ())),
        years=data.get("years"),
    )


def entity_order(node: Node) -> tuple[int, str, str]:
    """The graph's stable order of nodes: kind, casefolded name, id (also the tie-break of paths)."""
    return (KIND_ORDER.index(node.kind), node.name.casefold(), node.id)


def _name_index(nodes: Sequence[Node]) -> dict[str, list[Node]]:
    """Normalized name or alias → nodes, canonical names first, then kind order."""
    ranked: dict[str, list[tuple[int, tuple[int, str, str], Node]]] = defaultdict(list)
    for node in nodes:
        ranked[normalize_name(node.name)].append((0, entity_order(node), node))
        for alias in node.aliases:
            ranked[normalize_name(alias)].append((1, entity_order(node), node))
    return {key: [node for *_, node in sorted(entries, key=lambda e: e[:2])] for key, entries in ranked.items()}


def _relation_index(graph: nx.MultiDiGraph, nodes: dict[str, Node]) -> dict[str, list[Relation]]:
    index: dict[str, list[Relation]] = defaultdict(list)
    for source, target, data in graph.edges(data=True):
        edge = Edge(data["type"], source, target, tuple(data["sources"]))
        index[source].append(Relation(edge, Direction.OUTGOING, target))
        index[target].append(Relation(edge, Direction.INCOMING, source))
    # Sort keys computed once per node and type, not once per comparison.
    node_order = {node_id: entity_order(node) for node_id, node in nodes.items()}
    type_order = {relation_type: i for i, relation_type in enumerate(RELATION_ORDER)}

    def order(relation: Relation) -> tuple[int, int, tuple[int, str, str]]:
        return (
            relation.direction is Direction.INCOMING,
            type_order[relation.edge.type],
            node_order[relation.other],
        )

    return {node_id: sorted(relations, key=order) for node_id, relations in index.items()}


def _version(documents: Sequence[DocumentInfo], nodes: Sequence[Node], graph: nx.MultiDiGraph,
             redirects: Mapping[str, str]) -> str:
    """Content hash of the graph: its documents, nodes (with names) and edges."""
    digest = hashlib.sha256()
    for document in documents:
        digest.update(f"{document.name}\0{document.sha256}\n".encode())
    digest.update("\n".join(f"{node.id}\0{node.name}" for node in nodes).encode())
    digest.update("\n".join(sorted(f"{u}\0{v}\0{k}" for u, v, k in graph.edges(keys=True))).encode())
    digest.update("".join(f"\n{old}\0{new}" for old, new in redirects.items()).encode())
    return digest.hexdigest()[:16]
