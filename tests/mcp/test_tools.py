"""The tool functions themselves: the JSON they build always fits the output schema the tools list."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from careergraph.mcp import tools
from careergraph.mcp.schemas import output_schemas
from graph import CareerGraph
from graph.paths import path_changes, shortest_career_path
from seed.records import Source, YearRange


def test_career_path_answer_carries_the_whole_path_changes(seed_graph: CareerGraph) -> None:
    data = tools.answer(seed_graph, "career_path", {"from": "Entry Level TPM", "to": "Senior TPM"}).data
    found = shortest_career_path(seed_graph, "Entry Level TPM", "Senior TPM")
    assert found is not None
    gained = [n.name for n in path_changes(seed_graph, found).responsibilities.gained]
    assert [e["name"] for e in data["path"]["changes"]["responsibilities"]["gained"]] == gained
    assert data["path"]["typicalYears"] is None  # the bundled guide states no years
    Draft202012Validator(output_schemas()["career_path"]).validate(data)


def test_career_path_answer_gives_typical_years_with_their_sources(seed_graph: CareerGraph,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    span = Source("baker.txt", 2, 6, 24, "2+ years as a baker")
    monkeypatch.setattr(tools, "path_years", lambda path: YearRange(2, None, (span,)))
    data = tools.answer(seed_graph, "career_paths", {"from": "Product Analyst", "to": "CTO", "k": 2}).data
    assert data["paths"][0]["typicalYears"] == {"min": 2, "max": None, "sources": [
        {"document": "baker.txt", "line": 2, "start": 6, "end": 24, "text": "2+ years as a baker"}]}
    Draft202012Validator(output_schemas()["career_paths"]).validate(data)


@pytest.mark.parametrize("tool, arguments", [
    pytest.param("search", {"text": "roadmap", "limit": 100}, id="search"),
    pytest.param("get_entity", {"name": "Technical Product Manager"}, id="get_entity"),
    pytest.param("similar_positions", {"to": "TPM", "limit": 100}, id="similar_positions"),
])
def test_answer_fits_the_output_schema(seed_graph: CareerGraph, tool: str, arguments: dict) -> None:
    Draft202012Validator(output_schemas()[tool]).validate(tools.answer(seed_graph, tool, arguments).data)


def test_answer_of_an_unknown_tool_raises_key_error(seed_graph: CareerGraph) -> None:
    with pytest.raises(KeyError, match="plan"):
        tools.answer(seed_graph, "plan", {})
