"""The served graph: loaded in the background, swapped whole on reload, never edited.

`GraphLoader` owns the graph a process serves. Its daemon thread loads it,
so the server listens (and answers ``/healthz``) at once and SIGTERM is
honoured while a large seed loads; on `reload` the same thread builds a new
graph from the same seed and hands it to ``serve`` only once it is
complete. Requests read the current graph once when they start, so they
finish on the graph they started with; a seed that no longer loads keeps the
old graph serving and the log says why.
"""

from __future__ import annotations

import gc
import logging
import os
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path

from graph import CareerGraph, CareerGraphError, load_graph
from graph.paths import prepare_career_moves
from graph.search import search_index
from seed import SeedError
from seed.errors import SeedNotFound

__all__ = ["GraphLoader", "check_seed", "load_served_graph"]

logger = logging.getLogger("careergraph")

#: Exit status of a process that could not load the graph it was started to serve (uvicorn's own for start-up).
STARTUP_FAILURE = 3


def check_seed(path: Path) -> None:
    """Refuse a seed that is not a regular file or a folder (a FIFO would block, ``/dev/zero`` never ends)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise SeedNotFound(str(path), exc.strerror or str(exc)) from None
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise SeedNotFound(str(path), f"it is a {_file_type(mode)}, not a guide, a folder of guides or a snapshot")


def _file_type(mode: int) -> str:
    kinds = {stat.S_ISFIFO: "named pipe (FIFO)", stat.S_ISCHR: "character device", stat.S_ISBLK: "block device",
             stat.S_ISSOCK: "socket"}
    return next((name for test, name in kinds.items() if test(mode)), "special file")


def load_served_graph(seed: Path, collect_first: bool = True) -> CareerGraph:
    """The graph of ``seed`` with the indexes serving needs built now, not on the first request.

    The graph and its indexes are millions of objects that stay alive and
    never change: collect the garbage of start-up while the heap is small
    (not on a reload: a full pass over the served graph would stall every
    request), keep the collector off while loading, then freeze what survived
    out of its reach. An old graph is freed by reference counting once its
    last request is done (its indexes are held weakly).
    """
    check_seed(seed)
    if collect_first:
        gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        graph = load_graph(seed)
        search_index(graph)
        prepare_career_moves(graph)
    finally:
        if enabled:
            gc.enable()
    gc.freeze()
    return graph


class GraphLoader:
    """Loads the graph of one seed on a background thread, and again on every `reload`.

    ``serve`` receives each complete graph (call it on the event loop: see
    `start`); ``fatal`` is called with a one-line cause when the first load
    fails (by default it logs and ends the process with `STARTUP_FAILURE`).
    """

    def __init__(self, seed: Path, serve: Callable[[CareerGraph], object],
                 fatal: Callable[[str], None] | None = None) -> None:
        self.seed = seed
        self.serve = serve
        self.fatal = fatal or _exit_starting
        self.graph: CareerGraph | None = None
        self.reloads = 0
        self._wanted = threading.Event()
        self._closed = False

    def load_now(self) -> CareerGraph:
        """Load on this thread and return the graph, for the caller to serve; errors propagate."""
        self.graph = load_served_graph(self.seed)
        return self.graph

    def start(self, load_first: bool = True) -> None:
        """Start the loader thread: it loads the graph (unless `load_now` did), then waits for reloads.

        A failure of the first load is fatal: there is nothing to serve.
        """
        threading.Thread(target=self._run, args=(load_first,), name="careergraph-loader", daemon=True).start()

    def reload(self) -> None:
        """Ask for a rebuild from the same seed; requests made while one runs make one more, after it."""
        self._wanted.set()

    def close(self) -> None:
        """Stop the loader thread once it is idle (a load in progress is abandoned with the process)."""
        self._closed = True
        self._wanted.set()

    def _run(self, load_first: bool) -> None:
        if load_first:
            self._load_once(first=True)
        while True:
            self._wanted.wait()
            self._wanted.clear()
            if self._closed:
                return
            self._load_once(first=False)

    def _load_once(self, first: bool) -> None:
        started = time.perf_counter()
        previous = self.graph
        try:
            graph = load_served_graph(self.seed, collect_first=previous is None)
        except Exception as exc:  # any failure is reported in one line; a reload keeps the old graph
            cause = _cause(self.seed, exc)
            if first:
                self.fatal(f"careergraph cannot start: {cause}")
            else:
                logger.error("reload of %s failed, still serving version %s: %s", self.seed,
                             previous.version if previous else None, cause)
            return
        self._swap(graph)
        seconds = time.perf_counter() - started
        if previous is None:
            logger.info("serving %d entities, %d relations from %s (version %s, loaded in %.1f s)", len(graph),
                        graph.edge_count, self.seed, graph.version, seconds)
        else:
            self.reloads += 1
            logger.info("reloaded %s in %.1f s: version %s (was %s), %d entities, %d relations", self.seed, seconds,
                        graph.version, previous.version, len(graph), graph.edge_count)

    def _swap(self, graph: CareerGraph) -> None:
        self.graph = graph
        self.serve(graph)


def _cause(seed: Path, exc: Exception) -> str:
    """One line saying why ``seed`` did not load; our errors already name the file."""
    if isinstance(exc, (SeedError, CareerGraphError)):
        return str(exc)
    if isinstance(exc, MemoryError):
        return f"{seed}: ran out of memory while loading it"
    return f"{seed}: {type(exc).__name__}: {exc}".rstrip(": ")


def _exit_starting(message: str) -> None:
    """Log the cause and end the process now: it was started to serve a graph it cannot load."""
    logger.error(message)
    for handler in (*logging.getLogger().handlers, *logger.handlers):
        handler.flush()
    os._exit(STARTUP_FAILURE)
