"""Time filtered, sorted pages of ``entities(where:, orderBy:)`` on a large generated graph.

    python bench/bench_filters.py                       # 100,000 positions, 500,000 edges
    python bench/bench_filters.py --positions 20000 --edges 100000

Each question runs as a whole GraphQL request in-process (`schema.execute_sync`:
validation, the filter, the page, the JSON-ready result), with variables, and
every run asks about another entity (``to``) or another word, so neither the
page memo nor the clause cache answers it. Prints the median (p50) and p95
milliseconds per question (wall clock, and the median CPU time of the process,
which a shared machine disturbs less), the next page's median, and what the
indexes cost once: building them and each sorted order's first use.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.generate_graph import generate_career_graph  # noqa: E402
from graph import CareerGraph  # noqa: E402
from graph.filters import Sort, SortField, entity_index  # noqa: E402
from schema import schema  # noqa: E402
from schema.context import Context  # noqa: E402
from seed.records import EntityKind  # noqa: E402

PAGE = """query($where: EntityWhere, $orderBy: [EntitySort!], $after: String) {
  entities(where: $where, orderBy: $orderBy, first: 20, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id name kind }
  }
}"""
WORDS = ("senior", "lead", "data", "platform", "manager", "growth", "security", "mobile", "payments", "analyst")


def questions(graph: CareerGraph) -> dict[str, Callable[[int], dict[str, Any]]]:
    """Variables of each question for run ``i``: each run names another entity or word."""
    skills = [node.name for node in graph.entities(EntityKind.SKILL)]
    teams = [node.name for node in graph.entities(EntityKind.TEAM)]
    roles = [node.name for node in graph.entities(EntityKind.ROLE)]
    return {
        "specializations requiring a skill, by name": lambda i: {
            "where": {"kind": "SPECIALIZATION", "related": {"type": "REQUIRES_SKILL", "to": skills[i % len(skills)]}},
            "orderBy": [{"field": "NAME"}]},
        "roles and levels NOT working with a team, by degree desc": lambda i: {
            "where": {"kindIn": ["ROLE", "LEVEL"], "NOT": {"related": {"to": teams[i % len(teams)]}}},
            "orderBy": [{"field": "DEGREE", "direction": "DESC"}]},
        "positions one move from a role (OR of directions), kind then name": lambda i: {
            "where": {"OR": [{"related": {"type": "PROGRESSES_TO", "direction": way, "to": roles[i % len(roles)]}}
                             for way in ("OUTGOING", "INCOMING")]},
            "orderBy": [{"field": "KIND"}, {"field": "NAME", "direction": "DESC"}]},
        "name contains a word, not a responsibility, by name desc": lambda i: {
            "where": {"nameContains": f"{WORDS[i % len(WORDS)]} {'' if i < len(WORDS) else i % 7}".strip(),
                      "NOT": {"kind": "RESPONSIBILITY"}},
            "orderBy": [{"field": "NAME", "direction": "DESC"}]},
    }


def run(graph: CareerGraph, variables: dict[str, Any]) -> dict[str, Any]:
    result = schema.execute_sync(PAGE, variable_values=variables, context_value=Context(graph))
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data["entities"]


def percentiles(times: Sequence[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--positions", type=int, default=100_000, help="generated positions (default 100000)")
    parser.add_argument("--edges", type=int, default=500_000, help="generated edges (default 500000)")
    parser.add_argument("--repeat", type=int, default=41, help="runs per question (default 41)")
    args = parser.parse_args(argv)
    graph = generate_career_graph(args.positions, args.edges, 0)
    print(f"{len(graph)} entities, {graph.edge_count} edges")
    started = time.perf_counter()
    index = entity_index(graph)
    print(f"indexes built in {time.perf_counter() - started:.2f} s")
    for order in ((), (Sort(SortField.NAME),), (Sort(SortField.DEGREE, True),),
                  (Sort(SortField.KIND), Sort(SortField.NAME, True))):
        started, cpu_started = time.perf_counter(), time.process_time()
        index.view(order)
        keys = ", ".join(f"{s.field} {'DESC' if s.descending else 'ASC'}" for s in order) or "stable"
        print(f"  order {keys}: first use {1000 * (time.perf_counter() - started):.0f} ms "
              f"(cpu {1000 * (time.process_time() - cpu_started):.0f} ms)")
    run(graph, {"where": {"kind": "ROLE"}})  # validation of the document, once
    print(f"\nwhole request, first: 20, p50 / p95 over {args.repeat} runs, each about another entity or word:")
    for label, variables in questions(graph).items():
        first, later, cpu, totals = [], [], [], []
        for i in range(args.repeat):
            asked = variables(i)
            started, cpu_started = time.perf_counter(), time.process_time()
            page = run(graph, asked)
            first.append(1000 * (time.perf_counter() - started))
            cpu.append(1000 * (time.process_time() - cpu_started))
            totals.append(page["totalCount"])
            if page["pageInfo"]["hasNextPage"]:
                started = time.perf_counter()
                run(graph, {**asked, "after": page["pageInfo"]["endCursor"]})
                later.append(1000 * (time.perf_counter() - started))
        p50, p95 = percentiles(first)
        line = f"  {label:<68} {p50:6.2f} / {p95:6.2f} ms  cpu p50 {statistics.median(cpu):6.2f} ms"
        if later:
            line += f"   next page {percentiles(later)[0]:6.2f} ms"
        print(f"{line}   (matches {min(totals)}-{max(totals)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
