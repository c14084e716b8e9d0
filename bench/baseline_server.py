"""The static-JSON baseline of the HTTP benchmark: precomputed answers, nothing else.

    CAREERGRAPH_BASELINE_ANSWERS=answers.json uvicorn --factory bench.baseline_server:app_from_env

`bench/http_bench.py` asks careergraph every request it will send, writes the
answers to a JSON file and starts this app on it. The app answers a POST by
its raw body and a GET by its raw query string, with the bytes and the
content type careergraph gave: the same answers at the cost of the HTTP stack
alone (uvicorn + Starlette, one dictionary look-up). Its throughput is the
limit a GraphQL server on this machine is measured against.

The answers file is a JSON list of ``{"method", "key", "status", "content_type", "body"}``:
``key`` is the POST body or the GET query string, ``body`` the answer text.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

__all__ = ["ANSWERS_ENV", "app_from_env", "create_app", "read_answers"]

ANSWERS_ENV = "CAREERGRAPH_BASELINE_ANSWERS"

Answers = dict[tuple[str, bytes], tuple[int, bytes, str]]


def read_answers(path: Path) -> Answers:
    """The answers file as ``(method, key) -> (status, body, content type)``."""
    return {
        (item["method"], item["key"].encode()): (item["status"], item["body"].encode(), item["content_type"])
        for item in json.loads(path.read_text(encoding="utf-8"))
    }


def create_app(answers: Answers) -> Starlette:
    async def graphql(request: Request) -> Response:
        if request.method == "POST":
            key = await request.body()
        else:
            key = request.scope["query_string"]
        found = answers.get((request.method, key))
        if found is None:
            return Response(b'{"errors":[{"message":"not a captured request"}]}', 404,
                            media_type="application/json")
        status, body, content_type = found
        return Response(body, status, media_type=content_type)

    return Starlette(routes=[Route("/graphql", graphql, methods=["GET", "POST"])])


def app_from_env() -> Starlette:
    """The app on the answers file named by ``CAREERGRAPH_BASELINE_ANSWERS`` (for ``uvicorn --factory``)."""
    return create_app(read_answers(Path(os.environ[ANSWERS_ENV])))
