"""HTTP fixtures: apps on the bundled seed through Starlette's TestClient (the real server: ``live_server``).

Settings come from defaults plus explicit overrides, never from the
environment of the test run, so a stray ``CAREERGRAPH_*`` cannot change them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from careergraph.settings import Settings
from server import create_app

GRAPHQL_RESPONSE = "application/graphql-response+json"

MakeClient = Callable[..., TestClient]


def settings(**overrides: Any) -> Settings:
    """Default settings with these overrides, ignoring the environment."""
    return Settings.from_env({}, **overrides)


@pytest.fixture
def make_client() -> Iterator[MakeClient]:
    """Build an app for some settings overrides and enter its TestClient (lifespan on)."""
    entered: list[TestClient] = []

    def make(raise_server_exceptions: bool = True, **overrides: Any) -> TestClient:
        client = TestClient(create_app(settings(**overrides)), raise_server_exceptions=raise_server_exceptions)
        entered.append(client.__enter__())
        return client

    yield make
    for client in entered:
        client.__exit__(None, None, None)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """A client of an app with default settings, shared by a module's tests."""
    with TestClient(create_app(settings())) as client:
        yield client


def _post(client: TestClient, query: str, variables: dict[str, Any] | None = None,
          accept: str = GRAPHQL_RESPONSE) -> httpx.Response:
    body: dict[str, Any] = {"query": query}
    if variables is not None:
        body["variables"] = variables
    return client.post("/graphql", json=body, headers={"accept": accept})


@pytest.fixture(scope="session")
def post() -> Callable[..., httpx.Response]:
    """``post(client, query, variables=None, accept=graphql-response+json)``: one operation as JSON."""
    return _post


@pytest.fixture(scope="session")
def still_serving() -> Callable[[TestClient], None]:
    """Assert that a client's server answers a normal query."""

    def check(client: TestClient) -> None:
        response = _post(client, "{ graphInfo { nodeCount } }")
        assert response.status_code == 200, response.text
        assert response.json()["data"]["graphInfo"]["nodeCount"] > 0

    return check


