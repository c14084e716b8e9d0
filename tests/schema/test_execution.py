"""The fast path gives strawberry's and graphql-core's answers.

`served` offers every request to the fast path (`schema.execution.execute_fast`)
first; `reference` is the same schema with the fast path off, so strawberry's
pipeline and graphql-core's executor answer everything. For any document
(valid ones from the SDL, invalid ones, the documented examples) both must give
the same data and the same errors. Both are built explicitly, so these tests
compare the two whatever ``CAREERGRAPH_FAST_PATH`` says.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import strawberry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, queries

from graph import CareerGraph
from schema import create_schema, print_sdl
from schema.context import Context

QUERIES = Path(__file__).resolve().parents[2] / "docs" / "queries"
SDL = print_sdl()
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

served = create_schema(fast_path=True)
reference = create_schema(fast_path=False)  # strawberry's pipeline, graphql-core's executor


def _outcome(schema: strawberry.Schema, graph: CareerGraph, document: str,
             variables: dict[str, Any] | None = None) -> tuple[Any, list[Any]]:
    try:
        result = schema.execute_sync(document, variable_values=variables, context_value=Context(graph))
    except Exception as exc:  # both must raise the same request errors
        return type(exc).__name__, []
    errors = [error.formatted for error in result.errors or ()]
    for error in errors:  # masked errors carry a random id
        (error.get("extensions") or {}).pop("errorId", None)
        if "(id " in error["message"]:
            error["message"] = error["message"].split(" (id ")[0]
    return result.data, errors


def _same(graph: CareerGraph, document: str, variables: dict[str, Any] | None = None) -> None:
    for _ in range(2):  # the second time through the caches and plans
        assert _outcome(served, graph, document, variables) == _outcome(reference, graph, document, variables)


@pytest.mark.parametrize("path", sorted(QUERIES.glob("*.graphql")), ids=lambda p: p.stem)
def test_execution_examples_give_the_reference_answers(seed_graph: CareerGraph, path: Path) -> None:
    variables_file = path.with_suffix(".json")
    variables = json.loads(variables_file.read_text()) if variables_file.exists() else None
    _same(seed_graph, path.read_text(), variables)


@pytest.mark.parametrize("document", [
    pytest.param("{ careerPath(from: \"Nobody\", to: \"CTO\") { hops } }", id="resolver-error"),
    pytest.param("{ entities(first: 0) { totalCount } }", id="argument-error"),
    pytest.param("{ entity(name: \"TPM\") { name ... on Role { levels { name } } } }", id="fragment"),
    pytest.param("{ a: entity(name: \"TPM\") { __typename name } b: entity(name: \"CTO\") { name } }", id="aliases"),
    pytest.param("{ entity(name: \"TPM\") { name @include(if: false) kind } }", id="directive"),
    pytest.param("{ __schema { queryType { name } } }", id="introspection"),
    pytest.param("query A { graphInfo { nodeCount } } query B { roles { name } }", id="two-operations"),
    pytest.param("{ nope }", id="invalid"),
    pytest.param("{", id="syntax"),
    pytest.param('{ entities(first: 3, where: {kind: ROLE}, orderBy: [{field: NAME}]) { nodes { name } } }',
                 id="input-objects"),
    pytest.param("{ entities(first: 3, where: null) { nodes { name } } }", id="a-null-input-object"),
])
def test_execution_edge_cases_give_the_reference_answers(seed_graph: CareerGraph, document: str) -> None:
    _same(seed_graph, document)


@FUZZ
@given(document=queries(SDL, allow_x00=False))
def test_execution_valid_documents_give_the_reference_answers(seed_graph: CareerGraph, document: str) -> None:
    _same(seed_graph, document)


@FUZZ
@given(document=queries(SDL, mode=Mode.NEGATIVE))
def test_execution_invalid_documents_give_the_reference_answers(seed_graph: CareerGraph, document: str) -> None:
    _same(seed_graph, document)


PAGE = """query Page($first: Int, $after: String, $kind: EntityKind, $prefix: String = "s") {
  entities(first: $first, after: $after, kind: $kind, namePrefix: $prefix) { totalCount nodes { id name } }
}"""
PATH = "query Path($from: String!, $to: String!) { careerPath(from: $from, to: $to) { hops } }"
WHERE = "query Where($where: EntityWhere) { entities(first: 4, where: $where) { totalCount nodes { name } } }"
NODE = "query Refetch($id: ID!, $hops: Int!) { node(id: $id) { id } reachable(from: \"TPM\", maxHops: $hops) { hops } }"


@pytest.mark.parametrize(("document", "variables"), [
    pytest.param(PATH, {"from": "Product Analyst", "to": "CTO"}, id="strings"),
    pytest.param(PATH, {"from": "Product Analyst", "to": "CTO", "unused": [1]}, id="an-unused-variable"),
    pytest.param(PATH, {"from": "Product Analyst"}, id="a-required-variable-missing"),
    pytest.param(PATH, {"from": "Product Analyst", "to": None}, id="null-for-a-required-variable"),
    pytest.param(PATH, {"from": 7, "to": "CTO"}, id="an-int-for-a-string"),
    pytest.param(PATH, {"from": ["TPM"], "to": "CTO"}, id="a-list-for-a-string"),
    pytest.param(PAGE, {}, id="nothing-given-and-a-default"),
    pytest.param(PAGE, {"first": 3, "prefix": None}, id="an-int-and-an-explicit-null"),
    pytest.param(PAGE, {"first": 3, "prefix": "t", "kind": "ROLE"}, id="an-enum"),
    pytest.param(PAGE, {"first": 2**31}, id="an-int-out-of-range"),
    pytest.param(PAGE, {"first": True}, id="a-bool-for-an-int"),
    pytest.param(PAGE, {"first": 2.0}, id="a-float-for-an-int"),
    pytest.param(PAGE, {"after": None, "first": None}, id="nulls-for-nullable-variables"),
    pytest.param(NODE, {"id": "Um9sZTpyb2xlL2N0bw==", "hops": 2}, id="an-id-and-an-int"),
    pytest.param(NODE, {"id": 12, "hops": 2}, id="an-int-for-an-id"),
    pytest.param(WHERE, {"where": {"kind": "ROLE"}}, id="an-input-object"),
    pytest.param(WHERE, {"where": None}, id="a-null-input-object"),
    pytest.param(WHERE, {}, id="no-input-object"),
    pytest.param(WHERE, {"where": {"kind": "NOPE"}}, id="a-bad-input-object"),
])
def test_execution_variables_give_the_reference_answers(seed_graph: CareerGraph, document: str,
                                                        variables: dict[str, Any]) -> None:
    _same(seed_graph, document, variables)


def test_execution_variables_of_a_named_operation_give_the_reference_answers(seed_graph: CareerGraph) -> None:
    document = f"{PATH}\nquery Other($x: Int!) {{ roles {{ name }} entities(first: $x) {{ totalCount }} }}"
    for name, variables in (("Path", {"from": "TPM", "to": "CTO"}), ("Other", {"x": 1}), ("Other", {}),
                            ("Missing", {})):
        for _ in range(2):
            assert _named(served, seed_graph, document, name, variables) == \
                _named(reference, seed_graph, document, name, variables)


def _named(schema: strawberry.Schema, graph: CareerGraph, document: str, name: str,
           variables: dict[str, Any]) -> tuple[Any, list[Any]]:
    try:
        result = schema.execute_sync(document, variable_values=variables, context_value=Context(graph),
                                     operation_name=name)
    except Exception as exc:  # both must raise the same request errors
        return type(exc).__name__, []
    return result.data, [error.formatted for error in result.errors or ()]


@pytest.mark.parametrize(("variables", "short"), [
    ({"first": 3, "after": None, "prefix": "s"}, True),
    ({"first": 3}, False),  # $prefix has a default: graphql-core applies it
    ({"first": 3, "prefix": "t"}, True),
    ({"first": 3, "prefix": "t", "kind": "ROLE"}, False),  # an enum is converted
    ({"first": "3", "prefix": "t"}, False),
])
def test_execution_short_path_takes_only_variables_graphql_core_would_pass_as_they_are(
        variables: dict[str, Any], short: bool) -> None:
    from graphql import parse

    from schema.shape import Shape

    shape = Shape.of(served._schema, parse(PAGE), None)
    assert shape is not None
    values = shape.variables_as_given(variables)
    assert (values is not None) is short
    if values is not None:
        assert values.coerced == variables


JSON_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**40), max_value=2**40), st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(["TPM", "CTO", "Product Analyst", "ROLE", "SKILL", "YXJyYXljb25uZWN0aW9uOjI="]),
    st.lists(st.text(max_size=4), max_size=2),
)
VARIABLES = st.dictionaries(st.sampled_from(["from", "to", "first", "after", "kind", "prefix", "id", "hops"]),
                            JSON_VALUES, max_size=5)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=st.sampled_from([PATH, PAGE, NODE]), variables=VARIABLES)
def test_execution_any_variable_values_give_the_reference_answers(seed_graph: CareerGraph, document: str,
                                                                   variables: dict[str, Any]) -> None:
    _same(seed_graph, document, variables)


def test_execution_guard_a_known_document_with_plain_variables_takes_both_short_paths(
        seed_graph: CareerGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted, never timed: the plan runs (graphql-core's executor does not) and graphql-core coerces no variable."""
    import graphql.execution.executor as graphql_executor

    import schema.shape

    calls = {"variables": 0, "executor": 0}
    coerce, execute_operation = graphql_executor.get_variable_values, graphql_executor.Executor.execute_operation

    def counting_coerce(*args: Any, **kwargs: Any) -> Any:
        calls["variables"] += 1
        return coerce(*args, **kwargs)

    def counting_execute(self: Any, *args: Any, **kwargs: Any) -> Any:
        calls["executor"] += 1
        return execute_operation(self, *args, **kwargs)

    monkeypatch.setattr(graphql_executor, "get_variable_values", counting_coerce)
    monkeypatch.setattr(schema.shape, "get_variable_values", counting_coerce)
    monkeypatch.setattr(graphql_executor.Executor, "execute_operation", counting_execute)
    pairs = [("Product Analyst", "CTO"), ("TPM", "VP of Product"), ("Associate Product Manager", "Senior TPM")]
    for source, target in pairs:
        result = served.execute_sync(PATH, {"from": source, "to": target}, context_value=Context(seed_graph))
        assert result.errors is None and result.data is not None and result.data["careerPath"]["hops"] > 0
    assert calls == {"variables": 0, "executor": 0}
    reference.execute_sync(PATH, {"from": "TPM", "to": "CTO"}, context_value=Context(seed_graph))
    assert calls == {"variables": 1, "executor": 1}  # the counters do count: the reference takes the long way
