"""Reload without downtime: SIGHUP (or `careergraph reload`) swaps in a graph rebuilt from the same seed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from server_process import ROOT, Server, clean_env, running, uvicorn_command, wait_for

from graph import load_graph
from graph.snapshot import write_snapshot
from seed import DEFAULT_SEED

INFO = {"query": "{ graphInfo { version loadedAt nodeCount } }"}


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory: pytest.TempPathFactory, guides_dir: Path) -> dict[str, Path]:
    """Two good snapshots of different graphs, and a broken one."""
    folder = tmp_path_factory.mktemp("snapshots")
    paths = {"first": folder / "first.json", "second": folder / "second.json", "broken": folder / "broken.json"}
    for name, seed in (("first", DEFAULT_SEED), ("second", guides_dir)):
        with paths[name].open("w", encoding="utf-8") as out:
            write_snapshot(load_graph(seed), out)
    paths["broken"].write_text(paths["first"].read_text()[:5000])
    return paths


def _install(source: Path, seed: Path) -> None:
    """Replace the seed's content at once, as a deploy would (write aside, rename over)."""
    aside = seed.with_suffix(".tmp")
    aside.write_bytes(source.read_bytes())
    os.replace(aside, seed)


def _version(server: Server, client: httpx.Client | None = None) -> str:
    response = (client or httpx).post(server.base + "/graphql", json=INFO, timeout=60)
    return response.json()["data"]["graphInfo"]["version"]


class Traffic:
    """Requests in a loop on another thread (at most 5,000 or 120 s), recording what each answer said."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.answers: list[tuple[int, str | None, str | None]] = []
        self.failures: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Traffic:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.thread.join(timeout=90)

    def _run(self) -> None:
        deadline = time.monotonic() + 240
        with httpx.Client(base_url=self.server.base, timeout=60) as client:
            while not self.stop.is_set() and len(self.answers) < 5000 and time.monotonic() < deadline:
                try:
                    response = client.post("/graphql", json=INFO)
                    body = response.json()
                except (httpx.HTTPError, ValueError) as exc:
                    self.failures.append(f"{type(exc).__name__}: {exc}")
                    continue
                if response.status_code != 200 or body.get("errors"):
                    self.failures.append(f"{response.status_code} {response.text[:200]}")
                    continue
                info = body["data"]["graphInfo"]
                self.answers.append((response.status_code, info["version"], info["loadedAt"]))

    def versions(self) -> list[str | None]:
        return [version for _, version, _ in self.answers]


def _changes(values: list) -> int:
    return sum(1 for before, after in zip(values, values[1:], strict=False) if before != after)


def test_server_reload_swaps_a_good_seed_and_keeps_serving_through_a_broken_one(
        tmp_path: Path, snapshots: dict[str, Path]) -> None:
    seed, pid_file = tmp_path / "graph.json", tmp_path / "careergraph.pid"
    _install(snapshots["first"], seed)
    with running(tmp_path, "--seed", str(seed), "--pid-file", str(pid_file), "--log-level", "info") as server:
        first = _version(server)
        with Traffic(server) as traffic:
            wait_for(lambda: len(traffic.answers) >= 20, 60, "no traffic", server)
            _install(snapshots["second"], seed)
            reload = subprocess.run([sys.executable, "-m", "careergraph.cli", "reload", "--pid-file", str(pid_file)],
                                    cwd=ROOT, env=clean_env(), capture_output=True, text=True, timeout=60)
            assert reload.returncode == 0, reload.stderr
            wait_for(lambda: first not in traffic.versions()[-1:], 60, "the good seed was never served", server)
            second = traffic.versions()[-1]
            _install(snapshots["broken"], seed)
            server.signal(signal.SIGHUP)
            wait_for(lambda: "failed, still serving version " + str(second) in server.output(), 60,
                     "the broken seed was not reported", server)
            seen = len(traffic.answers)
            wait_for(lambda: len(traffic.answers) >= seen + 20, 60, "no traffic after the broken reload", server)
    assert not traffic.failures, traffic.failures[:5]
    versions = traffic.versions()
    assert (versions[0], versions[-1]) == (first, second) and first != second
    assert _changes(versions) == 1
    loaded = {version: {at for _, seen, at in traffic.answers if seen == version} for version in (first, second)}
    assert len(loaded[first]) == len(loaded[second]) == 1
    [first_at], [second_at] = loaded[first], loaded[second]
    assert first_at is not None and second_at is not None and second_at >= first_at
    failed = [line for line in server.output().splitlines() if "failed, still serving" in line]
    assert len(failed) == 1 and str(seed) in failed[0]


def test_server_reload_with_several_workers_reloads_each(tmp_path: Path, snapshots: dict[str, Path]) -> None:
    seed = tmp_path / "graph.json"
    _install(snapshots["first"], seed)
    with running(tmp_path, "--seed", str(seed), "--workers", "2", "--log-level", "info") as server:
        # Ready means one worker answers; the other may still be loading, and would load the new seed directly.
        wait_for(lambda: server.output().count("careergraph serving") >= 2, 60, "a worker never loaded", server)
        first = _version(server)
        _install(snapshots["second"], seed)
        server.signal(signal.SIGHUP)
        wait_for(lambda: server.output().count(f"(was {first})") >= 2, 60, "not every worker reloaded", server)
        versions = {_version(server) for _ in range(10)}  # a new connection each: either worker may answer
    assert first not in versions and len(versions) == 1


@pytest.fixture
def plain_uvicorn(tmp_path: Path, snapshots: dict[str, Path]) -> Iterator[tuple[Server, Path]]:
    seed = tmp_path / "graph.json"
    _install(snapshots["first"], seed)
    with running(tmp_path, command=uvicorn_command, env=clean_env(CAREERGRAPH_SEED=str(seed))) as server:
        yield server, seed


def test_server_reload_under_plain_uvicorn(plain_uvicorn: tuple[Server, Path], snapshots: dict[str, Path]) -> None:
    server, seed = plain_uvicorn
    first = _version(server)
    _install(snapshots["second"], seed)
    server.signal(signal.SIGHUP)
    wait_for(lambda: _version(server) != first, 60, "uvicorn server:app did not reload on SIGHUP", server)
    assert server.process.poll() is None


def test_server_reload_answer_of_the_old_graph_is_not_cached_for_the_new(make_client, guides_graph) -> None:
    client = make_client()
    endpoint = client.app.state.graphql
    run = endpoint.runner.run

    async def run_across_a_reload(*args, **kwargs):
        outcome = await run(*args, **kwargs)
        endpoint.serve(guides_graph)  # the swap lands while this request, on the old graph, is in flight
        return outcome

    endpoint.runner.run = run_across_a_reload
    old = client.post("/graphql", json=INFO).json()["data"]["graphInfo"]["version"]
    endpoint.runner.run = run
    new = client.post("/graphql", json=INFO).json()["data"]["graphInfo"]["version"]
    assert old != new == guides_graph.version
