"""Property tests over HTTP with hypothesis-graphql, from the served schema's SDL.

The app is the one the server runs (`server.create_app`), its schema and
pipeline untouched (the fast path on unless ``CAREERGRAPH_FAST_PATH=0``); only
the response cache is off, so every example really runs.

- Valid documents never give a 5xx, an internal error, or an error without
  ``extensions.code`` (user mistakes, NOT_FOUND and refused limits are fine);
  an answer has ``data`` exactly when the document checker let it run.
- Invalid documents are refused with a 4xx before anything executes.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis_graphql import Mode, queries
from starlette.testclient import TestClient

from careergraph.settings import Settings
from schema import CareerGraphSchema, print_sdl
from server import create_app

SDL = print_sdl()
ACCEPT = {"accept": "application/graphql-response+json"}
REFUSALS = {"GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "QUERY_TOO_COMPLEX", "BAD_USER_INPUT",
            "BAD_REQUEST"}
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def fuzz_client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings.from_env({}, response_cache=0))) as client:
        yield client


def _may_run(client: TestClient, document: str) -> bool:
    """Whether the served schema's document checker let ``document`` run (parsed, valid, within the limits)."""
    state = client.app.state  # type: ignore[attr-defined]
    schema = state.graphql.schema
    assert isinstance(schema, CareerGraphSchema)
    checked = schema.documents.cache.get(document)
    return checked is not None and not schema.documents.pre_execution_errors(checked, None, state.graph)


@FUZZ
@given(document=queries(SDL, allow_x00=False))
def test_fuzz_valid_documents_never_fail_inside(fuzz_client: TestClient, document: str) -> None:
    response = fuzz_client.post("/graphql", json={"query": document}, headers=ACCEPT)
    assert response.status_code < 500, response.text
    body = response.json()
    assert ("data" in body) == _may_run(fuzz_client, document), body
    for error in body.get("errors", ()):
        code = (error.get("extensions") or {}).get("code")
        assert code is not None, error
        assert code not in {"INTERNAL_SERVER_ERROR", "TIMEOUT"}, (document, error)


@FUZZ
@given(document=queries(SDL, mode=Mode.NEGATIVE))
def test_fuzz_invalid_documents_are_refused_before_execution(fuzz_client: TestClient, document: str) -> None:
    response = fuzz_client.post("/graphql", json={"query": document}, headers=ACCEPT)
    assert 400 <= response.status_code < 500, (document, response.text)
    body = response.json()
    assert "data" not in body
    assert {error["extensions"]["code"] for error in body["errors"]} <= REFUSALS, body
    assert not _may_run(fuzz_client, document), document
