"""Regression guard for the response cache: what runs and what does not, counted, never timed.

The endpoint counts the operations it executes (`GraphQLEndpoint.executions`);
a cache hit, a 304 and a persisted query looked up by hash must not add to it
more than once per distinct request.
"""

from __future__ import annotations

import hashlib
import json

import pytest

QUERY = "query Path($from: String!, $to: String!) { careerPath(from: $from, to: $to) { hops } }"
VARIABLES = {"from": "Product Analyst", "to": "CTO"}
GET_PARAMS = {"query": QUERY, "variables": json.dumps(VARIABLES)}
ACCEPT = {"accept": "application/graphql-response+json"}


def _executions(client) -> int:
    return client.app.state.graphql.executions


def _post(client):
    return client.post("/graphql", json={"query": QUERY, "variables": VARIABLES}, headers=ACCEPT)


def _get(client, **headers: str):
    return client.get("/graphql", params=GET_PARAMS, headers={**ACCEPT, **headers})


@pytest.mark.parametrize("send", [_post, _get], ids=["POST", "GET"])
def test_cache_guard_repeated_request_is_answered_without_executing(make_client, send) -> None:
    client = make_client()
    first = send(client)
    assert first.status_code == 200 and first.json()["data"]["careerPath"]["hops"] == 4
    executed = _executions(client)
    assert executed == 1
    for _ in range(3):
        again = send(client)
        assert again.status_code == 200
        assert again.content == first.content
        assert again.headers["content-type"] == first.headers["content-type"]
        assert again.headers.get("etag") == first.headers.get("etag")
    assert _executions(client) == executed


@pytest.mark.parametrize("send", [_post, _get], ids=["POST", "GET"])
def test_cache_guard_every_request_executes_when_the_cache_is_off(make_client, send) -> None:
    client = make_client(response_cache=0)
    answers = [send(client) for _ in range(3)]
    assert {answer.content for answer in answers} == {answers[0].content}
    assert _executions(client) == 3


def test_cache_guard_if_none_match_answers_304_without_executing(make_client) -> None:
    client = make_client()
    first = _get(client)
    etag = first.headers["etag"]
    assert _executions(client) == 1
    not_modified = _get(client, **{"if-none-match": etag})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified.headers["etag"] == etag
    assert _executions(client) == 1


def test_cache_guard_if_none_match_answers_304_on_a_first_request_too(make_client) -> None:
    etag = _get(make_client()).headers["etag"]  # an ETag depends on the answer's bytes alone
    client = make_client()
    assert _get(client, **{"if-none-match": etag}).status_code == 304
    assert _get(client, **{"if-none-match": etag}).status_code == 304
    assert _executions(client) == 1


def test_cache_guard_persisted_query_by_hash_works_over_get(make_client) -> None:
    client = make_client()
    digest = hashlib.sha256(QUERY.encode()).hexdigest()
    extensions = json.dumps({"persistedQuery": {"version": 1, "sha256Hash": digest}})
    unknown = client.get("/graphql", params={"extensions": extensions, "variables": json.dumps(VARIABLES)},
                         headers=ACCEPT)
    assert unknown.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    registered = client.post("/graphql", headers=ACCEPT, json={
        "query": QUERY, "variables": VARIABLES,
        "extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}}})
    assert registered.json()["data"]["careerPath"]["hops"] == 4
    by_hash = client.get("/graphql", params={"extensions": extensions, "variables": json.dumps(VARIABLES)},
                         headers=ACCEPT)
    assert by_hash.status_code == 200
    assert by_hash.json() == registered.json()
    assert "etag" in by_hash.headers
    executed = _executions(client)
    again = client.get("/graphql", params={"extensions": extensions, "variables": json.dumps(VARIABLES)},
                       headers=ACCEPT)
    assert again.content == by_hash.content
    assert _executions(client) == executed  # the short GET is cached too


def test_cache_guard_answers_differ_by_accept_and_are_cached_apart(make_client) -> None:
    client = make_client()
    strict = _get(client)
    plain = client.get("/graphql", params=GET_PARAMS, headers={"accept": "application/json"})
    assert strict.headers["content-type"] == "application/graphql-response+json"
    assert plain.headers["content-type"] == "application/json"
    assert _executions(client) == 2


def test_cache_guard_errors_are_not_answered_from_another_request(make_client) -> None:
    client = make_client()
    assert _post(client).json()["data"]["careerPath"]["hops"] == 4
    wrong = client.post("/graphql", json={"query": QUERY, "variables": {"from": "Nobody", "to": "CTO"}},
                        headers=ACCEPT)
    assert wrong.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert _executions(client) == 2
