"""Time the career-path functions on a generated graph, as the API calls them.

    python bench/bench_paths.py --positions 100000 --edges 500000

Pairs are drawn uniformly: a random position, then a random position it can
reach (``reachable``), or any position at all (``any``: mostly no path). Each
query passes names, so look-up is timed too. ``similar_positions`` is timed
from the first position of each reachable pair. The process is set up as the
server sets itself up: graph built, moves indexed, ``gc.freeze()``. Resident
memory is the peak (``ru_maxrss``) of this process; it is read before the
NetworkX comparison (``--networkx``) builds its own digraph.
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from itertools import islice
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.generate_graph import generate_career_graph
from graph.lookup import POSITION_KINDS
from graph.model import CareerGraph, Node
from graph.paths import (
    career_moves,
    k_shortest_career_paths,
    path_changes,
    prepare_career_moves,
    reachable_positions,
    shortest_career_path,
)
from graph.positions import similar_positions

Pair = tuple[Node, Node]


def main(argv: Sequence[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    G, rows = _served_graph(args.positions, args.edges, args.seed)
    rng = random.Random(args.seed)
    positions = [node for kind in POSITION_KINDS for node in G.entities(kind)]
    reachable = [(s.name, t.name) for s, t in _reachable_pairs(G, positions, args.pairs, rng)]
    anywhere = [(rng.choice(positions).name, rng.choice(positions).name) for _ in range(args.pairs)]
    rows += _path_rows(G, reachable, anywhere, args.k, args.k_pairs)
    rows.append(("peak resident memory, end", _peak_memory()))
    if args.networkx:
        rows += _networkx_rows(G, reachable, args.k, args.k_pairs)
    _print_table(rows)


def _served_graph(positions: int, edges: int, seed: int) -> tuple[CareerGraph, list[tuple[str, str]]]:
    """The graph set up as the server sets it up, and how long that took."""
    started = time.perf_counter()
    G = generate_career_graph(positions, edges, seed)
    generated = f"{time.perf_counter() - started:8.2f} s  ({len(G)} nodes, {G.edge_count} edges)"
    memory = _peak_memory()
    started = time.perf_counter()
    prepare_career_moves(G)
    indexed = f"{(time.perf_counter() - started) * 1000:8.1f} ms"
    gc.collect()
    gc.freeze()
    return G, [
        ("graph generated", generated),
        ("peak resident memory, graph", memory),
        ("move index built", indexed),
        ("peak resident memory, indexed", _peak_memory()),
    ]


def _path_rows(
    G: CareerGraph, reachable: list[tuple[str, str]], anywhere: list[tuple[str, str]], k: int, k_pairs: int
) -> list[tuple[str, str]]:
    hops = [path.hops for s, t in reachable if (path := shortest_career_path(G, s, t)) is not None]
    found = sum(shortest_career_path(G, s, t) is not None for s, t in anywhere)
    return [
        ("hops of reachable pairs", f"median {statistics.median(hops):g}, max {max(hops)}"),
        _timed("shortest_career_path reachable", reachable, lambda s, t: shortest_career_path(G, s, t)),
        _timed(f"shortest_career_path any ({found} found)", anywhere, lambda s, t: shortest_career_path(G, s, t)),
        _timed(f"k_shortest_career_paths k={k}", reachable[:k_pairs], lambda s, t: k_shortest_career_paths(G, s, t, k)),
        _timed("shortest path + whole-path changes", reachable,
               lambda s, t: path_changes(G, shortest_career_path(G, s, t))),  # type: ignore[arg-type]
        _timed("similar_positions first=5", reachable, lambda s, t: similar_positions(G, s, 5)),
    ]


def _peak_memory() -> str:
    return f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:8.0f} MiB"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--positions", type=int, default=100_000, help="career positions (default 100000)")
    parser.add_argument("--edges", type=int, default=500_000, help="edges of every kind (default 500000)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the graph and of the pairs")
    parser.add_argument("--pairs", type=int, default=300, help="pairs timed for shortest paths (default 300)")
    parser.add_argument("--k", type=int, default=5, help="paths per k-shortest query (default 5)")
    parser.add_argument("--k-pairs", type=int, default=100, help="pairs timed for k shortest paths (default 100)")
    parser.add_argument("--networkx", action="store_true", help="also time NetworkX on a digraph of the moves")
    return parser


def _reachable_pairs(G: CareerGraph, positions: list[Node], count: int, rng: random.Random) -> list[Pair]:
    pairs: list[Pair] = []
    while len(pairs) < count:
        source = rng.choice(positions)
        reached = reachable_positions(G, source.id)[1:]
        if reached:
            pairs.append((source, rng.choice(reached)[0]))
    return pairs


def _timed(label: str, pairs: Sequence[tuple[str, str]], query: Callable[[str, str], object]) -> tuple[str, str]:
    """Median, 95th percentile and maximum of ``query`` over the pairs."""
    times = []
    for source, target in pairs:
        started = time.perf_counter()
        query(source, target)
        times.append((time.perf_counter() - started) * 1000)
    p95 = statistics.quantiles(times, n=20)[-1]
    return label, f"median {statistics.median(times):7.2f} ms   p95 {p95:7.2f} ms   max {max(times):7.2f} ms"


def _networkx_rows(G: CareerGraph, pairs: Sequence[tuple[str, str]], k: int, k_pairs: int) -> list[tuple[str, str]]:
    """The same queries in NetworkX (bidirectional BFS, Yen) on `career_moves`, names resolved beforehand."""
    started = time.perf_counter()
    moves = career_moves(G)
    built = ("networkx digraph built", f"{time.perf_counter() - started:8.2f} s")
    ids = [(_id(G, s), _id(G, t)) for s, t in pairs]
    shortest = _timed(
        "networkx bidirectional_shortest_path", ids, lambda s, t: nx.bidirectional_shortest_path(moves, s, t)
    )
    yen = _timed(
        f"networkx shortest_simple_paths k={k}",
        ids[:k_pairs],
        lambda s, t: list(islice(nx.shortest_simple_paths(moves, s, t), k)),
    )
    return [built, shortest, yen]


def _id(G: CareerGraph, name: str) -> str:
    node = G.find(name, POSITION_KINDS)
    assert node is not None
    return node.id


def _print_table(rows: list[tuple[str, str]]) -> None:
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
