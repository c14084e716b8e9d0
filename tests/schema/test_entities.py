"""Entity look-ups, typed fields, relations and pagination, in-process."""

from __future__ import annotations

import pytest

ENTITY = """query($name: String!, $kind: EntityKind) {
  entity(name: $name, kind: $kind) { id kind name aliases description sources { document line start end text } }
}"""


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("Technical Product Manager", "Technical Product Manager", id="name"),
        pytest.param("tpm", "Technical Product Manager", id="alias-lowercase"),
        pytest.param("  Senior   TPMs ", "Senior Technical Product Manager", id="plural-alias-spacing"),
        pytest.param("role/cto", "CTO", id="graph-id"),
        pytest.param("ux designers", "UX/UI Designers", id="team-alias"),
    ],
)
def test_entity_finds_by_name_alias_or_id(gql, name: str, expected: str) -> None:
    assert gql(ENTITY, name=name)["entity"]["name"] == expected


def test_entity_is_null_when_nothing_matches(gql) -> None:
    assert gql(ENTITY, name="Astronaut")["entity"] is None


def test_entity_kind_filter_excludes_other_kinds(gql) -> None:
    assert gql(ENTITY, name="Security", kind="TEAM")["entity"] is None
    assert gql(ENTITY, name="Security", kind="SPECIALIZATION")["entity"]["kind"] == "SPECIALIZATION"


def test_entity_found_by_its_global_id(gql) -> None:
    entity = gql(ENTITY, name="CTO")["entity"]
    assert gql(ENTITY, name=entity["id"])["entity"]["name"] == "CTO"


def test_entity_sources_quote_the_seed_exactly(gql, seed_text: str) -> None:
    for source in gql(ENTITY, name="Director of Technical Product Management")["entity"]["sources"]:
        assert seed_text[source["start"] : source["end"]] == source["text"]


def test_node_refetches_by_global_id_and_nodes_keeps_unknown_as_null(gql) -> None:
    role_id = gql(ENTITY, name="TPM")["entity"]["id"]
    data = gql(
        "query($id: ID!, $ids: [ID!]!) { node(id: $id) { id ... on Role { name } } nodes(ids: $ids) { id } }",
        id=role_id,
        ids=[role_id, "bm9wZTpub3Bl", "not base64!"],
    )
    assert data["node"] == {"id": role_id, "name": "Technical Product Manager"}
    assert data["nodes"] == [{"id": role_id}, None, None]


def test_global_ids_are_stable_and_opaque(gql) -> None:
    first = gql(ENTITY, name="CTO")["entity"]["id"]
    assert first == gql(ENTITY, name="cto")["entity"]["id"]
    assert "cto" not in first


def test_role_convenience_fields_follow_the_ladder(gql) -> None:
    role = gql("""{ entity(name: "TPM") { ... on Role {
        nextRoles { name } previousRoles { name } levels { name responsibilities { name } }
        specializations { name } responsibilities { name } teams { name } } } }""")["entity"]
    assert [r["name"] for r in role["nextRoles"]] == ["Senior Technical Product Manager"]
    assert sorted(r["name"] for r in role["previousRoles"]) == ["Associate Product Manager", "Product Analyst"]
    # the senior level is the Senior TPM rung (issue 11): nextRoles has it, levels the two below it
    assert [level["name"].split()[0] for level in role["levels"]] == ["Entry", "Mid"]
    assert all(len(level["responsibilities"]) == 7 for level in role["levels"])
    assert len(role["specializations"]) == 6
    assert len(role["responsibilities"]) == 12
    assert {"Engineering", "Design", "Marketing", "Sales"} <= {t["name"] for t in role["teams"]}


def test_team_collaborators_and_specialization_teams(gql) -> None:
    data = gql("""{ entity(name: "DevOps") { ... on Team { collaborators { name } } }
                    specializations { name teams { name } skills { name } role { name } } }""")
    assert [c["name"] for c in data["entity"]["collaborators"]] == ["Infrastructure Technical Product Manager"]
    mobile = next(s for s in data["specializations"] if s["name"].startswith("Mobile"))
    assert {t["name"] for t in mobile["teams"]} == {"Mobile Developers", "UX/UI Designers"}
    assert mobile["role"] == {"name": "Technical Product Manager"}


RELATIONS = """query($first: Int, $after: String, $type: RelationType, $direction: Direction) {
  entity(name: "TPM") { relations(first: $first, after: $after, type: $type, direction: $direction) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { type direction node { name } sources { text } } } nodes { type } } }
}"""


def test_relations_paginate_without_gaps_or_repeats(gql) -> None:
    seen, after = [], None
    while True:
        page = gql(RELATIONS, first=7, after=after)["entity"]["relations"]
        seen += [(e["node"]["type"], e["node"]["node"]["name"]) for e in page["edges"]]
        assert len(page["nodes"]) == len(page["edges"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == page["totalCount"]


def test_relations_filter_by_type_and_direction(gql) -> None:
    page = gql(RELATIONS, type="PROGRESSES_TO", direction="INCOMING", first=10)["entity"]["relations"]
    assert {e["node"]["node"]["name"] for e in page["edges"]} == {"Product Analyst", "Associate Product Manager"}
    assert all(e["node"]["direction"] == "INCOMING" and e["node"]["sources"] for e in page["edges"])


@pytest.mark.parametrize("first", [0, -1, 101, 1000])
def test_first_out_of_range_is_bad_user_input(gql_error, first: int) -> None:
    error = gql_error(RELATIONS, first=first)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "between 1 and 100" in error["message"]


@pytest.mark.parametrize("cursor", ["zzz", "", "Y3Vyc29yOi0x", "a" * 500, "💥"])
def test_malformed_cursor_is_bad_user_input(gql_error, cursor: str) -> None:
    error = gql_error(RELATIONS, first=5, after=cursor)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


def test_entities_lists_by_kind_with_total_count(gql) -> None:
    data = gql("{ entities(kind: ROLE, first: 100) { totalCount nodes { kind } } roles { name } }")
    assert data["entities"]["totalCount"] == 7 == len(data["roles"])
    assert {n["kind"] for n in data["entities"]["nodes"]} == {"ROLE"}


def test_entities_name_prefix_matches_names_and_aliases(gql) -> None:
    data = gql('{ entities(namePrefix: "senior", first: 100) { nodes { name } } }')
    names = {n["name"] for n in data["entities"]["nodes"]}
    assert {"Senior Technical Product Manager"} <= names  # its aliases include "Senior Level Technical Product Manager"


def test_graph_info_counts_kinds_and_documents(gql, seed_graph) -> None:
    info = gql("{ graphInfo { nodeCount edgeCount kinds { kind count } documents { name sha256 } } }")["graphInfo"]
    assert info["nodeCount"] == len(seed_graph)
    assert sum(k["count"] for k in info["kinds"]) == info["nodeCount"]
    assert info["documents"][0]["name"] == "technical-product-manager.txt"
    assert len(info["documents"][0]["sha256"]) == 64


def test_syntax_and_validation_errors_stay_readable(gql_error) -> None:
    syntax = gql_error("{ entity(name: ) { id } }")
    assert syntax["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    assert "Syntax Error" in syntax["message"]
    validation = gql_error("{ entityy(name: \"x\") { id } }")
    assert validation["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "Did you mean 'entity'" in validation["message"]


SEARCH = "query($text: String!, $kinds: [EntityKind!], $first: Int) " \
    "{ search(text: $text, kinds: $kinds, first: $first) { score entity { name kind } } }"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("infra", "Infrastructure Technical Product Manager", id="prefix"),
        pytest.param("secruity", "Security Technical Product Manager", id="typo"),
        pytest.param("senior tpm", "Senior Technical Product Manager", id="alias"),
    ],
)
def test_search_ranks_the_expected_entity_first(gql, text: str, expected: str) -> None:
    hits = gql(SEARCH, text=text)["search"]
    assert hits[0]["entity"]["name"] == expected
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_search_finds_roadmap_responsibilities_by_their_text(gql) -> None:
    hits = gql(SEARCH, text="roadmap", kinds=["RESPONSIBILITY"])["search"]
    assert hits and all("roadmap" in h["entity"]["name"].lower() for h in hits)


def test_search_too_long_text_is_bad_user_input(gql_error) -> None:
    assert gql_error(SEARCH, text="x" * 10_000)["extensions"]["code"] == "BAD_USER_INPUT"
