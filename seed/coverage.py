"""The coverage report: what every line of every document produced, or why not."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from seed.records import EntityKind, Extraction, LineCategory, RelationType

__all__ = ["coverage_report", "coverage_summary"]


def coverage_summary(extractions: Iterable[Extraction]) -> dict[str, Counter[str]]:
    """Counts per entity kind, relation type and line category over all documents."""
    kinds: Counter[str] = Counter()
    relations: Counter[str] = Counter()
    lines: Counter[str] = Counter()
    for extraction in extractions:
        kinds.update(entity.kind.value for entity in extraction.entities)
        relations.update(relation.type.value for relation in extraction.relations)
        lines.update(report.category.value for report in extraction.coverage)
    return {"entities": kinds, "relations": relations, "lines": lines}


def coverage_report(extractions: Iterable[Extraction], verbose: bool = True) -> str:
    """A readable report: one row per line (when ``verbose``), then the counts.

    >>> from seed.records import Document
    >>> from seed.extract import extract
    >>> print(coverage_report([extract(Document("b.txt", "Definition of a Baker\\nBakers bake.\\n"))]))
    b.txt
         1  heading  ROLE Baker
         2  prose    ROLE Baker
    <BLANKLINE>
    entities: ROLE 1
    relations: none
    lines: heading 1, prose 1
    """
    extractions = list(extractions)
    out: list[str] = []
    if verbose:
        for extraction in extractions:
            out.append(extraction.document.name)
            for report in extraction.coverage:
                what = "; ".join(report.produced) if report.produced else f"({report.reason})"
                out.append(f"{report.line:>6}  {report.category.value:<8} {what}")
            out.append("")
    summary = coverage_summary(extractions)
    out.append("entities: " + _counts(summary["entities"], [k.value for k in EntityKind]))
    out.append("relations: " + _counts(summary["relations"], [t.value for t in RelationType]))
    out.append("lines: " + _counts(summary["lines"], [c.value for c in LineCategory]))
    return "\n".join(out)


def _counts(counter: Counter[str], order: list[str]) -> str:
    parts = [f"{key} {counter[key]}" for key in order if counter[key]]
    return ", ".join(parts) or "none"
