"""`careergraph path`: what each move gains, paths from levels, and advice only when it can help."""

from __future__ import annotations

import json

from careergraph.cli import ExitCode, main


def test_cli_path_from_a_level_prints_what_each_move_gains(capsys) -> None:
    assert main(["path", "Entry Level TPM", "CTO"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert out.startswith("Entry Level Technical Product Manager -> CTO: 4 moves")
    senior = out.index("2. Senior Technical Product Manager (role) via PROGRESSES_TO")
    assert out.index("+ responsibility: Setting the long-term vision and strategy", senior) > senior
    assert "- leaves behind 7 responsibilities" in out and "The whole path gains:" in out


def test_cli_path_without_a_route_says_whether_swapping_helps(capsys) -> None:
    assert main(["path", "CTO", "Product Analyst"]) == ExitCode.NOT_FOUND
    assert "one leads the other way: swap start and goal" in capsys.readouterr().out
    assert main(["path", "CTO", "VP of Product"]) == ExitCode.NOT_FOUND
    assert "none leads the other way either" in capsys.readouterr().out


def test_cli_path_k_with_via_and_json_changes(capsys) -> None:
    args = ["path", "Product Analyst", "CTO", "--k", "2", "--via", "Mid Level TPM", "--json"]
    assert main(args) == ExitCode.OK
    paths = json.loads(capsys.readouterr().out)
    assert len(paths) == 2
    assert all("Mid Level Technical Product Manager" in [s["name"] for s in p["steps"]] for p in paths)
    first = paths[0]
    assert first["steps"][0]["changes"] is None and first["typicalYears"] is None
    senior = next(s for s in first["steps"] if s["name"] == "Senior Technical Product Manager")
    assert len(senior["changes"]["responsibilities"]["gained"]) == 7
    assert first["changes"]["responsibilities"]["gained"] == []
