"""The JSON access log, off the request path: one line per request, written in batches by a background thread.

A request only appends a tuple to a queue (about half a microsecond); a
daemon thread wakes every `FLUSH_SECONDS`, turns what is queued into JSON
lines (orjson) and hands them over. To `LineWriter`, the stderr handler
``server.py`` installs by default, a batch is one formatted write and one
flush; to any other handler (logging set up by the operator, pytest's
``caplog``) each line is an ordinary `logging.LogRecord`. Writing per request
through `logging` cost about 20 µs, a third of a cached answer
(docs/performance.md).

The queue holds at most `QUEUE_LINES`; beyond that, lines are dropped and
counted rather than slowing requests down, and the next batch says how many
(``{"dropped": N}``). Every client-supplied field is cut to `FIELD_CHARS`
characters.

Each line: ``request_id``, ``method``, ``path``, ``operation`` (the
operationName the client sent), ``status`` (499: the client went away before
its request was complete) and ``duration_ms``.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
import time
from collections import deque
from typing import IO

import orjson
from starlette.types import Scope

__all__ = ["ACCESS_LOG", "FIELD_CHARS", "FLUSH_SECONDS", "QUEUE_LINES", "AccessLog", "LineWriter", "bounded"]

#: How often the writer thread empties the queue.
FLUSH_SECONDS = 0.1
#: Lines waiting at most; more are dropped and counted.
QUEUE_LINES = 100_000
#: The longest client-supplied value logged (operation names, paths, ...).
FIELD_CHARS = 200

FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"

Entry = tuple[float, str, str, str, str | None, int, float]  # time, id, method, path, operation, status, ms


def bounded(value: str | None, limit: int = FIELD_CHARS) -> str | None:
    """A client-supplied value cut to ``limit`` characters (marked with ``…``)."""
    if value is None or len(value) <= limit:
        return value
    return value[:limit] + "…"


class AccessLog:
    """The queue of access-log lines and the thread that writes them (started by the first line)."""

    def __init__(self, logger: logging.Logger, capacity: int = QUEUE_LINES, interval: float = FLUSH_SECONDS) -> None:
        self.logger = logger
        self.capacity = capacity
        self.interval = interval
        self.queue: deque[Entry] = deque()
        self.dropped = 0
        self._thread: threading.Thread | None = None
        self._flushing = threading.Lock()

    def record(self, scope: Scope, request_id: str, status: int, started: float) -> None:
        """Queue one request's line (when INFO is on): never blocks, never formats."""
        if not self.logger.isEnabledFor(logging.INFO):
            return
        state = scope["state"]
        if status == 500 and state.get("client_gone"):
            status = 499
        if len(self.queue) >= self.capacity:
            self.dropped += 1
            return
        self.queue.append((time.time(), request_id, scope["method"], scope["path"], state.get("operation_name"),
                           status, (time.perf_counter() - started) * 1000))
        if self._thread is None:
            self._start()

    def _start(self) -> None:
        thread = threading.Thread(target=self._run, name="careergraph-access-log", daemon=True)
        self._thread = thread
        thread.start()
        atexit.register(self.flush)

    def _run(self) -> None:
        while True:
            time.sleep(self.interval)
            try:
                self.flush()
            except Exception:  # the log must not die; say so once per batch
                logging.getLogger("careergraph").exception("the access log could not write a batch")

    def flush(self) -> None:
        """Write every queued line now (the thread does this every `FLUSH_SECONDS`)."""
        with self._flushing:
            entries = [self.queue.popleft() for _ in range(len(self.queue))]
            dropped, self.dropped = self.dropped, 0
            if not entries and not dropped:
                return
            lines = [(entry[0], _line(entry)) for entry in entries]
            if dropped:
                lines.append((time.time(), orjson.dumps({"dropped": dropped}).decode()))
            handlers = _handlers(self.logger)
            writers = [handler for handler in handlers if isinstance(handler, LineWriter)]
            if writers and len(writers) == len(handlers):
                for writer in writers:
                    writer.write_lines(self.logger.name, lines)
                return
            for created, message in lines:
                record = self.logger.makeRecord(self.logger.name, logging.INFO, "", 0, message, (), None)
                record.created = created
                record.msecs = (created % 1) * 1000
                self.logger.handle(record)


def _line(entry: Entry) -> str:
    _, request_id, method, path, operation, status, duration = entry
    return orjson.dumps({
        "request_id": request_id,
        "method": bounded(method, 16),
        "path": bounded(path),
        "operation": bounded(operation),
        "status": status,
        "duration_ms": round(duration, 2),
    }).decode()


def _handlers(logger: logging.Logger) -> list[logging.Handler]:
    """The handlers a record on ``logger`` at INFO would reach, as `Logger.callHandlers` finds them."""
    found: list[logging.Handler] = []
    current: logging.Logger | None = logger
    while current is not None:
        found.extend(handler for handler in current.handlers if handler.level <= logging.INFO)
        if not current.propagate:
            break
        current = current.parent  # type: ignore[assignment]
    return found


class LineWriter(logging.StreamHandler):
    """A stream handler (stderr by default) that also takes access-log lines in batches: one write, one flush."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        super().__init__(stream)
        self.setFormatter(logging.Formatter(FORMAT))
        self._second = -1
        self._stamp = ""

    def write_lines(self, name: str, lines: list[tuple[float, str]]) -> None:
        """Write ``(time, message)`` lines as `FORMAT` would, at INFO, in one go."""
        if self.formatter is None or self.formatter._fmt != FORMAT:  # reformatted: one record at a time
            for created, message in lines:
                record = logging.LogRecord(name, logging.INFO, "", 0, message, (), None)
                record.created, record.msecs = created, (created % 1) * 1000
                self.handle(record)
            return
        text = "".join(f"{self._asctime(created)} INFO {name} {message}\n" for created, message in lines)
        with self.lock:  # type: ignore[union-attr]
            try:
                self.stream.write(text)
                self.stream.flush()
            except (OSError, ValueError):  # a stream closed at exit takes no more lines, as logging.shutdown allows
                pass

    def _asctime(self, created: float) -> str:
        second = int(created)
        if second != self._second:
            self._second = second
            self._stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(second))
        return f"{self._stamp},{int((created - second) * 1000):03d}"


#: The process's access log (``careergraph.access``); `careergraph.web.middleware.Edge` records into it.
ACCESS_LOG = AccessLog(logging.getLogger("careergraph.access"))


def _forget_thread() -> None:
    ACCESS_LOG._thread = None  # a forked child has no writer thread: the next line starts one


os.register_at_fork(after_in_child=_forget_thread)
