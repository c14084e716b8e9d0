"""A career path from careergraph's GraphQL API, with httpx: the Python client example.

Run it against a server (``careergraph serve``)::

    python docs/clients/python_client.py http://127.0.0.1:8000 "Product Analyst" CTO

or import it and call `career_path`. It shows what every client of the API
needs: one POST of ``{"query", "variables"}`` as JSON, an ``Accept`` header
that asks for ``application/graphql-response+json`` (request errors then come
with a 4xx status), and errors read from ``extensions.code``, with the
suggestions a ``NOT_FOUND`` error carries. tests/test_clients.py runs it
against a live server.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

import httpx

__all__ = ["CAREER_PATH", "GraphQLError", "career_path", "format_path", "main"]

#: docs/queries/career-path.graphql, plus the id of each position for refetching.
CAREER_PATH = """
query CareerPath($from: String!, $to: String!) {
  careerPath(from: $from, to: $to) {
    hops
    steps {
      via
      entity { id name kind }
      sources { document line text }
    }
  }
}
"""

ACCEPT = "application/graphql-response+json, application/json;q=0.9"


class GraphQLError(Exception):
    """The API answered with errors; the first one's ``extensions`` say what kind."""

    def __init__(self, errors: Sequence[dict[str, Any]], status: int) -> None:
        self.errors = list(errors)
        self.status = status
        extensions = self.errors[0].get("extensions") or {}
        self.code: str | None = extensions.get("code")
        self.suggestions: list[str] = list(extensions.get("suggestions") or [])
        super().__init__("; ".join(str(error.get("message")) for error in self.errors))


def career_path(base_url: str, from_: str, to: str, *, client: httpx.Client | None = None,
                timeout: float = 10.0) -> dict[str, Any] | None:
    """The shortest career path between two positions, or None when there is none.

    ``base_url`` is the server's address (``http://127.0.0.1:8000``) or its
    ``/graphql`` endpoint. The result is ``careerPath`` as the API returns it:
    ``{"hops": 4, "steps": [{"via", "entity", "sources"}, ...]}``.

    Raises `GraphQLError` when the API reports errors (``code == "NOT_FOUND"``
    with ``suggestions`` for an unknown name) and `httpx.HTTPError` when the
    server cannot be reached or answers something that is not GraphQL.
    """
    payload = {"query": CAREER_PATH, "variables": {"from": from_, "to": to}}
    headers = {"accept": ACCEPT}
    if client is None:
        response = httpx.post(_endpoint(base_url), json=payload, headers=headers, timeout=timeout)
    else:
        response = client.post(_endpoint(base_url), json=payload, headers=headers, timeout=timeout)
    body = _graphql_body(response)
    if body.get("errors"):
        raise GraphQLError(body["errors"], response.status_code)
    return body["data"]["careerPath"]


def _endpoint(base_url: str) -> str:
    url = base_url.rstrip("/")
    return url if url.endswith("/graphql") else url + "/graphql"


def _graphql_body(response: httpx.Response) -> dict[str, Any]:
    """The GraphQL response in a reply; 4xx replies carry one too (request errors, rate limits)."""
    media_type = response.headers.get("content-type", "").partition(";")[0].strip()
    if media_type not in {"application/json", "application/graphql-response+json"}:
        response.raise_for_status()
        raise httpx.DecodingError(f"expected a JSON GraphQL response, got {media_type or 'no content type'!r}",
                                  request=response.request)
    body = response.json()
    if not isinstance(body, dict) or ("data" not in body and "errors" not in body):
        response.raise_for_status()
        raise httpx.DecodingError("the reply is JSON but not a GraphQL response", request=response.request)
    return body


def format_path(path: dict[str, Any]) -> str:
    """A path as text: each move with the sentences of the guide that state it."""
    steps = path["steps"]
    hops = path["hops"]
    lines = [f"{steps[0]['entity']['name']} -> {steps[-1]['entity']['name']}: {hops} move{'' if hops == 1 else 's'}"]
    for number, step in enumerate(steps):
        via = f" via {step['via']}" if step["via"] else ""
        lines.append(f"  {number}. {step['entity']['name']} ({step['entity']['kind'].lower()}){via}")
        lines.extend(f'       "{s["text"]}" ({s["document"]}:{s["line"]})' for s in step["sources"])
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the route between two positions with its evidence; 0 when found, 1 otherwise."""
    parser = argparse.ArgumentParser(description="Print a career path from a careergraph server, with evidence.")
    parser.add_argument("url", nargs="?", default="http://127.0.0.1:8000", help="server address (default: %(default)s)")
    parser.add_argument("source", metavar="FROM", nargs="?", default="Product Analyst", help="start position")
    parser.add_argument("target", metavar="TO", nargs="?", default="CTO", help="goal position")
    args = parser.parse_args(argv)
    try:
        path = career_path(args.url, args.source, args.target)
    except GraphQLError as error:
        print(f"error ({error.code}): {error}", file=sys.stderr)
        if error.code == "NOT_FOUND" and error.suggestions:
            print("did you mean: " + ", ".join(error.suggestions), file=sys.stderr)
        return 1
    except httpx.HTTPError as error:
        print(f"cannot query {args.url}: {error}", file=sys.stderr)
        return 1
    if path is None:
        print(f"no career path from {args.source!r} to {args.target!r}", file=sys.stderr)
        return 1
    print(format_path(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
