"""``careergraph serve``: check everything, then run uvicorn with careergraph's protocol and limits.

Every start-up failure exits with `STARTUP_FAILURE` (3) and one line: the
settings are checked when they are read, the seed here, before uvicorn
starts; with several workers the seed is also loaded here once, before any
worker is started, because uvicorn's supervisor exits 0 when its workers
fail. With several workers SIGHUP is forwarded to each, so each reloads its
graph (uvicorn's own supervisor would replace the workers instead).
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import socket
import sys
from pathlib import Path

import uvicorn
from uvicorn.supervisors import ChangeReload
from uvicorn.supervisors.multiprocess import Multiprocess

from careergraph.serving.loader import STARTUP_FAILURE, check_seed
from careergraph.serving.process import pid_file, raise_open_files_limit
from careergraph.serving.protocol import GuardedHttpToolsProtocol, ServingConfig
from careergraph.settings import SETTINGS, Settings
from graph import load_graph

__all__ = ["Supervisor", "export_settings", "serve", "uvicorn_config"]

logger = logging.getLogger("careergraph")

ROOT = Path(__file__).resolve().parents[2]

#: How long the supervisor waits for a worker's answer before it kills it as hung. uvicorn's 5 s is less
#: than a worker takes to import the app on a busy machine; the worker is then killed and started forever.
WORKER_HEALTHCHECK_SECONDS = 30


def serve(settings: Settings, reload_code: bool = False) -> int:
    """Run the server until it is stopped; the exit status (0, or `STARTUP_FAILURE`)."""
    check_seed(settings.seed)
    if str(ROOT) not in sys.path:  # `server:app` from this checkout, in this process and in the workers
        sys.path.insert(0, str(ROOT))
    if settings.workers > 1 and not reload_code:
        load_graph(settings.seed)  # fails here, in one line, rather than in every worker
        gc.collect()
    export_settings(settings)
    raise_open_files_limit(settings.max_connections)
    config = uvicorn_config(settings, reload_code)
    with pid_file(settings.pid_file):
        if config.should_reload:
            ChangeReload(config, target=uvicorn.Server(config).run, sockets=[config.bind_socket()]).run()
            return 0
        if config.workers > 1:
            supervisor = Supervisor(config, sockets=[config.bind_socket()])
            supervisor.run()
            return STARTUP_FAILURE if supervisor.failed_to_start else 0
        server = uvicorn.Server(config)
        server.run()
        return 0 if server.started else STARTUP_FAILURE


def export_settings(settings: Settings) -> None:
    """Put every setting in the environment as text: the workers (and `server:app`) read them from there."""
    for setting in SETTINGS:
        os.environ[setting.env] = _text(getattr(settings, setting.name))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, tuple):
        return ",".join(value)
    return str(value)


def uvicorn_config(settings: Settings, reload_code: bool = False) -> ServingConfig:
    """uvicorn's configuration for these settings.

    Forwarded headers are careergraph's business (``trusted_proxies``, read by
    the rate limiter), so uvicorn's proxy-header rewriting, which trusts
    127.0.0.1 by default, is off.
    """
    return ServingConfig(
        "server:app",
        settings,
        host=settings.host,
        port=settings.port,
        workers=settings.workers if not reload_code else None,
        reload=reload_code,
        log_level=settings.log_level,
        access_log=False,
        http=GuardedHttpToolsProtocol,
        proxy_headers=False,
        timeout_keep_alive=settings.keepalive_seconds,  # type: ignore[arg-type]
        timeout_graceful_shutdown=settings.shutdown_grace_seconds,  # type: ignore[arg-type]
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
    )


class Supervisor(Multiprocess):
    """uvicorn's worker supervisor, but SIGHUP makes each worker reload its graph instead of being replaced.

    A worker gets the signal once it has started (its lifespan then handles
    SIGHUP; before, the signal would end it); one still starting is signalled
    when it is ready, as the seed may have changed after it began loading.
    """

    def __init__(self, config: ServingConfig, sockets: list[socket.socket]) -> None:
        super().__init__(config, sockets)
        self.reload_pending: set[int] = set()

    def handle_hup(self) -> None:
        logger.info("Received SIGHUP, reloading the graph in every worker.")
        self.reload_pending = {process.pid for process in self.processes if process.pid is not None}

    def handle_signals(self) -> None:
        super().handle_signals()
        for process in self.processes:
            if process.pid in self.reload_pending and process.is_ready(timeout=1):
                os.kill(process.pid, signal.SIGHUP)
                self.reload_pending.discard(process.pid)
        self.reload_pending &= {process.pid for process in self.processes}  # replaced workers load the seed anew

    @property
    def failed_to_start(self) -> bool:
        """Whether a worker exited with `STARTUP_FAILURE` (uvicorn's supervisor then stops, exiting 0)."""
        return any(process.exitcode == STARTUP_FAILURE for process in self.processes)
