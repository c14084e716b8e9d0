"""Hostile and clumsy requests: each is refused with the right status and code, and the server keeps serving.

Timings are not asserted (test machines are noisy); docs/reliability.md has them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"


@dataclass(frozen=True)
class Hostile:
    """One request, and how it must be answered."""

    status: int
    code: str | None  # None: answered harmlessly, without an error
    method: str = "POST"
    json: Any = None
    content: bytes | None = None
    params: dict[str, str] | None = None
    headers: dict[str, str] = field(default_factory=lambda: {"accept": GRAPHQL_RESPONSE})
    limit: str | None = None


def query(document: str, variables: dict[str, Any] | None = None, **expected: Any) -> Hostile:
    return Hostile(json={"query": document, "variables": variables}, **expected)


def raw(content: bytes, content_type: str | None, **expected: Any) -> Hostile:
    headers = {"accept": GRAPHQL_RESPONSE} | ({"content-type": content_type} if content_type else {})
    return Hostile(content=content, headers=headers, **expected)


def nested(levels: int, inner: str = "name") -> str:
    """``entity { ... on Role { nextRoles { ... } } }`` ``levels`` fields deep."""
    opening = "... on Role { nextRoles { " * (levels - 1)
    return '{ entity(name: "TPM") { ' + opening + inner + " } }" * (levels - 1) + " } }"


def connections(levels: int, first: str = "100") -> str:
    """``entities(first) { nodes { relations(first) { nodes { node { relations ...`` ``levels`` pages deep."""
    inner = "name"
    for _ in range(levels - 1):
        inner = f"relations(first: {first}) {{ nodes {{ node {{ {inner} }} }} }}"
    return f"{{ entities(first: {first}) {{ nodes {{ {inner} }} }} }}"


TOO_COMPLEX: dict[str, Any] = {"status": 400, "code": "QUERY_TOO_COMPLEX"}
BAD_INPUT: dict[str, Any] = {"status": 400, "code": "BAD_USER_INPUT"}
BAD_REQUEST: dict[str, Any] = {"status": 400, "code": "BAD_REQUEST"}
LONG = "x" * 10_000

CASES = [
    pytest.param(query(nested(30), **TOO_COMPLEX, limit="max_depth"), id="depth-bomb"),
    pytest.param(query(connections(4), **TOO_COMPLEX), id="cost-bomb-four-deep"),
    pytest.param(query(connections(3), **TOO_COMPLEX, limit="max_cost"), id="cost-bomb-within-depth"),
    pytest.param(query("query($n: Int) " + connections(3, "$n"), {"n": 1}, **TOO_COMPLEX, limit="max_cost"),
                 id="cost-bomb-page-size-variables"),
    pytest.param(query("{ " + " ".join(f"a{i}: graphInfo {{ nodeCount }}" for i in range(40)) + " }",
                       **TOO_COMPLEX, limit="max_aliases"), id="alias-bomb"),
    pytest.param(query("{ " + "graphInfo { nodeCount } " * 450 + "}", **TOO_COMPLEX, limit="max_aliases"),
                 id="repeated-field-bomb"),
    pytest.param(query(" ".join(f"fragment F{i} on Query {{ graphInfo {{ nodeCount }} }}" for i in range(120))
                       + " { " + " ".join(f"...F{i}" for i in range(120)) + " }", **TOO_COMPLEX,
                       limit="max_aliases"), id="fragment-bomb"),
    pytest.param(query("{ " + "graphInfo { nodeCount } " * 600 + "}", **TOO_COMPLEX, limit="max_tokens"),
                 id="token-bomb"),
    pytest.param(query("#\n" * 3000 + "{ graphInfo { nodeCount } }", **TOO_COMPLEX, limit="max_tokens"),
                 id="comment-bomb"),
    pytest.param(query("{ graphInfo { " + " ".join(f"n{i}: nodeCount @include(if: true)" for i in range(25))
                       + " } }", **TOO_COMPLEX, limit="max_directives"), id="directive-bomb"),
    pytest.param(query("{ a " * 300 + "}" * 300, **TOO_COMPLEX, limit="nesting"), id="parser-nesting-bomb"),
    pytest.param(query("{ graphInfo { nodeCount } }" + " " * 1_000_001, status=413, code="PAYLOAD_TOO_LARGE"),
                 id="huge-body"),
    pytest.param(Hostile(json=[{"query": "{ graphInfo { nodeCount } }"}] * 1000, **BAD_REQUEST), id="huge-batch"),
    pytest.param(query('{ entities(after: "not-a-cursor") { totalCount } }', status=200, code="BAD_USER_INPUT"),
                 id="bad-cursor"),
    pytest.param(query('{ entities(first: 5, after: "Y3Vyc29yOi0x") { totalCount } }', status=200,
                       code="BAD_USER_INPUT"), id="bad-cursor-negative-position"),
    pytest.param(query('{ node(id: "!!not-base64!!") { id } }', status=200, code=None), id="bad-global-id"),
    pytest.param(query('{ nodes(ids: ["Um9sZTpub3BlOg", "", "💥"]) { id } }', status=200, code=None),
                 id="bad-global-ids"),
    pytest.param(query(f'{{ search(text: "{LONG}") {{ score }} }}', **BAD_INPUT), id="long-string-argument"),
    pytest.param(query("query($t: String!) { search(text: $t) { score } }", {"t": LONG}, **BAD_INPUT),
                 id="long-string-variable"),
    pytest.param(query('query($v: [String!]) { careerPath(from: "TPM", to: "CTO", via: $v) { hops } }',
                       {"v": ["TPM", LONG]}, **BAD_INPUT), id="long-string-in-list-variable"),
    pytest.param(query('{ entity(name: "TPM\\u0000") { name } }', **BAD_INPUT), id="null-byte-argument"),
    pytest.param(query("query($n: String!) { entity(name: $n) { name } }", {"n": "TPM\x00"}, **BAD_INPUT),
                 id="null-byte-variable"),
    pytest.param(query("query($n: String!) { entity(name: $n) { name } }", {"n": "\x1b[31mTPM"}, **BAD_INPUT),
                 id="control-character-variable"),
    pytest.param(query("{ graphInfo\x00 { nodeCount } }", status=400, code="GRAPHQL_PARSE_FAILED"),
                 id="null-byte-in-document"),
    pytest.param(raw(b'{"query": "{ graphInfo { nodeCount } }", "x": "\xff\xfe"}', JSON, **BAD_REQUEST),
                 id="invalid-utf8"),
    pytest.param(raw(b'{"query": "{ graphInfo { nodeCount } }"', JSON, **BAD_REQUEST), id="malformed-json"),
    pytest.param(raw(b'"{ graphInfo { nodeCount } }"', JSON, **BAD_REQUEST), id="json-not-an-object"),
    pytest.param(raw(b'{"query": 42}', JSON, **BAD_REQUEST), id="query-not-a-string"),
    pytest.param(raw(b'{"query": "{ graphInfo { nodeCount } }", "variables": [1]}', JSON, **BAD_REQUEST),
                 id="variables-not-an-object"),
    pytest.param(raw(b"", JSON, **BAD_REQUEST), id="empty-body"),
    pytest.param(raw(b'{"query": ""}', JSON, **BAD_REQUEST), id="empty-query"),
    pytest.param(raw(b'{"query": "{ graphInfo { nodeCount } }"}', "text/plain", status=415, code="BAD_REQUEST"),
                 id="wrong-content-type"),
    pytest.param(raw(b'{"query": "{ graphInfo { nodeCount } }"}', None, **BAD_REQUEST), id="no-content-type"),
    pytest.param(raw(b'{"query": "{ graphInfo { nodeCount } }"}', "application/json; charset=latin-1",
                     status=415, code="BAD_REQUEST"), id="wrong-charset"),
    pytest.param(Hostile(json={"query": "{ graphInfo { nodeCount } }", "operationName": "Nope"}, **BAD_REQUEST),
                 id="unknown-operation-name"),
    pytest.param(query("fragment F on Query { graphInfo { nodeCount } }", **BAD_REQUEST), id="no-operation"),
    pytest.param(query("query A { graphInfo { nodeCount } } query B { roles { name } }", **BAD_REQUEST),
                 id="several-operations-none-named"),
    pytest.param(query("type Evil { a: Int }", **BAD_REQUEST), id="type-definition"),
    pytest.param(query("mutation { graphInfo { nodeCount } }", status=400, code="GRAPHQL_VALIDATION_FAILED"),
                 id="mutation"),
    pytest.param(Hostile(method="GET", params={"query": "mutation { graphInfo { nodeCount } }"}, status=405,
                         code="BAD_REQUEST"), id="get-mutation"),
    pytest.param(Hostile(method="GET", params={"query": "subscription { graphInfo { nodeCount } }"}, status=405,
                         code="BAD_REQUEST"), id="get-subscription"),
    pytest.param(Hostile(method="GET", params={"query": "{ graphInfo { nodeCount } }"}, headers={"accept": "image/png"},
                         status=406, code="BAD_REQUEST"), id="unsupported-accept"),
    pytest.param(Hostile(method="DELETE", status=405, code="BAD_REQUEST"), id="delete"),
]


@pytest.mark.parametrize("case", CASES)
def test_hostile_request_is_refused_and_the_server_keeps_serving(client, still_serving, case: Hostile) -> None:
    response = client.request(case.method, "/graphql", json=case.json, content=case.content, params=case.params,
                              headers=case.headers)
    assert response.status_code == case.status, response.text[:500]
    assert response.headers["content-type"].startswith((GRAPHQL_RESPONSE, JSON))
    assert "Traceback" not in response.text
    body = response.json()
    if case.code is None:
        assert "errors" not in body
    else:
        codes = [error["extensions"]["code"] for error in body["errors"]]
        assert case.code in codes, body
        assert all(error["message"] for error in body["errors"])
        if case.status >= 400:
            assert "data" not in body  # a request error: nothing ran
    if case.limit is not None:
        assert case.limit in {error["extensions"].get("limit") for error in body["errors"]}
    still_serving(client)


def test_hostile_limit_refusal_names_the_limit_and_the_measured_value(client, post) -> None:
    error = post(client, connections(3)).json()["errors"][0]
    assert error["extensions"] == {"code": "QUERY_TOO_COMPLEX", "limit": "max_cost", "maximum": 20000,
                                   "measured": 1_010_100}
    assert "1010100" in error["message"] and "max_cost" in error["message"] and "20000" in error["message"]


def test_hostile_batch_is_capped_when_batching_is_on(make_client, still_serving) -> None:
    client = make_client(max_batch=3)
    operation = {"query": "{ graphInfo { nodeCount } }"}
    answered = client.post("/graphql", json=[operation] * 3)
    assert answered.status_code == 200
    assert [item["data"]["graphInfo"]["nodeCount"] > 0 for item in answered.json()] == [True] * 3
    refused = client.post("/graphql", json=[operation] * 4)
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert "1 to 3" in refused.json()["errors"][0]["message"]
    still_serving(client)


def test_hostile_query_string_over_the_body_limit_is_414(make_client, still_serving) -> None:
    client = make_client(max_body_bytes=1000)
    response = client.get("/graphql", params={"query": "{ graphInfo { nodeCount } }" + " " * 2000})
    assert response.status_code == 414
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    still_serving(client)


def test_hostile_first_out_of_range_stays_a_precise_user_error(client, post) -> None:
    # A literal page size counts at most 100 towards cost, so the resolver, not the
    # cost limit, answers with the argument's range.
    response = post(client, "{ entities(first: 100000) { nodes { relations { nodes { node { name } } } } } }")
    assert response.status_code == 200
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "between 1 and 100" in error["message"]


def test_hostile_json_accept_answers_request_errors_with_200(client, post) -> None:
    response = post(client, connections(3), accept=JSON)
    assert response.status_code == 200
    assert response.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
