"""The careergraph command: each subcommand, its output and its exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from careergraph.cli import ExitCode, main


def test_cli_without_command_prints_help(capsys) -> None:
    assert main([]) == ExitCode.USAGE
    assert "COMMAND" in capsys.readouterr().out


def test_cli_inspect_prints_coverage_with_counts(capsys) -> None:
    assert main(["inspect"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "technical-product-manager.txt" in out
    assert "noise" in out and "page footer" in out
    assert "entities: ROLE 7, LEVEL 3, SPECIALIZATION 6" in out


def test_cli_build_writes_a_snapshot_that_serves(tmp_path: Path, capsys, monkeypatch) -> None:
    snapshot = tmp_path / "graph.json"
    assert main(["build", "-o", str(snapshot)]) == ExitCode.OK
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO('{ entity(name: "senior tpm") { name } }'))
    assert main(["query", "-", "--seed", str(snapshot)]) == ExitCode.OK
    assert json.loads(capsys.readouterr().out)["data"]["entity"]["name"] == "Senior Technical Product Manager"


def test_cli_query_runs_a_document_with_variables_beside_it(capsys) -> None:
    assert main(["query", "docs/queries/career-path.graphql"]) == ExitCode.OK
    result = json.loads(capsys.readouterr().out)
    assert result["data"]["careerPath"]["hops"] == 4


def test_cli_query_with_errors_exits_nonzero(tmp_path: Path, capsys) -> None:
    document = tmp_path / "bad.graphql"
    document.write_text("{ nope }")
    assert main(["query", str(document)]) == ExitCode.QUERY_ERRORS
    assert "GRAPHQL_VALIDATION_FAILED" in capsys.readouterr().out


def test_cli_export_graphml_and_json(tmp_path: Path) -> None:
    assert main(["export", "--format", "graphml", "-o", str(tmp_path / "g.graphml")]) == ExitCode.OK
    assert (tmp_path / "g.graphml").read_text().startswith("<?xml")
    assert main(["export", "--format", "json", "-o", str(tmp_path / "g.json")]) == ExitCode.OK


def test_cli_schema_prints_the_committed_sdl(capsys) -> None:
    assert main(["schema"]) == ExitCode.OK
    assert capsys.readouterr().out == Path("schema.graphql").read_text()


def test_cli_path_prints_route_with_evidence(capsys) -> None:
    assert main(["path", "Product Analyst", "CTO"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "Product Analyst -> CTO: 4 moves" in out
    assert "executive positions such as VP of Product or CTO" in out


def test_cli_path_k_and_json(capsys) -> None:
    assert main(["path", "Associate Product Manager", "VP of Product", "--k", "3", "--json"]) == ExitCode.OK
    paths = json.loads(capsys.readouterr().out)
    assert paths[0]["hops"] == 4 and paths[0]["steps"][-1]["name"] == "VP of Product"


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        pytest.param(["path", "Product Analist", "CTO"], ExitCode.NOT_FOUND, "did you mean 'Product Analyst'",
                     id="typo"),
        pytest.param(["path", "CTO", "Product Analyst"], ExitCode.NOT_FOUND, "", id="no-route"),
        pytest.param(["inspect", "--seed", "/no/such/guide.txt"], ExitCode.BAD_INPUT, "cannot read seed",
                     id="missing-seed"),
        pytest.param(["path", "TPM", "CTO", "--k", "50"], ExitCode.BAD_INPUT, "invalid k", id="bad-k"),
        pytest.param(["query", "/no/such.graphql"], ExitCode.BAD_INPUT, "cannot read", id="missing-document"),
    ],
)
def test_cli_errors_print_one_line_and_exit_nonzero(capsys, argv: list[str], code: ExitCode, message: str) -> None:
    assert main(argv) == code
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) <= 1


def test_cli_reload_needs_to_know_which_server(capsys, monkeypatch) -> None:
    monkeypatch.delenv("CAREERGRAPH_PID_FILE", raising=False)
    assert main(["reload"]) == ExitCode.USAGE
    assert "--pid-file" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "message"),
    [pytest.param(None, "cannot read pid file", id="missing"), pytest.param("x\n", "does not hold", id="garbage")],
)
def test_cli_reload_refuses_a_bad_pid_file(tmp_path: Path, capsys, content: str | None, message: str) -> None:
    pid_file = tmp_path / "careergraph.pid"
    if content is not None:
        pid_file.write_text(content)
    assert main(["reload", "--pid-file", str(pid_file)]) == ExitCode.BAD_INPUT
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_cli_reload_of_a_process_that_is_gone(capsys) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    assert main(["reload", "--pid", str(gone.pid)]) == ExitCode.NOT_FOUND
    assert "is the server running" in capsys.readouterr().err
