"""``careergraph mcp`` over stdio, driven by the SDK's client as a desktop agent drives it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from mcp import StdioServerParameters

from tests.mcp.conftest import connected, resource_text, text_of

pytestmark = pytest.mark.anyio

ROOT = Path(__file__).resolve().parents[2]


def command(*arguments: str) -> StdioServerParameters:
    """``python -m careergraph.cli mcp ARGUMENTS`` with this run's environment, less any CAREERGRAPH_*."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("CAREERGRAPH_")}
    return StdioServerParameters(command=sys.executable, args=["-m", "careergraph.cli", "mcp", *arguments],
                                 env=env, cwd=str(ROOT))


async def test_stdio_server_lists_tools_and_answers_a_career_path() -> None:
    async with connected(command()) as client:
        tools = [tool.name for tool in (await client.list_tools()).tools]
        result = await client.call_tool("career_path", {"from": "Product Analyst", "to": "CTO"})
        missing = await client.call_tool("get_entity", {"name": "Product Analist"})
    assert "career_path" in tools
    assert result.structured_content["path"]["hops"] == 4
    assert missing.is_error and "did you mean 'Product Analyst'" in text_of(missing)


async def test_stdio_server_serves_the_seed_it_is_given(guides_dir: Path) -> None:
    async with connected(command("--seed", str(guides_dir)), mode="legacy") as client:
        hits = await client.call_tool("search", {"text": "data scientist", "limit": 1})
        documents = [str(r.uri) for r in (await client.list_resources()).resources]
        text = resource_text(await client.read_resource(documents[1]))
    assert hits.structured_content["hits"][0]["entity"]["name"] == "Data Scientist"
    assert len(documents) == 1 + len(list(guides_dir.glob("*.txt")))
    assert text == (guides_dir / documents[1].rsplit("/", 1)[1]).read_text(encoding="utf-8")
