"""The input types of `entities(where:, orderBy:)` and their graph-layer forms (`graph.filters`)."""

from __future__ import annotations

from enum import Enum

import strawberry
from graphql import ListValueNode, ObjectValueNode, ValueNode, VariableNode

from graph import CareerGraph
from graph.filters import (
    MAX_CLAUSES,
    Related,
    Sort,
    SortField,
    Where,
    canonical_order,
    filter_page,
    fingerprint,
    resolve_where,
)
from schema.memo import memo_of
from schema.pagination import check_first, decode_cursor, encode_cursor
from schema.types.entity import Connection, Entity, connection_of, decode_global_id, page_size, to_entity
from schema.types.enums import Direction, EntityKind, RelationType

__all__ = ["CLAUSE_COST", "EntitySort", "EntitySortField", "EntityWhere", "RelatedWhere", "SortDirection",
           "filtered_entities", "to_sort", "to_where", "where_cost"]

#: What one filter condition counts for in the cost limit (`schema.limits`): an index look-up
#: and a bitset operation over every entity, about as much work as returning a few objects.
CLAUSE_COST = 5


@strawberry.input(description="An entity has a relation of this type, in this direction, to the entity named "
                              "(id, global id, name or alias).")
class RelatedWhere:
    to: str = strawberry.field(description="The entity at the other end: id, global id, name or alias.")
    type: RelationType | None = strawberry.field(default=None, description="Only relations of this type.")
    direction: Direction | None = strawberry.field(
        default=Direction.BOTH,
        description="OUTGOING: the entity is the relation's source (a role that REQUIRES_SKILL `to`).")


@strawberry.input(description="A filter on entities. Fields combine with AND; AND, OR and NOT nest.")
class EntityWhere:
    kind: EntityKind | None = strawberry.field(default=None, description="Only entities of this kind.")
    kind_in: list[EntityKind] | None = strawberry.field(default=None, description="Only entities of these kinds.")
    name_contains: str | None = strawberry.field(
        default=None, description="Only entities whose name or an alias contains this, ignoring case and spacing.")
    name_prefix: str | None = strawberry.field(
        default=None, description="Only entities whose name or an alias starts with this, ignoring case and spacing.")
    document: str | None = strawberry.field(
        default=None, description="Only entities stated by this document (its file name).")
    related: RelatedWhere | None = strawberry.field(
        default=None, description="Only entities with a relation of this shape.")
    and_: list[EntityWhere] | None = strawberry.field(
        default=None, name="AND", description="Every one of these filters holds (an empty list: always).")
    or_: list[EntityWhere] | None = strawberry.field(
        default=None, name="OR", description="At least one of these filters holds (an empty list: never).")
    not_: EntityWhere | None = strawberry.field(default=None, name="NOT", description="This filter does not hold.")


@strawberry.enum(description="What entities can be sorted by; ties always fall back to the stable order.")
class EntitySortField(Enum):
    NAME = strawberry.enum_value("NAME", description="Canonical name, ignoring case.")
    KIND = strawberry.enum_value("KIND", description="Kind, in the order of EntityKind (career positions first).")
    DEGREE = strawberry.enum_value("DEGREE", description="Number of relations touching the entity.")


@strawberry.enum(description="Which way a sort key runs.")
class SortDirection(Enum):
    ASC = strawberry.enum_value("ASC", description="Smallest first (A to Z).")
    DESC = strawberry.enum_value("DESC", description="Largest first (Z to A).")


@strawberry.input(description="One sort key of entities.")
class EntitySort:
    field: EntitySortField = strawberry.field(description="What to sort by.")
    direction: SortDirection | None = strawberry.field(default=SortDirection.ASC, description="Which way.")


def filtered_entities(graph: CareerGraph, kind: EntityKind | None, name_prefix: str | None,
                      where: EntityWhere | None, order_by: list[EntitySort] | None, first: int,
                      after: str | None) -> Connection[Entity]:
    """A page of ``entities(kind, namePrefix, where, orderBy)``; its cursors carry the question's fingerprint."""
    check_first(first)
    conditions = Where(kind=kind.graph if kind else None, name_prefix=name_prefix,
                       all_of=None if where is None else (to_where(where),))
    resolved, order = resolve_where(graph, conditions), canonical_order(to_sort(order_by))
    made_for = fingerprint(resolved, order)
    position = None if after is None else decode_cursor(after, made_for)
    key = ("entities", resolved, order, first, position)
    return memo_of(graph).get(key, lambda: _page(graph, resolved, order, first, position, made_for), page_size)


def _page(graph: CareerGraph, where: Where, order: tuple[Sort, ...], first: int, after: int | None,
          made_for: str) -> Connection[Entity]:
    page = filter_page(graph, where, order, first, after)
    items = [to_entity(node) for node in page.nodes]
    cursors = [encode_cursor(position, made_for) for position in page.positions]
    return connection_of(items, cursors, page.total, page.has_next, page.has_previous)


def to_where(where: EntityWhere) -> Where:
    """The graph-layer filter of a GraphQL one; a global id in ``related.to`` becomes the graph id."""
    return Where(
        kind=where.kind.graph if where.kind else None,
        kind_in=None if where.kind_in is None else tuple(kind.graph for kind in where.kind_in),
        name_contains=where.name_contains,
        name_prefix=where.name_prefix,
        document=where.document,
        related=None if where.related is None else _related(where.related),
        all_of=None if where.and_ is None else tuple(to_where(w) for w in where.and_),
        any_of=None if where.or_ is None else tuple(to_where(w) for w in where.or_),
        none_of=None if where.not_ is None else to_where(where.not_),
    )


def _related(related: RelatedWhere) -> Related:
    to = decode_global_id(related.to.strip()) or related.to
    return Related(to=to, type=related.type.graph if related.type else None,
                   direction=(related.direction or Direction.BOTH).graph)


def to_sort(order: list[EntitySort] | None) -> tuple[Sort, ...]:
    """The graph-layer sort keys of ``orderBy``."""
    return tuple(Sort(SortField[key.field.name], key.direction is SortDirection.DESC) for key in order or ())


def where_cost(value: ValueNode | None) -> int:
    """What a ``where`` argument adds to a document's cost: `CLAUSE_COST` per condition it sets.

    A variable counts as the most conditions a filter may hold (`graph.filters.MAX_CLAUSES`).
    """
    if value is None:
        return 0
    if isinstance(value, VariableNode):
        return CLAUSE_COST * MAX_CLAUSES
    return CLAUSE_COST * min(_conditions(value), MAX_CLAUSES)


def _conditions(value: ValueNode) -> int:
    if isinstance(value, ObjectValueNode):
        return sum(1 + _nested(field.value) for field in value.fields)
    return 0


def _nested(value: ValueNode) -> int:
    if isinstance(value, VariableNode):
        return MAX_CLAUSES
    if isinstance(value, ListValueNode):
        return sum(_conditions(item) for item in value.values)
    if isinstance(value, ObjectValueNode) and any(f.name.value == "to" for f in value.fields):
        return 0  # a RelatedWhere is one condition
    return _conditions(value)
