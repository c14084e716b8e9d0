"""The runner: only a request known to be cheap runs on the event loop, and costly ones keep to a lane of their
own; counted, never timed."""

from __future__ import annotations

import threading
import time

import anyio
import pytest
from strawberry.types.graphql import OperationType

from careergraph.web import runner as runner_module
from careergraph.web.request import Operation
from schema import schema
from schema.context import Context

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


PATHS = "query Paths($from: String!, $to: String!) { careerPaths(from: $from, to: $to, k: 10) { hops } }"


def test_runner_keeps_costly_operations_from_taking_every_slot(seed_graph, monkeypatch) -> None:
    context = Context(seed_graph)
    variables = {"from": "Product Analyst", "to": "CTO"}
    runner = runner_module.Runner(schema, timeout_seconds=60)
    for query in (PATHS, QUERY):  # checked once, so their costs are known
        schema.execute_sync(query, variable_values=variables, context_value=context)
    cheap, costly = schema.documents.cost(QUERY, seed_graph), schema.documents.cost(PATHS, seed_graph)
    assert cheap is not None and costly is not None and cheap < costly
    monkeypatch.setattr(runner_module, "COSTLY", costly)

    running = {"costly": 0, "most": 0}
    finished: list[str] = []
    lock = threading.Lock()

    class Counted:
        """The schema, each costly run holding its slot a while, counting how many run at once."""

        documents = schema.documents

        @staticmethod
        def execute_sync(query: str, **kwargs):
            costly = query == PATHS
            with lock:
                running["costly"] += costly
                running["most"] = max(running["most"], running["costly"])
            time.sleep(0.05 if costly else 0)
            with lock:
                running["costly"] -= costly
            return schema.execute_sync(query, **kwargs)

    runner.schema = Counted()  # type: ignore[assignment]

    async def one(name: str, query: str) -> None:
        await runner.run(Operation(query, variables, None, None), context, frozenset(OperationType), None)
        finished.append(name)

    async def crowd() -> None:
        async with anyio.create_task_group() as tasks:
            for i in range(8):
                tasks.start_soon(one, f"costly {i}", PATHS)
            await anyio.sleep(0.01)
            tasks.start_soon(one, "cheap", QUERY)

    anyio.run(crowd)
    assert running["most"] <= runner_module.COSTLY_RUNNING
    assert runner.costly_runs == 8
    assert finished.index("cheap") < len(finished) - 1  # it did not wait behind the whole crowd
