"""Time building the graph: from the bundled seed, and from generated corpora of guides.

    python bench/bench_build.py                  # seed, then 100, 300 and 1,000 guides
    python bench/bench_build.py --sizes 100,1000 --runs 5

The corpus is the bundled guide rewritten once per guide, deterministically:
each guide gets its own role family (``Technical Product Manager`` becomes
``Kalimo Product Manager``, ``TPM`` becomes ``KPM17``, and so on), so its
roles, levels, specializations and responsibilities are new nodes, while
shared things (teams, skills, the executive roles of the ladder) merge across
guides as the seed pipeline merges them. The guides are written to a
temporary folder and read back as a seed folder, as ``CAREERGRAPH_SEED`` would
be. Time per guide shows whether the cost stays linear in the corpus size.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph import load_graph  # noqa: E402
from graph.build import build_graph  # noqa: E402
from seed import DEFAULT_SEED, extract_seed  # noqa: E402

__all__ = ["build_rows", "write_corpus"]

SYLLABLES = ("ka", "li", "mo", "ra", "ve", "sun", "to", "ne", "zi", "dor", "pa", "qu")


def family(index: int) -> str:
    """A made-up, capitalized word, different for every index below 1,728."""
    first, rest = divmod(index, len(SYLLABLES) ** 2)
    second, third = divmod(rest, len(SYLLABLES))
    return (SYLLABLES[first % len(SYLLABLES)] + SYLLABLES[second] + SYLLABLES[third]).capitalize()


def guide(text: str, index: int) -> str:
    """The bundled guide, rewritten for role family ``index``."""
    word = family(index)
    return (text.replace("Technical Product Manag", f"{word} Product Manag")
            .replace("TPM", f"{word[0]}PM{index}"))


def write_corpus(folder: Path, count: int) -> Path:
    """Write ``count`` guides into ``folder``; returns it."""
    text = DEFAULT_SEED.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        (folder / f"guide-{index:04d}.txt").write_text(guide(text, index), encoding="utf-8")
    return folder


def _timed(run: Callable[[], object], runs: int) -> float:
    """Median seconds of ``runs`` calls."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        made = run()
        times.append(time.perf_counter() - started)
        del made  # freeing a large graph takes a while: not part of building it
    return statistics.median(times)


def build_rows(sizes: Sequence[int] = (100, 300, 1000), runs: int = 3) -> list[tuple[str, str]]:
    """The figures as (label, value) rows."""
    _timed(load_graph, 3)  # imports and first-call costs out of the way
    extractions = extract_seed()
    rows = [
        ("bundled seed: read + extract + build", f"{_timed(load_graph, 20) * 1000:.1f} ms (median of 20)"),
        ("bundled seed: build from records", f"{_timed(lambda: build_graph(extractions), 20) * 1000:.2f} ms"),
    ]
    with tempfile.TemporaryDirectory(prefix="careergraph-corpus-") as tmp:
        for size in sizes:
            folder = write_corpus(Path(tmp) / str(size), size)
            graph = load_graph(folder)
            counts = len(graph), graph.edge_count
            del graph  # one graph alive at a time
            seconds = _timed(lambda folder=folder: load_graph(folder), runs)
            rows.append((f"{size} guides: read + extract + build",
                         f"{seconds:.2f} s, {seconds / size * 1000:.2f} ms per guide "
                         f"({counts[0]} entities, {counts[1]} relations)"))
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,300,1000", help="corpus sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per corpus under 1,000 guides (median)")
    args = parser.parse_args(argv)
    rows = build_rows([int(size) for size in args.sizes.split(",")], args.runs)
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
