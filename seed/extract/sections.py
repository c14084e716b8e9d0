"""Pass 1: who each block is about, from the headings and tables.

A heading is read by what it says and where it stands (docs/extraction.md):

- a **level** when it names one (a seniority word, a code, "Level 4") or stands
  in a levels or track section, or beside level headings and names the same
  kind of worker ("Sous Chef" beside "Head Chef");
- a **specialization** when it stands in a specializations section
  ("Specialties", "Types of …"), whatever it says;
- a **side role** when it names a role of its own at the top ("Tech Lead");
- **noise** ("Hiring Process", "Share this"), or a subsection of the position
  above it ("Responsibilities", "What you'll do").

Blocks inherit the holder of their section; a table whose header row or first
column names levels is a level table, each cell held by its row's or column's level.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from seed.extract.positions import Positions
from seed.extract.sentences import find_ignoring_case
from seed.levels import Level, head_word, parse_level, role_phrase, singular
from seed.outline import Block, BlockKind, Outline, Section
from seed.records import EntityRef, Source, normalize_name
from seed.vocabulary import vocabulary

__all__ = ["Layout", "read_sections"]


@dataclass
class Layout:
    """What pass 1 decided, by block index."""

    holders: dict[int, EntityRef] = field(default_factory=dict)
    #: The kind of section a block stands in: "responsibilities", "requirements", "ladder", or absent.
    kinds: dict[int, str] = field(default_factory=dict)
    #: Blocks that are not career content, with the reason.
    noise: dict[int, str] = field(default_factory=dict)
    #: What a heading or table cell is, for the coverage report ("level heading", "row label").
    roles: dict[int, str] = field(default_factory=dict)
    #: Level table cells that state something of their row's or column's level.
    items: set[int] = field(default_factory=set)
    #: Levels in the order a section, table row or column gives them.
    groups: list[list[tuple[EntityRef, Source]]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Frame:
    holder: EntityRef
    kind: str | None = None
    group: str | None = None  # how child headings read: "levels", "track", "specializations"
    noise: str | None = None


@dataclass(frozen=True, slots=True)
class _Heading:
    kind: str  # "level", "specialization", "position", "side role", "group", "sub", "noise", "other"
    level: Level | None = None
    phrase: str | None = None
    section: str | None = None


def read_sections(outline: Outline, positions: Positions) -> Layout:
    """Walk the section tree once: positions for headings and level tables, a holder for every block."""
    walker = _Walker(outline, positions, Layout(), _tables(outline), _title(outline))
    walker.siblings(list(outline.sections), _Frame(positions.role))
    return walker.layout


def _title(outline: Outline) -> Block | None:
    """The heading that titles the document (it names the role; it is not a level)."""
    first = next((b for b in outline.blocks if b.kind is BlockKind.HEADING), None)
    if first is None or parse_level(first.text) is not None:
        return None
    if first.text == outline.title or first.depth == 1 or role_phrase(first.text):
        return first
    return None


def _tables(outline: Outline) -> dict[int, list[Block]]:
    tables: dict[int, list[Block]] = {}
    for block in outline.blocks:
        if block.kind is BlockKind.TABLE_CELL and block.table is not None:
            tables.setdefault(block.table, []).append(block)
    return tables


@dataclass
class _Walker:
    outline: Outline
    positions: Positions
    layout: Layout
    tables: dict[int, list[Block]]
    title: Block | None
    _done_tables: set[int] = field(default_factory=set)

    # -- sections ----------------------------------------------------------

    def siblings(self, sections: list[Section], frame: _Frame) -> None:
        expanded: list[Section] = []
        for section in sections:
            if self.title is not None and section.heading is self.title:
                self.layout.roles[section.heading.index] = "title"
                self.blocks(section.blocks, frame)
                expanded.extend(section.children)
            else:
                expanded.append(section)
        headings = [self.classify(s, frame) for s in expanded]
        headings = self._beside_levels(expanded, headings)
        group: list[tuple[EntityRef, Source]] = []
        last: _Frame | None = None
        for section, heading in zip(expanded, headings, strict=True):
            inner = self.enter(section, heading, frame, last)
            if heading.kind in ("level", "specialization", "position", "side role"):
                last = inner
                rung = heading.kind == "level" or (heading.kind == "position" and inner.holder == self.positions.role
                                                   and any(h.kind == "level" for h in headings))
                if rung and section.heading is not None:
                    group.append((inner.holder, self._span(section.heading, heading)))
            self.blocks(section.blocks, inner)
            self.siblings(list(section.children), inner)
        if len({ref for ref, _ in group}) >= 2:
            self.layout.groups.append(group)

    def classify(self, section: Section, frame: _Frame) -> _Heading:
        heading = section.heading
        if heading is None:
            return _Heading("other")
        text = heading.text
        kind = vocabulary().section_kind(text)
        in_levels = frame.group in ("levels", "track")
        level = parse_level(text, numbers_are_levels=in_levels)
        phrase = role_phrase(text, disciplines=False)
        if frame.noise and kind not in ("ladder", "levels", "specializations", "tracks"):
            return _Heading("noise", section=frame.noise)
        if kind == "noise":
            return _Heading("noise", section=text)
        if frame.group == "specializations" and kind not in ("responsibilities", "requirements", "ladder"):
            if len(text.split()) <= 6 and not text.endswith((".", "?", "!")) \
                    and normalize_name(text) not in vocabulary().sections["not_specializations"]:
                return _Heading("specialization", level, phrase)
        if level is not None and kind in (None, "levels"):
            return _Heading("level", level, phrase)
        if in_levels and kind is None and phrase:
            return _Heading("level", None, phrase)
        if kind in ("specializations", "tracks", "levels"):
            return _Heading("group", section={"tracks": "track"}.get(kind, kind))
        if phrase and frame.group is None:
            known = self.positions.find(phrase)
            if known is not None or frame.holder == self.positions.role:
                return _Heading("position" if known is not None else "side role", None, phrase)
        if kind in ("responsibilities", "requirements", "ladder"):
            return _Heading("sub", section=kind)
        return _Heading("other")

    def _beside_levels(self, sections: list[Section], headings: list[_Heading]) -> list[_Heading]:
        """Headings beside level headings that name the same kind of worker are levels too."""
        heads = {head_word(h.level.base or self.positions.role_name) for h in headings if h.level is not None}
        if not heads:
            return headings
        out = []
        for heading in headings:
            if heading.kind in ("side role", "other") and heading.phrase and head_word(heading.phrase) in heads:
                heading = _Heading("level", None, heading.phrase)
            out.append(heading)
        return out

    def enter(self, section: Section, heading: _Heading, frame: _Frame, last: _Frame | None) -> _Frame:
        block = section.heading
        if block is None:
            return frame
        collector = self.positions.collector
        collector.block = block.index
        self.layout.roles[block.index] = heading.kind + (f" ({heading.section})" if heading.section else "")
        try:
            if heading.kind == "noise":
                self.layout.noise[block.index] = f"not career content ({heading.section})"
                return _Frame(frame.holder, None, None, heading.section)
            if heading.kind == "level":
                name, aliases = self._level_name(block.text, heading)
                return _Frame(self.positions.level(name, self._span(block, heading), aliases))
            if heading.kind == "specialization":
                name, aliases = self._specialization_name(block.text)
                return _Frame(self.positions.specialization(name, block.source, aliases))
            if heading.kind in ("position", "side role") and heading.phrase:
                span = self._phrase_span(block, heading.phrase)
                ref = self.positions.find(heading.phrase)
                return _Frame(ref if ref is not None else self.positions.other_role(heading.phrase, span))
            if heading.kind == "group":
                return _Frame(frame.holder, None, heading.section)
            if heading.kind == "sub":
                holder = last.holder if last is not None else frame.holder
                return _Frame(holder, heading.section)
            return _Frame(frame.holder, frame.kind if frame.kind in ("responsibilities", "requirements") else None)
        finally:
            collector.block = None

    def _level_name(self, text: str, heading: _Heading) -> tuple[str, tuple[str, ...]]:
        return level_name(heading.level, text.strip().strip("#").strip(), self.positions.role_name)

    def _specialization_name(self, text: str) -> tuple[str, tuple[str, ...]]:
        name = text.strip().strip("#").strip().rstrip(":")
        if head_word(name) is not None:
            return _singular_phrase(name), ()
        return f"{name} {self.positions.role_name}", (name,)

    def _span(self, block: Block, heading: _Heading) -> Source:
        if heading.level is not None:
            return self.outline.quote(block, heading.level.start, heading.level.end)
        return block.source

    def _phrase_span(self, block: Block, phrase: str) -> Source:
        span = find_ignoring_case(block.text, phrase) or find_ignoring_case(
            block.text, phrase.rsplit(" ", 1)[-1][:-1] or phrase)
        if span is None:
            return block.source
        i, end = span[0], span[0] + len(phrase)
        while end < len(block.text) and block.text[end].isalpha():
            end += 1  # the plural's "s"
        return self.outline.quote(block, i, min(end, len(block.text)))

    # -- blocks ------------------------------------------------------------

    def blocks(self, blocks: tuple[Block, ...], frame: _Frame) -> None:
        for block in blocks:
            self.layout.holders.setdefault(block.index, frame.holder)
            if frame.kind:
                self.layout.kinds[block.index] = frame.kind
            if frame.noise:
                self.layout.noise[block.index] = f"not career content ({frame.noise})"
            elif block.kind is BlockKind.TABLE_CELL and block.table not in self._done_tables:
                self._done_tables.add(block.table)  # type: ignore[arg-type]
                self.table(self.tables[block.table], frame)  # type: ignore[index]

    def table(self, cells: list[Block], frame: _Frame) -> None:
        """A level table: levels as columns (header row) or as rows (first column)."""
        rows: dict[int, dict[int, list[Block]]] = {}
        for cell in cells:
            rows.setdefault(cell.row or 0, {}).setdefault(cell.column or 0, []).append(cell)
        order = sorted(rows)
        header = {column: found[0] for column, found in rows[order[0]].items()}
        body = [rows[r] for r in order[1:]]
        column_levels = {c: lv for c, cell in header.items() if c > 0 and (lv := parse_level(cell.text))}
        first = header.get(0)
        levelish = first is not None and normalize_name(first.text) in vocabulary().column_headers
        columns = {c for row in body for c in row}
        row_levels = max((sum(1 for row in body if c in row and _names_level(row[c][0].text, c)) for c in columns),
                         default=0)
        by_column: dict[int, list[Block]] = {}
        for row in body:
            for col, found in row.items():
                by_column.setdefault(col, []).extend(found)
        # Some column (besides the first) holds statements, not values: "Welds pressure vessels", not "Yes".
        stating = any(sum(len(c.text.split()) >= 3 for c in found) * 2 > len(found)
                      for col, found in by_column.items() if col > 0)
        for cell in header.values():
            self.layout.roles[cell.index] = "table header"
        if len(column_levels) >= 2 and len(column_levels) * 2 >= len(header) - 1:
            self._columns(header, body, column_levels)
        elif levelish or (row_levels >= 2 and stating):
            self._rows(body, levelish)
        else:
            for cell in cells:
                self.layout.roles.setdefault(cell.index, "table without levels")

    def _columns(self, header: dict[int, Block], body: list[dict[int, list[Block]]], levels: dict[int, Level]) -> None:
        refs: dict[int, EntityRef] = {}
        group = []
        collector = self.positions.collector
        for column in sorted(levels):
            cell = header[column]
            collector.block = cell.index
            name, aliases = level_name(levels[column], cell.text, self.positions.role_name)
            span = self.outline.quote(cell, levels[column].start, levels[column].end)
            refs[column] = self.positions.level(name, span, aliases)
            self.layout.roles[cell.index] = "level (column)"
            group.append((refs[column], span))
        collector.block = None
        self.layout.groups.append(group)
        for row in body:
            for column, found in row.items():
                for cell in found:
                    if column in refs:
                        self.layout.holders[cell.index] = refs[column]
                        self.layout.items.add(cell.index)
                    else:
                        self.layout.roles[cell.index] = "row label"

    def _rows(self, body: list[dict[int, list[Block]]], levelish: bool) -> None:
        group = []
        collector = self.positions.collector
        current: EntityRef | None = None
        for row in body:
            label = row[0][0] if row.get(0) else None
            named = self._row_level(row, levelish)
            if named is not None and label is not None:
                cell, level, name, aliases = named
                collector.block = cell.index
                span = self.outline.quote(cell, level.start, level.end) if level else cell.source
                current = self.positions.level(name, span, aliases)
                collector.block = None
                group.append((current, span))
                self.layout.roles[cell.index] = "level (row)"
                self.layout.roles[label.index] = "level (row)"
            elif label is not None and label.text.strip():
                current = None
            for found in row.values():
                for cell in found:
                    if cell.index in self.layout.roles:
                        continue
                    if current is not None:
                        self.layout.holders[cell.index] = current
                        self.layout.items.add(cell.index)
                    else:
                        self.layout.roles[cell.index] = "table row without a level"
        if len(group) >= 2:
            self.layout.groups.append(group)

    def _row_level(
        self, row: dict[int, list[Block]], levelish: bool
    ) -> tuple[Block, Level | None, str, tuple[str, ...]] | None:
        """The cell naming a row's level: a cell such as "D1 - Developer 1" wins over a bare "1"."""
        label = row[0][0] if row.get(0) else None
        if label is None or not label.text.strip():
            return None
        for column in sorted(row):
            cell = row[column][0]
            level = parse_level(cell.text)
            if column > 0 and len(row[column]) == 1 and level is not None and level.base \
                    and len(cell.text.split()) <= 6:
                name, aliases = level_name(level, cell.text, self.positions.role_name)
                first = parse_level(label.text, numbers_are_levels=True)
                extra = (f"Level {first.name}",) if first is not None and first.name.isdigit() else ()
                return cell, level, name, (*aliases, *extra)
        level = parse_level(label.text, numbers_are_levels=levelish)
        if level is not None:
            name, aliases = level_name(level, label.text, self.positions.role_name)
            return label, level, name, aliases
        phrase = role_phrase(label.text, disciplines=False)
        if phrase and len(label.text.split()) <= 6:
            return label, None, _singular_phrase(label.text.strip()), ()
        return None


def _names_level(text: str, column: int) -> bool:
    """Whether a cell names a level: any level in the first column, one with its role elsewhere."""
    level = parse_level(text)
    return level is not None and (column == 0 or bool(level.base))


def level_name(level: Level | None, text: str, role: str) -> tuple[str, tuple[str, ...]]:
    """A level's entity name and aliases: as written when it names its role, else "<label> <role>".

    >>> level_name(parse_level("IC2"), "IC2", "Product Manager")
    ('IC2 Product Manager', ('IC2',))
    >>> level_name(parse_level("3", numbers_are_levels=True), "3", "Nurse")
    ('Level 3 Nurse', ('Level 3', '3'))
    >>> level_name(parse_level("Senior Engineers"), "Senior Engineers", "Engineer")
    ('Senior Engineer', ())
    """
    if level is None:
        return _singular_phrase(text.rstrip(":. ")), ()
    if level.base:
        return _singular_phrase(level.name), level.aliases
    label = level.name
    aliases: tuple[str, ...] = (label, *level.aliases)
    if label.isdigit() or label in {"I", "II", "III", "IV", "V", "VI", "VII"}:
        label = f"Level {label}"
        aliases = (label, *aliases)
    return f"{label} {role}", tuple(dict.fromkeys(aliases))


def _singular_phrase(phrase: str) -> str:
    head, _, last = phrase.rpartition(" ")
    return f"{head} {singular(last)}" if head else singular(last)
