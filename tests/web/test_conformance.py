"""GraphQL-over-HTTP conformance: graphql-http's ``auditServer`` against a real server.

The audit (npm ``graphql-http``, pinned in ``tests/web/node/package-lock.json``)
runs in Node against ``uvicorn server:app`` on loopback; every MUST and every
SHOULD must pass. ``npm ci`` runs here when ``node_modules`` is missing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

NODE_DIR = Path(__file__).parent / "node"


@pytest.fixture(scope="module")
def audit_script() -> Path:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("Node.js and npm are needed for the graphql-http audit (apt-get install nodejs npm)")
    if not (NODE_DIR / "node_modules" / "graphql-http").is_dir():
        installed = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=NODE_DIR, capture_output=True,
                                   text=True, timeout=300)
        assert installed.returncode == 0, f"npm ci failed in {NODE_DIR}:\n{installed.stderr}"
    return NODE_DIR / "audit.mjs"


def test_graphql_http_audit_passes_every_must_and_should(audit_script: Path, live_server: str) -> None:
    run = subprocess.run(["node", str(audit_script), live_server + "/graphql"], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    results = json.loads(run.stdout)
    required = [r for r in results if r["name"].startswith(("MUST", "SHOULD"))]
    failing = [r for r in required if r["status"] != "ok"]
    assert required and any(r["name"].startswith("MUST") for r in required)
    assert not failing, "audits not passing:\n" + json.dumps(failing, indent=2)
