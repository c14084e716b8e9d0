"""The root `Query`: look-ups, lists, search, career paths and graph info."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import strawberry

from graph import CareerGraph
from graph.errors import InvalidArgument
from graph.paths import career_ladder, k_shortest_career_paths, reachable_positions, shortest_career_path
from graph.positions import MAX_SIMILAR, similar_positions
from schema.context import Info
from schema.memo import memo_of
from schema.pagination import paginate
from schema.types.entity import (
    Connection,
    Entity,
    Node,
    connection,
    decode_global_id,
    page_size,
    to_entity,
)
from schema.types.enums import EntityKind
from schema.types.filters import EntitySort, EntityWhere, filtered_entities
from schema.types.info import GraphInfo
from schema.types.level import Level
from schema.types.paths import CareerPath, LadderRung, ReachablePosition, SimilarPosition
from schema.types.responsibility import Responsibility
from schema.types.role import Role
from schema.types.search import SearchHit, search_page
from schema.types.skill import Skill
from schema.types.specialization import Specialization
from schema.types.team import Team
from seed.records import EntityKind as GraphKind
from seed.records import normalize_name

__all__ = ["Query"]

#: Longest name or search text accepted; longer input is a user mistake.
MAX_NAME_LENGTH = 200
MAX_SEARCH_LENGTH = 1000
MAX_IDS = 100


def check_name(argument: str, value: str) -> str:
    if len(value) > MAX_NAME_LENGTH:
        raise InvalidArgument(argument, f"at most {MAX_NAME_LENGTH} characters, got {len(value)}")
    if not value.strip():
        raise InvalidArgument(argument, "must not be empty")
    return value


def _check_names(*names: str) -> None:
    for name in names:
        check_name("position", name)
    if len(names) > MAX_IDS:
        raise InvalidArgument("via", f"at most {MAX_IDS} positions, got {len(names)}")


def _graph_id(info: Info, name: str) -> str:
    """A name as the graph layer takes it: a GraphQL global id becomes the graph id."""
    node_id = decode_global_id(name.strip())
    return node_id if node_id is not None and info.context.graph.get(node_id) is not None else name


def _career_path(info: Info, from_: str, to: str, via: Sequence[str], avoid: Sequence[str]) -> CareerPath | None:
    _check_names(from_, to, *via, *avoid)
    from_, to = _graph_id(info, from_), _graph_id(info, to)
    via_ids, avoid_ids = [_graph_id(info, v) for v in via], [_graph_id(info, a) for a in avoid]
    path = shortest_career_path(info.context.graph, from_, to, via_ids, avoid_ids)
    return CareerPath.from_path(path) if path is not None else None


def _career_paths(info: Info, from_: str, to: str, k: int, via: Sequence[str], avoid: Sequence[str]
                  ) -> list[CareerPath]:
    _check_names(from_, to, *via, *avoid)
    from_, to = _graph_id(info, from_), _graph_id(info, to)
    via_ids, avoid_ids = [_graph_id(info, v) for v in via], [_graph_id(info, a) for a in avoid]
    paths = k_shortest_career_paths(info.context.graph, from_, to, k, via_ids, avoid_ids)
    return [CareerPath.from_path(path) for path in paths]


def _similar_positions(info: Info, to: str, first: int) -> list[SimilarPosition]:
    _check_names(to)
    found = similar_positions(info.context.graph, _graph_id(info, to), first)
    return [SimilarPosition.from_similar(similar) for similar in found]


def _entities_page(graph: CareerGraph, kind: EntityKind | None, first: int | None, after: str | None,
                   name_prefix: str | None) -> Connection[Entity]:
    nodes = graph.entities(kind.graph if kind else None)
    if name_prefix is not None:
        prefix = normalize_name(check_name("namePrefix", name_prefix))
        nodes = [
            node
            for node in nodes
            if any(normalize_name(n).startswith(prefix) for n in (node.name, *node.aliases))
        ]
    return connection(paginate(nodes, 20 if first is None else first, after), to_entity)


def _refetch(info: Info, global_id: str) -> Entity | None:
    node_id = decode_global_id(global_id)
    found = info.context.graph.get(node_id) if node_id is not None else None
    return to_entity(found) if found is not None else None


def _typed_list(kind: GraphKind, info: Info) -> list:
    return [to_entity(node) for node in info.context.graph.entities(kind)]


@strawberry.type(description="Read-only queries over the career knowledge graph.")
class Query:
    @strawberry.field(description="Relay refetch by global id; null when no such entity.")
    def node(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="A global id.")]
    ) -> Node | None:
        return _refetch(info, id)

    @strawberry.field(description="Relay batch refetch; null in the place of each unknown id.")
    def nodes(
        self,
        info: Info,
        ids: Annotated[list[strawberry.ID], strawberry.argument(description=f"Up to {MAX_IDS} global ids.")],
    ) -> list[Node | None]:
        if len(ids) > MAX_IDS:
            raise InvalidArgument("ids", f"at most {MAX_IDS} ids per request, got {len(ids)}")
        return [_refetch(info, id) for id in ids]

    @strawberry.field(description="Exact look-up by id, name or alias, case-insensitive; null when none.")
    def entity(
        self,
        info: Info,
        name: Annotated[str, strawberry.argument(description="An id, global id, name or alias.")],
        kind: Annotated[EntityKind | None, strawberry.argument(description="Only entities of this kind.")] = None,
    ) -> Entity | None:
        check_name("name", name)
        graph = info.context.graph
        kinds = [kind.graph] if kind else None
        node_id = decode_global_id(name.strip())
        found = graph.get(node_id) if node_id else None
        if found is None or (kind and found.kind is not kind.graph):
            found = graph.find(name, kinds)
        return to_entity(found) if found is not None else None

    @strawberry.field(description="All entities, or those of one kind, in a stable order, cursor-paginated; "
                      "where filters them (relations included), orderBy sorts them.")
    def entities(
        self,
        info: Info,
        kind: Annotated[EntityKind | None, strawberry.argument(description="Only entities of this kind.")] = None,
        first: Annotated[int | None, strawberry.argument(description="Page size, 1 to 100.")] = 20,
        after: Annotated[str | None, strawberry.argument(description="Cursor to continue after.")] = None,
        name_prefix: Annotated[
            str | None, strawberry.argument(description="Only entities whose name or an alias starts with this.")
        ] = None,
        where: Annotated[
            EntityWhere | None, strawberry.argument(description="Only entities this filter holds for.")
        ] = None,
        order_by: Annotated[
            list[EntitySort] | None,
            strawberry.argument(description="Sort keys, first key first; ties keep the stable order (kind, name, "
                                "id). A cursor only continues the order and filter it was made for."),
        ] = None,
    ) -> Connection[Entity]:
        graph = info.context.graph
        first = 20 if first is None else first
        if where is not None or order_by is not None:
            return filtered_entities(graph, kind, name_prefix, where, order_by, first, after)
        key = ("entities", kind, first, after, name_prefix)
        return memo_of(graph).get(key, lambda: _entities_page(graph, kind, first, after, name_prefix), page_size)

    @strawberry.field(
        description="Ranked, typo-tolerant search over names, aliases, descriptions and source text."
    )
    def search(
        self,
        info: Info,
        text: Annotated[str, strawberry.argument(description="Words to look for; typos and partial words are fine.")],
        kinds: Annotated[
            list[EntityKind] | None, strawberry.argument(description="Only entities of these kinds.")
        ] = None,
        first: Annotated[int | None, strawberry.argument(description="Most hits to return, 1 to 100.")] = 10,
        after: Annotated[
            str | None, strawberry.argument(description="The cursor of the last hit of the previous page.")
        ] = None,
    ) -> list[SearchHit]:
        if len(text) > MAX_SEARCH_LENGTH:
            raise InvalidArgument("text", f"at most {MAX_SEARCH_LENGTH} characters, got {len(text)}")
        graph_kinds = [kind.graph for kind in kinds] if kinds is not None else None
        return search_page(info.context.graph, text, graph_kinds, 10 if first is None else first, after)

    @strawberry.field(
        description="Shortest career path between two career positions (roles, levels, specializations), each "
        "given by id, name or alias. Null when none exists; an error with extensions.code NOT_FOUND (and "
        "suggestions) when a name is unknown."
    )
    def career_path(
        self,
        info: Info,
        from_: Annotated[str, strawberry.argument(name="from", description="Start position.")],
        to: Annotated[str, strawberry.argument(description="Goal position.")],
        via: Annotated[
            list[str] | None, strawberry.argument(description="Positions to pass through, in this order.")
        ] = None,
        avoid: Annotated[list[str] | None, strawberry.argument(description="Positions the path must not use.")] = None,
    ) -> CareerPath | None:
        graph = info.context.graph
        key = ("careerPath", from_, to, tuple(via or ()), tuple(avoid or ()))
        return memo_of(graph).get(key, lambda: _career_path(info, from_, to, via or (), avoid or ()),
                                  lambda path: 1 + (len(path.steps) if path is not None else 0))

    @strawberry.field(description="Up to k shortest loop-free career paths, shortest first.")
    def career_paths(
        self,
        info: Info,
        from_: Annotated[str, strawberry.argument(name="from", description="Start position.")],
        to: Annotated[str, strawberry.argument(description="Goal position.")],
        k: Annotated[int | None, strawberry.argument(description="How many paths, 1 to 10.")] = 3,
        via: Annotated[
            list[str] | None, strawberry.argument(description="Positions to pass through, in this order.")
        ] = None,
        avoid: Annotated[list[str] | None, strawberry.argument(description="Positions the paths must not use.")] = None,
    ) -> list[CareerPath]:
        k = 3 if k is None else k
        key = ("careerPaths", from_, to, k, tuple(via or ()), tuple(avoid or ()))
        return memo_of(info.context.graph).get(key, lambda: _career_paths(info, from_, to, k, via or (), avoid or ()),
                                               lambda paths: 1 + sum(len(path.steps) for path in paths))

    @strawberry.field(
        description="Positions that share the most responsibilities, teams and skills with this one, best first."
    )
    def similar_positions(
        self,
        info: Info,
        to: Annotated[str, strawberry.argument(description="A position by id, global id, name or alias.")],
        first: Annotated[
            int | None, strawberry.argument(description=f"Most positions to return, 1 to {MAX_SIMILAR}.")
        ] = 5,
    ) -> list[SimilarPosition]:
        first = 5 if first is None else first
        return memo_of(info.context.graph).get(("similarPositions", to, first),
                                               lambda: _similar_positions(info, to, first),
                                               lambda found: 1 + len(found))

    @strawberry.field(description="Every position reachable from a start, nearest first.")
    def reachable(
        self,
        info: Info,
        from_: Annotated[str, strawberry.argument(name="from", description="Start position.")],
        max_hops: Annotated[int | None, strawberry.argument(description="Farthest distance, in moves.")] = None,
    ) -> list[ReachablePosition]:
        _check_names(from_)
        found = reachable_positions(info.context.graph, _graph_id(info, from_), max_hops)
        return [ReachablePosition(entity=to_entity(node), hops=hops) for node, hops in found]

    @strawberry.field(description="The career ladder that holds a role, entry rung first.")
    def ladder(
        self, info: Info, role: Annotated[str, strawberry.argument(description="A role by id, name or alias.")]
    ) -> list[LadderRung]:
        _check_names(role)
        rungs = career_ladder(info.context.graph, _graph_id(info, role))
        return [LadderRung(rung=i, roles=[Role.from_node(n) for n in nodes]) for i, nodes in enumerate(rungs)]

    @strawberry.field(description="Every role, in name order.")
    def roles(self, info: Info) -> list[Role]:
        return _typed_list(GraphKind.ROLE, info)

    @strawberry.field(description="Every seniority level, in name order.")
    def levels(self, info: Info) -> list[Level]:
        return _typed_list(GraphKind.LEVEL, info)

    @strawberry.field(description="Every specialization, in name order.")
    def specializations(self, info: Info) -> list[Specialization]:
        return _typed_list(GraphKind.SPECIALIZATION, info)

    @strawberry.field(description="Every responsibility, in name order.")
    def responsibilities(self, info: Info) -> list[Responsibility]:
        return _typed_list(GraphKind.RESPONSIBILITY, info)

    @strawberry.field(description="Every team, in name order.")
    def teams(self, info: Info) -> list[Team]:
        return _typed_list(GraphKind.TEAM, info)

    @strawberry.field(description="Every skill or knowledge area, in name order.")
    def skills(self, info: Info) -> list[Skill]:
        return _typed_list(GraphKind.SKILL, info)

    @strawberry.field(description="Counts per kind, edge count and the documents the graph was built from.")
    def graph_info(self, info: Info) -> GraphInfo:
        return GraphInfo.from_graph(info.context.graph)
