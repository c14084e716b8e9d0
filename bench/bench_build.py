"""Time building the graph: from the bundled seed, the real-world corpus, and generated corpora of guides.

    python bench/bench_build.py                  # seed, corpus, then 100, 300 and 1,000 guides of each shape
    python bench/bench_build.py --sizes 100,1000 --runs 5 --shapes text,markdown,html

The corpus is the bundled guide rewritten once per guide, deterministically:
each guide gets its own role family (``Technical Product Manager`` becomes
``Kalimo Product Manager``, ``TPM`` becomes ``KPM17``, and so on), so its
roles, levels, specializations and responsibilities are new nodes, while
shared things (teams, skills, the executive roles of the ladder) merge across
guides as the seed pipeline merges them. The guides are written to a
temporary folder and read back as a seed folder, as ``CAREERGRAPH_SEED`` would
be. Time per guide shows whether the cost stays linear in the corpus size.

The Markdown and HTML corpora (``--shapes markdown,html``) are ladders of the
shapes the structural extractor reads: a Markdown guide with front matter,
level headings, nested bullets, years of experience and a specializations
section; an HTML page with navigation, a level table (levels as rows, a
nested list in a cell) and a footer. Each guide has its own role (a made-up
family word before an occupation), so its positions are new nodes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph import load_graph  # noqa: E402
from graph.build import build_graph  # noqa: E402
from seed import DEFAULT_SEED, extract_seed  # noqa: E402

__all__ = ["build_rows", "html_guide", "markdown_guide", "write_corpus"]

#: The real-world corpus beside the repository, when the machine has it.
CORPUS = ROOT.parent.parent / "shared" / "corpus" / "realworld"
OCCUPATIONS = ("Engineer", "Nurse", "Accountant", "Chef", "Electrician", "Analyst", "Designer", "Technician")

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


def markdown_guide(index: int) -> str:
    """A Markdown ladder for role family ``index``: front matter, levels, nested bullets, years, specialties."""
    role = f"{family(index)} {OCCUPATIONS[index % len(OCCUPATIONS)]}"
    levels = ["Junior", "", "Senior", "Staff", "Principal"]
    parts = [f"---\ntitle: {role} Career Ladder\n---\n\n# {role} Career Ladder\n\n"
             f"What we expect from a {role.lower()} at each level.\n"]
    for rank, level in enumerate(levels):
        name = f"{level} {role}".strip()
        parts.append(f"\n## {name}\n\nTypically {rank * 2}-{rank * 2 + 3} years of experience.\n\n"
                     f"- Delivers work item {index}-{rank} with the operations team.\n"
                     f"- Reviews the plans of other {role.lower()}s\n"
                     f"  - Writes down the decisions of review {rank}.\n"
                     f"- **Owns**: the quality of deliverable {index}-{rank}, "
                     "with strong knowledge of SQL and Excel.\n")
    parts.append("\n## Specialties\n\n")
    for area in ("Field", "Research"):
        parts.append(f"### {area}\n\n- Leads {area.lower()} project {index} with the finance team.\n\n")
    parts.append("Share this page · Subscribe to our newsletter\n")
    return "".join(parts)


def html_guide(index: int) -> str:
    """An HTML page for role family ``index``: navigation, a level table with a nested list, a footer."""
    role = f"{family(index)} {OCCUPATIONS[(index + 3) % len(OCCUPATIONS)]}"
    rows = []
    for rank, level in enumerate(("Associate", "", "Senior", "Lead")):
        name = f"{level} {role}".strip()
        rows.append(f"<tr><td>{name}</td><td>Owns deliverable {index}-{rank} end to end</td>"
                    f"<td><ul><li>Works with the quality team on audit {rank}</li>"
                    f"<li>Plans budget line {index}-{rank} with Excel</li></ul></td></tr>")
    return (f"<!DOCTYPE html><html><head><title>{role} Levels | Example</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/jobs'>Jobs</a></nav><main><h1>{role} Levels</h1>"
            f"<p>How a {role.lower()} grows, level by level.</p><table><thead><tr><th>Level</th><th>Scope</th>"
            f"<th>Craft</th></tr></thead><tbody>{''.join(rows)}</tbody></table></main>"
            f"<footer><p>&copy; 2026 Example. All rights reserved.</p></footer></body></html>\n")


def write_corpus(folder: Path, count: int, shape: str = "text") -> Path:
    """Write ``count`` guides of a shape (``text``: the bundled guide rewritten; ``markdown``; ``html``)."""
    text = DEFAULT_SEED.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        if shape == "markdown":
            (folder / f"guide-{index:04d}.md").write_text(markdown_guide(index), encoding="utf-8")
        elif shape == "html":
            (folder / f"guide-{index:04d}.html").write_text(html_guide(index), encoding="utf-8")
        else:
            (folder / f"guide-{index:04d}.txt").write_text(guide(text, index), encoding="utf-8")
    return folder


def _timed(run: Callable[[], object], runs: int) -> float:
    """Median CPU seconds of ``runs`` calls (CPU time: on a shared machine wall time measures the neighbours)."""
    times = []
    for _ in range(runs):
        started = time.process_time()
        made = run()
        times.append(time.process_time() - started)
        del made  # freeing a large graph takes a while: not part of building it
    return statistics.median(times)


def build_rows(
    sizes: Sequence[int] = (100, 300, 1000), runs: int = 3, shapes: Sequence[str] = ("text", "markdown", "html")
) -> list[tuple[str, str]]:
    """The figures as (label, value) rows."""
    _timed(load_graph, 3)  # imports and first-call costs out of the way
    extractions = extract_seed()
    rows = [
        ("bundled seed: read + extract + build", f"{_timed(load_graph, 20) * 1000:.1f} ms (median of 20)"),
        ("bundled seed: build from records", f"{_timed(lambda: build_graph(extractions), 20) * 1000:.2f} ms"),
    ]
    if CORPUS.is_dir():
        seconds = _timed(lambda: load_graph(CORPUS), runs)
        rows.append(("real-world corpus (7 documents, 107 KB)", f"{seconds * 1000:.0f} ms"))
    with tempfile.TemporaryDirectory(prefix="careergraph-corpus-") as tmp:
        for shape in shapes:
            for size in sizes:
                folder = write_corpus(Path(tmp) / f"{shape}-{size}", size, shape)
                started = time.process_time()
                graph = load_graph(folder)
                seconds = time.process_time() - started
                counts = len(graph), graph.edge_count
                del graph  # one graph alive at a time
                if runs > 1 and size < 1000:
                    seconds = min(seconds, _timed(partial(load_graph, folder), runs - 1))
                rows.append((f"{size} {shape} guides: read + extract + build",
                             f"{seconds:.2f} s, {seconds / size * 1000:.2f} ms per guide "
                             f"({counts[0]} entities, {counts[1]} relations)"))
                print(*rows[-1], sep="  ", file=sys.stderr, flush=True)
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,300,1000", help="corpus sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per corpus under 1,000 guides (median)")
    parser.add_argument("--shapes", default="text,markdown,html", help="corpus shapes, comma-separated")
    args = parser.parse_args(argv)
    rows = build_rows([int(size) for size in args.sizes.split(",")], args.runs, args.shapes.split(","))
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
