"""entities(where:, orderBy:) and search(after:), in-process: on the bundled seed and on the merged guides."""

from __future__ import annotations

from base64 import urlsafe_b64decode
from collections.abc import Callable
from typing import Any

import pytest
from strawberry.types import ExecutionResult

from graph import CareerGraph
from schema import schema
from schema.context import Context
from schema.pagination import encode_cursor

ENTITIES = """query($where: EntityWhere, $orderBy: [EntitySort!], $first: Int, $after: String, $kind: EntityKind) {
  entities(where: $where, orderBy: $orderBy, first: $first, after: $after, kind: $kind) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id name kind } }
  }
}"""

SEARCH = """query($text: String!, $kinds: [EntityKind!], $first: Int, $after: String) {
  search(text: $text, kinds: $kinds, first: $first, after: $after) { cursor score entity { id name } }
}"""


@pytest.fixture(scope="module")
def guides_gql(guides_graph: CareerGraph) -> Callable[..., dict[str, Any]]:
    """Like `gql`, against the graph merged from tests/fixtures/guides."""

    def run(document: str, **variables: Any) -> dict[str, Any]:
        result = schema.execute_sync(document, variable_values=variables or None, context_value=Context(guides_graph))
        assert result.errors is None, [e.formatted for e in result.errors]
        assert result.data is not None
        return result.data

    return run


def names(gql: Callable[..., dict[str, Any]], where: dict | None = None, order: list | None = None,
          **variables: Any) -> list[str]:
    """Every name of a filtered, sorted list, fetched in one page."""
    page = gql(ENTITIES, where=where, orderBy=order, first=100, **variables)["entities"]
    assert not page["pageInfo"]["hasNextPage"]
    assert page["totalCount"] == len(page["edges"])
    return [edge["node"]["name"] for edge in page["edges"]]


def every_page(gql: Callable[..., dict[str, Any]], first: int, **variables: Any) -> list[str]:
    """Every name of a list, page by page (at most 200 pages)."""
    seen, after = [], None
    for _ in range(200):
        page = gql(ENTITIES, first=first, after=after, **variables)["entities"]
        seen += [edge["node"]["name"] for edge in page["edges"]]
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None and bool(seen[: -len(page["edges"])]))
        if not page["pageInfo"]["hasNextPage"]:
            return seen
        after = page["pageInfo"]["endCursor"]
    raise AssertionError("more than 200 pages")


# -- each filter alone ------------------------------------------------------------


@pytest.mark.parametrize(("where", "expected"), [
    pytest.param({"kind": "ROLE"}, 7, id="kind"),
    # 87 entities: the senior level is one with the Senior TPM rung (issue 11)
    pytest.param({"kindIn": ["LEVEL", "SPECIALIZATION"]}, 8, id="kindIn"),
    pytest.param({"kindIn": []}, 0, id="kindIn-empty"),
    pytest.param({}, 87, id="empty-where"),
    pytest.param({"AND": []}, 87, id="AND-empty"),
    pytest.param({"OR": []}, 0, id="OR-empty"),
])
def test_entities_where_counts_by_kind(gql, where: dict, expected: int) -> None:
    assert gql(ENTITIES, where=where, first=1)["entities"]["totalCount"] == expected


def test_entities_where_name_contains_matches_names_and_aliases_ignoring_case(gql) -> None:
    found = names(gql, {"nameContains": "  SECURITY "})
    assert "Security Technical Product Manager" in found and "Security Engineers" in found
    assert all("security" in name.lower() for name in found)
    assert "Technical Product Manager" in names(gql, {"nameContains": "tpm"})  # an alias


def test_entities_where_name_prefix_matches_names_and_aliases(gql) -> None:
    found = names(gql, {"namePrefix": "senior", "kind": "ROLE"})
    assert found == ["Senior Technical Product Manager"]
    assert "Technical Product Manager" in names(gql, {"namePrefix": "TPM"})


def test_entities_where_document_keeps_the_entities_it_states(gql, guides_gql) -> None:
    assert len(names(gql, {"document": "technical-product-manager.txt", "kind": "ROLE"})) == 7
    ux = names(guides_gql, {"document": "ux-designer.txt", "kind": "ROLE"})
    assert "UX Designer" in ux and "Data Analyst" not in ux
    both = set(names(guides_gql, {"document": "data-analyst.txt", "kind": "ROLE"}))
    assert {"Data Analyst", "Data Scientist"} <= both


@pytest.mark.parametrize(("related", "kind", "expected"), [
    pytest.param({"type": "COLLABORATES_WITH", "to": "Security Engineers"}, "SPECIALIZATION",
                 ["Security Technical Product Manager"], id="collaborates"),
    pytest.param({"type": "PROGRESSES_TO", "direction": "OUTGOING", "to": "TPM"}, "ROLE",
                 ["Associate Product Manager", "Product Analyst"], id="outgoing-by-alias"),
    pytest.param({"type": "PROGRESSES_TO", "direction": "INCOMING", "to": "TPM"}, "ROLE",
                 ["Senior Technical Product Manager"], id="incoming"),
    pytest.param({"type": "HAS_SPECIALIZATION", "direction": "INCOMING", "to": "role/technical-product-manager"},
                 None, ["AI/ML Technical Product Manager", "API/Platform Technical Product Manager",
                        "Infrastructure Technical Product Manager", "IoT Technical Product Manager",
                        "Mobile Technical Product Manager", "Security Technical Product Manager"], id="graph-id"),
])
def test_entities_where_related_follows_relations_by_type_and_direction(gql, related: dict, kind: str | None,
                                                                         expected: list[str]) -> None:
    where = {"related": related, **({"kind": kind} if kind else {})}
    assert names(gql, where) == expected


def test_entities_where_related_takes_a_global_id(gql) -> None:
    team = gql('{ entity(name: "Security Engineers") { id } }')["entity"]["id"]
    assert names(gql, {"related": {"to": team}, "kind": "SPECIALIZATION"}) == ["Security Technical Product Manager"]


def test_entities_where_related_without_type_takes_any_relation(gql) -> None:
    anything = set(names(gql, {"related": {"to": "Security Engineers"}}))
    collaborates = set(names(gql, {"related": {"to": "Security Engineers", "type": "COLLABORATES_WITH"}}))
    assert collaborates <= anything and collaborates


# -- nesting --------------------------------------------------------------------------


def test_entities_where_and_or_not_nest(gql) -> None:
    roles = set(names(gql, {"kind": "ROLE"}))
    senior = set(names(gql, {"kind": "ROLE", "nameContains": "senior"}))
    assert set(names(gql, {"kind": "ROLE", "NOT": {"nameContains": "senior"}})) == roles - senior
    either = names(gql, {"OR": [{"namePrefix": "CTO"}, {"namePrefix": "VP of"}], "kind": "ROLE"})
    assert either == ["CTO", "VP of Product"]
    nested = {"AND": [{"kindIn": ["ROLE", "SPECIALIZATION"]},
                      {"OR": [{"nameContains": "security"}, {"NOT": {"nameContains": "product"}}]}]}
    assert names(gql, nested) == ["CTO", "Security Technical Product Manager"]


def test_entities_where_combines_with_kind_and_name_prefix_arguments(gql) -> None:
    data = gql("""{ entities(kind: SPECIALIZATION, namePrefix: "mobile", where: {nameContains: "manager"}) {
        nodes { name } } }""")
    assert [n["name"] for n in data["entities"]["nodes"]] == ["Mobile Technical Product Manager"]


def test_entities_where_names_and_moves_on_the_merged_guides(guides_gql) -> None:
    analysts = names(guides_gql, {"kind": "ROLE", "nameContains": "data analyst"})
    assert {"Data Analyst", "Junior Data Analyst", "Senior Data Analyst"} <= set(analysts)
    moves = names(guides_gql, {"related": {"type": "PROGRESSES_TO", "direction": "INCOMING", "to": "Data Analyst"}})
    assert moves and "Data Analyst" not in moves


# -- mistakes -------------------------------------------------------------------------


def test_entities_where_unknown_to_is_not_found_with_suggestions(gql_error) -> None:
    error = gql_error(ENTITIES, where={"related": {"to": "Securty Enginers"}})
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert error["extensions"]["suggestions"][0] == "Security Engineers"
    assert "no entity named 'Securty Enginers'" in error["message"]


def test_entities_where_unknown_document_is_not_found_with_suggestions(gql_error) -> None:
    error = gql_error(ENTITIES, where={"document": "technical-product-manager"})
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert error["extensions"]["suggestions"] == ["technical-product-manager.txt"]


@pytest.mark.parametrize(("where", "message"), [
    pytest.param({"nameContains": "  "}, "nameContains: must not be empty", id="blank"),
    pytest.param({"namePrefix": "x" * 201}, "at most 200 characters", id="long"),
    pytest.param({"OR": [{"kind": "ROLE"}] * 60}, "at most 50 conditions", id="too-many"),
    pytest.param({"NOT": {"NOT": {"NOT": {"NOT": {"NOT": {"NOT": {"NOT": {"NOT": {"NOT": {"kind": "ROLE"}}}}}}}}}},
                 "nests more than 8 levels", id="too-deep"),
])
def test_entities_where_out_of_bounds_is_bad_user_input(gql_error, where: dict, message: str) -> None:
    error = gql_error(ENTITIES, where=where)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert message in error["message"]


def test_entities_order_by_a_repeated_field_changes_nothing(gql) -> None:
    once = names(gql, {"kind": "ROLE"}, [{"field": "DEGREE"}])
    assert names(gql, {"kind": "ROLE"}, [{"field": "DEGREE"}, {"field": "DEGREE", "direction": "DESC"}]) == once


# -- sorting --------------------------------------------------------------------------


def test_entities_order_by_name_asc_and_desc(gql) -> None:
    ascending = names(gql, {"kind": "ROLE"}, [{"field": "NAME"}])
    assert ascending == sorted(ascending, key=str.casefold)
    assert names(gql, {"kind": "ROLE"}, [{"field": "NAME", "direction": "DESC"}]) == ascending[::-1]


def test_entities_order_by_kind_follows_the_kind_enum(gql) -> None:
    data = gql(ENTITIES, orderBy=[{"field": "KIND", "direction": "DESC"}], first=100,
               where={"kindIn": ["ROLE", "SKILL"]})["entities"]
    kinds = [edge["node"]["kind"] for edge in data["edges"]]
    assert kinds == sorted(kinds, key=["SKILL", "ROLE"].index)
    # Ties keep the stable order: by name within a kind, whichever way the kind runs.
    skills = [edge["node"]["name"] for edge in data["edges"] if edge["node"]["kind"] == "SKILL"]
    assert skills == sorted(skills, key=str.casefold)


def test_entities_order_by_degree_counts_relations_and_ties_keep_the_stable_order(gql) -> None:
    query = """query($order: [EntitySort!]) { entities(where: {kind: ROLE}, orderBy: $order, first: 100) {
        nodes { name relations(first: 100) { totalCount } } } }"""
    nodes = gql(query, order=[{"field": "DEGREE", "direction": "DESC"}])["entities"]["nodes"]
    degrees = [node["relations"]["totalCount"] for node in nodes]
    assert degrees == sorted(degrees, reverse=True)
    assert nodes[0]["name"] == "Technical Product Manager"
    stable = names(gql, {"kind": "ROLE"})
    for degree in set(degrees):
        tied = [node["name"] for node, d in zip(nodes, degrees, strict=True) if d == degree]
        assert tied == [name for name in stable if name in tied]


def test_entities_order_by_several_keys(gql) -> None:
    order = [{"field": "KIND", "direction": "DESC"}, {"field": "NAME", "direction": "DESC"}]
    data = gql(ENTITIES, orderBy=order, first=100, where={"kindIn": ["ROLE", "LEVEL"]})["entities"]
    pairs = [(edge["node"]["kind"], edge["node"]["name"]) for edge in data["edges"]]
    assert pairs == sorted(pairs, key=lambda p: (p[0] == "ROLE", [-ord(c) for c in p[1].casefold()]))


# -- pagination -----------------------------------------------------------------------


@pytest.mark.parametrize("order", [
    pytest.param(None, id="stable"),
    pytest.param([{"field": "NAME", "direction": "DESC"}], id="name-desc"),
    pytest.param([{"field": "DEGREE", "direction": "DESC"}, {"field": "NAME"}], id="degree-name"),
    pytest.param([{"field": "KIND", "direction": "DESC"}], id="kind-desc"),
])
@pytest.mark.parametrize("where", [
    pytest.param({"NOT": {"kind": "RESPONSIBILITY"}}, id="not"),
    pytest.param({"OR": [{"nameContains": "product"}, {"related": {"to": "TPM"}}]}, id="or-related"),
])
def test_entities_pages_of_a_filtered_sorted_list_never_repeat_or_skip(gql, where: dict, order: list | None) -> None:
    whole = names(gql, where, order)
    assert every_page(gql, 3, where=where, orderBy=order) == whole
    assert every_page(gql, 1, where=where, orderBy=order) == whole
    assert len(set(whole)) == len(whole) > 3


def test_entities_pages_on_the_merged_guides(guides_gql) -> None:
    where = {"kindIn": ["ROLE", "SKILL"], "NOT": {"document": "ux-designer.txt"}}
    order = [{"field": "NAME", "direction": "DESC"}]
    whole = names(guides_gql, where, order)
    assert every_page(guides_gql, 4, where=where, orderBy=order) == whole
    assert "UX Designer" not in whole and "Data Analyst" in whole


@pytest.mark.parametrize(("made_with", "used_with"), [
    pytest.param({"orderBy": [{"field": "NAME"}]}, {"orderBy": [{"field": "NAME", "direction": "DESC"}]}, id="order"),
    pytest.param({"where": {"kind": "ROLE"}}, {"where": {"kind": "TEAM"}}, id="filter"),
    pytest.param({"where": {"kind": "ROLE"}}, {}, id="filter-to-plain"),
    pytest.param({}, {"orderBy": [{"field": "DEGREE"}]}, id="plain-to-order"),
    pytest.param({"where": {"kind": "ROLE"}}, {"where": {"kind": "ROLE"}, "kind": "ROLE"}, id="kind-argument"),
])
def test_entities_cursor_from_another_order_or_filter_is_refused(gql, gql_error, made_with: dict,
                                                                 used_with: dict) -> None:
    cursor = gql(ENTITIES, first=2, **made_with)["entities"]["pageInfo"]["endCursor"]
    error = gql_error(ENTITIES, first=2, after=cursor, **used_with)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "after"}
    assert "another filter, order or search" in error["message"] or "not a cursor" in error["message"]


def test_entities_cursor_survives_an_equivalent_filter(gql) -> None:
    by_name = gql(ENTITIES, first=2, where={"related": {"to": "TPM"}})["entities"]["pageInfo"]["endCursor"]
    by_id = gql(ENTITIES, first=2, after=by_name, where={"related": {"to": "role/technical-product-manager"}})
    assert by_id["entities"]["edges"]


def test_entities_plain_list_keeps_its_documented_cursors(gql) -> None:
    page = gql("{ entities(kind: TEAM, first: 5) { pageInfo { endCursor } } }")["entities"]
    assert page["pageInfo"]["endCursor"] == "Y3Vyc29yOjQ"


def test_entities_cursor_far_past_the_end_gives_an_empty_page(gql) -> None:
    made_for = gql(ENTITIES, first=1, where={})["entities"]["pageInfo"]["endCursor"]
    fingerprint = urlsafe_b64decode(made_for + "==").decode().rsplit(":", 1)[1]
    page = gql(ENTITIES, first=5, where={}, after=encode_cursor(10**18, fingerprint))["entities"]
    assert page["edges"] == [] and page["totalCount"] == 87 and not page["pageInfo"]["hasNextPage"]


# -- cost -----------------------------------------------------------------------------


def _only_error_extensions(result: ExecutionResult) -> dict[str, Any]:
    """The extensions of the single error ``result`` holds."""
    assert result.errors is not None
    [error] = result.errors
    assert error.extensions is not None
    return error.extensions


def test_entities_where_counts_in_the_cost_limit(seed_graph: CareerGraph) -> None:
    from schema import Limits, create_schema

    strict = create_schema(limits=Limits(max_cost=110))
    context = Context(seed_graph)
    assert strict.execute_sync("{ entities(first: 100) { nodes { id } } }", context_value=context).errors is None
    filtered = '{ entities(first: 100, where: {kind: ROLE, OR: [{nameContains: "a"}, {nameContains: "b"}]}) ' \
               "{ nodes { id } } }"
    extensions = _only_error_extensions(strict.execute_sync(filtered, context_value=context))
    assert (extensions["limit"], extensions["measured"]) == ("max_cost", 100 + 5 * 4)
    variable = "query($w: EntityWhere) { entities(first: 1, where: $w) { nodes { id } } }"
    extensions = _only_error_extensions(strict.execute_sync(variable, context_value=context))
    assert extensions["measured"] == 1 + 5 * 50


# -- search pages ---------------------------------------------------------------------


@pytest.mark.parametrize(("text", "kinds"), [
    pytest.param("product", None, id="many-hits"),
    pytest.param("secruity", None, id="typo"),
    pytest.param("manager", ["ROLE", "SPECIALIZATION"], id="kinds"),
])
def test_search_pages_at_first_1_equal_one_big_page(gql, text: str, kinds: list[str] | None) -> None:
    whole = gql(SEARCH, text=text, kinds=kinds, first=100)["search"]
    assert len(whole) > 1
    paged, after = [], None
    for _ in range(len(whole) + 1):
        page = gql(SEARCH, text=text, kinds=kinds, first=1, after=after)["search"]
        if not page:
            break
        paged += page
        after = page[-1]["cursor"]
    assert [hit["entity"]["id"] for hit in paged] == [hit["entity"]["id"] for hit in whole]
    assert [hit["cursor"] for hit in paged] == [hit["cursor"] for hit in whole]


def test_search_pages_on_the_merged_guides(guides_gql) -> None:
    whole = guides_gql(SEARCH, text="data", first=100)["search"]
    first = guides_gql(SEARCH, text="data", first=7)["search"]
    rest = guides_gql(SEARCH, text="data", first=100, after=first[-1]["cursor"])["search"]
    assert [h["entity"]["id"] for h in first + rest] == [h["entity"]["id"] for h in whole]


def test_search_cursor_tolerates_spacing_and_case_of_the_same_words(gql) -> None:
    cursor = gql(SEARCH, text="product manager", first=2)["search"][-1]["cursor"]
    assert gql(SEARCH, text="  Product   MANAGER ", first=2, after=cursor)["search"]


@pytest.mark.parametrize("other", [
    pytest.param({"text": "security"}, id="text"),
    pytest.param({"text": "product", "kinds": ["ROLE"]}, id="kinds"),
])
def test_search_cursor_for_other_text_or_kinds_is_refused(gql, gql_error, other: dict) -> None:
    cursor = gql(SEARCH, text="product", first=2)["search"][-1]["cursor"]
    error = gql_error(SEARCH, first=2, after=cursor, **other)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "after"}


def test_search_entities_cursor_is_refused(gql, gql_error) -> None:
    cursor = gql(ENTITIES, first=2, where={})["entities"]["pageInfo"]["endCursor"]
    assert gql_error(SEARCH, text="product", after=cursor)["extensions"]["code"] == "BAD_USER_INPUT"
