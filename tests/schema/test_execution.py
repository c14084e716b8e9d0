"""The fast paths give strawberry's and graphql-core's answers.

`schema.create_schema()` runs documents through its own pipeline and the
planned executor (`schema.execution`). A reference schema runs the same
documents through strawberry's pipeline and graphql-core's executor; for any
document (valid ones from the SDL, invalid ones, the documented examples) both
must give the same data and the same errors.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import strawberry
from hypothesis import HealthCheck, given, settings
from hypothesis_graphql import Mode, queries

from graph import CareerGraph
from schema import ENTITY_TYPES, CareerGraphSchema, create_schema, print_sdl
from schema.context import Context
from schema.limits import DocumentChecker, Limits, checked_documents
from schema.query import Query
from schema.types.entity import Entity, Node

QUERIES = Path(__file__).resolve().parents[2] / "docs" / "queries"
SDL = print_sdl()
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

served = create_schema()
documents = DocumentChecker(Limits())
reference = CareerGraphSchema(
    query=Query,
    types=[Node, Entity, *ENTITY_TYPES],
    extensions=[checked_documents(documents)],
    documents=documents,
    lean=False,  # strawberry's pipeline, graphql-core's executor
)


def _outcome(schema: strawberry.Schema, graph: CareerGraph, document: str,
             variables: dict[str, Any] | None = None) -> tuple[Any, list[dict[str, Any]]]:
    try:
        result = schema.execute_sync(document, variable_values=variables, context_value=Context(graph))
    except Exception as exc:  # noqa: BLE001 - both must raise the same request errors
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
