"""MCP fixtures: the SDK's own client against our server, in memory, over stdio and over HTTP.

Every connection is bounded in time (`connected`), so a hung transport fails a test instead of the suite.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import anyio
import pytest
from mcp import Client, StdioServerParameters
from mcp.server import Server
from mcp.types import ReadResourceResult, TextResourceContents

from careergraph.mcp.server import create_server
from careergraph.settings import Settings
from graph import CareerGraph

#: Seconds one test's MCP conversation may take: a subprocess start-up and the SDK import included, on a busy machine.
CONVERSATION_SECONDS = 60


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def settings(**overrides: Any) -> Settings:
    """Default settings with these overrides, ignoring the environment."""
    return Settings.from_env({}, **overrides)


@pytest.fixture
def make_server(seed_graph: CareerGraph) -> Callable[..., Server[Any]]:
    """``make_server(graph=None, **settings)``: an MCP server over a graph (default: the bundled seed's)."""

    def make(graph: CareerGraph | None = None, **overrides: Any) -> Server[Any]:
        served = graph or seed_graph
        return create_server(lambda: served, settings(**overrides))

    return make


@pytest.fixture(scope="session")
def connect() -> Callable[..., Any]:
    """``connect(target, mode="auto")``: `connected`, for tests."""
    return connected


@pytest.fixture(scope="session")
def text() -> Callable[[Any], str]:
    """``text(result)``: `text_of`, for tests."""
    return text_of


@asynccontextmanager
async def connected(target: Server[Any] | StdioServerParameters | str, mode: str = "auto") -> AsyncIterator[Client]:
    """An entered SDK `Client` of ``target``; the whole conversation is bounded by `CONVERSATION_SECONDS`."""
    with anyio.fail_after(CONVERSATION_SECONDS):
        async with Client(target, mode=mode) as client:
            yield client


def text_of(result: Any) -> str:
    """The text of a tool result's single text block."""
    assert len(result.content) == 1 and result.content[0].type == "text", result.content
    return result.content[0].text


def resource_text(result: ReadResourceResult) -> str:
    """The text of a resource read's first contents (a text resource, not a blob)."""
    contents = result.contents[0]
    assert isinstance(contents, TextResourceContents), contents
    return contents.text
