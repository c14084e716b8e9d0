"""``/mcp`` in the running server: the SDK's client over Streamable HTTP, and the app's middleware around it."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import httpx2
import pytest
from starlette.testclient import TestClient

from careergraph.settings import Settings
from careergraph.web.accesslog import ACCESS_LOG
from graph import CareerGraph
from server import create_app
from tests.mcp.conftest import connected, resource_text, text_of

MCP_ACCEPT = {"accept": "application/json, text/event-stream"}
LIST_TOOLS = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}


@pytest.mark.anyio
@pytest.mark.parametrize("mode", ["auto", "legacy"])
async def test_live_server_answers_mcp_tools_and_resources_over_streamable_http(live_server: str, mode: str) -> None:
    async with connected(live_server + "/mcp", mode) as client:
        tools = [tool.name for tool in (await client.list_tools()).tools]
        path = await client.call_tool("career_path", {"from": "Product Analyst", "to": "CTO"})
        missing = await client.call_tool("career_path", {"from": "Product Analist", "to": "CTO"})
        too_many = await client.call_tool("career_paths", {"from": "TPM", "to": "CTO", "k": 11})
        sdl = resource_text(await client.read_resource("careergraph://schema"))
    assert tools == ["search", "get_entity", "career_path", "career_paths", "similar_positions"]
    assert path.structured_content["path"]["hops"] == 4 and "Product Analyst -> CTO" in text_of(path)
    assert missing.is_error and "did you mean 'Product Analyst'" in text_of(missing)
    assert too_many.is_error and "invalid k: 11 is greater than the maximum of 10" in text_of(too_many)
    assert sdl == httpx.get(live_server + "/schema.graphql", timeout=10).text


def test_live_server_other_routes_still_answer_beside_mcp(live_server: str) -> None:
    with httpx.Client(base_url=live_server, timeout=10) as http:
        assert http.post("/mcp", json=LIST_TOOLS, headers=MCP_ACCEPT).status_code == 200
        graphql = http.post(live_server + "/graphql", json={"query": "{ graphInfo { nodeCount } }"})
        assert graphql.status_code == 200 and graphql.json()["data"]["graphInfo"]["nodeCount"] > 0
        assert http.get("/healthz").status_code == 200
        assert http.get("/readyz").status_code == 200


def app_client(**overrides: Any) -> TestClient:
    return TestClient(create_app(Settings.from_env({}, **overrides)))


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with app_client() as client:
        yield client


def post(client: TestClient, body: Any = LIST_TOOLS, **headers: str) -> httpx2.Response:
    return client.post("/mcp", json=body, headers={**MCP_ACCEPT, **headers})


def test_mcp_answers_a_json_rpc_request_with_json(client: TestClient) -> None:
    response = post(client)
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
    assert "career_path" in [tool["name"] for tool in response.json()["result"]["tools"]]


@pytest.mark.parametrize("method", ["GET", "DELETE", "PUT"])
def test_mcp_refuses_other_methods_with_405(client: TestClient, method: str) -> None:
    response = client.request(method, "/mcp", headers=MCP_ACCEPT)
    assert response.status_code == 405 and response.headers["allow"] == "POST"
    assert "takes POST" in response.json()["error"]["message"]


def test_mcp_answers_carry_the_cors_headers_graphql_answers_carry(client: TestClient) -> None:
    response = post(client, origin="https://agent.example")
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["x-request-id"]
    preflight = client.options("/mcp", headers={"origin": "https://agent.example",
                                                "access-control-request-method": "POST",
                                                "access-control-request-headers": "content-type, mcp-protocol-version"})
    assert preflight.status_code == 200
    assert "mcp-protocol-version" in preflight.headers["access-control-allow-headers"]


def test_mcp_refuses_an_origin_cors_does_not_allow() -> None:
    with app_client(cors_origins=("https://app.example",)) as client:
        assert post(client, origin="https://app.example").status_code == 200
        refused = post(client, origin="https://evil.example")
    assert refused.status_code == 403 and "cors_origins" in refused.json()["error"]["message"]


def test_mcp_requests_spend_the_client_rate_limit() -> None:
    with app_client(rate_limit=2, rate_limit_window=60.0) as client:
        statuses = [post(client).status_code for _ in range(3)]
        graphql = client.post("/graphql", json={"query": "{ graphInfo { nodeCount } }"})
    assert statuses == [200, 200, 429]
    assert graphql.status_code == 429


def test_mcp_requests_are_in_the_access_log(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    call = {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
            "params": {"name": "career_path", "arguments": {"from": "TPM", "to": "CTO"}}}
    with caplog.at_level(logging.INFO, logger="careergraph.access"):
        post(client)
        post(client, call)
        ACCESS_LOG.flush()
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "careergraph.access"]
    logged = [(line["path"], line["operation"], line["status"]) for line in lines]
    assert ("/mcp", "tools/list", 200) in logged and ("/mcp", "tools/call career_path", 200) in logged, logged


def test_mcp_refuses_a_body_over_the_size_limit() -> None:
    with app_client(max_body_bytes=2000) as client:
        response = post(client, {**LIST_TOOLS, "params": {"padding": "x" * 5000}})
    assert response.status_code == 413


def test_mcp_calls_read_the_graph_the_app_serves_now(guides_graph: CareerGraph) -> None:
    call = {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
            "params": {"name": "get_entity", "arguments": {"name": "Data Scientist"}}}
    with app_client() as client:
        before = post(client, call).json()["result"]
        client.app.state.graph = guides_graph  # type: ignore[attr-defined]  # what a reload does
        after = post(client, call).json()["result"]
    assert before["isError"] and not after.get("isError")
    assert after["structuredContent"]["entity"]["name"] == "Data Scientist"


def test_mcp_answers_503_while_the_graph_is_loading() -> None:
    with app_client() as client:
        client.app.state.graph = None  # type: ignore[attr-defined]  # as before the background load is done
        response = post(client)
    assert response.status_code == 503 and response.headers["retry-after"] == "1"
    assert "still loading" in response.json()["error"]["message"]
