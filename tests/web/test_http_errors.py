"""Unexpected failures: masked for the client, logged in full under the same id; timeouts answer fast."""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest

from careergraph.web import pages
from graph import CareerGraph

SECRET = "secret detail of /srv/careergraph/graph.py"


def _raise(*args: object, **kwargs: object) -> None:
    raise RuntimeError(SECRET)


def _assert_masked(body: dict, caplog: pytest.LogCaptureFixture) -> None:
    error = body["errors"][0]
    error_id = error["extensions"]["errorId"]
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert error_id in error["message"]
    assert SECRET not in str(body) and "Traceback" not in str(body)
    logged = [r for r in caplog.records if r.name == "careergraph.errors" and error_id in r.getMessage()]
    assert len(logged) == 1
    assert logged[0].levelno == logging.ERROR
    assert logged[0].exc_info is not None and SECRET in str(logged[0].exc_info[1])


def test_http_errors_resolver_exception_is_masked_and_logged_with_its_id(make_client, post, caplog,
                                                                         monkeypatch) -> None:
    client = make_client()
    monkeypatch.setattr(CareerGraph, "kind_counts", _raise)
    with caplog.at_level(logging.ERROR, logger="careergraph.errors"):
        response = post(client, "{ graphInfo { nodeCount kinds { count } } }")
    assert response.status_code == 200  # a field error: the operation ran
    body = response.json()
    assert body["data"] is None
    assert body["errors"][0]["path"] == ["graphInfo"]
    _assert_masked(body, caplog)


def test_http_errors_masked_answers_are_not_cached(make_client, post, monkeypatch) -> None:
    client = make_client()
    with monkeypatch.context() as patched:
        patched.setattr(CareerGraph, "kind_counts", _raise)
        assert post(client, "{ graphInfo { kinds { count } } }").json()["data"] is None
    assert post(client, "{ graphInfo { kinds { count } } }").json()["data"]["graphInfo"]["kinds"]


def test_http_errors_endpoint_bug_answers_json_500_with_an_id(make_client, post, caplog) -> None:
    client = make_client()
    client.app.state.graphql._answer = _raise  # a bug in the endpoint itself
    with caplog.at_level(logging.ERROR, logger="careergraph.errors"):
        response = post(client, "{ graphInfo { nodeCount } }")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/json"
    _assert_masked(response.json(), caplog)


def test_http_errors_bug_outside_the_endpoint_answers_json_500(make_client, caplog, monkeypatch) -> None:
    monkeypatch.setattr(pages, "healthz", _raise)
    client = make_client(raise_server_exceptions=False)
    with caplog.at_level(logging.ERROR, logger="careergraph.errors"):
        response = client.get("/healthz")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/json"
    _assert_masked(response.json(), caplog)


@pytest.mark.parametrize(("accept", "status"), [("application/graphql-response+json", 503),
                                                ("application/json", 200)])
def test_http_errors_timeout_answers_without_waiting_for_the_operation(make_client, post, still_serving,
                                                                      monkeypatch, accept: str, status: int) -> None:
    client = make_client(timeout_seconds=0.05)

    def slow_entities(*args: Any) -> list[Any]:
        time.sleep(0.5)
        return []

    monkeypatch.setattr(CareerGraph, "entities", slow_entities)
    response = post(client, "{ entities { totalCount } }", accept=accept)
    assert response.status_code == status
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "TIMEOUT"
    assert "0.05 s" in error["message"]
    still_serving(client)


def test_http_errors_several_operations_without_a_name_say_which_to_name(make_client) -> None:
    client = make_client()
    document = "query Path { careerPath(from: \"TPM\", to: \"CTO\") { hops } } query Roles { roles { name } }"
    refused = client.post("/graphql", json={"query": document},
                          headers={"accept": "application/graphql-response+json"})
    assert refused.status_code == 400
    error = refused.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert "2 operations (Path, Roles)" in error["message"] and "operationName" in error["message"]
    named = client.post("/graphql", json={"query": document, "operationName": "Roles"})
    assert named.status_code == 200 and named.json()["data"]["roles"]
