"""The runner's inline rule: only a request known to be cheap runs on the event loop; counted, never timed."""

from __future__ import annotations

import time

import pytest

from careergraph.web import runner as runner_module

QUERY = "query Path($from: String!, $to: String!) { careerPath(from: $from, to: $to) { hops } }"
#: What "cheap" means in these tests: a careerPath on the bundled seed takes well under it even on a
#: loaded machine; the first run of a document (parsed, validated, planned) and the forced slow run over it.
CHEAP_SECONDS = 0.02


@pytest.fixture(autouse=True)
def generous_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner_module, "INLINE_SECONDS", CHEAP_SECONDS)


def _post(client, variables: dict) -> dict:
    response = client.post("/graphql", json={"query": QUERY, "variables": variables})
    assert response.status_code == 200, response.text
    return response.json()


def test_runner_runs_a_request_inline_only_once_its_own_runs_were_cheap(make_client) -> None:
    client = make_client(response_cache=0)
    runner = client.app.state.graphql.runner
    _post(client, {"from": "TPM", "to": "CTO"})  # the document's first run also parses and plans it
    for _ in range(2):  # ... and may take longer than the threshold, which sends it to the thread for good
        _post(client, {"from": "TPM", "to": "CTO"})
    runner.inline = runner.threaded = 0
    cheap = {"from": "Product Analyst", "to": "CTO"}
    _post(client, cheap)
    assert (runner.inline, runner.threaded) == (0, 1)  # a first run is always in a thread, under the deadline
    for _ in range(3):
        _post(client, cheap)
    assert (runner.inline, runner.threaded) == (3, 1)
    _post(client, {"from": "Associate Product Manager", "to": "CTO"})  # same document, new variables: cost unknown
    assert runner.threaded == 2


def test_runner_sends_a_request_back_to_the_thread_after_one_slow_run(make_client, monkeypatch) -> None:
    client = make_client(response_cache=0)
    runner = client.app.state.graphql.runner
    _post(client, {"from": "TPM", "to": "CTO"})
    cheap = {"from": "Product Analyst", "to": "CTO"}
    for _ in range(3):
        _post(client, cheap)
    assert runner.inline == 2
    execute = runner.schema.execute_sync

    def slow_once(*args, **kwargs):  # CPU busy over the threshold, as a cold or expensive run would be
        end = time.thread_time() + 2 * CHEAP_SECONDS
        while time.thread_time() < end:
            pass
        return execute(*args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(runner.schema, "execute_sync", slow_once)
        _post(client, cheap)
    threaded = runner.threaded
    for _ in range(2):
        _post(client, cheap)
    assert runner.threaded == threaded + 2


@pytest.mark.parametrize("size", [runner_module.KEY_BYTES + 1, 20_000])
def test_runner_never_runs_a_long_request_inline(make_client, size: int) -> None:
    client = make_client(response_cache=0)
    runner = client.app.state.graphql.runner
    variables = {"from": "Product Analyst", "to": "CTO", "pad": "x" * size}
    for _ in range(3):
        _post(client, variables)
    assert runner.inline == 0 and runner.threaded == 3
