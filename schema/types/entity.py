"""The `Node` and `Entity` interfaces, sources, relations and connections.

Every entity type (one module each beside this one) subclasses `Entity` and
registers itself for its kind with `entity_type`, so `to_entity` can turn any
graph node into its GraphQL type.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Generic, Self, TypeVar

import strawberry

from graph import CareerGraph
from graph import Node as GraphNode
from graph import Relation as GraphRelation
from schema.context import Info
from schema.memo import made_once, memo_of
from schema.pagination import Page, encode_cursor, paginate
from schema.types.enums import Direction, EntityKind, RelationType
from seed.records import EntityKind as GraphKind
from seed.records import Source as SourceRecord

__all__ = [
    "Entity",
    "EntityConnection",
    "Node",
    "Relation",
    "RelationConnection",
    "Source",
    "decode_global_id",
    "entity_type",
    "global_id",
    "page_size",
    "to_entity",
]

T = TypeVar("T")


@strawberry.interface(description="Anything with a stable global id (Relay Object Identification).")
class Node:
    id: strawberry.ID = strawberry.field(
        description="Opaque, stable id: the same entity keeps the same id across rebuilds of the same text."
    )


def global_id(node: GraphNode) -> str:
    """Relay global id: base64 of ``Kind:graph-id``, stable across rebuilds."""
    return base64.urlsafe_b64encode(f"{node.kind.value}:{node.id}".encode()).decode().rstrip("=")


def decode_global_id(value: str) -> str | None:
    """The graph id inside a global id, or None when ``value`` is not one."""
    if len(value) > 512:
        return None
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    kind, sep, node_id = raw.partition(":")
    if not sep or kind not in GraphKind.__members__:
        return None
    return node_id


@strawberry.type(description="Where the seed text states a fact: a quotable span of one document.")
class Source:
    document: str = strawberry.field(description="Name of the seed document.")
    line: int = strawberry.field(description="1-based line number in that document.")
    start: int = strawberry.field(description="0-based offset of the span's first character in the whole document.")
    end: int = strawberry.field(description="0-based offset just past the span's last character.")
    text: str = strawberry.field(description="The exact text of the span.")

    @classmethod
    def from_record(cls, source: SourceRecord) -> Source:
        return cls(document=source.document, line=source.line, start=source.start, end=source.end, text=source.text)


def sources_of(records: Sequence[SourceRecord]) -> list[Source]:
    """The GraphQL sources of a graph record's sources (made once per record)."""
    return made_once(records, _sources)


def _sources(records: Sequence[SourceRecord]) -> list[Source]:
    return [Source.from_record(s) for s in records]


@strawberry.type(description="Where a page of a connection sits in the whole list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items follow this page.")
    has_previous_page: bool = strawberry.field(description="Items precede this page.")
    start_cursor: str | None = strawberry.field(description="Cursor of the page's first item.")
    end_cursor: str | None = strawberry.field(description="Cursor of the page's last item; pass it as `after`.")


@strawberry.type(description="An item of a connection with its cursor.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(description="Opaque position of this item; pass it as `after`.")
    node: T = strawberry.field(description="The item.")


@strawberry.type(description="A page of a list, with Relay cursors.")
class Connection(Generic[T]):
    total_count: int = strawberry.field(description="Number of items in the whole list, over all pages.")
    page_info: PageInfo = strawberry.field(description="Where this page sits in the whole list.")
    edges: list[Edge[T]] = strawberry.field(description="The page's items with their cursors.")
    nodes: list[T] = strawberry.field(description="The page's items, without cursors.")


def page_size(connection: Connection) -> int:
    """The objects a page holds, for a memo's budget: the page and one edge per item."""
    return 1 + len(connection.edges)


def connection(page: Page[T], wrap: Callable[[T], object]) -> Connection:
    items = [wrap(item) for item in page.items]
    cursors = [encode_cursor(page.offset + i) for i in range(len(items))]
    return connection_of(items, cursors, page.total, page.has_next, page.has_previous)


def connection_of(items: list[Any], cursors: list[str], total: int, has_next: bool,
                  has_previous: bool) -> Connection:
    """A cursor connection of ``items``, each with its cursor, in the order given."""
    return Connection(
        total_count=total,
        page_info=PageInfo(
            has_next_page=has_next,
            has_previous_page=has_previous,
            start_cursor=cursors[0] if cursors else None,
            end_cursor=cursors[-1] if cursors else None,
        ),
        edges=[Edge(cursor=c, node=item) for c, item in zip(cursors, items, strict=True)],
        nodes=items,
    )


@strawberry.type(description="One typed edge, seen from the entity it was asked on.")
class Relation:
    type: RelationType = strawberry.field(description="The relation's type.")
    direction: Direction = strawberry.field(description="OUTGOING when the asked entity is the edge's source.")
    node: Entity = strawberry.field(description="The entity at the other end.")
    sources: list[Source] = strawberry.field(description="Where the text states this relation.")

    @classmethod
    def from_relation(cls, relation: GraphRelation, other: GraphNode) -> Relation:
        return cls(
            type=RelationType(relation.edge.type.value),
            direction=Direction(relation.direction.value),
            node=to_entity(other),
            sources=sources_of(relation.edge.sources),
        )


@strawberry.interface(description="Every node of the knowledge graph.")
class Entity(Node):
    node_: strawberry.Private[GraphNode]
    kind: EntityKind = strawberry.field(description="What the entity stands for.")
    name: str = strawberry.field(description='Canonical display name, e.g. "Senior Technical Product Manager".')
    aliases: list[str] = strawberry.field(description='Other names the text uses for it, e.g. "Senior TPM".')
    description: str | None = strawberry.field(description="The paragraph of the guide that describes it, if any.")
    sources: list[Source] = strawberry.field(description="Every place in the seed text that states this entity.")

    @classmethod
    def from_node(cls, node: GraphNode) -> Self:
        return cls(
            node_=node,
            id=strawberry.ID(global_id(node)),
            kind=EntityKind(node.kind.value),
            name=node.name,
            aliases=list(node.aliases),
            description=node.description,
            sources=sources_of(node.sources),
        )

    @strawberry.field(description="Typed edges touching this entity, paginated.")
    def relations(
        self,
        info: Info,
        type: Annotated[RelationType | None, strawberry.argument(description="Only edges of this type.")] = None,
        direction: Annotated[
            Direction | None, strawberry.argument(description="Which way to follow edges.")
        ] = Direction.BOTH,
        kind: Annotated[EntityKind | None, strawberry.argument(description="Only edges to this kind.")] = None,
        first: Annotated[int | None, strawberry.argument(description="Page size, 1 to 100.")] = 20,
        after: Annotated[str | None, strawberry.argument(description="Cursor to continue after.")] = None,
    ) -> Connection[Relation]:
        graph = info.context.graph
        key = (Relation, self.node_.id, type, direction, kind, first, after)
        return memo_of(graph).get(key, lambda: _relations_page(graph, self.node_, type, direction, kind, first, after),
                                  page_size)

    def neighbours(self, info: Info, type: RelationType, direction: Direction = Direction.OUTGOING) -> list:
        """Entities one edge of ``type`` away (a helper for typed fields)."""
        return [to_entity(n) for n in info.context.graph.neighbours(self.node_.id, type.graph, direction.graph)]

    def neighbours_of_kind(self, info: Info, type: RelationType, kind: GraphKind,
                           direction: Direction = Direction.OUTGOING) -> list:
        """Entities of one kind one edge of ``type`` away (a typed field's list holds one type)."""
        nodes = info.context.graph.neighbours(self.node_.id, type.graph, direction.graph)
        return [to_entity(n) for n in nodes if n.kind is kind]


def _relations_page(graph: CareerGraph, node: GraphNode, type: RelationType | None, direction: Direction | None,
                    kind: EntityKind | None, first: int | None, after: str | None) -> Connection[Relation]:
    relations = graph.relations(
        node.id,
        type=type.graph if type else None,
        direction=(direction or Direction.BOTH).graph,
        kind=kind.graph if kind else None,
    )
    page = paginate(relations, 20 if first is None else first, after)
    # The graph keeps its relation records, so their identities are unique while its memo lives.
    memo = memo_of(graph)

    def relation(r: GraphRelation) -> Relation:
        return memo.get((Relation, id(r)), lambda: Relation.from_relation(r, graph.node(r.other)))

    return connection(page, relation)


_TYPES: dict[GraphKind, type[Entity]] = {}

E = TypeVar("E", bound=type[Entity])


def entity_type(kind: GraphKind) -> Callable[[E], E]:
    """Register the GraphQL type of one entity kind."""

    def register(cls: E) -> E:
        _TYPES[kind] = cls
        return cls

    return register


def to_entity(node: GraphNode) -> Entity:
    """The GraphQL object of a graph node, typed by its kind (made once per node)."""
    return made_once(node, _entity)


def _entity(node: GraphNode) -> Entity:
    return _TYPES[node.kind].from_node(node)


EntityConnection = Connection[Entity]
RelationConnection = Connection[Relation]
