"""The ASGI app: ``uvicorn server:app`` serves the bundled seed (or ``CAREERGRAPH_SEED``).

Reads top-down: settings → lifespan (listen at once, load the graph in the
background, reload it on SIGHUP) → routes → app.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from careergraph.mcp import McpEndpoint
from careergraph.serving.loader import STARTUP_FAILURE, GraphLoader
from careergraph.serving.process import raise_open_files_limit
from careergraph.settings import Settings, SettingsError
from careergraph.web import pages
from careergraph.web.accesslog import LineWriter
from careergraph.web.explore import explore_routes
from careergraph.web.graphql import GraphQLEndpoint, GraphQLLane
from careergraph.web.middleware import Edge, internal_error_response
from careergraph.web.ratelimit import RateLimit, TokenBuckets, trusted_networks
from graph import CareerGraph
from schema import create_schema

__all__ = ["app", "create_app"]

logger = logging.getLogger("careergraph")

#: Request headers MCP clients send to /mcp (browsers preflight them).
MCP_HEADERS = ["mcp-protocol-version", "mcp-session-id", "mcp-method", "mcp-name", "last-event-id"]


def configure_logging(level: str) -> None:
    """Send careergraph's logs (access log included) to stderr, unless logging is already set up."""
    root = logging.getLogger()
    logger.setLevel("DEBUG" if level == "trace" else level.upper())
    if not root.handlers and not logger.handlers:
        logger.addHandler(LineWriter())  # stderr; takes the access log in batches
    logging.getLogger("uvicorn.access").disabled = True  # careergraph.access logs every request, with more


def create_app(settings: Settings | None = None, *, wait_for_graph: bool = True) -> Starlette:
    """Build the app for these settings (default: from the environment).

    ``wait_for_graph``: the lifespan loads the graph before the app answers
    anything (tests); otherwise the app answers at once, ``/readyz`` says
    503 ``loading`` until the graph is served, and a failed load ends the
    process with exit status 3.
    """
    settings = settings or Settings.from_env()
    configure_logging(settings.log_level)
    tabs = pages.example_tabs()

    async def render_graphiql(request: Request) -> Response:
        return HTMLResponse(pages.graphiql_page(settings.assets_dir, tabs))

    endpoint = GraphQLEndpoint(create_schema(settings.limits, fast_path=settings.fast_path), settings,
                               render_graphiql)
    mcp = McpEndpoint(settings, graph=lambda: app.state.graph)  # the current graph, read at each call

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        loop = asyncio.get_running_loop()

        def serve(graph: CareerGraph) -> None:  # on the event loop: a request sees the old graph or the new
            app.state.graph = graph
            endpoint.serve(graph)

        loader = GraphLoader(settings.seed, lambda graph: loop.call_soon_threadsafe(serve, graph))
        app.state.loader = loader
        raise_open_files_limit(settings.max_connections)
        if wait_for_graph:
            serve(await asyncio.to_thread(loader.load_now))
        loader.start(load_first=not wait_for_graph)
        on_main_thread = threading.current_thread() is threading.main_thread()
        if on_main_thread:
            loop.add_signal_handler(signal.SIGHUP, loader.reload)
        try:
            async with mcp.running():
                yield
        finally:
            loader.close()
            if on_main_thread:
                loop.remove_signal_handler(signal.SIGHUP)

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
    app.state.graph = None  # until the loader serves one
    return app


def _app_from_env() -> Starlette:
    """The app `uvicorn server:app` serves; a bad ``CAREERGRAPH_*`` value ends the process in one line."""
    try:
        return create_app(wait_for_graph=False)
    except SettingsError as exc:
        print(f"careergraph cannot start: {exc}", file=sys.stderr)
        raise SystemExit(STARTUP_FAILURE) from None


app = _app_from_env()
