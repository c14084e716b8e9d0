"""Career moves between positions, and the paths, ladders and changes they make.

A career *position* is a ROLE, LEVEL or SPECIALIZATION node; a *move* is one
step a person can take from a position (docs/career-paths.md has the why):

====================  =======================  ===================================
edge                  move                     because
====================  =======================  ===================================
PROGRESSES_TO u -> v  u -> v only              promotions are one-way
HAS_SPECIALIZATION    role <-> specialization  a lateral move, possible both ways
HAS_LEVEL             role -> level only       a level is a position inside a role
====================  =======================  ===================================

Paths are shortest by number of moves. Among equally short paths the one
whose sequence of position keys is lexicographically smallest wins, a
position's key being ``(kind in KIND_ORDER, casefolded name, id)``: the order
`CareerGraph.entities` lists them in.

The moves of a graph are indexed once, as sorted integer adjacency lists in
key order, and cached for as long as the `CareerGraph` lives (it is immutable
while served); each search is a bidirectional breadth-first search on them.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from weakref import WeakKeyDictionary

import networkx as nx

from graph.errors import InvalidArgument
from graph.lookup import POSITION_KINDS, resolve_position
from graph.model import CareerGraph, Direction, Edge, Node, entity_order
from graph.positions import PositionProfile, position_profile
from seed.records import EntityKind, RelationType, Source, YearRange

__all__ = [
    "MAX_PATHS",
    "POSITION_KINDS",
    "CareerPath",
    "CareerStep",
    "Change",
    "PositionChanges",
    "career_ladder",
    "career_moves",
    "k_shortest_career_paths",
    "next_positions",
    "path_changes",
    "path_years",
    "position_changes",
    "prepare_career_moves",
    "previous_positions",
    "reachable_positions",
    "shortest_career_path",
]

#: The most paths `k_shortest_career_paths` returns.
MAX_PATHS = 10

#: Edges that are moves from their source to their target, most telling first:
#: when two edges join the same positions, the move is reported via the first.
FORWARD_MOVES: tuple[RelationType, ...] = (
    RelationType.PROGRESSES_TO,
    RelationType.HAS_LEVEL,
    RelationType.HAS_SPECIALIZATION,
)
#: Edges that are also moves from their target back to their source.
BACKWARD_MOVES: tuple[RelationType, ...] = (RelationType.HAS_SPECIALIZATION,)


@dataclass(frozen=True, slots=True)
class CareerStep:
    """One position on a career path and the edge whose move led to it.

    ``via`` is None on the first step. A move from a specialization back to
    its role is reported with the HAS_SPECIALIZATION edge it follows backwards,
    so ``via.target`` is then the position the step leaves.
    """

    node: Node
    via: Edge | None


@dataclass(frozen=True, slots=True)
class CareerPath:
    """The positions from a start to a goal, both included."""

    steps: tuple[CareerStep, ...]

    @property
    def hops(self) -> int:
        """Number of moves: steps minus one."""
        return len(self.steps) - 1


@dataclass(frozen=True, slots=True)
class Change:
    """What a move gains and leaves behind of one kind of entity, each in entity order."""

    gained: tuple[Node, ...]
    left_behind: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class PositionChanges:
    """What changes between two positions: responsibilities, teams and skills."""

    source: Node
    target: Node
    responsibilities: Change
    teams: Change
    skills: Change


def shortest_career_path(
    G: CareerGraph,
    source: str,
    target: str,
    via: Sequence[str] = (),
    avoid: Iterable[str] = (),
) -> CareerPath | None:
    """The shortest career path from ``source`` to ``target``, or None when none exists.

    Parameters
    ----------
    G : CareerGraph
    source, target : str
        Positions, each by id, name or alias (case-insensitive).
    via : sequence of str
        Positions the path must pass through, in this order. The result joins
        the shortest path of each leg, so it is a walk that may revisit a position.
    avoid : iterable of str
        Positions the path must not pass through.

    Returns
    -------
    CareerPath or None
        Fewest moves first; ties go to the lexicographically smallest sequence
        of position keys (see the module docstring). ``source == target`` gives
        a path of one step and no moves.

    Raises
    ------
    EntityNotFound
        A name matches no position; its suggestions are the closest positions.
    InvalidArgument
        ``avoid`` names the source, the target or a via point.

    Examples
    --------
    >>> from graph import load_graph
    >>> G = load_graph()
    >>> path = shortest_career_path(G, "Product Analyst", "CTO")
    >>> path.hops, [step.node.name for step in path.steps][-2:]
    (4, ['Director of Technical Product Management', 'CTO'])
    >>> print(shortest_career_path(G, "CTO", "Product Analyst"))
    None
    """
    moves = _moves(G)
    stops, banned = _stops(G, moves, source, target, via, avoid)
    walk = stops[:1]
    for stop in stops[1:]:
        leg = _search(moves, walk[-1:], stop, banned)
        if leg is None:
            return None
        walk += leg[1:]
    return _career_path(moves, walk)


def _stops(G: CareerGraph, moves: _Moves, source: str, target: str, via: Sequence[str],
           avoid: Iterable[str]) -> tuple[list[int], list[int]]:
    """The indexes of a path's start, via points and goal, and of the positions it avoids."""
    named = [("source", source), *(("via point", name) for name in _names(via, "via")), ("target", target)]
    positions = [(what, resolve_position(G, name)) for what, name in named]
    avoided = {resolve_position(G, name).id for name in _names(avoid, "avoid")}
    for what, node in positions:
        if node.id in avoided:
            raise InvalidArgument("avoid", f"{node.name!r} is the {what} of the path")
    return [moves.index[node.id] for _, node in positions], [moves.index[node_id] for node_id in sorted(avoided)]


def k_shortest_career_paths(
    G: CareerGraph,
    source: str,
    target: str,
    k: int = 3,
    via: Sequence[str] = (),
    avoid: Iterable[str] = (),
) -> list[CareerPath]:
    """Up to ``k`` shortest loop-free career paths, shortest first.

    Yen's algorithm (with Lawler's saving of re-searching only after each
    path's deviation) on the cached moves. Paths come in the order of
    `shortest_career_path` ties: fewest moves, then smallest key sequence; the
    first is the path `shortest_career_path` returns.

    With via points, each leg (start to the first via point, ..., the last to
    the goal) is loop-free and the paths are the ``k`` best joins of the legs'
    ``k`` best, as walks that may pass a via point's neighbours twice; the
    first is again `shortest_career_path`'s.

    Parameters
    ----------
    G : CareerGraph
    source, target : str
        Positions, each by id, name or alias.
    k : int
        How many paths at most, 1 to `MAX_PATHS`.
    via, avoid : sequence of str
        As in `shortest_career_path`.

    Returns
    -------
    list of CareerPath
        Distinct paths; without via points none visits a position twice.
        Empty when no path exists.

    Raises
    ------
    EntityNotFound
        A name matches no position.
    InvalidArgument
        ``k`` is outside 1 to `MAX_PATHS`, or ``avoid`` names an end or a via point.

    Examples
    --------
    >>> from graph import load_graph
    >>> G = load_graph()
    >>> [p.hops for p in k_shortest_career_paths(G, "Mobile TPM", "Infrastructure TPM")]
    [2]
    """
    if not 1 <= k <= MAX_PATHS:
        raise InvalidArgument.out_of_range("k", k, 1, MAX_PATHS)
    moves = _moves(G)
    stops, banned = _stops(G, moves, source, target, via, avoid)
    walks: list[list[int]] = [stops[:1]]
    for start, goal in pairwise(stops):
        legs = _simple_paths(moves, start, goal, k, banned)
        joined = {tuple(walk + leg[1:]) for walk in walks for leg in legs}
        walks = [list(walk) for walk in sorted(joined, key=lambda walk: (len(walk), walk))[:k]]
    return [_career_path(moves, walk) for walk in walks]


def _simple_paths(moves: _Moves, source: int, target: int, k: int, banned: Sequence[int] = ()) -> list[list[int]]:
    """Yen's k shortest loop-free paths that avoid ``banned``, each spur searched with `_search`."""
    first = _search(moves, [source], target, banned)
    if first is None:
        return []
    found, deviations = [first], [0]
    candidates: list[tuple[int, tuple[int, ...], int]] = []
    queued = {tuple(first)}
    while len(found) < k:
        path = found[-1]
        for i in range(deviations[-1], len(path) - 1):
            root = path[: i + 1]
            taken = {other[i + 1] for other in found if other[: i + 1] == root}
            spur = [v for v in moves.succ[path[i]] if v not in taken]
            tail = _search(moves, spur, target, [*root, *banned])
            if tail is not None and (candidate := (*root, *tail)) not in queued:
                queued.add(candidate)
                heapq.heappush(candidates, (len(candidate), candidate, i))
        if not candidates:
            break
        _, best, deviation = heapq.heappop(candidates)
        found.append(list(best))
        deviations.append(deviation)
    return found


def reachable_positions(G: CareerGraph, source: str, max_hops: int | None = None) -> list[tuple[Node, int]]:
    """Every position reachable from ``source``, with its distance in moves.

    Parameters
    ----------
    G : CareerGraph
    source : str
        A position by id, name or alias.
    max_hops : int or None
        Only positions at most this many moves away; None for no limit.

    Returns
    -------
    list of (Node, int)
        Sorted by distance, then position key; the source comes first, at 0.

    Raises
    ------
    EntityNotFound
        ``source`` matches no position.
    InvalidArgument
        ``max_hops`` is negative.

    Examples
    --------
    >>> from graph import load_graph
    >>> G = load_graph()
    >>> for node, hops in reachable_positions(G, "Senior TPM"):
    ...     print(hops, node.name)
    0 Senior Technical Product Manager
    1 Director of Technical Product Management
    2 CTO
    2 VP of Product
    """
    if max_hops is not None and max_hops < 0:
        raise InvalidArgument("max_hops", f"must be 0 or more, got {max_hops}")
    moves = _moves(G)
    start = moves.index[resolve_position(G, source).id]
    distance = {start: 0}
    layer, hops = [start], 0
    while layer and (max_hops is None or hops < max_hops):
        hops += 1
        layer, _ = _expand(moves.succ, layer, distance, {}, hops)
    ranked = sorted(distance.items(), key=lambda item: (item[1], item[0]))
    return [(moves.nodes[i], hops) for i, hops in ranked]


def career_ladder(G: CareerGraph, role: str) -> list[list[Node]]:
    """The rungs of the PROGRESSES_TO ladder that holds ``role``.

    The ladder is every role joined to ``role`` by PROGRESSES_TO edges between
    roles, in either direction. Rung 0 holds the roles nothing progresses to;
    every other role sits on the rung of its longest path from rung 0. Roles
    on a PROGRESSES_TO cycle share a rung.

    Parameters
    ----------
    G : CareerGraph
    role : str
        A role by id, name or alias.

    Returns
    -------
    list of list of Node
        Rungs from the bottom up, each in entity order.

    Raises
    ------
    EntityNotFound
        ``role`` matches no role.

    Examples
    --------
    >>> from graph import load_graph
    >>> G = load_graph()
    >>> for rung in career_ladder(G, "TPM"):
    ...     print([node.name for node in rung])
    ['Associate Product Manager', 'Product Analyst']
    ['Technical Product Manager']
    ['Senior Technical Product Manager']
    ['Director of Technical Product Management']
    ['CTO', 'VP of Product']
    """
    start = resolve_position(G, role, (EntityKind.ROLE,))
    ladder = _progressions(G, start.id)
    rungs = _rungs(nx.condensation(ladder))
    ranked = sorted((G.node(node_id) for node_id in ladder), key=entity_order)
    return [[node for node in ranked if rungs[node.id] == rung] for rung in range(max(rungs.values()) + 1)]


def _progressions(G: CareerGraph, role_id: str) -> nx.DiGraph:
    """The roles joined to ``role_id`` by PROGRESSES_TO edges, with those edges."""
    ladder = nx.DiGraph()
    ladder.add_node(role_id)
    stack = [role_id]
    while stack:
        for relation in G.relations(stack.pop(), RelationType.PROGRESSES_TO, kind=EntityKind.ROLE):
            if relation.other not in ladder:
                stack.append(relation.other)
            ladder.add_edge(relation.edge.source, relation.edge.target)
    return ladder


def _rungs(condensed: nx.DiGraph) -> dict[str, int]:
    """Each role's longest-path depth in the acyclic graph of its PROGRESSES_TO cycles."""
    depth: dict[int, int] = {}
    for component in nx.topological_sort(condensed):
        depth[component] = max((depth[p] + 1 for p in condensed.predecessors(component)), default=0)
    return {role: depth[c] for c, members in condensed.nodes(data="members") for role in members}


def position_changes(G: CareerGraph, source: str, target: str) -> PositionChanges:
    """What moving from one position to another gains and leaves behind.

    Each position's responsibilities, teams and skills are its
    `graph.positions.position_profile`: what the text states for that
    position, a rung joined with a level holding the level section's too.
    Nothing is inherited: a specialization or level does not hold its role's.
    Any two positions can be compared, not only the ends of one move.

    Parameters
    ----------
    G : CareerGraph
    source, target : str
        Positions, each by id, name or alias: where one is and where one goes.

    Returns
    -------
    PositionChanges

    Raises
    ------
    EntityNotFound
        A name matches no position.

    Examples
    --------
    >>> from graph import load_graph
    >>> G = load_graph()
    >>> changes = position_changes(G, "Infrastructure TPM", "Mobile TPM")
    >>> [team.name for team in changes.teams.gained]
    ['Mobile Developers', 'UX/UI Designers']
    >>> [skill.name for skill in changes.skills.left_behind]
    ['Cloud services', 'Networking', 'System architecture']
    >>> len(position_changes(G, "TPM", "Senior TPM").responsibilities.gained)
    7
    """
    here, there = resolve_position(G, source), resolve_position(G, target)
    return _changes(position_profile(G, here.id), position_profile(G, there.id), here, there)


def _changes(before: PositionProfile, after: PositionProfile, here: Node, there: Node) -> PositionChanges:
    parts = (
        _change(set(old), set(new))
        for old, new in (
            (before.responsibilities, after.responsibilities),
            (before.teams, after.teams),
            (before.skills, after.skills),
        )
    )
    return PositionChanges(here, there, *parts)


def _change(before: set[Node], after: set[Node]) -> Change:
    return Change(tuple(sorted(after - before, key=entity_order)), tuple(sorted(before - after, key=entity_order)))


def path_changes(G: CareerGraph, path: CareerPath) -> PositionChanges:
    """What a whole path gains and leaves behind: its goal against its start (see `position_changes`).

    Examples
    --------
    >>> from graph import load_graph
    >>> G = load_graph()
    >>> changes = path_changes(G, shortest_career_path(G, "Entry Level TPM", "Senior TPM"))
    >>> len(changes.responsibilities.gained), len(changes.responsibilities.left_behind)
    (7, 7)
    """
    start, goal = path.steps[0].node, path.steps[-1].node
    return position_changes(G, start.id, goal.id)


def path_years(path: CareerPath) -> YearRange | None:
    """The sum of the years the text states for each position before the goal; None when one states none.

    An open range ("5+ years") makes the sum open (``max`` None). A path of no
    moves takes no years: ``YearRange(0, 0)``.

    Examples
    --------
    >>> from graph import load_graph
    >>> print(path_years(shortest_career_path(load_graph(), "Product Analyst", "CTO")))
    None
    """
    low, high, sources = 0.0, 0.0, list[Source]()
    for step in path.steps[:-1]:
        years = step.node.years
        if years is None:
            return None
        low += years.min or 0.0
        high = None if high is None or years.max is None else high + years.max  # type: ignore[assignment]
        sources.extend(years.sources)
    return YearRange(low, high, tuple(dict.fromkeys(sources)))


def next_positions(G: CareerGraph, position: str) -> list[Node]:
    """The positions one move on from ``position``, in entity order (the moves of the module docstring).

    Examples
    --------
    >>> from graph import load_graph
    >>> [n.name for n in next_positions(load_graph(), "Mid Level TPM")]
    ['Senior Technical Product Manager']
    """
    moves = _moves(G)
    return [moves.nodes[v] for v in moves.succ[moves.index[resolve_position(G, position).id]]]


def previous_positions(G: CareerGraph, position: str) -> list[Node]:
    """The positions one move before ``position``, in entity order.

    Examples
    --------
    >>> from graph import load_graph
    >>> [n.name for n in previous_positions(load_graph(), "Senior TPM")]
    ['Technical Product Manager', 'Mid Level Technical Product Manager']
    """
    moves = _moves(G)
    return [moves.nodes[u] for u in moves.pred[moves.index[resolve_position(G, position).id]]]


def career_moves(G: CareerGraph) -> nx.DiGraph:
    """The moves as a simple NetworkX digraph of position ids, for NetworkX algorithms.

    Each edge carries the graph `Edge` it follows as its ``via`` attribute.
    Building it takes a while on large graphs; the path functions do not need it.

    Examples
    --------
    >>> from graph import load_graph
    >>> moves = career_moves(load_graph())
    >>> moves.edges["specialization/mobile-technical-product-manager", "role/technical-product-manager"]["via"].type
    <RelationType.HAS_SPECIALIZATION: 'HAS_SPECIALIZATION'>
    """
    moves = _moves(G)
    digraph = nx.DiGraph()
    digraph.add_nodes_from(node.id for node in moves.nodes)
    for u, node in enumerate(moves.nodes):
        for v, edge in zip(moves.succ[u], moves.via[u], strict=True):
            digraph.add_edge(node.id, moves.nodes[v].id, via=edge)
    return digraph


def prepare_career_moves(G: CareerGraph) -> None:
    """Index the moves of ``G`` now rather than on the first path query.

    A server calls this once after loading the graph (and before ``gc.freeze()``),
    so no request pays for the index. Later calls cost a dictionary look-up.

    Examples
    --------
    >>> from graph import load_graph
    >>> prepare_career_moves(load_graph())
    """
    _moves(G)


def _names(names: Iterable[str], argument: str) -> Iterable[str]:
    if isinstance(names, str):
        raise InvalidArgument(argument, "expected a list of names, got one string")
    return names


@dataclass(frozen=True, slots=True)
class _Moves:
    """The moves of one graph as integer adjacency: position ``i`` is ``nodes[i]``, in key order.

    ``succ[u]`` and ``pred[u]`` are sorted, so scanning them meets positions in
    key order; ``via[u][j]`` is the edge of the move ``u -> succ[u][j]``.
    """

    nodes: tuple[Node, ...]
    index: dict[str, int]
    succ: tuple[list[int], ...]
    pred: tuple[list[int], ...]
    via: tuple[list[Edge], ...]

    def edge(self, u: int, v: int) -> Edge:
        return self.via[u][bisect_left(self.succ[u], v)]


_CACHE: WeakKeyDictionary[CareerGraph, _Moves] = WeakKeyDictionary()


def _moves(G: CareerGraph) -> _Moves:
    """The cached moves of ``G``, indexed on first use."""
    moves = _CACHE.get(G)
    if moves is None:
        moves = _CACHE[G] = _index_moves(G)
    return moves


def _index_moves(G: CareerGraph) -> _Moves:
    nodes = tuple(node for node in G.entities() if node.kind in POSITION_KINDS)
    index = {node.id: i for i, node in enumerate(nodes)}
    arcs: list[dict[int, Edge]] = [{} for _ in nodes]
    backward: list[tuple[int, int, Edge]] = []
    for u, node in enumerate(nodes):
        # relations come in RELATION_ORDER, so the first edge kept is the most telling
        for relation in G.relations(node.id, direction=Direction.OUTGOING):
            edge, v = relation.edge, index.get(relation.other)
            if v is None or v == u or edge.type not in FORWARD_MOVES:
                continue
            if edge.type is RelationType.HAS_LEVEL and nodes[v].kind is not EntityKind.LEVEL:
                continue  # a role's level joined to a rung below it is no move down
            arcs[u].setdefault(v, edge)
            if edge.type in BACKWARD_MOVES:
                backward.append((v, u, edge))
    for v, u, edge in backward:
        arcs[v].setdefault(u, edge)
    succ = tuple(sorted(targets) for targets in arcs)
    pred: tuple[list[int], ...] = tuple([] for _ in nodes)
    for u, targets in enumerate(succ):
        for v in targets:
            pred[v].append(u)
    via = tuple([arcs[u][v] for v in targets] for u, targets in enumerate(succ))
    return _Moves(nodes, index, succ, pred, via)


def _career_path(moves: _Moves, walk: Sequence[int]) -> CareerPath:
    first = CareerStep(moves.nodes[walk[0]], None)
    rest = (CareerStep(moves.nodes[v], moves.edge(u, v)) for u, v in pairwise(walk))
    return CareerPath((first, *rest))


def _search(moves: _Moves, sources: Iterable[int], target: int, banned: Iterable[int] = ()) -> list[int] | None:
    """The smallest shortest path from one of ``sources`` to ``target`` that avoids ``banned``.

    Breadth-first from both ends, a whole layer at a time, always growing the
    smaller frontier. The first layer that meets the other search fixes the
    distance; `_smallest_path` then picks the path.
    """
    forward = dict.fromkeys(banned, -1)
    backward = dict(forward)
    front = [s for s in dict.fromkeys(sources) if s not in forward]
    if target in forward or not front:
        return None
    if target in front:
        return [target]
    forward.update(dict.fromkeys(front, 0))
    backward[target] = 0
    back = [target]
    ahead = behind = 0
    while front and back:
        if len(front) <= len(back):
            ahead += 1
            front, meet = _expand(moves.succ, front, forward, backward, ahead)
        else:
            behind += 1
            back, meet = _expand(moves.pred, back, backward, forward, behind)
        if meet:
            return _smallest_path(moves, meet, forward, backward, ahead + behind)
    return None


def _expand(
    adjacency: Sequence[list[int]], frontier: list[int], labels: dict[int, int], other: dict[int, int], depth: int
) -> tuple[list[int], list[int]]:
    """Label the next layer at ``depth``; return it and those of it ``other`` has labelled."""
    layer: list[int] = []
    meet: list[int] = []
    for u in frontier:
        for v in adjacency[u]:
            if v not in labels:
                labels[v] = depth
                layer.append(v)
                if v in other:
                    meet.append(v)
    return layer, meet


def _smallest_path(
    moves: _Moves, meet: list[int], forward: dict[int, int], backward: dict[int, int], length: int
) -> list[int]:
    """Walk the lexicographically smallest of the shortest paths through ``meet``.

    ``layers[i]`` holds every position that is step ``i`` of some shortest
    path; greedily taking the smallest successor in the next layer is then
    always completable, and gives the smallest sequence.
    """
    ahead = forward[meet[0]]
    layers: list[set[int]] = [set() for _ in range(length + 1)]
    layers[ahead] = set(meet)
    for i in range(ahead - 1, -1, -1):
        layers[i] = {u for v in layers[i + 1] for u in moves.pred[v] if forward.get(u) == i}
    for i in range(ahead + 1, length + 1):
        layers[i] = {w for v in layers[i - 1] for w in moves.succ[v] if backward.get(w) == length - i}
    path = [min(layers[0])]
    for layer in layers[1:]:
        path.append(next(v for v in moves.succ[path[-1]] if v in layer))
    return path
