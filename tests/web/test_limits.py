"""Document limits (schema.limits): what they measure, that settings reach them, and that caching holds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from graphql import build_schema, get_introspection_query, parse

import schema.limits
from careergraph.settings import Settings
from graph import CareerGraph
from schema import Limits, create_schema
from schema.context import Context
from seed.records import EntityKind

EXAMPLES = sorted((Path(__file__).parents[2] / "docs" / "queries").glob("*.graphql"))


def run(limits: Limits, graph: CareerGraph, document: str, **variables: Any) -> Any:
    return create_schema(limits).execute_sync(document, variable_values=variables or None,
                                              context_value=Context(graph))


def codes(result: Any) -> list[tuple[str, str | None]]:
    return [(e.extensions["code"], e.extensions.get("limit")) for e in result.errors or ()]


def test_limits_defaults_match_the_settings_defaults() -> None:
    assert Settings().limits == Limits()


def test_limits_settings_reach_the_schema(make_client, post) -> None:
    client = make_client(max_depth=2, introspection=False)
    deep = post(client, "{ graphInfo { kinds { count } } }").json()
    assert deep["errors"][0]["extensions"]["limit"] == "max_depth"
    introspection = post(client, "{ __schema { queryType { name } } }").json()
    assert introspection["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "introspection has been disabled" in introspection["errors"][0]["message"]
    assert post(client, "{ __typename }").json() == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_limits_admit_every_example_operation(seed_graph, path: Path) -> None:
    variables_file = path.with_suffix(".json")
    variables = json.loads(variables_file.read_text()) if variables_file.exists() else {}
    result = run(Limits(), seed_graph, path.read_text(), **variables)
    assert result.errors is None, [e.formatted for e in result.errors]


def test_limits_admit_graphiql_introspection(seed_graph) -> None:
    result = run(Limits(), seed_graph, get_introspection_query(descriptions=True, input_value_deprecation=True))
    assert result.errors is None


@pytest.mark.parametrize(
    ("document", "cost"),
    [
        pytest.param("{ entities(first: 7) { nodes { name } } }", 7, id="page"),
        pytest.param("{ entities { nodes { name } edges { node { name } } } }", 20, id="default-page-size"),
        pytest.param("{ entities(first: 10) { nodes { relations(first: 5) { nodes { node { name } } } } } }",
                     10 + 10 * 5, id="nested-pages-multiply"),
        pytest.param("{ roles { name } }", lambda g: _roles(g), id="list-without-page-size-counts-the-graph"),
        pytest.param("{ roles { aliases } }", lambda g: _roles(g), id="scalar-lists-are-free"),
        pytest.param('{ nodes(ids: ["a", "b", "c"]) { id } }', 3, id="ids"),
        pytest.param('{ careerPaths(from: "a", to: "b", k: 4) { hops } }', 4, id="k"),
        pytest.param("query($n: Int) { entities(first: $n) { nodes { name } } }", 100, id="variable-counts-max"),
        pytest.param("{ entities(first: 5000) { nodes { name } } }", 100, id="literal-counts-at-most-max"),
        pytest.param("fragment F on Entity { relations(first: 3) { nodes { node { name } } } } "
                     "{ entities(first: 2) { nodes { ...F ... on Role { levels { ...F } } } } }",
                     lambda g: 2 + 2 * 3 + 2 * _levels(g) + 2 * _levels(g) * 3, id="fragments"),
    ],
)
def test_limits_cost_multiplies_page_sizes(seed_graph, document: str, cost: Any) -> None:
    # A list without a page size counts the most items it holds in the served graph (schema.cost).
    cost = cost(seed_graph) if callable(cost) else cost
    result = run(Limits(max_cost=cost), seed_graph, document)
    assert ("QUERY_TOO_COMPLEX", "max_cost") not in codes(result)
    refused = run(Limits(max_cost=cost - 1), seed_graph, document)
    assert refused.errors[0].extensions["measured"] == cost
    assert refused.data is None


def _roles(graph: CareerGraph) -> int:
    return len(graph.entities(EntityKind.ROLE))


def _levels(graph: CareerGraph) -> int:
    """The most levels one role has (as the API lists them)."""
    data = create_schema().execute_sync("{ roles { levels { id } } }", context_value=Context(graph)).data
    assert data is not None
    return max(len(role["levels"]) for role in data["roles"])


def test_limits_depth_counts_fields_through_fragments(seed_graph) -> None:
    document = "fragment F on GraphInfo { kinds { count } } { graphInfo { ...F } }"
    assert run(Limits(max_depth=3), seed_graph, document).errors is None
    assert codes(run(Limits(max_depth=2), seed_graph, document)) == [("QUERY_TOO_COMPLEX", "max_depth")]


def test_limits_survive_fragment_cycles_and_unknown_fragments(seed_graph) -> None:
    cyclic = "fragment A on Query { ...B } fragment B on Query { ...A } { ...A ...Missing }"
    result = run(Limits(), seed_graph, cyclic)
    assert {code for code, _ in codes(result)} == {"GRAPHQL_VALIDATION_FAILED"}


def test_limits_refuse_before_any_resolver_runs(seed_graph, monkeypatch) -> None:
    calls = []

    def entities(*args: Any, **kwargs: Any) -> list[Any]:
        calls.append(args)
        return []

    monkeypatch.setattr(CareerGraph, "entities", entities)
    document = "{ entities(first: 100) { nodes { relations(first: 100) { nodes { node { " \
               "relations(first: 100) { nodes { node { name } } } } } } } } }"
    result = run(Limits(), seed_graph, document)
    assert codes(result) == [("QUERY_TOO_COMPLEX", "max_cost")]
    assert calls == []


def test_limits_validate_each_document_text_once(seed_graph, monkeypatch) -> None:
    validations = []
    validate = schema.limits.validate_document

    def counted(*a: Any) -> Any:
        validations.append(a[2])
        return validate(*a)

    monkeypatch.setattr(schema.limits, "validate_document", counted)
    served = create_schema(Limits())
    document = "{ entities(first: 3) { nodes { name } } }"
    for _ in range(3):
        assert served.execute_sync(document, context_value=Context(seed_graph)).errors is None
    assert len(validations) == 2  # the limits pass, then graphql-core's rules; later requests hit the cache
    assert validations[0] != validations[1]


def _checked() -> schema.limits.Checked:
    """A tiny checked document (the cache only keeps it)."""
    return schema.limits.Checked(parse("{ a }"), (), build_schema("type Query { a: Int }"))


def test_limits_cache_is_bounded_by_characters() -> None:
    cache = schema.limits._DocumentCache(entries=100, characters=1600)
    for i in range(10):
        cache.put(f"{i:>03}" + "x" * 97, _checked())  # 100 characters each
    assert len(cache.items) == 10 and cache.size == 1000
    for i in range(10, 20):
        cache.put(f"{i:>03}" + "x" * 97, _checked())
    assert cache.size <= 1600 and cache.get("000" + "x" * 97) is None
    cache.put("y" * 101, _checked())  # more than a sixteenth of the budget: never cached
    assert cache.get("y" * 101) is None


@pytest.mark.parametrize(
    ("variables", "where"),
    [
        pytest.param({"t": "x" * 1001}, "$t", id="long"),
        pytest.param({"v": {"a": [1, "ok", "bad\x00"]}}, "$v.a[2]", id="nested"),
        pytest.param({"v": ["\x7f"]}, "$v[0]", id="delete-character"),
    ],
)
def test_limits_check_variables_names_the_offending_value(variables: dict, where: str) -> None:
    error = schema.limits.check_variables(variables, Limits())
    assert error is not None and error.extensions is not None and error.extensions["code"] == "BAD_USER_INPUT"
    assert where in error.message


def test_limits_check_variables_accepts_text_and_deep_json() -> None:
    deep: Any = "fine\ttext\nwith lines"
    for _ in range(5000):  # deeper than Python's recursion limit
        deep = [deep]
    assert schema.limits.check_variables({"v": deep, "n": None, "i": 3}, Limits()) is None
