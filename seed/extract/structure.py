"""Extraction from structure: headings, lists, tables, Mermaid charts and sentences, in any occupation.

Four passes over one outline (the rules are in docs/extraction.md):

1. **Sections** (`seed.extract.sections`): who each block is about. Level
   headings, level tables, specialization and track sections make positions;
   every block gets a holder (the role, a level, a specialization, a side role)
   and the kind of its section (responsibilities, requirements, noise…).
2. **Ladder**: moves the text states (Mermaid edges, arrow chains, progression
   sentences, "extends the X role").
3. **Order**: consecutive levels of a group climb in document order, except
   where the text states another move for them.
4. **Content**: responsibilities, years of experience, teams and skills, each
   on the holder of the block that states it.
"""

from __future__ import annotations

from seed.errors import UnrecognizedGuide
from seed.extract.collector import Collector
from seed.extract.content import read_content
from seed.extract.positions import Positions
from seed.extract.report import coverage_lines
from seed.extract.roles import find_role
from seed.extract.sections import read_sections
from seed.extract.sentences import sentences
from seed.ladder import Mention, arrow_moves, extends_role, mermaid_moves, sentence_moves
from seed.outline import Block, BlockKind, Outline
from seed.records import EntityKind, EntityRef, Extraction, RelationType, Source

__all__ = ["extract_structure"]


def extract_structure(outline: Outline) -> Extraction:
    """Extract what an outline states about careers.

    Raises `UnrecognizedGuide` when it names no role and states no level,
    ladder, specialization or responsibility.
    """
    choice = find_role(outline)
    if choice is None:
        raise UnrecognizedGuide(outline.document.name)
    collector = Collector(outline.document.name)
    positions = Positions(outline, collector, choice.name, choice.source)
    layout = read_sections(outline, positions)
    stated = _ladder(outline, layout.holders, layout.noise, positions)
    _order(layout.groups, stated, positions)
    read_content(outline, layout, positions)
    if choice.how == "file name" and not _career_like(collector):
        raise UnrecognizedGuide(outline.document.name)
    return Extraction(
        outline.document,
        tuple(collector.entities.values()),
        tuple(collector.relations.values()),
        coverage_lines(outline, collector, layout),
    )


def _career_like(collector: Collector) -> bool:
    kinds = {EntityKind.LEVEL, EntityKind.SPECIALIZATION, EntityKind.RESPONSIBILITY}
    return any(ref.kind in kinds for ref in collector.entities) or any(
        key[0] is RelationType.PROGRESSES_TO for key in collector.relations
    )


# -- pass 2: the moves the text states ------------------------------------------


def _ladder(
    outline: Outline, holders: dict[int, EntityRef], noise: dict[int, str], positions: Positions
) -> set[tuple[EntityRef, EntityRef]]:
    stated: set[tuple[EntityRef, EntityRef]] = set()
    collector = positions.collector
    for block in outline.blocks:
        if block.index in noise or block.kind is BlockKind.HEADING:
            continue
        collector.block = block.index
        if block.kind is BlockKind.CODE:
            if block.info.casefold() == "mermaid":
                for a, b in mermaid_moves(block.text):
                    stated.add(_move(outline, block, a, b, positions))
            continue
        for a, b in arrow_moves(block.text):
            stated.add(_move(outline, block, a, b, positions))
        for start, end in sentences(block.text):
            sentence = block.text[start:end]
            for a, b in sentence_moves(sentence, positions.known_names()):
                stated.add(_move(outline, block, _shift(a, start), _shift(b, start), positions))
            extended = extends_role(sentence)
            holder = holders.get(block.index)
            if extended and holder is not None:
                lower = positions.resolve(outline.quote(block, start + extended.start, start + extended.end),
                                          create=False)
                if lower is not None and lower != holder:
                    span = outline.quote(block, start, end)
                    collector.relation(RelationType.PROGRESSES_TO, lower, holder, span)
                    stated.add((lower, holder))
    collector.block = None
    return stated


def _shift(mention: Mention, by: int) -> Mention:
    return Mention(mention.name, mention.start + by, mention.end + by)


def _move(outline: Outline, block: Block, a: Mention, b: Mention, positions: Positions) -> tuple[EntityRef, EntityRef]:
    lower_span, upper_span = outline.quote(block, a.start, a.end), outline.quote(block, b.start, b.end)
    lower = positions.resolve(lower_span)
    upper = positions.resolve(upper_span)
    assert lower is not None and upper is not None
    positions.collector.relation(RelationType.PROGRESSES_TO, lower, upper, lower_span, upper_span)
    return lower, upper


# -- pass 3: levels in the order the document gives them -------------------------


def _order(groups: list[list[tuple[EntityRef, Source]]], stated: set[tuple[EntityRef, EntityRef]],
           positions: Positions) -> None:
    """Consecutive levels of a group climb, unless the text states another move from the lower or to the upper."""
    positions.collector.block = None
    for group in groups:
        members = {ref for ref, _ in group}
        for (lower, lower_span), (upper, upper_span) in zip(group, group[1:], strict=False):
            has_next = any(a == lower and b in members for a, b in stated)
            has_previous = any(b == upper and a in members for a, b in stated)
            if lower != upper and not has_next and not has_previous:
                positions.collector.relation(RelationType.PROGRESSES_TO, lower, upper, lower_span, upper_span)
