"""Execution with its deadline: every operation is bounded by ``timeout_seconds``, whichever way it runs.

An operation runs in a worker thread under the timeout, so a slow one cannot
hold the event loop (``/healthz`` and every other client keep being
answered). At most `RUNNING` run at once; one that timed out keeps its slot
until it really ends, so abandoned work cannot pile up.

The hop to a thread and back costs more than a small operation
(docs/performance.md), so a request whose cost is *known* small runs on the
event loop instead: the same request (the same raw query string or body, so
the same document, operation and variables) on the same immutable graph,
every run of which took under `INLINE_SECONDS` of CPU time (the thread's
own, so waiting for the GIL under load does not count). Its first run is
always in a thread under the deadline; one slow run, or a timeout, sends it
back to the thread for good. Knowing a document is cheap says nothing about its next
variables, so nothing is keyed per document.

A costly operation (its cost on the served graph, `schema.cost`, at least
`COSTLY`: many career paths, deep nested lists) waits for one of
`COSTLY_RUNNING` places of its own before it takes a thread, so a crowd of
them cannot take every slot from cheap requests; it waits under the same
deadline.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

import anyio
import anyio.to_thread
from cachetools import LRUCache
from graphql import GraphQLError
from strawberry.exceptions import MissingQueryError
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from careergraph.web.request import Operation, RequestError
from schema import CareerGraphSchema
from schema.context import Context
from schema.errors import ErrorCode

__all__ = ["COSTLY", "COSTLY_RUNNING", "INLINE_SECONDS", "KEY_BYTES", "RUNNING", "Outcome", "Runner"]

#: Operations running at once (worker threads doing GraphQL work).
RUNNING = 8
#: An operation that may return this many objects (`schema.cost`) is costly.
COSTLY = 2_000
#: Costly operations running at once: the other `RUNNING` slots stay free for cheap ones.
COSTLY_RUNNING = 2
#: A request every run of which was faster than this runs on the event loop.
INLINE_SECONDS = 0.001
#: Requests longer than this are never run on the loop (their timings are not kept).
KEY_BYTES = 4096
#: Bytes of request keys whose timings are kept.
TIMED_BYTES = 4 * 2**20


@dataclass(frozen=True, slots=True)
class Outcome:
    """What running an operation gave: its result, or ``timed_out`` (then ``result`` is None)."""

    result: ExecutionResult | None
    timed_out: bool = False


class Runner:
    """Runs operations against a schema under a deadline (`run`)."""

    def __init__(self, schema: CareerGraphSchema, timeout_seconds: float, running: int = RUNNING) -> None:
        self.schema = schema
        self.timeout_seconds = timeout_seconds
        # Threads may wait for a slot; only ``running`` of them work at a time.
        self.limiter = anyio.CapacityLimiter(4 * running)
        self.slots = threading.BoundedSemaphore(running)
        # Costly operations queue here, on the event loop, before they take a thread.
        self.costly = anyio.CapacityLimiter(min(COSTLY_RUNNING, running))
        self.costs: LRUCache[str, int] = LRUCache(maxsize=4096)
        # The slowest run of each request seen (seconds, key size): requests always fast run inline.
        self.slowest: LRUCache[bytes, tuple[float, int]] = LRUCache(maxsize=TIMED_BYTES, getsizeof=_weight)
        #: Operations run inline and in threads: what the tests count.
        self.inline = 0
        self.threaded = 0
        self.costly_runs = 0

    async def run(self, operation: Operation, context: Context, allowed: frozenset[OperationType],
                  key: bytes | None) -> Outcome:
        """Run one operation; ``key``: the raw request that asked for it (None: never inline)."""
        key = key if key is not None and len(key) <= KEY_BYTES else None
        slowest = self.slowest.get(key) if key is not None else None
        if slowest is not None and slowest[0] < INLINE_SECONDS:
            self.inline += 1
            result, seconds = self._run(operation, context, allowed)
        else:
            self.threaded += 1
            abandoned = threading.Event()
            try:
                with anyio.fail_after(self.timeout_seconds):
                    if self._is_costly(operation, context):
                        self.costly_runs += 1
                        async with self.costly:
                            result, seconds = await self._in_thread(operation, context, allowed, abandoned)
                    else:
                        result, seconds = await self._in_thread(operation, context, allowed, abandoned)
            except TimeoutError:
                abandoned.set()
                self._remember(key, float("inf"), slowest)
                return Outcome(None, timed_out=True)
        self._remember(key, seconds, slowest)
        return Outcome(result)

    def _remember(self, key: bytes | None, seconds: float, slowest: tuple[float, int] | None) -> None:
        if key is not None and (slowest is None or seconds > slowest[0]):
            self.slowest[key] = (seconds, len(key) + 64)

    def clear(self) -> None:
        """Forget every timing and cost (another graph is served: costs may differ)."""
        self.slowest.clear()
        self.costs.clear()

    def _is_costly(self, operation: Operation, context: Context) -> bool:
        query = operation.query
        if not query:
            return False
        cost = self.costs.get(query)
        if cost is None:
            # None: a document not checked yet (its first run measures it) or an invalid one.
            cost = self.schema.documents.cost(query, context.graph)
            if cost is None:
                return False
            if len(query) <= KEY_BYTES:
                self.costs[query] = cost
        return cost >= COSTLY

    async def _in_thread(self, operation: Operation, context: Context, allowed: frozenset[OperationType],
                         abandoned: threading.Event) -> tuple[Any, float]:
        return await anyio.to_thread.run_sync(
            self._run_in_slot, operation, context, allowed, abandoned, abandon_on_cancel=True, limiter=self.limiter,
        )

    def _run_in_slot(self, operation: Operation, context: Context, allowed: frozenset[OperationType],
                     abandoned: threading.Event) -> tuple[Any, float]:
        with self.slots:
            if abandoned.is_set():  # timed out while waiting for a slot
                return None, float("inf")
            return self._run(operation, context, allowed)

    def _run(self, operation: Operation, context: Context, allowed: frozenset[OperationType]) -> tuple[Any, float]:
        """Execute one operation; the result and the CPU seconds it took (waits for the GIL do not count)."""
        started = time.thread_time()
        try:
            result = self.schema.execute_sync(
                operation.query,
                variable_values=operation.variables,
                context_value=context,
                operation_name=operation.operation_name,
                allowed_operation_types=allowed,
            )
        except InvalidOperationTypeError as exc:
            kind = exc.operation_type.value
            raise RequestError(405, f"a {kind} cannot be sent over GET: use POST",
                               headers={"allow": "POST"}) from None
        except CannotGetOperationTypeError as exc:
            result = _request_error(f"the document has no operation named {exc.operation_name!r}"
                                    if exc.operation_name else
                                    "the document has no operation to run: send a query")
        except MissingQueryError:
            result = _request_error("the request has no query: pass the GraphQL document as `query`")
        return result, time.thread_time() - started


def _weight(timing: tuple[float, int]) -> int:
    return timing[1]


def _request_error(message: str) -> ExecutionResult:
    """A GraphQL request error found while executing: no data, one error."""
    return ExecutionResult(data=None, errors=[GraphQLError(message, extensions={"code": ErrorCode.BAD_REQUEST.value})])
