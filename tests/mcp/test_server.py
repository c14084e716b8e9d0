"""The MCP server through the SDK's in-memory client: tools, resources, errors, limits, the graph it holds."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable
from typing import Any

import pytest
from mcp.server import Server
from mcp.shared.exceptions import MCPError

from careergraph.cli import run_query
from careergraph.mcp import server as mcp_server
from careergraph.mcp.server import create_server
from careergraph.settings import Settings
from graph import CareerGraph
from graph.build import build_graph
from graph.paths import MAX_PATHS
from graph.positions import MAX_SIMILAR
from graph.search import MAX_LIMIT
from schema import print_sdl
from schema.query import MAX_NAME_LENGTH
from seed import extract_seed
from tests.mcp.conftest import connected, resource_text, text_of

pytestmark = pytest.mark.anyio

MakeServer = Callable[..., Server[Any]]
TOOLS = ["search", "get_entity", "career_path", "career_paths", "similar_positions"]
DOCUMENT = "careergraph://documents/technical-product-manager.txt"


@pytest.fixture(params=["auto", "legacy"])
def mode(request: pytest.FixtureRequest) -> str:
    """Both protocol eras: 2026's per-request envelope (direct) and the 2025 handshake (JSON-RPC streams)."""
    return request.param


async def test_list_tools_gives_each_tool_a_description_and_input_and_output_schemas(
        make_server: MakeServer, mode: str) -> None:
    async with connected(make_server(), mode) as client:
        tools = {tool.name: tool for tool in (await client.list_tools()).tools}
    assert list(tools) == TOOLS
    for tool in tools.values():
        assert len(tool.description or "") > 80
        assert tool.input_schema["type"] == "object" and tool.input_schema["additionalProperties"] is False
        assert tool.output_schema is not None and tool.output_schema["type"] == "object"
        assert tool.annotations is not None and tool.annotations.read_only_hint
    assert tools["career_path"].input_schema["required"] == ["from", "to"]
    assert tools["career_paths"].input_schema["properties"]["k"]["maximum"] == MAX_PATHS
    assert tools["search"].input_schema["properties"]["limit"]["maximum"] == MAX_LIMIT


async def test_list_resources_gives_the_schema_and_each_document(make_server: MakeServer, mode: str) -> None:
    async with connected(make_server(), mode) as client:
        resources = (await client.list_resources()).resources
        templates = (await client.list_resource_templates()).resource_templates
    assert [str(r.uri) for r in resources] == ["careergraph://schema", DOCUMENT]
    assert [t.uri_template for t in templates] == ["careergraph://documents/{name}"]


async def test_read_resource_gives_the_printed_sdl_and_the_text_sources_quote(make_server: MakeServer,
                                                                              seed_text: str) -> None:
    async with connected(make_server()) as client:
        sdl = resource_text(await client.read_resource("careergraph://schema"))
        document = resource_text(await client.read_resource(DOCUMENT))
        path = (await client.call_tool("career_path", {"from": "Product Analyst", "to": "CTO"})).structured_content
    assert sdl == print_sdl()
    assert document == seed_text
    quote = path["path"]["steps"][1]["sources"][0]
    assert document[quote["start"]:quote["end"]] == quote["text"]
    assert document.splitlines()[quote["line"] - 1].count(quote["text"]) == 1


@pytest.mark.parametrize("uri, message", [
    pytest.param("careergraph://documents/nope.txt", "the documents are 'technical-product-manager.txt'", id="doc"),
    pytest.param("careergraph://elsewhere", "the resources are careergraph://schema", id="scheme"),
])
async def test_read_resource_of_an_unknown_uri_is_an_error_naming_what_exists(
        make_server: MakeServer, uri: str, message: str) -> None:
    async with connected(make_server()) as client:
        with pytest.raises(MCPError, match=message):
            await client.read_resource(uri)


async def test_search_tool_returns_ranked_typo_tolerant_hits(make_server: MakeServer, mode: str) -> None:
    async with connected(make_server(), mode) as client:
        result = await client.call_tool("search", {"text": "secruity", "kinds": ["SPECIALIZATION"], "limit": 2})
    assert not result.is_error
    hits = result.structured_content["hits"]
    assert [hit["entity"]["name"] for hit in hits][0] == "Security Technical Product Manager"
    assert all(hit["entity"]["kind"] == "SPECIALIZATION" for hit in hits) and len(hits) <= 2
    assert "1. Security Technical Product Manager" in text_of(result)


@pytest.mark.parametrize("name", [
    pytest.param("Senior TPM", id="alias"),
    pytest.param("senior technical product manager", id="name"),
    pytest.param("role/senior-technical-product-manager", id="id"),
    pytest.param("Uk9MRTpyb2xlL3Nlbmlvci10ZWNobmljYWwtcHJvZHVjdC1tYW5hZ2Vy", id="global-id"),
])
async def test_get_entity_tool_finds_an_entity_by_any_name_with_its_relations_and_sources(
        make_server: MakeServer, name: str) -> None:
    async with connected(make_server()) as client:
        result = await client.call_tool("get_entity", {"name": name})
    assert not result.is_error, text_of(result)
    data = result.structured_content
    assert data["entity"]["id"] == "role/senior-technical-product-manager"
    assert "Senior TPM" in data["aliases"]
    groups = {(g["type"], g["direction"]): g for g in data["relations"]}
    [director] = groups["PROGRESSES_TO", "OUTGOING"]["items"]
    assert director["entity"]["name"] == "Director of Technical Product Management" and director["sources"]
    assert data["sources"] and "Senior Technical Product Manager (role" in text_of(result)


async def test_career_path_tool_quotes_each_move_and_says_what_it_gains(make_server: MakeServer, mode: str) -> None:
    async with connected(make_server(), mode) as client:
        result = await client.call_tool("career_path", {"from": "Product Analyst", "to": "CTO"})
    path = result.structured_content["path"]
    assert path["hops"] == 4
    first, *moves = path["steps"]
    assert first["via"] is None and first["changes"] is None
    assert all(m["via"] == "PROGRESSES_TO" and m["sources"][0]["document"] == "technical-product-manager.txt"
               for m in moves)
    assert moves[0]["changes"]["skills"]["gained"]
    said = text_of(result)
    quote = moves[0]["sources"][0]
    assert said.startswith("Product Analyst -> CTO: 4 moves.")
    assert f'"{quote["text"]}" (technical-product-manager.txt:{quote["line"]})' in said
    assert "Gains " in said


ARGUMENTS = {"from": "Mobile TPM", "to": "CTO", "via": ["Infrastructure TPM"]}


@pytest.fixture
def graphql_path(seed_graph: CareerGraph) -> dict[str, Any]:
    """The GraphQL API's careerPath for `ARGUMENTS`."""
    result = run_query(seed_graph, "query($from: String!, $to: String!, $via: [String!]) { "
                       "careerPath(from: $from, to: $to, via: $via) { hops steps { entity { name } via } } }",
                       ARGUMENTS)
    return result["data"]["careerPath"]


async def test_career_path_tool_agrees_with_the_graphql_career_path(make_server: MakeServer,
                                                                    graphql_path: dict[str, Any]) -> None:
    async with connected(make_server()) as client:
        result = await client.call_tool("career_path", ARGUMENTS)
    expected = graphql_path
    path = result.structured_content["path"]
    assert path is not None and expected is not None
    assert [(s["entity"]["name"], s["via"]) for s in path["steps"]] == \
        [(s["entity"]["name"], s["via"]) for s in expected["steps"]]


async def test_career_path_tool_gives_a_null_path_not_an_error_when_none_exists(make_server: MakeServer) -> None:
    async with connected(make_server()) as client:
        result = await client.call_tool("career_path", {"from": "CTO", "to": "Product Analyst"})
    assert not result.is_error
    assert result.structured_content == {"path": None}
    assert "No career path from CTO to Product Analyst" in text_of(result)


async def test_career_path_tool_passes_via_points(make_server: MakeServer) -> None:
    async with connected(make_server()) as client:
        result = await client.call_tool("career_path", {"from": "Product Analyst", "to": "CTO",
                                                        "via": ["Mobile TPM"]})
    names = [step["entity"]["name"] for step in result.structured_content["path"]["steps"]]
    assert "Mobile Technical Product Manager" in names and names[-1] == "CTO"


async def test_career_paths_tool_returns_up_to_k_paths_shortest_first(make_server: MakeServer) -> None:
    async with connected(make_server()) as client:
        result = await client.call_tool("career_paths", {"from": "Product Analyst", "to": "CTO", "k": 3})
    paths = result.structured_content["paths"]
    assert 1 <= len(paths) <= 3
    assert [p["hops"] for p in paths] == sorted(p["hops"] for p in paths)
    assert text_of(result).startswith(f"Path 1 of {len(paths)}: Product Analyst -> CTO")


async def test_career_paths_tool_passes_via_and_avoid(make_server: MakeServer) -> None:
    async with connected(make_server()) as client:
        result = await client.call_tool("career_paths", {"from": "Product Analyst", "to": "CTO", "k": 5,
                                                         "avoid": ["Mobile TPM"]})
    paths = result.structured_content["paths"]
    assert paths and all("Mobile Technical Product Manager" not in [s["entity"]["name"] for s in p["steps"]]
                         for p in paths)


async def test_similar_positions_tool_gives_lateral_moves_with_what_they_share(make_server: MakeServer,
                                                                               mode: str) -> None:
    async with connected(make_server(), mode) as client:
        result = await client.call_tool("similar_positions", {"to": "Mobile TPM", "limit": 2})
    positions = result.structured_content["positions"]
    assert 1 <= len(positions) <= 2
    assert [p["score"] for p in positions] == sorted((p["score"] for p in positions), reverse=True)
    assert all(p["shared"] and 0 < p["score"] <= 1 for p in positions)
    assert text_of(result).startswith("Positions most like Mobile Technical Product Manager")
    assert f"1. {positions[0]['entity']['name']}" in text_of(result)


@pytest.mark.parametrize("tool, arguments", [
    pytest.param("career_path", {"from": "Product Analist", "to": "CTO"}, id="career_path"),
    pytest.param("similar_positions", {"to": "Product Analist"}, id="similar_positions"),
    pytest.param("career_paths", {"from": "CTO", "to": "Product Analist"}, id="career_paths"),
    pytest.param("get_entity", {"name": "Product Analist"}, id="get_entity"),
    pytest.param("career_path", {"from": "CTO", "to": "CTO", "via": ["Product Analist"]}, id="via"),
])
async def test_unknown_name_is_a_tool_error_suggesting_the_closest_names(
        make_server: MakeServer, mode: str, tool: str, arguments: dict[str, Any]) -> None:
    async with connected(make_server(), mode) as client:
        result = await client.call_tool(tool, arguments)
    assert result.is_error
    assert "did you mean 'Product Analyst'" in text_of(result)
    error = result.structured_content["error"]
    assert error["code"] == "NOT_FOUND" and error["suggestions"][0] == "Product Analyst"
    assert "Traceback" not in text_of(result)


@pytest.mark.parametrize("tool, arguments, message", [
    pytest.param("career_paths", {"from": "TPM", "to": "CTO", "k": MAX_PATHS + 1},
                 f"invalid k: {MAX_PATHS + 1} is greater than the maximum of {MAX_PATHS}", id="k"),
    pytest.param("career_paths", {"from": "TPM", "to": "CTO", "k": 0}, "invalid k: 0 is less than", id="k-zero"),
    pytest.param("search", {"text": "tpm", "limit": MAX_LIMIT + 1},
                 f"invalid limit: {MAX_LIMIT + 1} is greater than the maximum of {MAX_LIMIT}", id="limit"),
    pytest.param("get_entity", {"name": "x" * (MAX_NAME_LENGTH + 1)}, "invalid name: 'xxx", id="long-name"),
    pytest.param("similar_positions", {"to": "TPM", "limit": MAX_SIMILAR + 1},
                 f"invalid limit: {MAX_SIMILAR + 1} is greater than the maximum of {MAX_SIMILAR}", id="similar-limit"),
    pytest.param("career_path", {"from": "TPM", "to": "CTO", "avoid": ["CTO"]}, "invalid avoid: 'CTO'",
                 id="avoid-goal"),
    pytest.param("career_path", {"from": "   ", "to": "CTO"}, "invalid from:", id="blank"),
    pytest.param("career_path", {"to": "CTO"}, "invalid arguments: 'from' is a required property", id="missing"),
    pytest.param("search", {"text": "tpm", "first": 3}, "'first' was unexpected", id="unknown-argument"),
    pytest.param("search", {"text": "tpm", "kinds": ["JOB"]}, "invalid kinds.0: 'JOB' is not one of", id="kind"),
    pytest.param("plan_my_life", {}, "no tool named 'plan_my_life'; the tools are 'search'", id="tool"),
])
async def test_bad_arguments_are_a_clear_tool_error(make_server: MakeServer, tool: str, arguments: dict[str, Any],
                                                     message: str) -> None:
    async with connected(make_server()) as client:
        result = await client.call_tool(tool, arguments)
    assert result.is_error
    assert message in text_of(result)
    assert result.structured_content["error"]["code"] in {"BAD_USER_INPUT", "NOT_FOUND"}


async def test_string_limit_is_the_max_string_length_setting_when_smaller(make_server: MakeServer) -> None:
    async with connected(make_server(max_string_length=10)) as client:
        schema = {t.name: t for t in (await client.list_tools()).tools}["search"].input_schema
        result = await client.call_tool("search", {"text": "product manager"})
    assert schema["properties"]["text"]["maxLength"] == 10
    assert result.is_error and "invalid text: 'product manager' is too long" in text_of(result)


async def test_unexpected_failure_is_a_tool_error_with_an_error_id_and_no_details(
        make_server: MakeServer, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(mcp_server, "answer", broken)
    async with connected(make_server()) as client:
        result = await client.call_tool("search", {"text": "tpm"})
    assert result.is_error and result.structured_content["error"]["code"] == "INTERNAL_SERVER_ERROR"
    assert "errorId" in text_of(result) and "secret" not in text_of(result)


async def test_each_call_reads_the_current_graph(seed_graph: CareerGraph, guides_graph: CareerGraph) -> None:
    current = [seed_graph]
    server = create_server(lambda: current[0], Settings.from_env({}))
    async with connected(server) as client:
        before = await client.call_tool("get_entity", {"name": "Data Scientist"})
        current[0] = guides_graph  # what a reload does to the app's state
        after = await client.call_tool("get_entity", {"name": "Data Scientist"})
        documents = [str(r.uri) for r in (await client.list_resources()).resources]
    assert before.is_error and not after.is_error
    assert "careergraph://documents/technical-product-manager.txt" not in documents


async def test_session_does_not_hold_the_graph_after_it_closes() -> None:
    current = [build_graph(extract_seed())]
    held = weakref.ref(current[0])
    server = create_server(lambda: current[0], Settings.from_env({}))
    for mode in ("auto", "legacy"):
        async with connected(server, mode) as client:
            await client.call_tool("career_path", {"from": "Product Analyst", "to": "CTO"})
            await client.call_tool("search", {"text": "roadmap"})
            await client.read_resource(DOCUMENT)
    current.clear()
    gc.collect()
    assert held() is None, [type(r).__name__ for r in gc.get_referrers(held())]
