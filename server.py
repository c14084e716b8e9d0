"""The ASGI app: ``uvicorn server:app`` serves the bundled seed (or ``CAREERGRAPH_SEED``).

Reads top-down: settings → lifespan (load the graph once) → routes → app.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import fields

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from careergraph.mcp import McpEndpoint
from careergraph.settings import Settings
from careergraph.web import pages
from careergraph.web.accesslog import LineWriter
from careergraph.web.explore import explore_routes
from careergraph.web.graphql import GraphQLEndpoint, GraphQLLane
from careergraph.web.middleware import Edge, internal_error_response
from careergraph.web.ratelimit import RateLimit, TokenBuckets, trusted_networks
from graph import load_graph
from graph.paths import prepare_career_moves
from graph.search import search_index
from schema import Limits, create_schema

__all__ = ["app", "create_app", "limits"]

logger = logging.getLogger("careergraph")

#: Request headers MCP clients send to /mcp (browsers preflight them).
MCP_HEADERS = ["mcp-protocol-version", "mcp-session-id", "mcp-method", "mcp-name", "last-event-id"]


def configure_logging(level: str) -> None:
    """Send careergraph's logs (access log included) to stderr, unless logging is already set up."""
    root = logging.getLogger()
    logger.setLevel(level.upper())
    if not root.handlers and not logger.handlers:
        logger.addHandler(LineWriter())  # stderr; takes the access log in batches
    logging.getLogger("uvicorn.access").disabled = True  # careergraph.access logs every request, with more


def create_app(settings: Settings | None = None) -> Starlette:
    """Build the app for these settings (default: from the environment)."""
    settings = settings or Settings.from_env()
    configure_logging(settings.log_level)
    tabs = pages.example_tabs()

    async def render_graphiql(request: Request) -> Response:
        return HTMLResponse(pages.graphiql_page(settings.assets_dir, tabs))

    endpoint = GraphQLEndpoint(create_schema(limits(settings), fast_path=settings.fast_path), settings, render_graphiql)
    mcp = McpEndpoint(settings, graph=lambda: app.state.graph)  # the current graph, read at each call

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # The graph and its indexes (built now, not on the first request) are millions of objects that
        # stay alive and never change: the cyclic collector has nothing to find in them. Collect the
        # garbage of start-up while the heap is small, keep the collector off while loading (a pass
        # over a large graph takes seconds), then freeze everything out of its reach.
        gc.collect()
        gc.disable()
        try:
            try:
                graph = load_graph(settings.seed)
            except Exception as exc:
                logger.error("careergraph cannot start: %s", exc)
                raise SystemExit(f"careergraph cannot start: {exc}") from None
            search_index(graph)
            prepare_career_moves(graph)
            gc.freeze()
        finally:
            gc.enable()
        app.state.graph = graph
        endpoint.serve(graph)
        logger.info("serving %d entities, %d relations from %s", len(graph), graph.edge_count, settings.seed)
        async with mcp.running():
            yield

    routes = [
        Route("/", pages.index),
        Route("/graphql", endpoint, methods=["GET", "POST", "PUT", "PATCH", "DELETE"]),
        Route("/healthz", pages.healthz),
        Route("/readyz", pages.readyz),
        Route("/schema.graphql", pages.sdl),
        Route("/mcp", mcp),
        *explore_routes(settings),
    ]
    if settings.assets_dir is not None:
        routes.append(Mount("/assets", StaticFiles(directory=settings.assets_dir), name="assets"))
    middleware = [
        Middleware(Edge, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
                   allow_headers=["content-type", "accept", "x-request-id", "if-none-match", *MCP_HEADERS],
                   expose_headers=["etag", "x-request-id", "retry-after", "ratelimit-limit", "ratelimit-remaining",
                                   "ratelimit-reset", "mcp-session-id"],
                   allow_credentials=False,
                   max_age=600),
    ]
    if settings.rate_limit > 0:  # inside the edge, so browsers can read a 429 (it has CORS headers)
        middleware.append(Middleware(RateLimit, buckets=TokenBuckets(settings.rate_limit, settings.rate_limit_window),
                                     trusted=trusted_networks(settings.trusted_proxies)))
    middleware.append(Middleware(GraphQLLane, endpoint=endpoint))  # inside both: every answer passes them
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={Exception: internal_error_response})
    app.state.settings = settings
    app.state.graphql = endpoint
    return app


def limits(settings: Settings) -> Limits:
    """The document limits these settings ask for (each limit is a setting of the same name)."""
    return Limits(**{limit.name: getattr(settings, limit.name) for limit in fields(Limits)})


app = create_app()
