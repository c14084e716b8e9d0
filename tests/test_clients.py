"""The client examples in docs/clients, run against a real ``uvicorn server:app``.

The Python example is imported and called; the JavaScript one is run with
Node after ``npm ci`` in docs/clients. The TypeScript one is generated and
type-checked: GraphQL Code Generator must reproduce the committed types from
schema.graphql and docs/queries, and ``tsc --strict`` must pass. The Node ones
skip, with the reason, without Node and npm.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = ROOT / "docs" / "clients"

ROUTE = [
    "Product Analyst",
    "Technical Product Manager",
    "Senior Technical Product Manager",
    "Director of Technical Product Management",
    "CTO",
]
DIRECTOR_TO_CTO = "executive positions such as VP of Product or CTO"




@pytest.fixture(scope="module")
def python_client() -> ModuleType:
    """docs/clients/python_client.py, imported as a module."""
    spec = importlib.util.spec_from_file_location("python_client", CLIENTS / "python_client.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _evidence(path: dict, step: int) -> list[str]:
    return [source["text"] for source in path["steps"][step]["sources"]]


# -- Python (httpx) ------------------------------------------------------------


def test_python_client_career_path_returns_the_route_with_evidence(live_server: str, python_client: ModuleType) -> None:
    path = python_client.career_path(live_server, "Product Analyst", "CTO")
    assert path["hops"] == 4
    assert [step["entity"]["name"] for step in path["steps"]] == ROUTE
    assert any(DIRECTOR_TO_CTO in text for text in _evidence(path, 4))


def test_python_client_career_path_accepts_the_endpoint_url(live_server: str, python_client: ModuleType) -> None:
    with httpx.Client() as client:
        path = python_client.career_path(live_server + "/graphql/", "product analyst", "cto", client=client)
    assert path["hops"] == 4


def test_python_client_career_path_is_none_when_no_route(live_server: str, python_client: ModuleType) -> None:
    assert python_client.career_path(live_server, "CTO", "Product Analyst") is None


def test_python_client_career_path_raises_not_found_with_suggestions(live_server: str,
                                                                     python_client: ModuleType) -> None:
    with pytest.raises(python_client.GraphQLError, match="no career position named 'Product Analist'") as caught:
        python_client.career_path(live_server, "Product Analist", "CTO")
    assert caught.value.code == "NOT_FOUND"
    assert caught.value.suggestions[0] == "Product Analyst"


def test_python_client_career_path_raises_on_a_request_error(live_server: str, python_client: ModuleType) -> None:
    with pytest.raises(python_client.GraphQLError, match="5000") as caught:
        python_client.career_path(live_server, "x" * 5000, "CTO")
    assert (caught.value.code, caught.value.status) == ("BAD_USER_INPUT", 400)


def test_python_client_main_prints_the_route_with_evidence(live_server: str, python_client: ModuleType, capsys) -> None:
    assert python_client.main([live_server, "Product Analyst", "CTO"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Product Analyst -> CTO: 4 moves\n")
    assert "  4. CTO (role) via PROGRESSES_TO" in out
    assert DIRECTOR_TO_CTO in out


def test_python_client_main_prints_suggestions_when_not_found(live_server: str, python_client: ModuleType,
                                                               capsys) -> None:
    assert python_client.main([live_server, "Product Analist", "CTO"]) == 1
    err = capsys.readouterr().err
    assert "error (NOT_FOUND)" in err
    assert "did you mean: Product Analyst" in err


# -- JavaScript (graphql-request) ----------------------------------------------


@pytest.fixture(scope="module")
def node() -> str:
    """The node binary, with docs/clients/node_modules installed (``npm ci``)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("the JavaScript client example needs Node and npm (apt-get install nodejs npm)")
    if not (CLIENTS / "node_modules" / "graphql-request").is_dir():
        command = "ci" if (CLIENTS / "package-lock.json").is_file() else "install"
        installed = subprocess.run([npm, command, "--no-audit", "--no-fund"], cwd=CLIENTS, capture_output=True,
                                   text=True, timeout=120)
        assert installed.returncode == 0, f"npm {command} failed:\n{installed.stderr}"
    return node


def _run_js(node: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([node, str(CLIENTS / "client.mjs"), *args], capture_output=True, text=True, timeout=30)


def test_js_client_prints_the_route_as_json(live_server: str, node: str) -> None:
    run = _run_js(node, live_server, "Product Analyst", "CTO")
    assert run.returncode == 0, run.stderr
    path = json.loads(run.stdout)
    assert path["hops"] == 4
    assert [step["entity"]["name"] for step in path["steps"]] == ROUTE
    assert any(DIRECTOR_TO_CTO in text for text in _evidence(path, 4))


def test_js_client_reports_not_found_with_suggestions(live_server: str, node: str) -> None:
    run = _run_js(node, live_server + "/graphql", "Product Analist", "CTO")
    assert run.returncode == 1
    [error] = json.loads(run.stderr)["errors"]
    assert error["code"] == "NOT_FOUND"
    assert error["suggestions"][0] == "Product Analyst"


# -- TypeScript (GraphQL Code Generator, Apollo Client) -------------------------

TYPESCRIPT = CLIENTS / "typescript"
GENERATED = TYPESCRIPT / "src" / "generated"


@pytest.fixture(scope="module")
def npm() -> str:
    """The npm binary, with docs/clients/typescript/node_modules installed (``npm ci``)."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        pytest.skip("the TypeScript client needs Node and npm (apt-get install nodejs npm)")
    if not (TYPESCRIPT / "node_modules" / ".bin" / "graphql-codegen").exists():
        installed = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--prefer-offline"], cwd=TYPESCRIPT,
                                   capture_output=True, text=True, timeout=600)
        assert installed.returncode == 0, f"npm ci failed:\n{installed.stderr[-3000:]}"
    return npm


def _npm_run(npm: str, script: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([npm, "run", "--silent", script], cwd=TYPESCRIPT, capture_output=True, text=True,
                          timeout=300, env={**os.environ, **env})


def test_typescript_generated_types_match_the_schema_and_queries(npm: str, tmp_path: Path) -> None:
    run = _npm_run(npm, "codegen", CODEGEN_OUT=str(tmp_path))
    assert run.returncode == 0, run.stdout + run.stderr
    fresh = {path.name: path.read_text() for path in tmp_path.iterdir()}
    committed = {path.name: path.read_text() for path in GENERATED.iterdir()}
    assert fresh.keys() == committed.keys()
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert not stale, f"docs/clients/typescript/src/generated/{stale} is stale: run `npm run codegen` there"


def test_typescript_client_type_checks_strictly(npm: str) -> None:
    run = _npm_run(npm, "typecheck")
    assert run.returncode == 0, run.stdout + run.stderr


def test_typescript_type_check_refuses_variables_the_query_does_not_take(npm: str, tmp_path: Path) -> None:
    (tmp_path / "wrong.ts").write_text(
        f'import type {{ CareerPathQueryVariables }} from "{GENERATED / "graphql.js"}";\n'
        'export const variables: CareerPathQueryVariables = { from: "CTO" };\n')
    (tmp_path / "tsconfig.json").write_text(json.dumps(
        {"extends": str(TYPESCRIPT / "tsconfig.json"), "include": [str(tmp_path / "wrong.ts")],
         "compilerOptions": {"typeRoots": [str(TYPESCRIPT / "node_modules" / "@types")]}}))
    tsc = TYPESCRIPT / "node_modules" / ".bin" / "tsc"
    run = subprocess.run([str(tsc), "-p", str(tmp_path / "tsconfig.json")], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode != 0
    assert "Property 'to' is missing" in run.stdout
