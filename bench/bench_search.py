"""Time search and name suggestions: on the bundled seed, and on a large generated graph.

    python bench/bench_search.py                       # seed, then 100,000 positions
    python bench/bench_search.py --positions 20000 --edges 100000

Prints, per query, the median milliseconds of `graph.search.search` and of
`graph.search.suggest_names` (the "did you mean" of every NOT_FOUND error),
and for suggestions the same question answered by `difflib.get_close_matches`
over every name: the plain approach the trigram index replaces. Also the time
to build the index and the memory it adds to the process.
"""

from __future__ import annotations

import argparse
import difflib
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.generate_graph import generate_career_graph  # noqa: E402
from graph import CareerGraph, load_graph  # noqa: E402
from graph.search import search, search_index, suggest_names  # noqa: E402
from seed.records import normalize_name  # noqa: E402

SEARCHES = ("infra", "secruity", "roadmap", "senior technical product manager", "api platform stakeholders")
MISSPELLED = ("Senoir TPM", "Prodct Analyst", "Infrastrcture", "Kalimo Prodct Mangaer", "xyz")


def median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _close_matches(text: str, names: list[str]) -> list[str]:
    """What difflib suggests for ``text`` among every name (the baseline `suggest_names` is measured against)."""
    return difflib.get_close_matches(normalize_name(text), names, 5, 0.5)


def measure(label: str, graph: CareerGraph, repeat: int, difflib_repeat: int) -> None:
    before, started = rss_mib(), time.perf_counter()
    search_index(graph)
    print(f"\n{label}: {len(graph)} entities; index built in {time.perf_counter() - started:.2f} s, "
          f"+{rss_mib() - before:.0f} MiB")
    names = [normalize_name(name) for node in graph.entities() for name in (node.name, *node.aliases)]
    for text in SEARCHES:
        print(f"  search {text!r:<38} {median_ms(partial(search, graph, text, limit=10), repeat):8.2f} ms")
    for text in MISSPELLED:
        ours = median_ms(partial(suggest_names, graph, text), repeat)
        plain = median_ms(partial(_close_matches, text, names), difflib_repeat)
        print(f"  suggest {text!r:<37} {ours:8.2f} ms   difflib over every name {plain:9.2f} ms   "
              f"x{plain / ours:.0f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--positions", type=int, default=100_000, help="generated positions (default 100000)")
    parser.add_argument("--edges", type=int, default=500_000, help="generated edges (default 500000)")
    parser.add_argument("--repeat", type=int, default=21, help="runs per query (default 21)")
    args = parser.parse_args(argv)
    measure("bundled seed", load_graph(), args.repeat, args.repeat)
    measure("generated", generate_career_graph(args.positions, args.edges, 0), args.repeat, 3)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
