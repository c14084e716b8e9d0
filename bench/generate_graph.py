"""A large, plausible career graph for benchmarks, generated without any seed text.

Roles sit in job families (ladders) on eight tiers, from intern to executive;
most PROGRESSES_TO edges climb one tier inside a family, some cross to a
nearby family, skip a tier or move sideways. A fifth of the positions are
levels in entry -> mid -> senior chains inside a role, three tenths are
specializations reached from one or two roles. The remaining edges give
positions responsibilities, skills and teams. Nodes and edges carry the
attributes `graph.build.build_graph` gives them, sources included, so the
graph costs what a real one of its size would.

Run ``python bench/generate_graph.py --positions 1000 --edges 5000`` for a summary.
"""

from __future__ import annotations

import argparse
import hashlib
import random
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from graph.model import CareerGraph, DocumentInfo
from seed.records import EntityKind, EntityRef, RelationType, Source

__all__ = ["generate_career_graph"]

TITLES = ("Intern", "Associate", "Analyst", "Manager", "Senior Manager", "Lead", "Director", "Vice President")
#: Share of roles on each tier: a pyramid.
TIER_WEIGHTS = (8, 12, 14, 14, 12, 9, 6, 3)
DOMAINS = (
    "Product",
    "Data",
    "Platform",
    "Mobile",
    "Security",
    "Payments",
    "Growth",
    "Infrastructure",
    "Design",
    "Research",
    "Marketing",
    "Sales",
    "Finance",
    "Operations",
    "Support",
    "Quality",
    "Analytics",
    "Cloud",
    "Hardware",
    "Firmware",
    "Legal",
    "People",
    "Content",
    "Search",
    "Ads",
    "Identity",
    "Billing",
    "Logistics",
)
LEVELS = ("Entry Level", "Mid Level", "Senior Level")
FLAVOURS = ("AI/ML", "API", "Mobile", "Embedded", "Enterprise", "Consumer", "Regulated", "Open Source", "B2B", "Edge")
#: Share of the edge budget spent on moves; the rest are responsibilities, skills and teams.
MOVE_SHARE = 0.6


@dataclass
class _Builder:
    rng: random.Random
    graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)
    lines: int = 0
    edges: int = 0  # nx.MultiDiGraph.number_of_edges() walks the whole graph

    def source(self, text: str) -> tuple[Source, ...]:
        self.lines += 1
        start = self.lines * 120
        return (Source("generated.txt", self.lines, start, start + len(text), text),)

    def node(self, kind: EntityKind, name: str, aliases: tuple[str, ...] = ()) -> str:
        node_id = EntityRef(kind, name).id
        self.graph.add_node(node_id, kind=kind, name=name, aliases=aliases, description=None, sources=self.source(name))
        return node_id

    def edge(self, type_: RelationType, u: str, v: str) -> bool:
        if u == v or self.graph.has_edge(u, v, type_.value):
            return False
        text = f"{self.graph.nodes[u]['name']} {type_.value.lower().replace('_', ' ')} {self.graph.nodes[v]['name']}."
        self.graph.add_edge(u, v, key=type_.value, type=type_, sources=self.source(text))
        self.edges += 1
        return True


def generate_career_graph(positions: int, edges: int, seed: int) -> CareerGraph:
    """A layered career graph of ``positions`` positions and ``edges`` edges, the same for the same seed.

    Examples
    --------
    >>> from graph.paths import POSITION_KINDS
    >>> G = generate_career_graph(positions=300, edges=1500, seed=1)
    >>> sum(len(G.entities(kind)) for kind in POSITION_KINDS), G.edge_count
    (300, 1500)
    """
    if positions < 10 or edges < 2 * positions:
        raise ValueError("need at least 10 positions and twice as many edges as positions")
    build = _Builder(random.Random(seed))
    n_levels, n_specializations = positions // 5 // 3 * 3, positions * 3 // 10
    ladders = _roles(build, positions - n_levels - n_specializations)
    roles = [role for tiers in ladders for rung in tiers for role in rung]
    _levels(build, roles, n_levels)
    _specializations(build, ladders, n_specializations)
    _progressions(build, ladders, int(edges * MOVE_SHARE))
    _chores(build, positions, edges)
    digest = hashlib.sha256(f"{positions}:{edges}:{seed}".encode()).hexdigest()
    return CareerGraph(build.graph, [DocumentInfo(f"generated-{positions}-{edges}-{seed}", digest)])


def _roles(build: _Builder, count: int) -> list[list[list[str]]]:
    """Roles by family and tier, each family climbing at least one rung per tier."""
    families = max(1, count // 12)
    ladders: list[list[list[str]]] = [[[] for _ in TITLES] for _ in range(families)]
    for i in range(count):
        family = i % families
        tier = build.rng.choices(range(len(TITLES)), TIER_WEIGHTS)[0]
        name = f"{TITLES[tier]} of {DOMAINS[family % len(DOMAINS)]} {family} #{i}"
        ladders[family][tier].append(build.node(EntityKind.ROLE, name, (f"{TITLES[tier]} {family}-{i}",)))
    for tiers in ladders:
        rungs = [rung for rung in tiers if rung]
        for lower, upper in zip(rungs, rungs[1:], strict=False):
            for role in lower:
                build.edge(RelationType.PROGRESSES_TO, role, build.rng.choice(upper))
    return ladders


def _levels(build: _Builder, roles: list[str], count: int) -> None:
    """Entry, mid and senior levels of some roles, each chain climbing one way."""
    for role in build.rng.sample(roles, min(len(roles), count // len(LEVELS))):
        role_name = build.graph.nodes[role]["name"]
        chain = [build.node(EntityKind.LEVEL, f"{level} {role_name}") for level in LEVELS]
        for level in chain:
            build.edge(RelationType.HAS_LEVEL, role, level)
        for lower, upper in zip(chain, chain[1:], strict=False):
            build.edge(RelationType.PROGRESSES_TO, lower, upper)


def _specializations(build: _Builder, ladders: list[list[list[str]]], count: int) -> None:
    """Specializations of a role; three in ten are shared with a role of another family on the same tier."""
    by_tier: dict[int, list[str]] = defaultdict(list)
    for family in ladders:
        for tier, rung in enumerate(family):
            by_tier[tier].extend(rung)
    staffed = [tier for tier in by_tier if by_tier[tier]]
    for i in range(count):
        tier = build.rng.choice(staffed)
        role = build.rng.choice(by_tier[tier])
        name = f"{build.rng.choice(FLAVOURS)} {build.graph.nodes[role]['name']} ({i})"
        specialization = build.node(EntityKind.SPECIALIZATION, name)
        build.edge(RelationType.HAS_SPECIALIZATION, role, specialization)
        if build.rng.random() < 0.3:
            build.edge(RelationType.HAS_SPECIALIZATION, build.rng.choice(by_tier[tier]), specialization)


def _progressions(build: _Builder, ladders: list[list[list[str]]], moves: int) -> None:
    """More PROGRESSES_TO between roles until the graph holds ``moves`` edges."""
    rng, families = build.rng, len(ladders)
    for _ in range(50 * moves):  # bounded: a tiny graph may run out of new progressions
        if build.edges >= moves:
            return
        family = rng.randrange(families)
        tier = rng.randrange(len(TITLES) - 1)
        if not ladders[family][tier]:
            continue
        roll = rng.random()
        step = 2 if roll < 0.10 else 0 if roll > 0.95 else 1  # skip a tier, move sideways, or climb one
        other = family if roll < 0.75 else (family + rng.randint(1, 3)) % families
        upper = ladders[other][min(tier + step, len(TITLES) - 1)]
        if upper:
            build.edge(RelationType.PROGRESSES_TO, rng.choice(ladders[family][tier]), rng.choice(upper))


def _chores(build: _Builder, positions: int, edges: int) -> None:
    """Responsibilities, skills and teams of random positions until the graph holds ``edges`` edges."""
    rng = build.rng
    holders = list(build.graph.nodes)
    responsibilities = [build.node(EntityKind.RESPONSIBILITY, f"Owning outcome {i}") for i in range(positions // 4)]
    skills = [build.node(EntityKind.SKILL, f"Skill {i}") for i in range(max(10, positions // 20))]
    teams = [build.node(EntityKind.TEAM, f"Team {i}") for i in range(max(5, positions // 300))]
    for _ in range(50 * edges):
        if build.edges >= edges:
            return
        roll = rng.random()
        if roll < 0.45:
            build.edge(RelationType.HAS_RESPONSIBILITY, rng.choice(holders), rng.choice(responsibilities))
        elif roll < 0.8:
            build.edge(RelationType.REQUIRES_SKILL, rng.choice(holders), rng.choice(skills))
        else:
            holder = rng.choice(responsibilities) if roll < 0.9 else rng.choice(holders)
            build.edge(RelationType.COLLABORATES_WITH, holder, rng.choice(teams))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--positions", type=int, default=1000)
    parser.add_argument("--edges", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    G = generate_career_graph(args.positions, args.edges, args.seed)
    print(f"{len(G)} nodes, {G.edge_count} edges")
    for kind, count in G.kind_counts().items():
        print(f"  {kind.value:<16}{count:>9}")


if __name__ == "__main__":
    main()
