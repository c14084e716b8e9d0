"""The career map: ``/explore`` (a page over the public GraphQL API), its static files and ``/ladder.svg``.

The page is plain HTML, CSS and JavaScript ES modules (``static/explore.js`` and
the modules it imports; ``static/api.js`` holds every query) that ask only
documented queries over ``POST /graphql``; Cytoscape.js comes
from the CDN with an integrity hash, or from ``/assets`` when an assets folder
is set. ``/ladder.svg`` draws the ladder server-side with Graphviz.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import anyio
import orjson
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from careergraph import __version__
from careergraph.settings import Settings
from careergraph.web.assets import CDN, asset_url
from careergraph.web.ladder import GraphvizError, GraphvizFailed, GraphvizMissing, LadderImages, LadderTooLarge
from graph import EntityNotFound
from schema.errors import ErrorCode
from seed.records import EntityKind

__all__ = ["STATIC", "explore_page", "explore_routes"]

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")

#: Ladders drawn at once (each runs ``dot``); a request waits for a turn at most the render timeout.
RENDERS = 2


def explore_routes(settings: Settings) -> list[BaseRoute]:
    """``/explore``, ``/ladder.svg`` and ``/static``, for ``create_app``'s route list."""
    page = explore_page(settings.assets_dir)
    images = LadderImages(timeout=settings.timeout_seconds)
    renders = anyio.Semaphore(RENDERS)

    async def explore(request: Request) -> Response:
        return HTMLResponse(page, headers={"content-security-policy": _CSP})

    async def ladder_svg(request: Request) -> Response:
        return await _ladder_svg(request, images, renders)

    return [
        Route("/explore", explore),
        Route("/ladder.svg", ladder_svg),
        Mount("/static", RevalidatedStaticFiles(directory=STATIC), name="static"),
    ]


class RevalidatedStaticFiles(StaticFiles):
    """Static files a browser revalidates on every use (``no-cache``; the ETag makes that a 304).

    The page's ES modules import one another by plain URL, so the content hash on
    ``explore.js``'s URL alone cannot keep a browser from running a stale module.
    """

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers.setdefault("cache-control", "no-cache")
        return response


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


async def _ladder_svg(request: Request, images: LadderImages, renders: anyio.Semaphore) -> Response:
    """``GET /ladder.svg?role=NAME``: the ladder holding a role (default: the graph's first); JSON errors."""
    graph = getattr(request.app.state, "graph", None)
    if graph is None:
        return _error(503, "the career graph is still loading; try again in a moment", ErrorCode.INTERNAL_SERVER_ERROR,
                      retry_after=1)
    role = request.query_params.get("role") or None
    try:
        svg = images.cached(graph, role)
        if svg is None:
            with anyio.move_on_after(images.timeout) as waiting:
                await renders.acquire()
            if waiting.cancelled_caught:
                return _error(503, f"{RENDERS} ladders are being drawn; try again in a moment", ErrorCode.TIMEOUT,
                              retry_after=5)
            try:
                svg = await run_in_threadpool(images.svg, graph, role)
            finally:
                renders.release()
    except EntityNotFound as exc:
        roles = "" if exc.suggestions else ". Roles: " + ", ".join(n.name for n in graph.entities(EntityKind.ROLE))
        return _error(404, f"{exc}{roles}", ErrorCode.NOT_FOUND, suggestions=list(exc.suggestions))
    except LadderTooLarge as exc:
        return _error(422, str(exc), ErrorCode.QUERY_TOO_COMPLEX, roles=exc.roles, moves=exc.moves)
    except GraphvizMissing as exc:
        return _error(503, str(exc), ErrorCode.INTERNAL_SERVER_ERROR)
    except GraphvizFailed as exc:
        return _error(503, str(exc), ErrorCode.TIMEOUT if "longer than" in str(exc) else
                      ErrorCode.INTERNAL_SERVER_ERROR, retry_after=60)
    except GraphvizError as exc:
        return _error(503, str(exc), ErrorCode.INTERNAL_SERVER_ERROR)
    etag = f'"{graph.version[:16]}-{hashlib.sha256(svg).hexdigest()[:16]}"'
    headers = {"etag": etag, "cache-control": "public, max-age=300"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(svg, media_type="image/svg+xml", headers=headers)


def _error(status: int, message: str, code: ErrorCode, retry_after: int | None = None, **details: object) -> Response:
    """A JSON error in the API's shape (``errors[0].extensions.code``), never cached."""
    headers = {"cache-control": "no-store"}
    if retry_after is not None:
        headers["retry-after"] = str(retry_after)
    body = {"errors": [{"message": message, "extensions": {"code": code.value, **details}}]}
    return Response(orjson.dumps(body), status, media_type="application/json", headers=headers)
