"""careerPath, careerPaths, reachable and ladder through the schema."""

from __future__ import annotations

import pytest

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
