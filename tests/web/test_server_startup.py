"""Start-up as a client and an operator see it: listen early, refuse bad seeds in one line, exit 3."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import httpx
import pytest
from server_process import clean_env, run_to_exit, running, uvicorn_command, wait_for

from careergraph.cli import main
from graph.snapshot import FORMAT


def _snapshot(path: Path, nodes: list[dict]) -> Path:
    path.write_text(json.dumps({"format": FORMAT, "directed": True, "multigraph": True, "graph": {"documents": []},
                                "nodes": nodes, "edges": []}))
    return path


def _skill(i: int) -> dict:
    return {"id": f"skill/s{i}", "kind": "SKILL", "name": f"Skill {i}", "aliases": [], "description": None,
            "sources": []}


@pytest.fixture(scope="module")
def slow_seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid snapshot that takes a few seconds to load (80,000 nodes: long enough that a signal lands mid-load)."""
    return _snapshot(tmp_path_factory.mktemp("seeds") / "wide.json", [_skill(i) for i in range(80_000)])


def _cause_line(output: str, needle: str) -> str:
    assert "Traceback" not in output, output
    lines = [line for line in output.splitlines() if "cannot" in line and needle in line]
    assert len(lines) == 1, output
    return lines[0]


def test_server_answers_liveness_at_once_and_readiness_when_loaded(tmp_path: Path, slow_seed: Path) -> None:
    with running(tmp_path, "--seed", str(slow_seed), ready="/healthz") as server:
        loading = httpx.get(server.base + "/readyz", timeout=5)
        assert (loading.status_code, loading.json()) == (503, {"status": "loading"})
        wait_for(lambda: httpx.get(server.base + "/readyz", timeout=5).status_code == 200, 120,
                 "never ready", server)
        assert httpx.get(server.base + "/readyz", timeout=5).json()["nodes"] == 80_000


def test_server_honours_sigterm_while_loading(tmp_path: Path, slow_seed: Path) -> None:
    with running(tmp_path, "--seed", str(slow_seed), ready="/healthz") as server:
        assert httpx.get(server.base + "/readyz", timeout=5).status_code == 503
        server.signal(signal.SIGTERM)
        wait_for(lambda: server.process.poll() is not None, 30, "SIGTERM ignored while loading", server)
        assert " serving " not in server.output(), "the graph finished loading before SIGTERM was honoured"


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_server_refuses_a_seed_that_is_not_a_file_or_folder(tmp_path: Path, capsys, kind: str) -> None:
    seed = tmp_path / "seed.txt" if kind == "fifo" else Path("/dev/zero")
    if kind == "fifo":
        os.mkfifo(seed)
    assert main(["serve", "--seed", str(seed)]) == 3  # checked before uvicorn starts, so before any worker
    line = _cause_line(capsys.readouterr().err, str(seed))
    assert "named pipe" in line if kind == "fifo" else "character device" in line


def test_server_refuses_a_fifo_seed_with_several_workers(tmp_path: Path) -> None:
    seed = tmp_path / "seed.txt"
    os.mkfifo(seed)
    status, output = run_to_exit(tmp_path, "--seed", str(seed), "--workers", "2", timeout=60)
    assert status == 3, output
    assert "named pipe" in _cause_line(output, str(seed))


def test_server_refuses_a_snapshot_without_nodes_naming_it(tmp_path: Path) -> None:
    seed = _snapshot(tmp_path / "empty.json", [])
    status, output = run_to_exit(tmp_path, "--seed", str(seed), timeout=60)  # one worker: fails while listening
    assert status == 3, output
    assert "holds no nodes" in _cause_line(output, str(seed))


def test_server_refuses_a_duplicated_node_id_before_forking_workers(tmp_path: Path, capsys) -> None:
    seed = _snapshot(tmp_path / "twice.json", [_skill(1), _skill(2), _skill(1)])
    assert main(["serve", "--seed", str(seed), "--workers", "2"]) == 3
    assert "'skill/s1' appears twice" in _cause_line(capsys.readouterr().err, str(seed))


def test_server_exits_3_for_a_missing_seed_with_several_workers(tmp_path: Path, capsys) -> None:
    assert main(["serve", "--seed", str(tmp_path / "nope.txt"), "--workers", "2"]) == 3
    _cause_line(capsys.readouterr().err, "nope.txt")


def test_server_plain_uvicorn_exits_3_for_a_bad_variable(tmp_path: Path) -> None:
    status, output = run_to_exit(tmp_path, command=uvicorn_command, env=clean_env(CAREERGRAPH_TIMEOUT_SECONDS="nan"))
    assert status == 3
    assert "setting timeout_seconds: got 'nan' from CAREERGRAPH_TIMEOUT_SECONDS" in _cause_line(output, "nan")
