"""Property tests over HTTP with hypothesis-graphql, from the served schema's SDL.

- Valid documents never give a 5xx, an internal error, or an error without
  ``extensions.code`` (user mistakes, NOT_FOUND and refused limits are fine).
- Invalid documents are refused with a 4xx before anything executes.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis_graphql import Mode, queries
from starlette.testclient import TestClient
from strawberry.extensions import SchemaExtension

from careergraph.settings import Settings
from schema import create_schema, print_sdl
from server import create_app
from server import limits as limits_of

SDL = print_sdl()
ACCEPT = {"accept": "application/graphql-response+json"}
REFUSALS = {"GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "QUERY_TOO_COMPLEX", "BAD_USER_INPUT",
            "BAD_REQUEST"}
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class Executions(SchemaExtension):
    """Counts operations that reached execution (validation passed)."""

    count = 0

    def on_execute(self) -> Iterator[None]:
        Executions.count += 1
        yield


@pytest.fixture(scope="module")
def fuzz_client() -> Iterator[TestClient]:
    # No response cache: every example really runs; the schema counts executions.
    config = Settings.from_env({}, response_cache=0)
    app = create_app(config)
    app.state.graphql.schema = create_schema(limits_of(config), extensions=[Executions])
    with TestClient(app) as client:
        yield client


@FUZZ
@given(document=queries(SDL, allow_x00=False))
def test_fuzz_valid_documents_never_fail_inside(fuzz_client: TestClient, document: str) -> None:
    before = Executions.count
    response = fuzz_client.post("/graphql", json={"query": document}, headers=ACCEPT)
    assert response.status_code < 500, response.text
    body = response.json()
    assert ("data" in body) == (Executions.count == before + 1)  # the spy sees what ran
    for error in body.get("errors", ()):
        code = (error.get("extensions") or {}).get("code")
        assert code is not None, error
        assert code not in {"INTERNAL_SERVER_ERROR", "TIMEOUT"}, (document, error)


@FUZZ
@given(document=queries(SDL, mode=Mode.NEGATIVE))
def test_fuzz_invalid_documents_are_refused_before_execution(fuzz_client: TestClient, document: str) -> None:
    before = Executions.count
    response = fuzz_client.post("/graphql", json={"query": document}, headers=ACCEPT)
    assert 400 <= response.status_code < 500, (document, response.text)
    body = response.json()
    assert "data" not in body
    assert {error["extensions"]["code"] for error in body["errors"]} <= REFUSALS, body
    assert Executions.count == before, document
