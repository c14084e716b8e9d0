"""The audience guides under docs/ stay true to the code they describe.

The settings table of docs/operators.md is generated from
`careergraph.settings.SETTINGS`: when a setting changes, the failing test
prints the new table to paste into the guide.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from careergraph.settings import SETTINGS, Settings
from schema.errors import ErrorCode
from seed import DEFAULT_SEED

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def settings_table() -> str:
    """The Markdown table of every setting: name, env var, flag, default, meaning."""
    defaults = Settings()
    rows = ["| setting | env var | flag | default | meaning |", "| --- | --- | --- | --- | --- |"]
    for setting in SETTINGS:
        default = _shown(getattr(defaults, setting.name))
        rows.append(f"| {setting.name} | `{setting.env}` | `{setting.flag}` | {default} | {setting.help} |")
    return "\n".join(rows)


def _shown(value: object) -> str:
    if value == DEFAULT_SEED:
        return "the bundled guide"
    if value is None or value == ():
        return "none"
    if isinstance(value, tuple):
        return f"`{','.join(map(str, value))}`"
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, float):
        return f"{value:g}"
    return f"`{value}`" if isinstance(value, str) else str(value)


def test_operators_guide_documents_every_setting() -> None:
    text = (DOCS / "operators.md").read_text(encoding="utf-8")
    missing = [s.env for s in SETTINGS if s.env not in text] + [s.flag for s in SETTINGS if s.flag not in text]
    assert not missing, f"docs/operators.md does not mention {missing}"


def test_operators_guide_settings_table_is_current() -> None:
    text = (DOCS / "operators.md").read_text(encoding="utf-8")
    table = settings_table()
    assert table in text, f"the settings table of docs/operators.md is stale; replace it with:\n\n{table}\n"


def test_frontend_guide_documents_every_error_code() -> None:
    text = (DOCS / "frontend.md").read_text(encoding="utf-8")
    missing = [code.value for code in ErrorCode if f"`{code.value}`" not in text]
    assert not missing, f"docs/frontend.md does not document the error codes {missing}"


#: docs/architecture.md: imports only go down seed ← graph ← schema ← careergraph / server.
FORBIDDEN_IMPORTS = {
    "seed": {"networkx", "graph", "schema", "careergraph", "server", "strawberry", "graphql", "starlette"},
    "graph": {"schema", "careergraph", "server", "strawberry", "graphql", "starlette"},
    "schema": {"careergraph", "server", "starlette"},
}


@pytest.mark.parametrize("package", sorted(FORBIDDEN_IMPORTS))
def test_architecture_imports_go_one_way(package: str) -> None:
    offending = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            offending += [f"{path.relative_to(ROOT)}: {name}" for name in names
                          if name.partition(".")[0] in FORBIDDEN_IMPORTS[package]]
    assert not offending, f"imports against the direction in docs/architecture.md: {offending}"

