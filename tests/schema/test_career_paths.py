"""careerPath, careerPaths, reachable and ladder through the schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

LINKS = Path(__file__).parents[1] / "graph" / "seed_links.json"

PATH = """query($from: String!, $to: String!, $via: [String!], $avoid: [String!]) {
  careerPath(from: $from, to: $to, via: $via, avoid: $avoid) {
    hops steps { via entity { name kind } sources { text } changes { responsibilities { gained { name } } } }
  }
}"""

PATHS = """query($from: String!, $to: String!, $k: Int) {
  careerPaths(from: $from, to: $to, k: $k) { hops steps { entity { name } } }
}"""


def names(path: dict) -> list[str]:
    return [step["entity"]["name"] for step in path["steps"]]


def test_career_path_product_analyst_to_cto_is_four_promotions(gql) -> None:
    path = gql(PATH, **{"from": "Product Analyst", "to": "CTO"})["careerPath"]
    assert path["hops"] == 4
    assert names(path) == [
        "Product Analyst",
        "Technical Product Manager",
        "Senior Technical Product Manager",
        "Director of Technical Product Management",
        "CTO",
    ]
    assert [step["via"] for step in path["steps"]] == [None] + ["PROGRESSES_TO"] * 4
    assert any("executive positions such as VP of Product or CTO" in s["text"] for s in path["steps"][-1]["sources"])
    assert path["steps"][0]["changes"] is None and path["steps"][0]["sources"] == []


def test_career_path_is_null_downward(gql) -> None:
    assert gql(PATH, **{"from": "CTO", "to": "Product Analyst"})["careerPath"] is None


def test_career_path_via_a_specialization_passes_it(gql) -> None:
    path = gql(PATH, **{"from": "Product Analyst", "to": "CTO", "via": ["mobile tpm"]})["careerPath"]
    assert "Mobile Technical Product Manager" in names(path)
    assert path["hops"] > 4


def test_career_path_avoiding_the_only_route_is_null(gql) -> None:
    assert gql(PATH, **{"from": "Product Analyst", "to": "CTO", "avoid": ["Senior TPM"]})["careerPath"] is None


def test_career_path_from_equals_to_has_zero_hops(gql) -> None:
    path = gql(PATH, **{"from": "TPM", "to": "technical product manager"})["careerPath"]
    assert path["hops"] == 0 and names(path) == ["Technical Product Manager"]


def test_career_path_unknown_name_is_not_found_with_suggestions(gql_error) -> None:
    error = gql_error(PATH, **{"from": "Product Analist", "to": "CTO"})
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert "Product Analyst" in error["extensions"]["suggestions"]
    assert "Product Analyst" in error["message"]


def test_career_paths_are_ranked_distinct_and_loop_free(gql) -> None:
    paths = gql(PATHS, **{"from": "Associate Product Manager", "to": "VP of Product", "k": 5})["careerPaths"]
    assert paths[0]["hops"] == 4
    assert [p["hops"] for p in paths] == sorted(p["hops"] for p in paths)
    routes = [tuple(names(p)) for p in paths]
    assert len(set(routes)) == len(routes)
    assert all(len(set(route)) == len(route) for route in routes)


@pytest.mark.parametrize("k", [0, 11, -3])
def test_career_paths_k_out_of_range_is_bad_user_input(gql_error, k: int) -> None:
    error = gql_error(PATHS, **{"from": "TPM", "to": "CTO", "k": k})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


def test_reachable_lists_positions_nearest_first(gql) -> None:
    found = gql('{ reachable(from: "Senior TPM", maxHops: 2) { hops entity { name } } }')["reachable"]
    assert found[0] == {"hops": 0, "entity": {"name": "Senior Technical Product Manager"}}
    assert {f["entity"]["name"] for f in found if f["hops"] == 2} == {"VP of Product", "CTO"}


def test_ladder_orders_roles_by_rung(gql) -> None:
    rungs = gql('{ ladder(role: "CTO") { rung roles { name } } }')["ladder"]
    assert [sorted(r["name"] for r in rung["roles"]) for rung in rungs] == [
        ["Associate Product Manager", "Product Analyst"],
        ["Technical Product Manager"],
        ["Senior Technical Product Manager"],
        ["Director of Technical Product Management"],
        ["CTO", "VP of Product"],
    ]


def test_career_path_accepts_global_ids(gql) -> None:
    ids = gql('{ a: entity(name: "Product Analyst") { id } b: entity(name: "CTO") { id } }')
    path = gql(PATH, **{"from": ids["a"]["id"], "to": ids["b"]["id"]})["careerPath"]
    assert path["hops"] == 4


# --- positions (issue 11) -------------------------------------------------------------------------------------------

POSITION = """query($name: String!) { entity(name: $name) { ... on Position {
  name nextPositions { name } previousPositions { name } responsibilities { name } teams { name } skills { name }
  typicalYears { min max sources { text } } } } }"""

WHOLE_PATH = """query($from: String!, $to: String!) { careerPath(from: $from, to: $to) {
  hops steps { entity { name } changes { responsibilities { gained { name } leftBehind { name } } } }
  changes { responsibilities { gained { name } } teams { gained { name } } skills { leftBehind { name } } }
  typicalYears { min max } } }"""


def test_position_senior_tpm_is_the_joined_rung(gql) -> None:
    senior = gql(POSITION, name="Senior Level TPM")["entity"]
    assert senior["name"] == "Senior Technical Product Manager"
    assert len(senior["responsibilities"]) == 7
    assert senior["teams"] == [] and senior["skills"] == [] and senior["typicalYears"] is None
    assert [p["name"] for p in senior["nextPositions"]] == ["Director of Technical Product Management"]
    assert {p["name"] for p in senior["previousPositions"]} == {
        "Technical Product Manager", "Mid Level Technical Product Manager"}


def test_position_fields_on_every_kind(gql) -> None:
    for name in ("TPM", "Entry Level TPM", "Mobile TPM"):
        position = gql(POSITION, name=name)["entity"]
        assert position["typicalYears"] is None
        assert position["responsibilities"] or position["teams"] or position["skills"]
    assert [p["name"] for p in gql(POSITION, name="Entry Level TPM")["entity"]["nextPositions"]] == [
        "Mid Level Technical Product Manager"]


@pytest.mark.parametrize("level", ["Entry Level TPM", "Mid Level TPM", "Senior Level TPM"])
def test_career_path_from_each_level_reaches_cto(gql, level: str) -> None:
    path = gql(PATH, **{"from": level, "to": "CTO"})["careerPath"]
    assert path is not None and names(path)[-1] == "CTO"


def test_career_path_step_tpm_to_senior_tpm_gains_the_senior_responsibilities(gql) -> None:
    path = gql(WHOLE_PATH, **{"from": "TPM", "to": "Senior TPM"})["careerPath"]
    gained = path["steps"][1]["changes"]["responsibilities"]["gained"]
    assert len(gained) == 7 and "Coaching and developing a team of TPMs" in gained[1]["name"]
    assert len(path["steps"][1]["changes"]["responsibilities"]["leftBehind"]) == 12


def test_career_path_changes_are_the_goal_against_the_start(gql) -> None:
    path = gql(WHOLE_PATH, **{"from": "Entry Level TPM", "to": "CTO"})["careerPath"]
    assert path["hops"] == 4
    assert path["changes"]["responsibilities"]["gained"] == []  # the text gives CTO no responsibility
    assert path["typicalYears"] is None
    zero = gql(WHOLE_PATH, **{"from": "CTO", "to": "CTO"})["careerPath"]
    assert zero["typicalYears"] == {"min": 0.0, "max": 0.0}


def test_career_paths_take_via_and_avoid(gql) -> None:
    query = """query($via: [String!], $avoid: [String!]) {
      careerPaths(from: "Product Analyst", to: "Senior TPM", k: 5, via: $via, avoid: $avoid) {
        steps { entity { name } } } }"""
    through = gql(query, via=["Mid Level TPM"])["careerPaths"]
    assert through and all("Mid Level Technical Product Manager" in names(p) for p in through)
    avoiding = gql(query, avoid=["Mid Level TPM"])["careerPaths"]
    assert avoiding and all("Mid Level Technical Product Manager" not in names(p) for p in avoiding)


def test_similar_positions_scores_and_shared_entities(gql) -> None:
    found = gql('{ similarPositions(to: "Mobile TPM", first: 2) { position { name kind } score shared { name } } }')
    assert found["similarPositions"] == [
        {"position": {"name": "Mid Level Technical Product Manager", "kind": "LEVEL"}, "score": 0.083333,
         "shared": [{"name": "UX/UI Designers"}]},
        {"position": {"name": "Technical Product Manager", "kind": "ROLE"}, "score": 0.034483,
         "shared": [{"name": "UX/UI Designers"}]},
    ]


def test_similar_positions_unknown_name_is_not_found_with_suggestions(gql_error) -> None:
    error = gql_error('{ similarPositions(to: "Mobil TPM") { score } }')
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert "Mobile Technical Product Manager" in error["extensions"]["suggestions"]


@pytest.mark.parametrize("first", [0, 101])
def test_similar_positions_first_out_of_range_is_bad_user_input(gql_error, first: int) -> None:
    error = gql_error("query($first: Int) { similarPositions(to: \"TPM\", first: $first) { score } }", first=first)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


def test_seed_links_resolve_through_entity_and_node(gql) -> None:
    links = json.loads(LINKS.read_text(encoding="utf-8"))["entities"]
    for link in links:
        for name in (link["id"], link["globalId"], link["name"], *link["aliases"]):
            assert gql("query($n: String!) { entity(name: $n) { id } }", n=name)["entity"] is not None, name
        assert gql("query($id: ID!) { node(id: $id) { id } }", id=link["globalId"])["node"] is not None, link
    old = next(link for link in links if link["id"] == "level/senior-level-technical-product-manager")
    moved = gql("query($id: ID!) { node(id: $id) { ... on Role { name } } }", id=old["globalId"])["node"]
    assert moved == {"name": "Senior Technical Product Manager"}
    path = gql(PATH, **{"from": old["globalId"], "to": "CTO"})["careerPath"]
    assert path["hops"] == 2


def test_typical_years_carry_sources_and_sum_along_a_path() -> None:
    from graph.build import build_graph
    from schema import schema
    from schema.context import Context
    from seed.records import Document, Entity, EntityKind, Extraction, Relation, RelationType, Source, YearRange

    text = "Junior Baker\nHead Baker\n"
    junior_span, head_span = Source("baker.txt", 1, 0, 12, "Junior Baker"), Source("baker.txt", 2, 13, 23, "Head Baker")
    junior = Entity(EntityKind.ROLE, "Junior Baker", (junior_span,), years=YearRange(1, 3, (junior_span,)))
    head = Entity(EntityKind.ROLE, "Head Baker", (head_span,), years=YearRange(5, None, (head_span,)))
    move = Relation(RelationType.PROGRESSES_TO, junior.ref, head.ref, (junior_span, head_span))
    graph = build_graph([Extraction(Document("baker.txt", text), (junior, head), (move,))])
    result = schema.execute_sync(
        """{ entity(name: "Head Baker") { ... on Position { typicalYears { min max sources { text } } } }
             careerPath(from: "Junior Baker", to: "Head Baker") { typicalYears { min max sources { line } } } }""",
        context_value=Context(graph))
    assert result.errors is None
    assert result.data == {
        "entity": {"typicalYears": {"min": 5.0, "max": None, "sources": [{"text": "Head Baker"}]}},
        "careerPath": {"typicalYears": {"min": 1.0, "max": 3.0, "sources": [{"line": 1}]}},
    }
