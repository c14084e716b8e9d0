"""Career moves and paths: pinned on the bundled seed, and checked by brute force on small random graphs."""

from __future__ import annotations

import doctest
from collections import deque
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import EntityNotFound, InvalidArgument
from graph.model import KIND_ORDER, CareerGraph
from graph.paths import (
    MAX_PATHS,
    CareerPath,
    career_ladder,
    career_moves,
    k_shortest_career_paths,
    position_changes,
    reachable_positions,
    shortest_career_path,
)
from seed.records import EntityKind, RelationType

PROGRESSES_TO = RelationType.PROGRESSES_TO
HAS_LEVEL = RelationType.HAS_LEVEL
HAS_SPECIALIZATION = RelationType.HAS_SPECIALIZATION
HAS_RESPONSIBILITY = RelationType.HAS_RESPONSIBILITY
DOC = Path(__file__).parents[2] / "docs" / "career-paths.md"
TPM_LADDER = [
    "Product Analyst",
    "Technical Product Manager",
    "Senior Technical Product Manager",
    "Director of Technical Product Management",
    "CTO",
]


def names(path: CareerPath | None) -> list[str]:
    assert path is not None
    return [step.node.name for step in path.steps]


# --- the bundled seed -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        pytest.param("Product Analyst", "CTO", TPM_LADDER, id="analyst-to-cto"),
        pytest.param(
            "Associate Product Manager",
            "VP of Product",
            ["Associate Product Manager", *TPM_LADDER[1:4], "VP of Product"],
            id="apm-to-vp",
        ),
        pytest.param("tpm", "senior tpms", TPM_LADDER[1:3], id="aliases-any-case"),
        pytest.param("role/product-analyst", "CTO", TPM_LADDER, id="by-id"),
    ],
)
def test_shortest_career_path_follows_progressions(seed_graph: CareerGraph, source: str, target: str, expected):
    path = shortest_career_path(seed_graph, source, target)

    assert names(path) == expected
    assert path is not None and path.hops == len(expected) - 1
    assert path.steps[0].via is None
    assert all(step.via is not None and step.via.type is PROGRESSES_TO for step in path.steps[1:])


def test_shortest_career_path_cites_the_sentence_of_each_move(seed_graph: CareerGraph):
    path = shortest_career_path(seed_graph, "Product Analyst", "CTO")

    assert path is not None
    last = path.steps[-1].via
    assert last is not None and (last.source, last.target) == (
        "role/director-of-technical-product-management",
        "role/cto",
    )
    assert any("executive positions such as VP of Product or CTO" in source.text for source in last.sources)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        pytest.param("CTO", "Product Analyst", id="no-demotion"),
        pytest.param("Senior Level", "Entry Level", id="no-level-down"),
        pytest.param("Senior Level", "TPM", id="level-not-back-to-role"),
    ],
)
def test_shortest_career_path_is_none_when_only_downward(seed_graph: CareerGraph, source: str, target: str):
    assert shortest_career_path(seed_graph, source, target) is None


def test_shortest_career_path_climbs_levels(seed_graph: CareerGraph):
    path = shortest_career_path(seed_graph, "Entry Level", "Senior Level")

    assert names(path) == [
        "Entry Level Technical Product Manager",
        "Mid Level Technical Product Manager",
        "Senior Technical Product Manager",
    ]


def test_shortest_career_path_returns_from_a_specialization_via_its_edge(seed_graph: CareerGraph):
    path = shortest_career_path(seed_graph, "Mobile TPM", "Senior TPM")

    assert path is not None
    assert names(path) == [
        "Mobile Technical Product Manager",
        "Technical Product Manager",
        "Senior Technical Product Manager",
    ]
    back = path.steps[1].via
    assert back is not None and back.type is HAS_SPECIALIZATION
    assert (back.source, back.target) == (
        "role/technical-product-manager",
        "specialization/mobile-technical-product-manager",
    )
    assert back.sources


def test_shortest_career_path_passes_via_points_in_order(seed_graph: CareerGraph):
    path = shortest_career_path(seed_graph, "Product Analyst", "CTO", via=["Mobile TPM"])

    assert names(path) == [
        "Product Analyst",
        "Technical Product Manager",
        "Mobile Technical Product Manager",
        "Technical Product Manager",
        *TPM_LADDER[2:],
    ]
    assert path is not None and path.hops == 6


def test_shortest_career_path_is_none_when_avoiding_the_only_way(seed_graph: CareerGraph):
    assert shortest_career_path(seed_graph, "Product Analyst", "CTO", avoid=["Senior TPM"]) is None


def test_shortest_career_path_is_none_when_a_via_point_is_unreachable(seed_graph: CareerGraph):
    assert shortest_career_path(seed_graph, "Product Analyst", "CTO", via=["CTO", "Mobile TPM"]) is None


def test_shortest_career_path_has_no_hops_when_source_is_target(seed_graph: CareerGraph):
    path = shortest_career_path(seed_graph, "TPM", "Technical Product Manager")

    assert path is not None and path.hops == 0
    assert names(path) == ["Technical Product Manager"]
    assert path.steps[0].via is None


def test_shortest_career_path_raises_with_suggestions_for_a_typo(seed_graph: CareerGraph):
    with pytest.raises(EntityNotFound, match="no career position named 'Product Analist'") as raised:
        shortest_career_path(seed_graph, "Product Analist", "CTO")

    assert "Product Analyst" in raised.value.suggestions


def test_shortest_career_path_raises_for_an_entity_that_is_not_a_position(seed_graph: CareerGraph):
    with pytest.raises(EntityNotFound, match="no career position named 'Engineering'") as raised:
        shortest_career_path(seed_graph, "TPM", "Engineering")

    assert all(seed_graph.find(name, [EntityKind.TEAM]) is None for name in raised.value.suggestions)


@pytest.mark.parametrize(
    ("avoid", "match"),
    [
        pytest.param(["Product Analyst"], "'Product Analyst' is the source", id="source"),
        pytest.param(["cto"], "'CTO' is the target", id="target"),
        pytest.param(["Mobile"], "'Mobile Technical Product Manager' is the via point", id="via"),
    ],
)
def test_shortest_career_path_raises_when_avoiding_a_stop(seed_graph: CareerGraph, avoid: list[str], match: str):
    with pytest.raises(InvalidArgument, match=f"invalid avoid: {match}"):
        shortest_career_path(seed_graph, "Product Analyst", "CTO", via=["Mobile TPM"], avoid=avoid)


@pytest.mark.parametrize("argument", ["via", "avoid"])
def test_shortest_career_path_raises_when_a_list_is_one_string(seed_graph: CareerGraph, argument: str):
    with pytest.raises(InvalidArgument, match=f"invalid {argument}: expected a list of names"):
        shortest_career_path(seed_graph, "Product Analyst", "CTO", **{argument: "Mobile TPM"})


def test_shortest_career_path_raises_for_an_unknown_avoid(seed_graph: CareerGraph):
    with pytest.raises(EntityNotFound, match="no career position named 'Seniour TPM'"):
        shortest_career_path(seed_graph, "Product Analyst", "CTO", avoid=["Seniour TPM"])


def test_k_shortest_career_paths_starts_with_the_shortest_path(seed_graph: CareerGraph):
    paths = k_shortest_career_paths(seed_graph, "Product Analyst", "CTO", k=MAX_PATHS)

    # after the ladder, joining TPM at a level and climbing its levels to the Senior TPM rung
    assert [names(path) for path in paths] == [
        TPM_LADDER,
        [*TPM_LADDER[:2], "Mid Level Technical Product Manager", *TPM_LADDER[2:]],
        [*TPM_LADDER[:2], "Entry Level Technical Product Manager", "Mid Level Technical Product Manager",
         *TPM_LADDER[2:]],
    ]


def test_k_shortest_career_paths_is_empty_without_a_path(seed_graph: CareerGraph):
    assert k_shortest_career_paths(seed_graph, "CTO", "Product Analyst") == []


@pytest.mark.parametrize("k", [0, -1, MAX_PATHS + 1])
def test_k_shortest_career_paths_raises_when_k_is_out_of_range(seed_graph: CareerGraph, k: int):
    with pytest.raises(InvalidArgument, match=f"invalid k: must be between 1 and {MAX_PATHS}, got {k}"):
        k_shortest_career_paths(seed_graph, "Product Analyst", "CTO", k=k)


def test_reachable_positions_lists_distances_from_the_source(seed_graph: CareerGraph):
    reached = [(node.name, hops) for node, hops in reachable_positions(seed_graph, "Product Analyst", max_hops=2)]

    assert reached[:3] == [
        ("Product Analyst", 0),
        ("Technical Product Manager", 1),
        ("Senior Technical Product Manager", 2),
    ]
    assert [hops for _, hops in reached] == [0, 1, *[2] * (len(reached) - 2)]
    assert {name for name, hops in reached if hops == 2} >= {
        "Mid Level Technical Product Manager",
        "Mobile Technical Product Manager",
    }


def test_reachable_positions_is_the_source_alone_at_zero_hops(seed_graph: CareerGraph):
    assert [(node.name, hops) for node, hops in reachable_positions(seed_graph, "TPM", max_hops=0)] == [
        ("Technical Product Manager", 0)
    ]


def test_reachable_positions_never_leads_down(seed_graph: CareerGraph):
    reached = {node.name for node, _ in reachable_positions(seed_graph, "Senior Level")}

    assert reached == {
        "Senior Technical Product Manager",
        "Director of Technical Product Management",
        "CTO",
        "VP of Product",
    }


def test_reachable_positions_raises_when_max_hops_is_negative(seed_graph: CareerGraph):
    with pytest.raises(InvalidArgument, match="invalid max_hops: must be 0 or more, got -1"):
        reachable_positions(seed_graph, "TPM", max_hops=-1)


@pytest.mark.parametrize("role", ["Product Analyst", "CTO", "tpm"])
def test_career_ladder_puts_each_role_on_its_rung(seed_graph: CareerGraph, role: str):
    rungs = [[node.name for node in rung] for rung in career_ladder(seed_graph, role)]

    assert rungs == [
        ["Associate Product Manager", "Product Analyst"],
        ["Technical Product Manager"],
        ["Senior Technical Product Manager"],
        ["Director of Technical Product Management"],
        ["CTO", "VP of Product"],
    ]


def test_career_ladder_raises_for_a_level(seed_graph: CareerGraph):
    with pytest.raises(EntityNotFound, match="no role named 'Entry Level'"):
        career_ladder(seed_graph, "Entry Level")


def test_position_changes_lists_what_a_specialization_gains_and_leaves(seed_graph: CareerGraph):
    changes = position_changes(seed_graph, "TPM", "Mobile TPM")

    assert changes.source.name == "Technical Product Manager"
    assert [team.name for team in changes.teams.gained] == ["Mobile Developers"]
    assert "Customer Support" in [team.name for team in changes.teams.left_behind]  # through a responsibility
    assert "UX/UI Designers" not in [team.name for team in (*changes.teams.gained, *changes.teams.left_behind)]
    assert [skill.name for skill in changes.skills.gained] == [
        "Mobile platforms",
        "Mobile user behavior",
        "User interface design",
    ]
    assert changes.responsibilities.gained == ()
    assert len(changes.responsibilities.left_behind) == len(
        seed_graph.neighbours("role/technical-product-manager", HAS_RESPONSIBILITY)
    )


def test_position_changes_is_empty_for_the_same_position(seed_graph: CareerGraph):
    changes = position_changes(seed_graph, "Mid Level", "mid level tpm")

    assert all(
        not change.gained and not change.left_behind
        for change in (changes.responsibilities, changes.teams, changes.skills)
    )


def test_career_moves_holds_every_move_once(seed_graph: CareerGraph):
    moves = career_moves(seed_graph)

    assert moves.number_of_nodes() == 15
    # 8 promotions (mid level -> Senior TPM among them), 2 levels joined from the role, 6 specializations both ways;
    # the role's HAS_LEVEL edge to the joined Senior TPM rung is no second move
    assert moves.number_of_edges() == 8 + 2 + 2 * 6
    assert not moves.has_edge("role/senior-technical-product-manager", "role/technical-product-manager")


def test_career_paths_doc_example_runs():
    result = doctest.testfile(str(DOC), module_relative=False, optionflags=doctest.ELLIPSIS)

    assert result.attempted > 0 and result.failed == 0


# --- small random graphs, against brute force ----------------------------------------------------------------------


def tiny_graph(edges: Iterable[tuple[RelationType, str, str]], node_ids: Iterable[str]) -> CareerGraph:
    """A CareerGraph with the attributes `build_graph` gives, from an edge list."""
    graph = nx.MultiDiGraph()
    for node_id in node_ids:
        kind = EntityKind(node_id.split("/")[0].upper())
        graph.add_node(node_id, kind=kind, name=node_id.split("/")[1].title(), aliases=(), description=None, sources=())
    for type_, u, v in edges:
        graph.add_edge(u, v, key=type_.value, type=type_, sources=())
    return CareerGraph(graph, [])


def allowed_moves(edges: Iterable[tuple[RelationType, str, str]]) -> set[tuple[str, str]]:
    """The career-move model written out plainly: forward moves, and specializations back to their role."""
    moves = set()
    for type_, u, v in edges:
        if type_ in (PROGRESSES_TO, HAS_LEVEL, HAS_SPECIALIZATION) and u != v:
            moves.add((u, v))
        if type_ is HAS_SPECIALIZATION:
            moves.add((v, u))
    return moves


def bfs_distance(moves: set[tuple[str, str]], source: str, target: str, avoid: set[str]) -> int | None:
    distance = {source: 0}
    queue = deque([source])
    while queue:
        u = queue.popleft()
        if u == target:
            return distance[u]
        for a, b in sorted(moves):
            if a == u and b not in distance and b not in avoid:
                distance[b] = distance[u] + 1
                queue.append(b)
    return None


def all_simple_paths(moves: set[tuple[str, str]], source: str, target: str) -> list[list[str]]:
    if source == target:
        return [[source]]
    found: list[list[str]] = []
    stack = [[source]]
    while stack:
        path = stack.pop()
        for a, b in moves:
            if a == path[-1] and b not in path:
                (found if b == target else stack).append([*path, b])
    return found


def key(G: CareerGraph, node_id: str) -> tuple[int, str, str]:
    node = G.node(node_id)
    return (KIND_ORDER.index(node.kind), node.name.casefold(), node.id)


def is_walk(path: CareerPath, moves: set[tuple[str, str]]) -> bool:
    pairs = [(a.node.id, b.node.id) for a, b in zip(path.steps, path.steps[1:], strict=False)]
    edges_fit = all(
        b.via is not None and {b.via.source, b.via.target} == {a.node.id, b.node.id}
        for a, b in zip(path.steps, path.steps[1:], strict=False)
    )
    return all(pair in moves for pair in pairs) and edges_fit


def test_k_shortest_career_paths_ranks_equal_branches_by_name():
    fan = [(PROGRESSES_TO, "role/r0", f"role/r{i}") for i in (3, 1, 2)] + [
        (PROGRESSES_TO, f"role/r{i}", "role/r4") for i in (2, 3, 1)
    ]
    G = tiny_graph(fan, [f"role/r{i}" for i in range(5)])

    paths = k_shortest_career_paths(G, "R0", "R4", k=5)

    assert [names(path) for path in paths] == [["R0", f"R{i}", "R4"] for i in (1, 2, 3)]


def test_career_ladder_puts_a_progression_cycle_on_one_rung():
    edges = [
        (PROGRESSES_TO, u, v)
        for u, v in [("role/a", "role/b"), ("role/b", "role/c"), ("role/c", "role/b"), ("role/c", "role/d")]
    ]
    G = tiny_graph(edges, ["role/a", "role/b", "role/c", "role/d"])

    assert [[node.name for node in rung] for rung in career_ladder(G, "D")] == [["A"], ["B", "C"], ["D"]]


@st.composite
def graphs(draw: st.DrawFn) -> tuple[CareerGraph, list[tuple[RelationType, str, str]], list[str]]:
    roles = [f"role/r{i}" for i in range(draw(st.integers(1, 5)))]
    levels = [f"level/l{i}" for i in range(draw(st.integers(0, 3)))]
    specializations = [f"specialization/s{i}" for i in range(draw(st.integers(0, 3)))]
    chores = ["responsibility/chore"]
    candidates = [
        *((PROGRESSES_TO, u, v) for u in roles for v in roles),
        *((PROGRESSES_TO, u, v) for u in levels for v in levels if u != v),
        *((HAS_LEVEL, u, v) for u in roles for v in levels),
        *((HAS_SPECIALIZATION, u, v) for u in roles for v in specializations),
        *((HAS_RESPONSIBILITY, u, v) for u in roles for v in chores),
    ]
    dense = len(candidates) // 2
    edges = draw(st.lists(st.sampled_from(candidates), min_size=min(dense, 6), max_size=max(dense, 12), unique=True))
    positions = [*roles, *levels, *specializations]
    return tiny_graph(edges, [*positions, *chores]), edges, positions


def endpoints(moves: set[tuple[str, str]], positions: list[str]) -> st.SearchStrategy[tuple[str, str]]:
    """A source and, mostly, a target it can reach: unreachable pairs teach little."""

    def target(source: str) -> st.SearchStrategy[tuple[str, str]]:
        reached = [p for p in positions if bfs_distance(moves, source, p, set()) is not None]
        return st.tuples(st.just(source), st.sampled_from(reached) | st.sampled_from(positions))

    return st.sampled_from(positions).flatmap(target)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_shortest_career_path_is_a_shortest_walk_through_via_and_around_avoid(data: st.DataObject):
    G, edges, positions = data.draw(graphs())
    moves = allowed_moves(edges)
    source, target = data.draw(endpoints(moves, positions))
    via = data.draw(st.lists(st.sampled_from(positions), max_size=2))
    stops = [source, *via, target]
    avoid = data.draw(st.lists(st.sampled_from([p for p in positions if p not in stops] or ["-"]), max_size=2))
    avoid = [a for a in avoid if a != "-"]

    path = shortest_career_path(G, source, target, via=via, avoid=avoid)

    legs = [bfs_distance(moves, a, b, set(avoid)) for a, b in zip(stops, stops[1:], strict=False)]
    if None in legs:
        assert path is None
        return
    assert path is not None
    assert path.hops == sum(legs)  # type: ignore[arg-type]
    assert is_walk(path, moves)
    ids = [step.node.id for step in path.steps]
    assert ids[0] == source and ids[-1] == target
    assert not set(ids) & set(avoid)
    at = 0
    for stop in via:
        at = ids.index(stop, at)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_shortest_career_path_is_the_smallest_of_the_shortest(data: st.DataObject):
    G, edges, positions = data.draw(graphs())
    moves = allowed_moves(edges)
    source, target = data.draw(endpoints(moves, positions))

    path = shortest_career_path(G, source, target)

    every = all_simple_paths(moves, source, target)
    if not every:
        assert path is None
        return
    best = min(every, key=lambda p: (len(p), [key(G, n) for n in p]))
    assert path is not None and [step.node.id for step in path.steps] == best


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_k_shortest_career_paths_are_the_first_k_simple_paths(data: st.DataObject):
    G, edges, positions = data.draw(graphs())
    moves = allowed_moves(edges)
    source, target = data.draw(endpoints(moves, positions))
    k = data.draw(st.integers(1, MAX_PATHS))

    paths = k_shortest_career_paths(G, source, target, k=k)

    ids = [[step.node.id for step in path.steps] for path in paths]
    ranked = sorted(all_simple_paths(moves, source, target), key=lambda p: (len(p), [key(G, n) for n in p]))
    assert ids == ranked[:k]
    assert all(
        is_walk(path, moves) and len(set(path_ids)) == len(path_ids) for path, path_ids in zip(paths, ids, strict=True)
    )
    assert [path.hops for path in paths] == sorted(path.hops for path in paths)
    if paths:
        assert paths[0] == shortest_career_path(G, source, target)


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_reachable_positions_matches_breadth_first_search(data: st.DataObject):
    G, edges, positions = data.draw(graphs())
    moves = allowed_moves(edges)
    source = data.draw(st.sampled_from(positions))

    reached = {node.id: hops for node, hops in reachable_positions(G, source)}

    expected = {p: bfs_distance(moves, source, p, set()) for p in positions}
    assert reached == {p: d for p, d in expected.items() if d is not None}


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_career_ladder_rungs_rise_along_progressions(data: st.DataObject):
    G, edges, positions = data.draw(graphs())
    role = data.draw(st.sampled_from([p for p in positions if p.startswith("role/")]))

    rungs = career_ladder(G, role)

    rung_of = {node.id: i for i, rung in enumerate(rungs) for node in rung}
    progressions = [(u, v) for type_, u, v in edges if type_ is PROGRESSES_TO and u.startswith("role/") and u != v]
    linked = nx.Graph(progressions)
    linked.add_node(role)
    assert set(rung_of) == nx.node_connected_component(linked, role)
    cyclic = nx.DiGraph(progressions)
    for u, v in progressions:
        if u in rung_of and not (cyclic.has_node(v) and nx.has_path(cyclic, v, u)):
            assert rung_of[u] < rung_of[v]
    assert all(rungs)
