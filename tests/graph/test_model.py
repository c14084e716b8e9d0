"""Typed read access to the built graph: look-ups by id, name and alias; relations; errors."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.build import build_graph
from graph.errors import CareerGraphError, EntityNotFound
from graph.lookup import resolve, suggest
from graph.model import CareerGraph, Direction
from seed import Document, EntityKind, RelationType, extract

TPM = "role/technical-product-manager"


@pytest.mark.parametrize(
    ("name", "node_id"),
    [
        pytest.param("TPM", TPM, id="abbreviation"),
        pytest.param("TPMs", TPM, id="abbreviation-plural"),
        pytest.param("tpm", TPM, id="lower-case"),
        pytest.param("Technical Product Managers", TPM, id="plural"),
        pytest.param(TPM, TPM, id="id"),
        pytest.param("Senior TPMs", "role/senior-technical-product-manager", id="senior-tpms"),
        pytest.param("  senior   TPM ", "role/senior-technical-product-manager", id="spacing"),
        pytest.param("CTO", "role/cto", id="cto"),
        pytest.param("vp of product", "role/vp-of-product", id="vp-of-product"),
        pytest.param("UX designers", "team/ux-ui-designers", id="ux-designers"),
        pytest.param("UX/UI Designers", "team/ux-ui-designers", id="ux-ui-designers"),
        pytest.param("site reliability engineering teams", "team/site-reliability-engineering", id="sre-teams"),
        pytest.param("software teams", "team/engineering", id="software-teams"),
        pytest.param("Entry Level", "level/entry-level-technical-product-manager", id="level-short"),
        pytest.param("Mid Level TPM", "level/mid-level-technical-product-manager", id="level-abbreviation"),
        pytest.param("IoT", "specialization/iot-technical-product-manager", id="specialization-short"),
        pytest.param("AI/ML TPM", "specialization/ai-ml-technical-product-manager", id="specialization-abbr"),
    ],
)
def test_career_graph_find_resolves_names_and_aliases(seed_graph: CareerGraph, name: str, node_id: str) -> None:
    node = seed_graph.find(name)
    assert node is not None and node.id == node_id


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("Ted Lasso", id="noise"),
        pytest.param("", id="empty"),
        pytest.param("Senior", id="prefix"),
        pytest.param("role/nobody", id="unknown-id"),
    ],
)
def test_career_graph_find_returns_none_when_nothing_matches(seed_graph: CareerGraph, name: str) -> None:
    assert seed_graph.find(name) is None


def test_career_graph_find_filters_by_kind(seed_graph: CareerGraph) -> None:
    assert seed_graph.find("TPM", [EntityKind.TEAM]) is None
    assert seed_graph.find(TPM, [EntityKind.SKILL]) is None
    node = seed_graph.find("Engineering", [EntityKind.TEAM])
    assert node is not None and node.id == "team/engineering"


def test_career_graph_find_prefers_a_name_to_an_alias() -> None:
    text = (
        "Definition of a Baker\nA Baker bakes bread.\nTypes of Bakers\nPastry Baker\n"
        "Pastry Bakers work closely with pastry teams.\n"
    )
    graph = build_graph([extract(Document("baker.txt", text))])
    node = graph.find("Pastry")
    assert node is not None and node.id == "team/pastry"
    assert "Pastry" in graph.node("specialization/pastry-baker").aliases


def test_career_graph_node_returns_the_node(seed_graph: CareerGraph) -> None:
    node = seed_graph.node(TPM)
    assert (node.kind, node.name) == (EntityKind.ROLE, "Technical Product Manager")
    assert {"TPM", "TPMs", "Technical Product Managers"} <= set(node.aliases)
    assert node.description is not None and node.description.startswith("A Technical Product Manager (TPM)")


def test_career_graph_node_raises_for_an_unknown_id(seed_graph: CareerGraph) -> None:
    with pytest.raises(EntityNotFound, match=r"^no entity named 'role/nobody'$"):
        seed_graph.node("role/nobody")


def test_career_graph_get_returns_none_for_an_unknown_id(seed_graph: CareerGraph) -> None:
    assert seed_graph.get("role/nobody") is None
    assert seed_graph.get(TPM) == seed_graph.node(TPM)


def test_career_graph_resolve_suggests_close_names(seed_graph: CareerGraph) -> None:
    with pytest.raises(EntityNotFound, match=r"^no entity named 'Senior'; did you mean 'Senior .+'\?$") as raised:
        resolve(seed_graph, "Senior")
    assert "Senior Technical Product Manager" in raised.value.suggestions
    assert isinstance(raised.value, CareerGraphError)


def test_career_graph_resolve_raises_without_suggestions_when_nothing_is_close(seed_graph: CareerGraph) -> None:
    with pytest.raises(EntityNotFound, match=r"^no entity named 'qqqq'$"):
        resolve(seed_graph, "qqqq")


def test_career_graph_resolve_returns_the_node(seed_graph: CareerGraph) -> None:
    assert resolve(seed_graph, "Senior TPMs").id == "role/senior-technical-product-manager"


def test_career_graph_suggest_respects_kinds_and_limit(seed_graph: CareerGraph) -> None:
    suggestions = suggest(seed_graph, "Engineer", [EntityKind.TEAM], limit=2)
    assert 0 < len(suggestions) <= 2
    assert all(seed_graph.find(name, [EntityKind.TEAM]) is not None for name in suggestions)


def test_career_graph_entities_come_in_kind_then_name_order(seed_graph: CareerGraph) -> None:
    nodes = list(seed_graph.entities())
    kinds = list(EntityKind)
    keys = [(kinds.index(n.kind), n.name.casefold(), n.id) for n in nodes]
    assert keys == sorted(keys)
    assert len(nodes) == len(seed_graph)


def test_career_graph_entities_of_a_kind(seed_graph: CareerGraph) -> None:
    levels = [node.name for node in seed_graph.entities(EntityKind.LEVEL)]
    assert levels == [
        "Entry Level Technical Product Manager",
        "Mid Level Technical Product Manager",
    ]


def test_career_graph_kind_counts_cover_every_kind(seed_graph: CareerGraph) -> None:
    counts = seed_graph.kind_counts()
    assert list(counts) == list(EntityKind)
    assert sum(counts.values()) == len(seed_graph)


def test_career_graph_relations_list_outgoing_before_incoming(seed_graph: CareerGraph) -> None:
    relations = seed_graph.relations("role/senior-technical-product-manager", RelationType.PROGRESSES_TO)
    assert [(r.direction, r.other) for r in relations] == [
        (Direction.OUTGOING, "role/director-of-technical-product-management"),
        (Direction.INCOMING, TPM),
        (Direction.INCOMING, "level/mid-level-technical-product-manager"),
    ]


@pytest.mark.parametrize(
    ("direction", "expected"),
    [
        pytest.param(Direction.OUTGOING, ["role/cto", "role/vp-of-product"], id="outgoing"),
        pytest.param(Direction.INCOMING, ["role/senior-technical-product-manager"], id="incoming"),
    ],
)
def test_career_graph_neighbours_follow_the_direction(
    seed_graph: CareerGraph, direction: Direction, expected: list[str]
) -> None:
    director = "role/director-of-technical-product-management"
    assert [n.id for n in seed_graph.neighbours(director, RelationType.PROGRESSES_TO, direction)] == expected


def test_career_graph_relations_filter_by_kind(seed_graph: CareerGraph) -> None:
    teams = seed_graph.relations("specialization/iot-technical-product-manager", kind=EntityKind.TEAM)
    assert [r.other for r in teams] == ["team/engineering", "team/firmware-developers", "team/hardware-engineers"]
    assert all(r.edge.type is RelationType.COLLABORATES_WITH for r in teams)


def test_career_graph_relations_of_an_unknown_node_are_empty(seed_graph: CareerGraph) -> None:
    assert seed_graph.relations("role/nobody") == []


def test_career_graph_responsibilities_hang_off_their_level(seed_graph: CareerGraph) -> None:
    level = "level/mid-level-technical-product-manager"
    responsibilities = seed_graph.neighbours(level, RelationType.HAS_RESPONSIBILITY)
    assert len(responsibilities) == 7
    assert all(node.kind is EntityKind.RESPONSIBILITY for node in responsibilities)


def test_career_graph_is_frozen(seed_graph: CareerGraph) -> None:
    with pytest.raises(nx.NetworkXError, match="Frozen graph can't be modified"):
        seed_graph.graph.add_node("role/intruder")


def test_career_graph_contains_ids_only(seed_graph: CareerGraph) -> None:
    assert TPM in seed_graph
    assert "TPM" not in seed_graph


def test_career_graph_version_is_a_short_content_hash(seed_graph: CareerGraph, guides_graph: CareerGraph) -> None:
    assert len(seed_graph.version) == 16 and int(seed_graph.version, 16) >= 0
    assert seed_graph.version != guides_graph.version
