"""The careergraph MCP server: the tools and resources wired to the SDK's low-level `Server`.

The low-level server (not `MCPServer`) because the tool names, the ``from``
argument, the input and output schemas and the error results must be exactly
ours. Each call reads the graph from ``graph()``, the server's *current*
graph, so a reload is seen by the next call and no session keeps an old graph
alive. Every failure becomes a tool error (``isError``) with a message an
agent can act on and ``structuredContent.error.code`` as in the GraphQL API;
nothing raises to the SDK, which would send its own text.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

import anyio
import anyio.to_thread
import mcp_types as types
from jsonschema import Draft202012Validator, ValidationError
from jsonschema.exceptions import best_match
from mcp.server import Server
from mcp.server.stdio import stdio_server
from mcp.shared.exceptions import MCPError

from careergraph import __version__
from careergraph.settings import Settings
from graph import CareerGraph, EntityNotFound, InvalidArgument

from .resources import (
    DOCUMENT_TEMPLATE,
    SCHEMA_URI,
    DocumentUnavailable,
    document_name,
    document_text,
    document_uri,
    sdl,
)
from .schemas import input_schemas, output_schemas
from .tools import TOOL_NAMES, Answer, answer

__all__ = ["DESCRIPTIONS", "INSTRUCTIONS", "create_server", "serve_stdio"]

logger = logging.getLogger("careergraph.mcp")

#: Tool calls working at once (worker threads); more wait for a slot.
RUNNING = 4

INSTRUCTIONS = (
    "careergraph answers career questions from career guides, with the sentence that states each fact. "
    "Find exact names with `search` (typos are fine), look one up with `get_entity`, plan moves with "
    "`career_path` / `career_paths`, and find lateral moves with `similar_positions`. Quote the `sources` "
    "(document and line); the full text of a document is the resource careergraph://documents/{name}."
)

DESCRIPTIONS = {
    "search": "Ranked, typo-tolerant search over every entity (roles, levels, specializations, "
    "responsibilities, teams, skills): names, aliases, descriptions and the guide's text. Use it first to "
    "turn a user's words into exact names for the other tools.",
    "get_entity": "One entity by id, global id, name or alias (case-insensitive): its kind, description, "
    "aliases, its relations grouped by type and direction (each with the sentences stating it), and where "
    "the guide states it. An unknown name is an error that suggests the closest names.",
    "career_path": "The shortest career path between two positions (roles, levels, specializations), "
    "optionally through `via` positions in order and around `avoid` positions. Each move comes with the "
    "sentence that states it (document and line) and what it gains and leaves behind (responsibilities, "
    "teams, skills). `path` is null when no path exists: promotions are one-way.",
    "career_paths": "Up to `k` shortest loop-free career paths between two positions, shortest first, each "
    "move with its sentence and what it gains; `via` and `avoid` as in career_path. Use it to offer "
    "alternatives.",
    "similar_positions": "Lateral moves: the positions that share the most responsibilities, teams and "
    "skills with one position, best first, each with its overlap score and what the two share.",
}

TITLES = {"search": "Search the career graph", "get_entity": "Look up an entity",
          "career_path": "Shortest career path", "career_paths": "Alternative career paths",
          "similar_positions": "Similar positions (lateral moves)"}


def create_server(graph: Callable[[], CareerGraph], settings: Settings) -> Server[Any]:
    """An MCP server over the graph ``graph()`` returns at each call, within these settings' limits."""
    inputs, outputs = input_schemas(settings.max_string_length), output_schemas()
    validators = {name: Draft202012Validator(inputs[name]) for name in TOOL_NAMES}
    tools = [
        types.Tool(name=name, title=TITLES[name], description=DESCRIPTIONS[name], input_schema=inputs[name],
                   output_schema=outputs[name],
                   annotations=types.ToolAnnotations(read_only_hint=True, destructive_hint=False,
                                                     idempotent_hint=True, open_world_hint=False))
        for name in TOOL_NAMES
    ]
    limiter = anyio.CapacityLimiter(RUNNING)

    async def list_tools(ctx: Any, params: types.PaginatedRequestParams | None) -> types.ListToolsResult:
        return types.ListToolsResult(tools=tools)

    async def call_tool(ctx: Any, params: types.CallToolRequestParams) -> types.CallToolResult:
        arguments = params.arguments or {}
        validator = validators.get(params.name)
        if validator is None:
            known = ", ".join(repr(name) for name in validators)
            return tool_error("NOT_FOUND", f"no tool named {params.name!r}; the tools are {known}")
        problem = best_match(validator.iter_errors(arguments))
        if problem is not None:
            return tool_error("BAD_USER_INPUT", _schema_problem(problem))
        return await _run(graph(), params.name, arguments, settings.timeout_seconds, limiter)

    async def list_resources(ctx: Any, params: types.PaginatedRequestParams | None) -> types.ListResourcesResult:
        documents = [
            types.Resource(uri=document_uri(d.name), name=d.name, title=f"Career guide {d.name}",
                           description=f"The text the graph was built from (SHA-256 {d.sha256[:12]}…); "
                           "sources quote it by line and character offsets.", mime_type="text/plain")
            for d in graph().documents
        ]
        schema = types.Resource(uri=SCHEMA_URI, name="schema", title="GraphQL schema (SDL)",
                                description="The schema of the GraphQL API at /graphql, which serves the same "
                                "graph.", mime_type="application/graphql")
        return types.ListResourcesResult(resources=[schema, *documents])

    async def list_templates(ctx: Any, params: types.PaginatedRequestParams | None) -> (
            types.ListResourceTemplatesResult):
        template = types.ResourceTemplate(uri_template=DOCUMENT_TEMPLATE, name="document", title="Career guide text",
                                          description="The full text of one document the graph was built from, "
                                          "by its name as sources give it.", mime_type="text/plain")
        return types.ListResourceTemplatesResult(resource_templates=[template])

    async def read_resource(ctx: Any, params: types.ReadResourceRequestParams) -> types.ReadResourceResult:
        uri = str(params.uri)
        if uri == SCHEMA_URI:
            return _text(uri, sdl(), "application/graphql")
        name = document_name(uri)
        if name is None:
            raise MCPError(types.INVALID_PARAMS, f"no resource {uri[:200]!r}; the resources are {SCHEMA_URI} and "
                           f"{DOCUMENT_TEMPLATE}")
        try:
            text = document_text(graph(), settings.seed, name)
        except DocumentUnavailable as exc:
            raise MCPError(types.INVALID_PARAMS, str(exc)) from None
        return _text(uri, text, "text/plain")

    return Server("careergraph", version=__version__, title="careergraph",
                  description="Career paths and facts from career guides, with quotes.",
                  instructions=INSTRUCTIONS, on_list_tools=list_tools, on_call_tool=call_tool,
                  on_list_resources=list_resources, on_list_resource_templates=list_templates,
                  on_read_resource=read_resource)


async def _run(G: CareerGraph, tool: str, arguments: dict[str, Any], timeout: float,
               limiter: anyio.CapacityLimiter) -> types.CallToolResult:
    """Answer in a worker thread under the request timeout; graph errors become tool errors."""
    try:
        with anyio.fail_after(timeout):
            result: Answer = await anyio.to_thread.run_sync(answer, G, tool, arguments, abandon_on_cancel=True,
                                                            limiter=limiter)
    except EntityNotFound as exc:
        return tool_error("NOT_FOUND", str(exc), suggestions=exc.suggestions)
    except InvalidArgument as exc:
        return tool_error("BAD_USER_INPUT", str(exc))
    except TimeoutError:
        return tool_error("TIMEOUT", f"the call took longer than {timeout:g} s; ask for fewer paths or hits")
    except Exception:
        error_id = uuid.uuid4().hex[:12]
        logger.exception("MCP tool %s failed (errorId %s)", tool, error_id)
        return tool_error("INTERNAL_SERVER_ERROR", f"internal error (errorId {error_id}); the server log has it")
    return types.CallToolResult(content=[types.TextContent(text=result.text)], structured_content=result.data)


def tool_error(code: str, message: str, suggestions: list[str] | None = None) -> types.CallToolResult:
    """A tool error: the message as text, and ``{"error": {code, message, suggestions?}}`` as structured content."""
    error: dict[str, Any] = {"code": code, "message": message}
    if suggestions is not None:
        error["suggestions"] = suggestions
    return types.CallToolResult(content=[types.TextContent(text=message)], structured_content={"error": error},
                                is_error=True)


def _schema_problem(error: ValidationError) -> str:
    where = ".".join(str(part) for part in error.absolute_path) or "arguments"
    return f"invalid {where}: {error.message}"


def _text(uri: str, text: str, mime_type: str) -> types.ReadResourceResult:
    return types.ReadResourceResult(contents=[types.TextResourceContents(uri=uri, text=text, mime_type=mime_type)])


async def serve_stdio(graph: CareerGraph, settings: Settings) -> None:
    """Serve one MCP client over stdin and stdout until it closes them (``careergraph mcp``)."""
    server = create_server(lambda: graph, settings)
    async with stdio_server() as (read, write):
        await server.run(read, write, server.create_initialization_options())
