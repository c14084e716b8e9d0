"""Every example operation under docs/queries runs without errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).parents[2] / "docs" / "queries").glob("*.graphql"))


def test_examples_exist() -> None:
    assert {p.stem for p in EXAMPLES} >= {"career-path", "search", "role-overview"}


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_operation_runs_without_errors(gql, path: Path) -> None:
    variables_file = path.with_suffix(".json")
    variables = json.loads(variables_file.read_text()) if variables_file.exists() else {}
    data = gql(path.read_text(), **variables)
    assert data and all(value not in (None, []) for value in data.values())
