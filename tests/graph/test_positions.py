"""Positions: levels joined to the ladder rungs they describe, profiles and lateral moves."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from graph.build import build_graph
from graph.errors import EntityNotFound, InvalidArgument
from graph.lookup import resolve
from graph.model import CareerGraph
from graph.paths import next_positions, path_years, position_changes, previous_positions, shortest_career_path
from graph.positions import MAX_SIMILAR, position_profile, similar_positions
from graph.snapshot import read_snapshot, write_snapshot
from seed import extract_seed
from seed.records import (
    Document,
    Entity,
    EntityKind,
    EntityRef,
    Extraction,
    Relation,
    RelationType,
    Source,
    YearRange,
)

POSITIONS = Path(__file__).parents[1] / "fixtures" / "positions"
LINKS = Path(__file__).parent / "seed_links.json"
SENIOR_TPM = "role/senior-technical-product-manager"
SENIOR_LEVEL = "level/senior-level-technical-product-manager"
SENIOR_RESPONSIBILITIES = [
    "Building relationships with key partners, vendors, and customers to gather comprehensive market insights",
    "Coaching and developing a team of TPMs, fostering leadership and product management excellence",
    "Identifying new opportunities for product innovation and growth",
    "Leading cross-functional teams to deliver complex product initiatives",
    "Overseeing the product lifecycle and making strategic decisions about the product portfolio",
    "Representing the company at industry events and conferences to stay ahead of market trends",
    "Setting the long-term vision and strategy for the product and communicating it to all stakeholders",
]


@pytest.fixture(scope="module")
def trades() -> CareerGraph:
    """The nursing, kitchen (plain text) and dental hygiene (Markdown) guides of tests/fixtures/positions."""
    return build_graph(extract_seed(POSITIONS))


def _names(nodes) -> list[str]:
    return [node.name for node in nodes]


# --- the bundled seed: the senior level is the Senior TPM rung ---------------------------------------------------


def test_join_positions_makes_the_senior_level_the_senior_tpm_rung(seed_graph: CareerGraph) -> None:
    assert seed_graph.redirects == {SENIOR_LEVEL: SENIOR_TPM}
    node = seed_graph.node(SENIOR_TPM)
    assert node.kind is EntityKind.ROLE and node.name == "Senior Technical Product Manager"
    assert {"Senior Level Technical Product Manager", "Senior Level TPM", "Senior TPMs"} <= set(node.aliases)
    assert node.description is not None and node.description.startswith("Senior Technical Product Managers are")


def test_position_profile_of_the_joined_rung_holds_the_senior_level_section(seed_graph: CareerGraph) -> None:
    profile = position_profile(seed_graph, "Senior TPM")
    assert _names(profile.responsibilities) == SENIOR_RESPONSIBILITIES
    # the section names "cross-functional teams" (not one team) and no skill
    assert profile.teams == () and profile.skills == ()


def test_join_positions_keeps_entry_and_mid_levels_inside_the_role_in_order(seed_graph: CareerGraph) -> None:
    assert _names(seed_graph.entities(EntityKind.LEVEL)) == [
        "Entry Level Technical Product Manager",
        "Mid Level Technical Product Manager",
    ]
    assert _names(next_positions(seed_graph, "Entry Level TPM")) == ["Mid Level Technical Product Manager"]
    assert _names(next_positions(seed_graph, "Mid Level TPM")) == ["Senior Technical Product Manager"]
    assert "Mid Level Technical Product Manager" in _names(previous_positions(seed_graph, "Senior TPM"))


@pytest.mark.parametrize("level", ["Entry Level TPM", "Mid Level TPM", "Senior Level TPM", SENIOR_LEVEL])
def test_shortest_career_path_leads_from_each_level_to_cto(seed_graph: CareerGraph, level: str) -> None:
    path = shortest_career_path(seed_graph, level, "CTO")
    assert path is not None
    assert _names(step.node for step in path.steps)[-3:] == [
        "Senior Technical Product Manager",
        "Director of Technical Product Management",
        "CTO",
    ]


def test_position_changes_tpm_to_senior_tpm_gains_the_senior_responsibilities(seed_graph: CareerGraph) -> None:
    changes = position_changes(seed_graph, "TPM", "Senior TPM")
    assert _names(changes.responsibilities.gained) == SENIOR_RESPONSIBILITIES
    assert len(changes.responsibilities.left_behind) == 12


def test_director_branches_to_vp_of_product_and_cto(seed_graph: CareerGraph) -> None:
    assert _names(next_positions(seed_graph, "Director of Technical Product Management")) == ["CTO", "VP of Product"]


def test_seed_links_every_old_id_name_and_alias_still_resolves(seed_graph: CareerGraph) -> None:
    entities = json.loads(LINKS.read_text(encoding="utf-8"))["entities"]
    for entity in entities:
        for name in (entity["id"], entity["name"], *entity["aliases"]):
            assert seed_graph.find(name) is not None, name
        assert seed_graph.get(entity["id"]) is not None, entity["id"]
    joined = resolve(seed_graph, "Senior Level Technical Product Manager")
    assert joined.id == SENIOR_TPM == seed_graph.node(SENIOR_LEVEL).id


# --- guides of other trades ----------------------------------------------------------------------------------------


def test_join_positions_joins_the_senior_nurse_level_to_its_rung(trades: CareerGraph) -> None:
    assert trades.redirects == {"level/senior-level-registered-nurse": "role/senior-registered-nurse"}
    assert _names(next_positions(trades, "Mid Level RN")) == ["Senior Registered Nurse"]
    assert _names(position_profile(trades, "Senior RN").responsibilities) == [
        "Coaching and developing a team of nurses",
        "Improving unit protocols with the nurse manager",
        "Leading the shift and assigning patients to nurses",
    ]
    path = shortest_career_path(trades, "Entry Level RN", "Chief Nursing Officer")
    assert path is not None and path.hops == 4


def test_join_positions_keeps_the_levels_of_a_role_without_a_senior_rung(trades: CareerGraph) -> None:
    levels = [node for node in trades.entities(EntityKind.LEVEL) if node.id.endswith("line-cook")]
    assert _names(levels) == ["Entry Level Line Cook", "Mid Level Line Cook", "Senior Level Line Cook"]
    assert _names(next_positions(trades, "Entry Level Line Cook")) == ["Mid Level Line Cook"]
    assert _names(next_positions(trades, "Mid Level Line Cook")) == ["Senior Level Line Cook"]
    assert _names(next_positions(trades, "Line Cook")) == [
        "Sous Chef", "Entry Level Line Cook", "Mid Level Line Cook", "Senior Level Line Cook", "Grill Line Cook",
    ]


def test_similar_positions_compare_guides_over_merged_names(trades: CareerGraph) -> None:
    (similar,) = [s for s in similar_positions(trades, "Registered Nurse", MAX_SIMILAR) if s.node.name == "Line Cook"]
    assert _names(similar.shared) == ["Keeping the work area clean and supplies stocked"]
    assert 0 < similar.score < 1


def test_typical_years_come_from_the_text_and_add_up_along_a_path(trades: CareerGraph) -> None:
    junior = trades.node("level/junior-dental-hygienist")
    assert junior.years is not None and (junior.years.min, junior.years.max) == (1, 3)
    assert [s.text for s in junior.years.sources] == ["1-3 years"]
    assert trades.node("level/lead-dental-hygienist").years is None
    path = shortest_career_path(trades, "Junior Dental Hygienist", "Lead Dental Hygienist")
    assert path is not None and path.hops == 2
    total = path_years(path)
    assert total is not None and (total.min, total.max) == (5, None)
    assert [s.text for s in total.sources] == ["1-3 years", "4+ years"]


def test_specialization_facts_stay_on_a_specialization_without_the_role_name(trades: CareerGraph) -> None:
    therapy = position_profile(trades, "Periodontal Therapy")
    assert "Treats advanced gum disease alongside periodontists" in _names(therapy.responsibilities)
    assert _names(therapy.skills) == ["Local anaesthesia", "Root planing"]
    role = position_profile(trades, "Dental Hygienist")
    assert not set(role.skills) & set(therapy.skills)
    assert not set(role.responsibilities) & set(therapy.responsibilities)


def test_similar_positions_find_the_same_duty_in_three_guides(trades: CareerGraph) -> None:
    shared = "Keeping the work area clean and supplies stocked"
    found = similar_positions(trades, "Lead Dental Hygienist", MAX_SIMILAR)
    assert {s.node.name for s in found if shared in _names(s.shared)} == {"Line Cook", "Registered Nurse"}


# --- records from any reader --------------------------------------------------------------------------------------


def _guide(levels: list[str], rungs: list[str], *, ordered: bool, years: dict[str, YearRange] | None = None
           ) -> Extraction:
    """A guide's records: role "Baker" with ``levels`` (in section order) and a ``rungs`` ladder."""
    text = "\n".join(["Baker", *levels, *rungs]) + "\n"
    offsets = {}
    position = 0
    for line, name in enumerate(text.splitlines(), start=1):
        offsets[name] = Source("baker.txt", line, position, position + len(name), name)
        position += len(name) + 1
    years = years or {}
    role = Entity(EntityKind.ROLE, "Baker", (offsets["Baker"],), ("Bakers",))
    level_entities = [Entity(EntityKind.LEVEL, name, (offsets[name],), years=years.get(name)) for name in levels]
    rung_entities = [Entity(EntityKind.ROLE, name, (offsets[name],), years=years.get(name)) for name in rungs]
    relations = [Relation(RelationType.HAS_LEVEL, role.ref, level.ref, level.sources) for level in level_entities]
    if ordered:
        relations += [Relation(RelationType.PROGRESSES_TO, a.ref, b.ref, a.sources + b.sources)
                      for a, b in zip(level_entities, level_entities[1:], strict=False)]
    ladder = [role, *rung_entities]
    relations += [Relation(RelationType.PROGRESSES_TO, a.ref, b.ref, a.sources) for a, b in
                  zip(ladder, ladder[1:], strict=False)]
    return Extraction(Document("baker.txt", text), (role, *level_entities, *rung_entities), tuple(relations))


def test_join_positions_orders_levels_by_their_sections_when_records_do_not() -> None:
    G = build_graph([_guide(["Junior Level Baker", "Senior Level Baker"], ["Head Baker"], ordered=False)])
    assert G.redirects == {}
    assert _names(next_positions(G, "Junior Level Baker")) == ["Senior Level Baker"]
    edge = next(e for e in G.edges() if e.source == "level/junior-level-baker")
    assert edge.type is RelationType.PROGRESSES_TO and [s.line for s in edge.sources] == [2, 3]


def test_join_positions_joins_by_an_alias_of_the_role() -> None:
    extraction = _guide(["Senior Level Baker"], ["Senior Bakers"], ordered=True)
    G = build_graph([extraction])
    assert G.redirects == {"level/senior-level-baker": "role/senior-bakers"}


def test_join_positions_keeps_a_level_whose_rung_the_ladder_puts_below_an_earlier_join() -> None:
    # sections: Lead, then Senior; the ladder: Baker -> Senior Baker -> Lead Baker
    G = build_graph([_guide(["Lead Level Baker", "Senior Level Baker"], ["Senior Baker", "Lead Baker"], ordered=True)])
    assert G.redirects == {"level/lead-level-baker": "role/lead-baker"}
    assert G.get("level/senior-level-baker") is not None


def test_join_positions_moves_the_years_of_a_level_to_its_rung() -> None:
    years = {"Senior Level Baker": YearRange(5, None), "Junior Level Baker": YearRange(0, 2)}
    G = build_graph([_guide(["Junior Level Baker", "Senior Level Baker"], ["Senior Baker"], ordered=True,
                            years=years)])
    assert G.node("role/senior-baker").years == YearRange(5, None)
    assert G.node("level/junior-level-baker").years == YearRange(0, 2)
    assert G.node("role/baker").years is None


def test_path_years_sums_the_positions_before_the_goal() -> None:
    spans = {"Junior Level Baker": (Source("baker.txt", 2, 6, 24, "Junior Level Baker"),)}
    years = {"Junior Level Baker": YearRange(0, 2, spans["Junior Level Baker"]),
             "Senior Level Baker": YearRange(5, None), "Head Baker": YearRange(3, 4)}
    G = build_graph([_guide(["Junior Level Baker", "Senior Level Baker"], ["Senior Baker", "Head Baker"],
                            ordered=True, years=years)])
    path = shortest_career_path(G, "Junior Level Baker", "Head Baker")
    assert path is not None and [step.node.name for step in path.steps][-1] == "Head Baker"
    total = path_years(path)
    assert total is not None and (total.min, total.max) == (5, None)
    assert total.sources == spans["Junior Level Baker"]
    short = shortest_career_path(G, "Junior Level Baker", "Senior Baker")
    assert short is not None and path_years(short) == YearRange(0, 2, spans["Junior Level Baker"])
    bare = shortest_career_path(G, "Baker", "Head Baker")
    assert bare is not None and path_years(bare) is None  # the role states no years


def test_snapshot_keeps_years_and_redirects(tmp_path: Path) -> None:
    years = {"Senior Level Baker": YearRange(5, 7, (Source("baker.txt", 2, 6, 24, "Senior Level Baker"),))}
    G = build_graph([_guide(["Senior Level Baker"], ["Senior Baker"], ordered=True, years=years)])
    out = io.StringIO()
    write_snapshot(G, out)
    path = tmp_path / "graph.json"
    path.write_text(out.getvalue(), encoding="utf-8")
    loaded = read_snapshot(path)
    assert loaded.redirects == G.redirects == {"level/senior-level-baker": "role/senior-baker"}
    assert loaded.node("role/senior-baker").years == years["Senior Level Baker"]
    assert list(loaded.entities()) == list(G.entities()) and loaded.version == G.version


# --- similar positions ----------------------------------------------------------------------------------------------


def test_similar_positions_rank_by_jaccard_with_the_shared_entities(seed_graph: CareerGraph) -> None:
    found = similar_positions(seed_graph, "Mobile TPM")
    assert [(s.node.name, s.score, _names(s.shared)) for s in found] == [
        ("Mid Level Technical Product Manager", 0.083333, ["UX/UI Designers"]),
        ("Technical Product Manager", 0.034483, ["UX/UI Designers"]),
    ]


def test_similar_positions_break_ties_in_entity_order(seed_graph: CareerGraph) -> None:
    found = similar_positions(seed_graph, "Entry Level TPM", MAX_SIMILAR)
    keys = [(-s.score, s.node.kind.value, s.node.name.casefold()) for s in found]
    assert keys == sorted(keys, key=lambda k: (k[0], list(EntityKind).index(EntityKind(k[1])), k[2]))
    assert all(0 < s.score <= 1 for s in found)
    assert "Entry Level Technical Product Manager" not in _names(s.node for s in found)


def test_similar_positions_is_empty_when_nothing_is_shared(seed_graph: CareerGraph) -> None:
    assert similar_positions(seed_graph, "CTO") == []


def test_similar_positions_raises_for_an_unknown_position(seed_graph: CareerGraph) -> None:
    with pytest.raises(EntityNotFound, match="no career position named 'Mobil TPM'") as raised:
        similar_positions(seed_graph, "Mobil TPM")
    assert "Mobile Technical Product Manager" in raised.value.suggestions


@pytest.mark.parametrize("limit", [0, MAX_SIMILAR + 1])
def test_similar_positions_raises_when_limit_is_out_of_range(seed_graph: CareerGraph, limit: int) -> None:
    with pytest.raises(InvalidArgument, match=f"invalid first: must be between 1 and {MAX_SIMILAR}"):
        similar_positions(seed_graph, "TPM", limit)


def test_position_profile_raises_for_a_non_position(seed_graph: CareerGraph) -> None:
    with pytest.raises(EntityNotFound, match="no career position named 'Engineering'"):
        position_profile(seed_graph, "Engineering")


def test_typical_years_is_none_where_the_text_states_none(seed_graph: CareerGraph) -> None:
    positions = [n for n in seed_graph.entities() if n.kind in (EntityKind.ROLE, EntityKind.LEVEL)]
    assert positions and all(n.years is None for n in positions)


def test_entity_ref_of_a_joined_level_names_its_old_id() -> None:
    assert EntityRef(EntityKind.LEVEL, "Senior Level Technical Product Manager").id == SENIOR_LEVEL
