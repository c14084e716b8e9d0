"""Helpers for GraphQL tests: run a document in-process against the seed graph."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from graph import CareerGraph
from schema import schema
from schema.context import Context

Run = Callable[..., dict[str, Any]]


@pytest.fixture(scope="session")
def execute(seed_graph: CareerGraph) -> Callable[..., Any]:
    """Run a document and return strawberry's result (data and errors)."""

    def run(document: str, **variables: Any) -> Any:
        return schema.execute_sync(document, variable_values=variables or None, context_value=Context(seed_graph))

    return run


@pytest.fixture(scope="session")
def gql(execute: Callable[..., Any]) -> Run:
    """Run a document that must succeed; returns its data."""

    def run(document: str, **variables: Any) -> dict[str, Any]:
        result = execute(document, **variables)
        assert result.errors is None, [e.formatted for e in result.errors]
        return result.data

    return run


@pytest.fixture(scope="session")
def gql_error(execute: Callable[..., Any]) -> Callable[..., dict[str, Any]]:
    """Run a document that must fail; returns its first error, formatted."""

    def run(document: str, **variables: Any) -> dict[str, Any]:
        result = execute(document, **variables)
        assert result.errors, f"expected an error, got {result.data}"
        return result.errors[0].formatted

    return run
