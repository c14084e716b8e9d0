"""HTML and text pages: the landing page, GraphiQL, health checks and the SDL."""

from __future__ import annotations

import html
import json
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from careergraph import __version__
from careergraph.web.assets import asset_url

__all__ = ["EXAMPLES_DIR", "example_tabs", "graphiql_page", "landing_page"]

TEMPLATES = Path(__file__).with_name("templates")

#: Example operations; the docs, GraphiQL's tabs and the tests all use them.
EXAMPLES_DIR = Path(__file__).parents[2] / "docs" / "queries"

#: Example files GraphiQL opens as tabs, in this order (others follow).
FIRST_TABS = ("career-path.graphql", "search.graphql", "role-overview.graphql")


def example_tabs(folder: Path = EXAMPLES_DIR) -> list[dict[str, str]]:
    """GraphiQL ``defaultTabs``: each example with its variables (``.json`` beside it)."""
    if not folder.is_dir():
        return []
    files = sorted(folder.glob("*.graphql"), key=lambda p: (p.name not in FIRST_TABS,
                                                              FIRST_TABS.index(p.name) if p.name in FIRST_TABS else 0,
                                                              p.name))
    tabs = []
    for path in files:
        tab = {"query": path.read_text(encoding="utf-8")}
        variables = path.with_suffix(".json")
        if variables.is_file():
            tab["variables"] = variables.read_text(encoding="utf-8")
        tabs.append(tab)
    return tabs


def graphiql_page(assets_dir: Path | None, tabs: list[dict[str, str]]) -> str:
    template = (TEMPLATES / "graphiql.html").read_text(encoding="utf-8")
    replacements = {"__TABS__": json.dumps(tabs).replace("</", "<\\/"), "__VERSION__": __version__}
    for name in ("react", "react-dom", "graphiql", "graphiql-css"):
        url, integrity = asset_url(name, assets_dir)
        key = name.upper().replace("-", "_")
        replacements[f"__{key}_URL__"] = url
        replacements[f"__{key}_SRI__"] = f'integrity="{integrity}"' if integrity else ""
    for key, value in replacements.items():
        template = template.replace(key, value)
    return template


def landing_page(node_count: int | None, documents: list[str]) -> str:
    template = (TEMPLATES / "index.html").read_text(encoding="utf-8")
    status = f"{node_count} entities from {', '.join(map(html.escape, documents))}" if node_count else "loading"
    return template.replace("__STATUS__", status).replace("__VERSION__", __version__)


async def healthz(request: Request) -> Response:
    """Liveness: the process answers."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    """Readiness: the graph is loaded and can be queried."""
    graph = getattr(request.app.state, "graph", None)
    if graph is None:
        return JSONResponse({"status": "loading"}, status_code=503)
    return JSONResponse({"status": "ready", "nodes": len(graph), "edges": graph.edge_count, "version": graph.version})


async def sdl(request: Request) -> Response:
    from schema import print_sdl

    return PlainTextResponse(print_sdl(), media_type="application/graphql; charset=utf-8")


async def index(request: Request) -> Response:
    graph = getattr(request.app.state, "graph", None)
    documents = [d.name for d in graph.documents] if graph else []
    return HTMLResponse(landing_page(len(graph) if graph else None, documents))
