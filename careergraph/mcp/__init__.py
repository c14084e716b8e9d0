"""The graph over the Model Context Protocol, for LLM agents (issue 16, docs/agents.md).

- `tools`: the tools as pure functions of the graph (the same graph functions the GraphQL resolvers call);
- `schemas`: their input and output JSON schemas; `resources`: the SDL and the documents' text;
- `server`: the SDK's low-level `Server` over them, and stdio (``careergraph mcp``);
- `http`: ``/mcp``, Streamable HTTP inside the server's Starlette app.

Importing this package does not import the SDK (`http` imports it on the first request); import
`careergraph.mcp.server` for `create_server` and `serve_stdio`.
"""

from careergraph.mcp.http import McpEndpoint

__all__ = ["McpEndpoint"]
