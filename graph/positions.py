"""Positions: joining the text's levels to the ladder rungs they describe, and what each position holds.

A guide states a career ladder twice: as rungs (roles that progress to one
another: "they may become Senior Technical Product Managers") and as levels of
one role (the "Daily Responsibilities for Senior Technical Product Managers"
section). A level and the rung it describes are one position. `join_positions`
decides which from the records alone (docs/career-paths.md states the rule):

1. A level of role R (``R HAS_LEVEL level``) has a *seniority*: its name or an
   alias with R's name (or one of R's aliases) and the word "Level" taken out:
   "Senior Level Technical Product Manager" → "Senior".
2. It describes rung P when P is another role and "seniority + R's name or
   alias" is P's name or one of P's aliases ("Senior TPM", "Senior Technical
   Product Managers"), compared as normalized names.
3. The order of the level sections must agree with the ladder: walking R's
   levels in section order, a join is kept only when its rung is not below
   the rung of the previous join (no PROGRESSES_TO path leads from it to that one).

The joined level's node merges into the rung's: its edges, sources, years and
description move over, its name and aliases become the rung's aliases, and its
id becomes a redirect. Levels that join nothing stay positions inside R, and
consecutive levels are ordered by PROGRESSES_TO (added from the section order
when the records do not state it), so entry → mid → senior rung is a path.

`position_profile` gathers what a position holds (responsibilities, teams,
skills) and `similar_positions` ranks the positions sharing most of it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass
from weakref import WeakKeyDictionary

import networkx as nx

from graph.errors import InvalidArgument
from graph.lookup import POSITION_KINDS, resolve_position
from graph.model import CareerGraph, Direction, Node, entity_order
from seed.records import EntityKind, RelationType, Source, normalize_name

__all__ = [
    "MAX_SIMILAR",
    "PositionProfile",
    "Similar",
    "join_positions",
    "position_profile",
    "similar_positions",
]

#: The most positions `similar_positions` returns.
MAX_SIMILAR = 100

_LEVEL_WORD = "level"

Stated = dict[Hashable, list[tuple[Source, ...]]]


# --- joining levels to rungs -------------------------------------------------------------------------------------


def join_positions(graph: nx.MultiDiGraph, stated: Stated) -> dict[str, str]:
    """Join each level to the ladder rung it describes, in place; return the redirects (old id → new id).

    ``graph`` is a merged, not yet frozen graph whose node and edge sources are
    still lists of statements in ``stated`` (as `graph.build.build_graph` keeps
    them); merged statements are appended there.

    Example
    -------
    >>> from graph import load_graph
    >>> load_graph().redirects
    {'level/senior-level-technical-product-manager': 'role/senior-technical-product-manager'}
    """
    names = _role_names(graph)
    joins: dict[str, str] = {}
    for role in sorted(n for n, data in graph.nodes(data=True) if data["kind"] is EntityKind.ROLE):
        levels = _levels_in_order(graph, role, stated)
        _order_levels(graph, levels, stated)
        previous: str | None = None
        for level in levels:
            rung = _described_rung(graph, role, level, names)
            if rung is None or rung in joins.values() or level in joins:
                continue
            if previous is not None and _climbs(graph, rung, previous):
                continue  # the sections put this level above a rung the ladder puts above it
            joins[level] = previous = rung
    for level, rung in joins.items():
        _merge_into(graph, level, rung, stated)
    return joins


def _role_names(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Normalized name or alias → the roles it names."""
    names: dict[str, list[str]] = {}
    for node_id, data in graph.nodes(data=True):
        if data["kind"] is EntityKind.ROLE:
            for name in (data["name"], *data["aliases"]):
                names.setdefault(normalize_name(name), []).append(node_id)
    return names


def _levels_in_order(graph: nx.MultiDiGraph, role: str, stated: Stated) -> list[str]:
    """The role's levels in the order of their sections (first statement, by document and offset)."""
    levels = {v for _, v, key in graph.out_edges(role, keys=True)
              if key == RelationType.HAS_LEVEL.value and graph.nodes[v]["kind"] is EntityKind.LEVEL}
    return sorted(levels, key=lambda level: (_first_statement(stated, level), level))


_UNSTATED = Source("\U0010ffff", 0, 0, 0, "")  # sorts after every real source


def _first_statement(stated: Stated, key: Hashable) -> Source:
    return min((min(sources) for sources in stated[key] if sources), default=_UNSTATED)


def _order_levels(graph: nx.MultiDiGraph, levels: list[str], stated: Stated) -> None:
    """Consecutive levels of one role are ordered by PROGRESSES_TO; add the edges the records do not state."""
    for lower, upper in zip(levels, levels[1:], strict=False):
        key = RelationType.PROGRESSES_TO.value
        if not graph.has_edge(lower, upper, key):
            graph.add_edge(lower, upper, key=key, type=RelationType.PROGRESSES_TO)
            spans = (_first_statement(stated, lower), _first_statement(stated, upper))
            stated[lower, upper, key] = [tuple(s for s in spans if s is not _UNSTATED)]


def _described_rung(graph: nx.MultiDiGraph, role: str, level: str, names: dict[str, list[str]]) -> str | None:
    """The one other role that ``level`` names as "seniority + role name or alias", or None."""
    role_data, level_data = graph.nodes[role], graph.nodes[level]
    role_names = [normalize_name(n) for n in (role_data["name"], *role_data["aliases"])]
    found: set[str] = set()
    for name in (level_data["name"], *level_data["aliases"]):
        seniority = _seniority(normalize_name(name), role_names)
        if seniority:
            for role_name in role_names:
                found.update(r for r in names.get(f"{seniority} {role_name}", ()) if r != role)
    return found.pop() if len(found) == 1 else None


def _seniority(name: str, role_names: list[str]) -> str:
    """The words of a level's name left after its role's name (or alias) and "level": "senior"."""
    for role_name in sorted(role_names, key=len, reverse=True):
        if name.endswith(" " + role_name):
            name = name[: -len(role_name) - 1]
            break
    return " ".join(word for word in name.split() if word != _LEVEL_WORD)


def _climbs(graph: nx.MultiDiGraph, start: str, goal: str) -> bool:
    """A PROGRESSES_TO path leads from ``start`` to ``goal``."""
    seen, stack = {start}, [start]
    while stack:
        for _, v, key in graph.out_edges(stack.pop(), keys=True):
            if key == RelationType.PROGRESSES_TO.value and v not in seen:
                if v == goal:
                    return True
                seen.add(v)
                stack.append(v)
    return False


def _merge_into(graph: nx.MultiDiGraph, old: str, new: str, stated: Stated) -> None:
    """Move node ``old`` into ``new``: edges, statements, years, description, and its names as aliases."""
    data, into = graph.nodes[old], graph.nodes[new]
    taken = {normalize_name(into["name"]), *(normalize_name(a) for a in into["aliases"])}
    added = [a for a in dict.fromkeys((data["name"], *data["aliases"])) if normalize_name(a) not in taken]
    into["aliases"] = (*into["aliases"], *added)
    into["description"] = into.get("description") or data.get("description")
    if into.get("years") is None and data.get("years") is not None:
        into["years"] = data["years"]
    stated[new].extend(stated.pop(old))
    for u, v, key, edge in [*graph.in_edges(old, keys=True, data=True), *graph.out_edges(old, keys=True, data=True)]:
        parts = stated.pop((u, v, key), None)
        if parts is None:  # a loop on ``old``, listed both in and out
            continue
        u, v = (new if u == old else u), (new if v == old else v)
        if u == v:
            continue
        if graph.has_edge(u, v, key):
            stated[u, v, key].extend(parts)
        else:
            graph.add_edge(u, v, key=key, type=edge["type"])
            stated[u, v, key] = parts
    graph.remove_node(old)


# --- what a position holds ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PositionProfile:
    """What the text gives one position, each in entity order."""

    responsibilities: tuple[Node, ...]
    teams: tuple[Node, ...]
    skills: tuple[Node, ...]

    @property
    def entities(self) -> frozenset[Node]:
        """Everything the position holds, for comparing positions."""
        return frozenset((*self.responsibilities, *self.teams, *self.skills))


_PROFILES: WeakKeyDictionary[CareerGraph, dict[str, PositionProfile]] = WeakKeyDictionary()


def position_profile(G: CareerGraph, position: str) -> PositionProfile:
    """The responsibilities, teams and skills of a position (by id, name or alias).

    Responsibilities are its HAS_RESPONSIBILITY targets (for a rung joined with
    a level, the level section's too); teams the COLLABORATES_WITH targets of
    the position and of those responsibilities; skills its REQUIRES_SKILL
    targets. Only what the text states for this position counts: a level or
    specialization does not inherit its role's.

    Example
    -------
    >>> from graph import load_graph
    >>> profile = position_profile(load_graph(), "Senior TPM")
    >>> len(profile.responsibilities), profile.responsibilities[0].name
    (7, 'Building relationships with key partners, vendors, and customers to gather comprehensive market insights')
    """
    node = resolve_position(G, position)
    return _profile(G, node.id)


def _profile(G: CareerGraph, node_id: str) -> PositionProfile:
    profiles = _PROFILES.get(G)
    if profiles is None:
        profiles = _PROFILES.setdefault(G, {})
    found = profiles.get(node_id)
    if found is None:
        responsibilities = G.neighbours(node_id, RelationType.HAS_RESPONSIBILITY)
        teams = {
            team
            for holder in (node_id, *(r.id for r in responsibilities))
            for team in G.neighbours(holder, RelationType.COLLABORATES_WITH)
        }
        skills = G.neighbours(node_id, RelationType.REQUIRES_SKILL)
        found = profiles[node_id] = PositionProfile(*(_ordered(part) for part in (responsibilities, teams, skills)))
    return found


def _ordered(nodes: object) -> tuple[Node, ...]:
    return tuple(sorted(set(nodes), key=entity_order))  # type: ignore[call-overload]


# --- lateral moves -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Similar:
    """A position sharing work with another: its Jaccard ``score`` (0 to 1) and the ``shared`` entities."""

    node: Node
    score: float
    shared: tuple[Node, ...]


def similar_positions(G: CareerGraph, position: str, limit: int = 5) -> list[Similar]:
    """The positions sharing the most responsibilities, teams and skills with ``position``, best first.

    The score is the Jaccard index of the two positions' `position_profile`
    entities: shared over held by either, 0 to 1. Entities are nodes, and
    building merges entities with the same kind and normalized name, so two
    guides that both state "Managing the product roadmap" share it. Positions
    in any role and any guide of the graph are compared; the position itself
    and positions sharing nothing are left out. Ties go to entity order (kind,
    name, id), so the answer is stable.

    Parameters
    ----------
    G : CareerGraph
    position : str
        A role, level or specialization by id, name or alias.
    limit : int
        The most positions to return, 1 to `MAX_SIMILAR`.

    Returns
    -------
    list of Similar
        ``shared`` in entity order.

    Raises
    ------
    EntityNotFound
        ``position`` matches no position; the suggestions are positions.
    InvalidArgument
        ``limit`` is outside 1 to `MAX_SIMILAR`.

    Examples
    --------
    >>> from graph import load_graph
    >>> for similar in similar_positions(load_graph(), "Mobile TPM"):
    ...     print(similar.score, similar.node.name, [n.name for n in similar.shared])
    0.083333 Mid Level Technical Product Manager ['UX/UI Designers']
    0.034483 Technical Product Manager ['UX/UI Designers']
    """
    if not 1 <= limit <= MAX_SIMILAR:
        raise InvalidArgument.out_of_range("first", limit, 1, MAX_SIMILAR)
    node = resolve_position(G, position)
    mine = _profile(G, node.id).entities
    overlap = Counter(holder for entity in mine for holder in _holders(G, entity.id) if holder != node.id)
    ranked = []
    for other, shared in overlap.items():
        theirs = _profile(G, other).entities
        ranked.append((-shared / (len(mine) + len(theirs) - shared), entity_order(G.node(other)), other))
    ranked.sort()
    return [
        Similar(G.node(other), round(-score, 6), tuple(sorted(mine & _profile(G, other).entities, key=entity_order)))
        for score, _, other in ranked[:limit]
    ]


def _holders(G: CareerGraph, entity_id: str) -> set[str]:
    """The positions whose profile holds this responsibility, team or skill."""
    holders: set[str] = set()
    for relation in G.relations(entity_id, direction=Direction.INCOMING):
        holder = G.node(relation.other)
        if holder.kind in POSITION_KINDS:
            holders.add(holder.id)
        elif holder.kind is EntityKind.RESPONSIBILITY and relation.edge.type is RelationType.COLLABORATES_WITH:
            holders.update(r.other for r in G.relations(holder.id, RelationType.HAS_RESPONSIBILITY,
                                                        Direction.INCOMING) if G.node(r.other).kind in POSITION_KINDS)
    return holders
