"""The career map: ``/explore`` (a page over the public GraphQL API), its static files and ``/ladder.svg``.

The page is plain HTML, CSS and one JavaScript module (``static/explore.js``)
that asks only documented queries over ``POST /graphql``; Cytoscape.js comes
from the CDN with an integrity hash, or from ``/assets`` when an assets folder
is set. ``/ladder.svg`` draws the ladder server-side with Graphviz.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from careergraph import __version__
from careergraph.settings import Settings
from careergraph.web.assets import CDN, asset_url
from careergraph.web.ladder import GraphvizError, GraphvizMissing, LadderImages
from graph import EntityNotFound
from seed.records import EntityKind

__all__ = ["STATIC", "explore_page", "explore_routes"]

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")


def explore_routes(settings: Settings) -> list[BaseRoute]:
    """``/explore``, ``/ladder.svg`` and ``/static``, for ``create_app``'s route list."""
    page = explore_page(settings.assets_dir)
    images = LadderImages()

    async def explore(request: Request) -> Response:
        return HTMLResponse(page, headers={"content-security-policy": _CSP})

    async def ladder_svg(request: Request) -> Response:
        return await _ladder_svg(request, images)

    return [
        Route("/explore", explore),
        Route("/ladder.svg", ladder_svg),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]


#: The page runs its own script and the pinned CDN's; it talks to this server only.
_CSP = "; ".join([
    "default-src 'self'",
    f"script-src 'self' {CDN}",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
])


def explore_page(assets_dir: Path | None) -> str:
    """The ``/explore`` HTML, its asset URLs filled in (static files carry a content hash to bust caches)."""
    template = (TEMPLATES / "explore.html").read_text(encoding="utf-8")
    url, integrity = asset_url("cytoscape", assets_dir)
    replacements = {
        "__CYTOSCAPE_URL__": url,
        "__CYTOSCAPE_SRI__": f'integrity="{integrity}"' if integrity else "",
        "__EXPLORE_JS__": _static_url("explore.js"),
        "__EXPLORE_CSS__": _static_url("explore.css"),
        "__VERSION__": __version__,
    }
    for key, value in replacements.items():
        template = template.replace(key, value)
    return template


def _static_url(name: str) -> str:
    digest = hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:12]
    return f"/static/{name}?v={digest}"


async def _ladder_svg(request: Request, images: LadderImages) -> Response:
    """``GET /ladder.svg?role=NAME``: the ladder holding a role (default: the graph's first)."""
    graph = getattr(request.app.state, "graph", None)
    if graph is None:
        return PlainTextResponse("The career graph is still loading; try again in a moment.\n", status_code=503)
    role = request.query_params.get("role") or None
    try:
        svg = await run_in_threadpool(images.svg, graph, role)
    except EntityNotFound as exc:
        roles = "" if exc.suggestions else ". Roles: " + ", ".join(n.name for n in graph.entities(EntityKind.ROLE))
        return PlainTextResponse(f"{exc}{roles}\n", status_code=404)
    except GraphvizMissing as exc:
        return PlainTextResponse(f"{exc}\n", status_code=503)
    except GraphvizError as exc:
        return PlainTextResponse(f"{exc}\n", status_code=500)
    etag = f'"{graph.version[:16]}-{hashlib.sha256(svg).hexdigest()[:16]}"'
    headers = {"etag": etag, "cache-control": "public, max-age=300"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(svg, media_type="image/svg+xml", headers=headers)
