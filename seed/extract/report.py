"""The coverage of one structurally read document: one report a line, saying what it produced or why not.

A line holding several blocks (the cells of a Markdown table row) reports
them together; a line inside a block spread over lines points to the block's
first line; a line no block covers is blank, markup, front matter or page
boilerplate the reader left out.
"""

from __future__ import annotations

import re

from seed.extract.collector import Collector
from seed.extract.sections import Layout
from seed.outline import Block, BlockKind, Outline
from seed.records import LineCategory, LineReport

_NEWLINE = re.compile("\n")

__all__ = ["coverage_lines"]

_CATEGORY = {
    BlockKind.HEADING: LineCategory.HEADING,
    BlockKind.LIST_ITEM: LineCategory.BULLET,
    BlockKind.PARAGRAPH: LineCategory.PROSE,
    BlockKind.TABLE_CELL: LineCategory.CELL,
    BlockKind.CODE: LineCategory.CODE,
}


def coverage_lines(outline: Outline, collector: Collector, layout: Layout) -> tuple[LineReport, ...]:
    """One `LineReport` for every line of the document, in order."""
    text = outline.document.text
    starts = [0, *(match.end() for match in _NEWLINE.finditer(text))]
    if text.endswith("\n"):
        starts.pop()
    by_line: dict[int, list[Block]] = {}
    inside: dict[int, int] = {}
    for block in outline.blocks:
        by_line.setdefault(block.line, []).append(block)
        last = block.line + text.count("\n", block.source.start, block.source.end)
        for number in range(block.line + 1, last + 1):
            inside.setdefault(number, block.line)
    front_end = _front_matter_lines(text)
    name = outline.document.name
    reports = []
    for number, start in enumerate(starts, start=1):
        blocks = by_line.get(number)
        if blocks:
            reports.append(_report(name, number, blocks, collector, layout))
        elif number in inside:
            first = by_line[inside[number]][0]
            reports.append(LineReport(name, number, _CATEGORY[first.kind], (), f"continues line {inside[number]}"))
        else:
            end = starts[number] if number < len(starts) else len(text)
            raw = text[start:end].strip()
            if not raw:
                reports.append(LineReport(name, number, LineCategory.BLANK, (), "blank line"))
            elif number <= front_end:
                reports.append(LineReport(name, number, LineCategory.NOISE, (), "front matter"))
            else:
                reports.append(LineReport(name, number, LineCategory.NOISE, (), "markup or page boilerplate"))
    return tuple(reports)


def _report(name: str, number: int, blocks: list[Block], collector: Collector, layout: Layout) -> LineReport:
    produced = tuple(what for block in blocks for what in collector.produced.get(block.index, ()))
    category = _CATEGORY[blocks[0].kind]
    reason = ""
    if not produced:
        block = blocks[0]
        if block.index in layout.noise:
            category, reason = LineCategory.NOISE, layout.noise[block.index]
        elif block.index in layout.roles:
            reason = layout.roles[block.index]
        elif block.kind is BlockKind.HEADING:
            reason = "heading of a section that states nothing by itself"
        elif block.kind is BlockKind.CODE:
            reason = "code block (only Mermaid charts state moves)"
        else:
            reason = "states no career fact"
    return LineReport(name, number, category, produced, reason)


def _front_matter_lines(text: str) -> int:
    """How many lines the YAML front matter takes, 0 without one."""
    if not text.startswith("---"):
        return 0
    end = text.find("\n---", 3)
    return text.count("\n", 0, end) + 2 if end > 0 else 0
