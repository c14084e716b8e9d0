"""Limits that depend on the request's variables and on the served graph (issue 13: items 6, 18, 19, 20).

Each runs through the fast path and through strawberry's pipeline alike.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

import schema.shape
from graph import CareerGraph
from graph.paths import career_moves
from schema import CareerGraphSchema, Limits, create_schema
from schema.context import Context
from schema.cost import GraphSizes, shortest_path_bound
from schema.limits import MAX_LIST_ITEMS, MAX_VARIABLE_VALUES
from seed.records import EntityKind

SCHEMAS = [pytest.param(True, id="fast-path"), pytest.param(False, id="strawberry")]
NODES = "query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id } }"
PATH = "query Path($from: String!, $to: String!) { careerPath(from: $from, to: $to) { hops } }"
NESTED = "{ roles { levels { responsibilities { sources { text } } } } }"
PATHS = '{ careerPaths(from: "TPM", to: "CTO", k: 10) { steps { entity { name } } } }'


def _errors(schema: CareerGraphSchema, graph: CareerGraph, document: str, **variables: Any) -> list[dict[str, Any]]:
    result = schema.execute_sync(document, variables or None, context_value=Context(graph))
    return [dict(error.formatted) for error in result.errors or ()]


@pytest.fixture
def no_coercion(monkeypatch: pytest.MonkeyPatch) -> None:
    """graphql-core's variable coercion fails the test if it runs."""
    import graphql.execution.executor

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the variables were coerced before their size was checked")

    monkeypatch.setattr(graphql.execution.executor, "get_variable_values", refuse)
    monkeypatch.setattr(schema.shape, "get_variable_values", refuse)


# -- 6: huge variables are refused before they are coerced ---------------------------------


@pytest.mark.parametrize("fast", SCHEMAS)
def test_limits_variable_list_over_the_limit_is_refused_before_coercion(
        seed_graph: CareerGraph, fast: bool, no_coercion: None) -> None:
    served = create_schema(fast_path=fast)
    served.execute_sync(NODES, {"ids": []}, context_value=Context(seed_graph))  # the document, cached
    [error] = _errors(served, seed_graph, NODES, ids=["Um9sZTpyb2xlL2N0bw"] * 495_000)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "variable": "ids", "limit": "max_list_items",
                                   "maximum": MAX_LIST_ITEMS, "measured": 495_000}
    assert "$ids" in error["message"] and "495000" in error["message"]


@pytest.mark.parametrize("fast", SCHEMAS)
def test_limits_variable_values_are_bounded_in_all(seed_graph: CareerGraph, fast: bool, no_coercion: None) -> None:
    many = [[f"id{i}-{j}" for j in range(MAX_LIST_ITEMS)] for i in range(MAX_VARIABLE_VALUES // MAX_LIST_ITEMS)]
    [error] = _errors(create_schema(fast_path=fast), seed_graph, NODES, ids=[], m=many)  # $m: sent, undeclared
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and error["extensions"]["variable"] == "m"
    assert error["extensions"]["limit"] == "max_variable_values"


# -- 20: variable errors name the variable ---------------------------------------------------


@pytest.mark.parametrize("fast", SCHEMAS)
@pytest.mark.parametrize(("variables", "name", "wording"), [
    pytest.param({"from": 7, "to": "CTO"}, "from", "non string value: 7", id="wrong-type"),
    pytest.param({"to": "CTO"}, "from", "to be provided", id="missing"),
    pytest.param({"from": "TPM", "to": None}, "to", "not to be None", id="null"),
])
def test_limits_variable_errors_keep_the_variable_name(seed_graph: CareerGraph, fast: bool,
                                                       variables: dict[str, Any], name: str, wording: str) -> None:
    [error] = _errors(create_schema(fast_path=fast), seed_graph, PATH, **variables)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "variable": name, "expected": "String!"}
    assert f"'${name}'" in error["message"] and wording in error["message"]


# -- 19: lists count what the graph really holds ---------------------------------------------


def _longest(graph: CareerGraph, document: str) -> int:
    """The longest inner list in the answer to ``{ outer { inner { ... } } }`` (every entity of outer's type)."""
    data = create_schema(fast_path=False).execute_sync(document, context_value=Context(graph)).data
    assert data is not None
    [outer] = data.values()
    return max(len(next(iter(item.values()))) for item in outer)


@pytest.mark.parametrize("fast", SCHEMAS)
def test_limits_cost_counts_the_largest_lists_of_the_graph(seed_graph: CareerGraph, fast: bool) -> None:
    roles = len(seed_graph.entities(EntityKind.ROLE))
    levels = _longest(seed_graph, "{ roles { levels { id } } }")
    responsibilities = _longest(seed_graph, "{ levels { responsibilities { id } } }")
    sources = _longest(seed_graph, "{ responsibilities { sources { line } } }")
    expected = roles * (1 + levels * (1 + responsibilities * (1 + sources)))
    assert expected < 1000  # was refused as 168,420 objects
    served = create_schema(fast_path=fast)
    assert _errors(served, seed_graph, NESTED) == []
    [error] = _errors(create_schema(Limits(max_cost=expected - 1), fast_path=fast), seed_graph, NESTED)
    assert error["extensions"]["measured"] == expected
    assert "first" not in error["message"] and f"roles up to {roles}" in error["message"]


def test_limits_cost_advice_names_page_sizes_only_where_a_field_takes_one(seed_graph: CareerGraph) -> None:
    strict = create_schema(Limits(max_cost=10))
    [paged] = _errors(strict, seed_graph, "{ entities(first: 100) { nodes { ... on Role { levels { name } } } } }")
    assert "entities(first)" in paged["message"] and "levels up to" in paged["message"]
    [listed] = _errors(strict, seed_graph, "{ roles { levels { name } } }")
    assert "(first)" not in listed["message"] and "smaller pages" not in listed["message"]


def test_limits_cost_is_measured_for_each_graph(seed_graph: CareerGraph, guides_graph: CareerGraph) -> None:
    served = create_schema(Limits(max_cost=1))
    [seed] = _errors(served, seed_graph, "{ roles { name } }")
    [guides] = _errors(served, guides_graph, "{ roles { name } }")
    assert seed["extensions"]["measured"] == len(seed_graph.entities(EntityKind.ROLE))
    assert guides["extensions"]["measured"] == len(guides_graph.entities(EntityKind.ROLE))


# -- 18: path queries cost k × a bound on path length -----------------------------------------


def test_limits_path_bound_holds_every_shortest_path_of_the_seed(seed_graph: CareerGraph) -> None:
    moves = career_moves(seed_graph)
    longest = max(len(path) for _, paths in nx.all_pairs_shortest_path(moves) for path in paths.values())
    steps = GraphSizes(create_schema()._schema, seed_graph).path_steps()
    assert longest <= steps <= len(moves)


@pytest.mark.parametrize("seed", range(40))
def test_limits_shortest_path_bound_holds_on_random_digraphs(seed: int) -> None:
    graph = nx.gnp_random_graph(12, 0.05 + seed / 100, directed=True, seed=seed)
    successors = [sorted(graph.successors(u)) for u in range(12)]
    longest = max(len(path) for _, paths in nx.all_pairs_shortest_path(graph) for path in paths.values())
    assert longest <= shortest_path_bound(successors) <= 12


@pytest.mark.parametrize("fast", SCHEMAS)
def test_limits_path_queries_cost_k_times_the_path_bound(seed_graph: CareerGraph, fast: bool) -> None:
    steps = GraphSizes(create_schema()._schema, seed_graph).path_steps()
    expected = 10 + 10 * steps  # ten paths, each up to `steps` steps
    [error] = _errors(create_schema(Limits(max_cost=expected - 1), fast_path=fast), seed_graph, PATHS)
    assert error["extensions"]["measured"] == expected and "careerPaths(k)" in error["message"]
    assert _errors(create_schema(Limits(max_cost=expected), fast_path=fast), seed_graph, PATHS) == []


def test_limits_cost_of_a_document_is_there_for_the_web_layer_to_schedule(seed_graph: CareerGraph) -> None:
    served = create_schema()
    assert served.documents.cost(PATHS, seed_graph) is None  # not checked yet
    served.execute_sync(PATHS, context_value=Context(seed_graph))
    steps = GraphSizes(served._schema, seed_graph).path_steps()
    assert served.documents.cost(PATHS, seed_graph) == 10 + 10 * steps
