"""The served schema is a superset of the public contract and matches schema.graphql."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from graphql import build_schema, find_breaking_changes

import schema

ROOT = Path(__file__).parents[2]


def test_schema_has_no_breaking_change_against_the_contract() -> None:
    contract = build_schema((ROOT / "tests" / "contract.graphql").read_text())
    served = build_schema(schema.print_sdl())
    changes = find_breaking_changes(contract, served)
    assert changes == [], "\n".join(f"{c.type.name}: {c.description}" for c in changes)


def _shared_contract() -> Path | None:
    """``../shared/api-contract.graphql`` beside the clone (as CI has it), or beside the main checkout of a
    worktree (``/work/shared`` for ``/work/wt/<name>``); None when neither exists."""
    for base in (ROOT.parent, ROOT.parent.parent):
        candidate = base / "shared" / "api-contract.graphql"
        if candidate.exists():
            return candidate
    return None


def test_contract_copy_is_byte_identical_to_shared() -> None:
    shared = _shared_contract()
    if shared is None:
        if os.environ.get("CI"):
            pytest.fail("../shared/api-contract.graphql is missing: CI checks it out beside the clone")
        pytest.skip("../shared/api-contract.graphql is not beside this clone: the copy cannot be compared")
    assert (ROOT / "tests" / "contract.graphql").read_bytes() == shared.read_bytes()


def test_committed_sdl_matches_the_code() -> None:
    committed = (ROOT / "schema.graphql").read_text()
    assert committed == schema.print_sdl(), "schema.graphql is stale: run `careergraph schema -o schema.graphql`"


def test_every_type_field_and_argument_has_a_description() -> None:
    served = schema.schema._schema
    missing = []
    for name, type_ in served.type_map.items():
        if name.startswith("__") or name in {"String", "Int", "Float", "Boolean", "ID"}:
            continue
        if not type_.description:
            missing.append(name)
        for field_name, field in getattr(type_, "fields", {}).items():
            if not field.description:
                missing.append(f"{name}.{field_name}")
            for arg_name, arg in getattr(field, "args", {}).items():
                if not arg.description:
                    missing.append(f"{name}.{field_name}({arg_name})")
    assert missing == []
