"""Building the graph from records: one node per entity, merged across guides, stable ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.build import build_graph, load_graph
from graph.model import CareerGraph, Direction, Edge
from graph.snapshot import write_snapshot
from seed import DEFAULT_SEED, EntityKind, Extraction, RelationType, Source, extract_seed, read_seed
from seed.errors import EmptySeed, SeedNotFound
from seed.records import slugify


@pytest.fixture(scope="module")
def all_graph(seed_extraction: Extraction, guide_extractions: dict[str, Extraction]) -> CareerGraph:
    """The bundled seed merged with every extra guide."""
    return build_graph([seed_extraction, *guide_extractions.values()])


PINNED_IDS = [
    "role/technical-product-manager",
    "role/senior-technical-product-manager",
    "role/director-of-technical-product-management",
    "role/vp-of-product",
    "role/cto",
    "level/entry-level-technical-product-manager",
    "level/senior-level-technical-product-manager",
    "specialization/api-platform-technical-product-manager",
    "specialization/ai-ml-technical-product-manager",
    "team/ux-ui-designers",
    "team/site-reliability-engineering",
    "skill/cloud-services",
]


def _documents(sources: tuple[Source, ...]) -> set[str]:
    return {source.document for source in sources}


def _edge(graph: CareerGraph, type_: RelationType, source: str, target: str) -> Edge:
    (edge,) = [e for e in graph.edges() if (e.type, e.source, e.target) == (type_, source, target)]
    return edge


def test_build_graph_holds_one_node_per_entity(seed_graph: CareerGraph, seed_extraction: Extraction) -> None:
    # the senior level joins the Senior TPM rung: one node less, no edge less (docs/career-paths.md)
    assert len(seed_graph) == len(seed_extraction.entities) - len(seed_graph.redirects) == 87
    assert seed_graph.edge_count == len(seed_extraction.relations)


def test_build_graph_counts_nodes_by_kind(seed_graph: CareerGraph) -> None:
    counts = seed_graph.kind_counts()
    assert counts[EntityKind.ROLE] == 7
    assert counts[EntityKind.LEVEL] == 2
    assert counts[EntityKind.SPECIALIZATION] == 6
    assert counts[EntityKind.RESPONSIBILITY] == 33
    assert counts[EntityKind.TEAM] == 14


@pytest.mark.parametrize(
    ("source", "target"),
    [
        pytest.param("product-analyst", "technical-product-manager", id="pa-tpm"),
        pytest.param("associate-product-manager", "technical-product-manager", id="apm-tpm"),
        pytest.param("technical-product-manager", "senior-technical-product-manager", id="tpm-senior"),
        pytest.param("senior-technical-product-manager", "director-of-technical-product-management", id="senior-dir"),
        pytest.param("director-of-technical-product-management", "vp-of-product", id="dir-vp"),
        pytest.param("director-of-technical-product-management", "cto", id="dir-cto"),
    ],
)
def test_build_graph_links_the_ladder(seed_graph: CareerGraph, source: str, target: str) -> None:
    up = seed_graph.neighbours(f"role/{source}", RelationType.PROGRESSES_TO)
    assert f"role/{target}" in [node.id for node in up]


def test_build_graph_links_exactly_six_role_moves(seed_graph: CareerGraph) -> None:
    moves = [
        e for e in seed_graph.edges()
        if e.type is RelationType.PROGRESSES_TO and e.source.startswith("role/") and e.target.startswith("role/")
    ]
    assert len(moves) == 6


def test_build_graph_keeps_the_sentence_of_the_branch_to_cto(seed_graph: CareerGraph) -> None:
    edge = _edge(seed_graph, RelationType.PROGRESSES_TO, "role/director-of-technical-product-management", "role/cto")
    assert any("executive positions such as VP of Product or CTO" in source.text for source in edge.sources)
    assert {source.line for source in edge.sources} == {84}


def test_build_graph_quotes_every_source_exactly(seed_graph: CareerGraph, seed_text: str) -> None:
    sources = [s for node in seed_graph.entities() for s in node.sources]
    sources += [s for edge in seed_graph.edges() for s in edge.sources]
    for source in sources:
        assert seed_text[source.start : source.end] == source.text, source
        assert seed_text.count("\n", 0, source.start) + 1 == source.line, source


# -- ids --------------------------------------------------------------------------


def test_build_graph_derives_ids_from_kind_and_name(seed_graph: CareerGraph) -> None:
    for node in seed_graph.entities():
        assert node.id == f"{node.kind.value.lower()}/{slugify(node.name)}"


@pytest.mark.parametrize("node_id", [pytest.param(node_id, id=node_id) for node_id in PINNED_IDS])
def test_build_graph_keeps_pinned_ids(seed_graph: CareerGraph, node_id: str) -> None:
    assert seed_graph.get(node_id) is not None


def test_build_graph_gives_the_same_ids_on_every_build(seed_graph: CareerGraph) -> None:
    again = build_graph(extract_seed())
    assert [node.id for node in again.entities()] == [node.id for node in seed_graph.entities()]
    assert sorted((e.type, e.source, e.target) for e in again.edges()) == sorted(
        (e.type, e.source, e.target) for e in seed_graph.edges()
    )
    assert again.version == seed_graph.version


# -- merging guides ------------------------------------------------------------------


def test_build_graph_merges_the_guides_of_a_folder(guides_graph: CareerGraph) -> None:
    assert [d.name for d in guides_graph.documents] == ["data-analyst.txt", "data-scientist.txt", "ux-designer.txt"]
    for role in ("role/data-analyst", "role/data-scientist", "role/ux-designer"):
        assert role in guides_graph


@pytest.mark.parametrize(
    "node_id",
    [pytest.param("role/data-analyst", id="data-analyst"), pytest.param("role/data-scientist", id="data-scientist")],
)
def test_build_graph_merges_a_role_named_in_two_guides(guides_graph: CareerGraph, node_id: str) -> None:
    (node,) = [n for n in guides_graph.entities(EntityKind.ROLE) if n.id == node_id]
    assert _documents(node.sources) == {"data-analyst.txt", "data-scientist.txt"}


def test_build_graph_merges_the_aliases_of_a_merged_role(guides_graph: CareerGraph) -> None:
    analyst = guides_graph.node("role/data-analyst")
    assert {"Data Analysts", "DA", "DAs"} <= set(analyst.aliases)
    assert analyst.description is not None and analyst.description.startswith("A Data Analyst (DA)")


def test_build_graph_merges_a_move_stated_in_two_guides(guides_graph: CareerGraph) -> None:
    edge = _edge(guides_graph, RelationType.PROGRESSES_TO, "role/data-analyst", "role/data-scientist")
    assert _documents(edge.sources) == {"data-analyst.txt", "data-scientist.txt"}
    assert list(edge.sources) == sorted(edge.sources)


def test_build_graph_keeps_each_guides_moves(guides_graph: CareerGraph) -> None:
    up = {n.id for n in guides_graph.neighbours("role/data-analyst", RelationType.PROGRESSES_TO)}
    down = {
        n.id for n in guides_graph.neighbours("role/data-analyst", RelationType.PROGRESSES_TO, Direction.INCOMING)
    }
    assert up == {"role/data-scientist", "role/senior-data-analyst"}
    assert down == {"role/junior-data-analyst", "role/reporting-analyst"}


def test_build_graph_quotes_merged_sources_from_their_own_document(guides_dir: Path) -> None:
    texts = {document.name: document.text for document in read_seed(guides_dir)}
    graph = load_graph(guides_dir)
    sources = [s for node in graph.entities() for s in node.sources]
    sources += [s for edge in graph.edges() for s in edge.sources]
    assert _documents(tuple(sources)) == set(texts)
    for source in sources:
        text = texts[source.document]
        assert text[source.start : source.end] == source.text, source
        assert text.count("\n", 0, source.start) + 1 == source.line, source


def test_build_graph_merges_the_bundled_seed_with_other_guides(
    seed_graph: CareerGraph, guides_graph: CareerGraph, all_graph: CareerGraph
) -> None:
    ids = {node.id for node in all_graph.entities()}
    assert ids == {n.id for n in seed_graph.entities()} | {n.id for n in guides_graph.entities()}
    assert len(ids) < len(seed_graph) + len(guides_graph)


def test_build_graph_keeps_kinds_apart_when_names_match(all_graph: CareerGraph) -> None:
    team = all_graph.find("Data Analysts", [EntityKind.TEAM])
    role = all_graph.find("Data Analyst", [EntityKind.ROLE])
    assert team is not None and team.id == "team/data-analysts"
    assert role is not None and role.id == "role/data-analyst"


def test_build_graph_merges_a_team_across_guides(all_graph: CareerGraph) -> None:
    engineering = all_graph.node("team/engineering")
    assert _documents(engineering.sources) == {
        "technical-product-manager.txt", "data-scientist.txt", "ux-designer.txt",
    }


def test_build_graph_does_not_depend_on_guide_order(guide_extractions: dict[str, Extraction]) -> None:
    forward = build_graph(guide_extractions.values())
    backward = build_graph(reversed(list(guide_extractions.values())))
    assert {n.id: n.sources for n in forward.entities()} == {n.id: n.sources for n in backward.entities()}
    assert {n.id: set(n.aliases) for n in forward.entities()} == {n.id: set(n.aliases) for n in backward.entities()}


# -- loading ----------------------------------------------------------------------------


def test_load_graph_defaults_to_the_bundled_seed(seed_graph: CareerGraph) -> None:
    graph = load_graph()
    assert [d.name for d in graph.documents] == [DEFAULT_SEED.name]
    assert graph.version == seed_graph.version


def test_load_graph_reads_a_snapshot(seed_graph: CareerGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    with path.open("w", encoding="utf-8") as out:
        write_snapshot(seed_graph, out)
    graph = load_graph(path)
    assert list(graph.entities()) == list(seed_graph.entities())


@pytest.mark.parametrize(
    ("name", "error", "message"),
    [
        pytest.param("missing.txt", SeedNotFound, r"cannot read seed '.*missing\.txt'", id="missing-file"),
        pytest.param("missing.json", SeedNotFound, r"cannot read seed '.*missing\.json'", id="missing-snapshot"),
    ],
)
def test_load_graph_rejects_a_missing_seed(tmp_path: Path, name: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        load_graph(tmp_path / name)


def test_load_graph_rejects_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(EmptySeed, match=r"holds no guide"):
        load_graph(tmp_path)
