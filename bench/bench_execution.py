"""Where a request's time goes inside the process: careergraph's schema against stock strawberry.

    python bench/bench_execution.py                  # every class, 2,000 requests each
    python bench/bench_execution.py --profile nested # and cProfile's top functions for one class

Runs the distinct query classes of `bench/http_bench.py` (new variables on
every request) in-process, without HTTP, on the bundled seed, and prints the
median microseconds per request for:

- ``careergraph``: the served schema (`schema.create_schema`): cached parse
  and validation, the lean pipeline, `PlannedExecutor`, warm memos;
- ``cold memos``: the same, with the memos of `schema.memo` emptied before
  every request, so paths, pages and GraphQL objects are made afresh (what a
  request costs the first time its variables are seen);
- ``with an extension``: the served schema plus one extension that does
  nothing, so strawberry's own pipeline and extension runner run instead of
  the lean one (what the lean pipeline saves);
- ``stock strawberry``: `strawberry.Schema` on the same types with its
  ParserCache and ValidationCache extensions and graphql-core's executor.

The ratios show what each lever is worth; ``--profile`` shows where the rest goes.
Then, for the same requests, the median microseconds of a whole request
through the ASGI app (response cache off, no network: what the endpoint and
middleware add to execution), the process's CPU time per request with the
access log off and on (its writer thread included), and a worker-thread
round trip under uvloop (what a request skips by running on the event loop).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import logging
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import anyio.to_thread  # noqa: E402
import strawberry  # noqa: E402
import uvloop  # noqa: E402
from strawberry.extensions import ParserCache, SchemaExtension, ValidationCache  # noqa: E402

from bench.http_bench import CAREER_PATH, ENTITY_LIST, NESTED  # noqa: E402
from careergraph.settings import Settings  # noqa: E402
from careergraph.web.accesslog import ACCESS_LOG, LineWriter  # noqa: E402
from graph import load_graph  # noqa: E402
from graph.paths import POSITION_KINDS, reachable_positions  # noqa: E402
from schema import ENTITY_TYPES, Query, create_schema  # noqa: E402
from schema import memo as memos  # noqa: E402
from schema.context import Context  # noqa: E402
from schema.pagination import encode_cursor  # noqa: E402
from schema.types.entity import Entity, Node  # noqa: E402
from server import create_app  # noqa: E402

Variables = dict[str, Any] | None


def classes(graph: Any) -> dict[str, tuple[str, list[Variables]]]:
    """The distinct classes: a document and the variables of every request, in turn."""
    pairs: list[Variables] = [
        {"from": source.id, "to": target.id}
        for kind in POSITION_KINDS
        for source in graph.entities(kind)
        for target, _ in reachable_positions(graph, source.id)[1:]
    ]
    total = len(graph.entities(None))
    return {
        "careerPath": (CAREER_PATH, pairs),
        "20-entity list": (ENTITY_LIST, [None, *({"after": encode_cursor(i)} for i in range(total - 20))]),
        "nested": (NESTED, [None, *({"after": encode_cursor(i)} for i in range(total - 10))]),
    }


def stock_schema() -> strawberry.Schema:
    return strawberry.Schema(query=Query, types=[Node, Entity, *ENTITY_TYPES],
                             extensions=[ParserCache, ValidationCache])


class NoOp(SchemaExtension):
    """An extension with no hooks of its own: its presence alone switches the lean pipeline off."""


def forget_memos() -> None:
    memos._RECORDS.items.clear()
    for memo in list(memos._GRAPHS.values()):
        memo.items.clear()


def per_request(run: Callable[[Variables], Any], variables: list[Variables], requests: int,
                before: Callable[[], None] | None = None) -> float:
    """Median microseconds of ``run`` over ``requests`` requests cycling through ``variables``."""
    for values in variables[:50]:  # warm-up: caches of documents and plans
        run(values)
    times = []
    for i in range(requests):
        values = variables[i % len(variables)]
        if before is not None:
            before()
        started = time.perf_counter_ns()
        run(values)
        times.append(time.perf_counter_ns() - started)
    return statistics.median(times) / 1000


async def app_request(app: Any, body: bytes) -> None:
    """One POST to /graphql through the ASGI app, as uvicorn would pass it."""
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
        "path": "/graphql", "raw_path": b"/graphql", "query_string": b"", "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), (b"accept", b"application/graphql-response+json"),
                    (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000), "state": {},
    }
    received = False

    async def receive() -> dict:
        nonlocal received
        if received:
            await asyncio.Event().wait()  # the client never disconnects
        received = True
        return {"type": "http.request", "body": body, "more_body": False}

    statuses = []

    async def send(message: dict) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    await app(scope, receive, send)
    if statuses != [200]:
        raise SystemExit(f"the app answered {statuses}")


async def through_app(query: str, variables: list[Variables], requests: int, log_level: str = "warning",
                      ) -> tuple[float, float]:
    """Median microseconds of whole requests through the app (lifespan on, response cache off), and the
    process's CPU microseconds per request (the access log's writer thread included)."""
    app = create_app(Settings.from_env({}, response_cache=0, log_level=log_level))
    bodies = [json.dumps({"query": query, **({"variables": v} if v else {})}).encode() for v in variables]
    async with app.router.lifespan_context(app):
        for body in bodies * 2:  # every request seen once: later ones may run on the event loop
            await app_request(app, body)
        ACCESS_LOG.flush()
        times = []
        cpu = time.process_time_ns()
        for i in range(requests):
            started = time.perf_counter_ns()
            await app_request(app, bodies[i % len(bodies)])
            times.append(time.perf_counter_ns() - started)
        ACCESS_LOG.flush()
        cpu = time.process_time_ns() - cpu
    return statistics.median(times) / 1000, cpu / requests / 1000


async def thread_hop(requests: int) -> float:
    """Median microseconds of a no-op run in a worker thread, there and back."""
    times = []
    for _ in range(requests):
        started = time.perf_counter_ns()
        await anyio.to_thread.run_sync(lambda: None)
        times.append(time.perf_counter_ns() - started)
    return statistics.median(times) / 1000


def runner(schema: strawberry.Schema, query: str, context: Context) -> Callable[[Variables], Any]:
    def run(variables: Variables) -> Any:
        result = schema.execute_sync(query, variables, context_value=context)
        if result.errors:
            raise SystemExit(f"the benchmark query failed: {result.errors}")
        return result

    return run


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=2000, help="requests per class and schema (default 2000)")
    parser.add_argument("--profile", metavar="CLASS", help="also print cProfile's top functions for this class")
    args = parser.parse_args(argv)

    graph = load_graph()
    context = Context(graph=graph)
    served, extended, stock = create_schema(), create_schema(extensions=[NoOp]), stock_schema()
    print(f"in-process, bundled seed ({len(graph)} entities, {graph.edge_count} relations), "
          f"median microseconds per request, {args.requests} requests per cell")
    print(f"{'class':<16} {'careergraph':>12} {'cold memos':>11} {'with an extension':>18} "
          f"{'stock strawberry':>17} {'stock / careergraph':>20}")
    for name, (query, variables) in classes(graph).items():
        warm = per_request(runner(served, query, context), variables, args.requests)
        cold = per_request(runner(served, query, context), variables, args.requests, before=forget_memos)
        pipeline = per_request(runner(extended, query, context), variables, args.requests)
        baseline = per_request(runner(stock, query, context), variables, args.requests)
        print(f"{name:<16} {warm:>12.0f} {cold:>11.0f} {pipeline:>18.0f} {baseline:>17.0f} "
              f"{baseline / warm:>19.1f}x", flush=True)
    logging.getLogger("careergraph").handlers = [LineWriter(open(os.devnull, "w"))]  # the log, unseen
    print(f"\n{'class':<16} {'through the app':>16} {'of which execution':>19} {'CPU, log off':>13} "
          f"{'CPU, log on':>12}")
    for name, (query, variables) in classes(graph).items():
        whole, cpu_off = uvloop.run(through_app(query, variables, args.requests))
        _, cpu_on = uvloop.run(through_app(query, variables, args.requests, "info"))
        execution = per_request(runner(served, query, context), variables, args.requests)
        print(f"{name:<16} {whole:>16.0f} {execution:>19.0f} {cpu_off:>13.0f} {cpu_on:>12.0f}", flush=True)
    print(f"\nworker-thread round trip (anyio under uvloop): {uvloop.run(thread_hop(args.requests)):.0f} us")
    if args.profile:
        query, variables = classes(graph)[args.profile]
        run = runner(served, query, context)
        profile = cProfile.Profile()
        profile.enable()
        per_request(run, variables, args.requests)
        profile.disable()
        print(f"\ncProfile, {args.profile}, careergraph (top 15 by own time)")
        pstats.Stats(profile, stream=sys.stdout).sort_stats("tottime").print_stats(15)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
