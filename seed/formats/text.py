"""Plain text → outline: headings, paragraphs and list items found by the shape of lines.

Plain text has no markup, so each line is judged by its shape and its
neighbours. The rules, in the order they apply:

1. **Lines and units.** Lines are split on ``\\n`` and stripped (as the guides
   have always been read). A *unit* is one line, or several when lines continue
   one another: a line continues the one before it when the document is
   hard-wrapped and the line's first word would not have fitted on the line before
   (so the break was the wrapper's, not the writer's), or when it is indented
   under a marked list item. A document is hard-wrapped when its longest line
   has 40 to `WRAP_WIDTH` characters and two lines or more come within 10
   characters of it; the guides, one paragraph a line, are not.
2. **Marked list items.** A line starting with ``-``, ``*``, ``+``, ``•``, ``◦``,
   ``‣``, ``▪``, ``–`` or ``1.``/``1)`` and a space is a LIST_ITEM; the text and
   the span start after the marker. Nesting depth comes from indentation.
3. **Underlined headings.** A line followed by a line of ``===`` (level 1) or
   ``---`` (level 2), three or more, is a HEADING; the underline is markup.
4. **ALL-CAPS lines** (letters all upper case, at most `MAX_HEADING_WORDS` words,
   no closing ``.``/``!``/``;``) are level-1 headings.
5. **Numbered headings** with a dotted number (``2.1 Scope``) are headings of
   the level the number's parts say (``1.`` alone is a list item, rule 2).
6. **Short lines that introduce content** are level-2 headings: a single line of
   at most `MAX_HEADING_WORDS` words with no closing ``.``/``!``/``?``/``:``/``;``
   that is followed by a paragraph (a unit ending in such punctuation, or
   wrapped over lines) or by a marked list, or, written in Title Case, by a line
   of rule 7 that is not; a question of at most
   `MAX_QUESTION_WORDS` words followed by a paragraph (an FAQ); a line of at most
   `MAX_LABEL_WORDS` words ending in ``:`` followed by a marked list.
7. **Unmarked list items.** Two or more single lines in a row without closing
   punctuation that rule 6 did not take are LIST_ITEMs with marker ``""`` (the
   guides list responsibilities so).
8. Everything else is a PARAGRAPH.

``render_to_text`` defines the text of a span: its lines stripped and joined with
one space. A block's text is that of its span; internal runs of spaces are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from seed.formats.base import TextBuilder, make_block
from seed.outline import Block, BlockKind, Outline, build_outline
from seed.records import Document

__all__ = [
    "MAX_HEADING_WORDS",
    "MAX_LABEL_WORDS",
    "MAX_QUESTION_WORDS",
    "WRAP_WIDTH",
    "read_text",
    "render_to_text",
]

#: The longest line of a hard-wrapped document; longer lines mean one paragraph a line.
WRAP_WIDTH = 100
#: A hard-wrapped text has two lines or more filled to within this many characters of its widest line.
_FULL_SLACK = 10
_MIN_WRAP_WIDTH = 40
#: The most words a heading of plain text has (rules 4-6).
MAX_HEADING_WORDS = 12
#: The most words an FAQ question taken as a heading has.
MAX_QUESTION_WORDS = 20
#: The most words a ``Label:`` line introducing a list, or a list item's label, has.
MAX_LABEL_WORDS = 5

_TERMINAL = (".", "!", "?", ":", ";")
_MARKER = re.compile(r"(?P<indent>[ \t]*)(?P<marker>[-*+•◦‣▪–]|\d{1,3}[.)])(?:[ \t]+|(?<=[•◦‣▪])(?=\S))(?=\S)")
_UNDERLINE = re.compile(r"[ \t]*(?:={3,}|-{3,})[ \t]*")
_NUMBERED = re.compile(r"\d+(?:\.\d+)+\.?\s+\S")
_LABEL = re.compile(r"(?P<label>[A-Z][^:]{0,60}?):\s+\S")


def render_to_text(fragment: str) -> str:
    """The text a person reads in a span of plain text: lines stripped, joined by one space.

    >>> render_to_text("Bakes bread\\n   and cakes  ")
    'Bakes bread and cakes'
    """
    return " ".join(line.strip() for line in fragment.split("\n") if line.strip())


def read_text(document: Document) -> Outline:
    """Read a plain-text document into its outline (rules in the module docstring).

    >>> outline = read_text(Document("g.txt", "Baker\\nBakes bread.\\n• Kneads dough\\n"))
    >>> [(b.kind.value, b.text, b.source.start) for b in outline.blocks]
    [('heading', 'Baker', 0), ('paragraph', 'Bakes bread.', 6), ('list_item', 'Kneads dough', 21)]
    """
    units = _units(_lines(document.text))
    kinds = _classify(units)
    return build_outline(document, _blocks(document, units, kinds))


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    start: int  # offset of the first non-blank character (of the text after a marker, for a marked item)
    text: str  # stripped; after the marker for a marked item
    indent: int
    marker: str = ""
    underline: str = ""

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _lines(text: str) -> list[_Line | None]:
    """Each line of the text, None for a blank one."""
    lines: list[_Line | None] = []
    offset = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if not stripped:
            lines.append(None)
        else:
            lead = len(raw) - len(raw.lstrip())
            match = _MARKER.match(raw)
            if _UNDERLINE.fullmatch(raw.rstrip("\r")):
                lines.append(_Line(number, offset + lead, stripped, lead, underline=stripped[0]))
            elif match:
                body = raw[match.end():].strip()
                lines.append(_Line(number, offset + match.end(), body, len(match["indent"]), match["marker"]))
            else:
                lines.append(_Line(number, offset + lead, stripped, lead))
        offset += len(raw) + 1
    return lines


@dataclass(slots=True)
class _Unit:
    lines: list[_Line]
    underline: str = ""  # "=" or "-" when the unit is an underlined heading

    @property
    def first(self) -> _Line:
        return self.lines[0]

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


def _units(lines: list[_Line | None]) -> list[_Unit]:
    lengths = [len(line.text) + line.indent for line in lines if line]
    width = max(lengths, default=0)
    full = sum(length >= width - _FULL_SLACK for length in lengths)
    wrapped = _MIN_WRAP_WIDTH <= width <= WRAP_WIDTH and full >= 2
    units: list[_Unit] = []
    previous: _Line | None = None  # the line before, None after a blank line
    for line in lines:
        if line is None:
            previous = None
            continue
        unit = units[-1] if units else None
        if line.underline and previous is not None and unit and len(unit.lines) == 1 and not unit.first.marker:
            unit.underline = line.underline
        elif line.underline:
            units.append(_Unit([line]))  # a rule standing alone: a paragraph of dashes
        elif previous is not None and unit and not unit.underline and _continues(unit, previous, line, wrapped, width):
            unit.lines.append(line)
        else:
            units.append(_Unit([line]))
        previous = line
    return units


def _continues(unit: _Unit, previous: _Line, line: _Line, wrapped: bool, width: int) -> bool:
    if line.marker or previous.underline:
        return False
    if unit.first.marker and line.indent > unit.first.indent:
        return True
    first_word = line.text.split(maxsplit=1)[0]
    return wrapped and previous.indent + len(previous.text) + 1 + len(first_word) > width


def _words(text: str) -> int:
    return len(text.split())


def _classify(units: list[_Unit]) -> list[tuple[BlockKind, int]]:
    """The kind and depth of each unit (rules 2-8)."""
    kinds: list[tuple[BlockKind, int] | None] = [None] * len(units)
    for i, unit in enumerate(units):
        following = units[i + 1] if i + 1 < len(units) else None
        kinds[i] = _heading(unit, following)
        if kinds[i] is None and unit.first.marker:
            kinds[i] = (BlockKind.LIST_ITEM, 0)
    i = 0
    while i < len(units):
        j = i
        while j < len(units) and kinds[j] is None and _unmarked_item(units[j]):
            j += 1
        for k in range(i, j):
            kinds[k] = (BlockKind.LIST_ITEM if j - i >= 2 else BlockKind.PARAGRAPH, 0)
        if j == i:
            if kinds[i] is None:
                kinds[i] = (BlockKind.PARAGRAPH, 0)
            j = i + 1
        i = j
    return [kind for kind in kinds if kind is not None]


def _unmarked_item(unit: _Unit) -> bool:
    return len(unit.lines) == 1 and not unit.first.marker and not unit.text.endswith(_TERMINAL)


def _heading(unit: _Unit, following: _Unit | None) -> tuple[BlockKind, int] | None:
    if unit.underline:
        return BlockKind.HEADING, 1 if unit.underline == "=" else 2
    text = unit.text
    if unit.first.marker or len(unit.lines) > 1 or unit.first.underline:
        return None
    words = _words(text)
    if words > MAX_QUESTION_WORDS:
        return None
    if words <= MAX_HEADING_WORDS and text.isupper() and sum(c.isalpha() for c in text) >= 2:
        if not text.endswith((".", "!", ";")):
            return BlockKind.HEADING, 1
    if _NUMBERED.match(text) and words <= MAX_HEADING_WORDS and not text.endswith(_TERMINAL):
        return BlockKind.HEADING, text.split(maxsplit=1)[0].rstrip(".").count(".") + 1
    if following is None:
        return None
    paragraph = not following.first.marker and (len(following.lines) > 1 or following.text.endswith(_TERMINAL))
    listed = bool(following.first.marker)
    short = words <= MAX_HEADING_WORDS and not text.endswith(_TERMINAL)
    if short and (paragraph or listed):
        return BlockKind.HEADING, 2
    if short and _title_case(text) and _unmarked_item(following) and not _title_case(following.text):
        return BlockKind.HEADING, 2
    if text.endswith("?") and words <= MAX_QUESTION_WORDS and paragraph and not following.text.endswith("?"):
        return BlockKind.HEADING, 2
    if text.endswith(":") and words <= MAX_LABEL_WORDS and listed:
        return BlockKind.HEADING, 2
    return None


_SMALL_WORDS = frozenset(
    "a an the of for and or nor to in on at by with from about as into vs via per de du la le".split()
)


def _title_case(text: str) -> bool:
    """Whether every word but the small ones starts with a capital or a digit.

    >>> _title_case("Key Responsibilities of a Baker"), _title_case("Kneading the dough")
    (True, False)
    """
    words = [w.strip("\"'“”‘’()[]") for w in text.split()]
    return any(words) and all(not w or w[0].isupper() or w[0].isdigit() or w.casefold() in _SMALL_WORDS for w in words)


def _blocks(document: Document, units: list[_Unit], kinds: list[tuple[BlockKind, int]]) -> list[Block]:
    blocks: list[Block] = []
    items: list[tuple[int, int]] = []  # (indent, block index) of the open marked list items
    for unit, (kind, depth) in zip(units, kinds, strict=True):
        builder = TextBuilder()
        for k, line in enumerate(unit.lines):
            if k:
                before = unit.lines[k - 1]
                builder.add(" ", before.end, line.start)
            builder.add(line.text, line.start)
        fields: dict[str, Any] = {}
        if kind is BlockKind.LIST_ITEM and unit.first.marker:
            indent = unit.first.indent
            while items and items[-1][0] >= indent:
                items.pop()
            fields.update(depth=len(items), parent=items[-1][1] if items else None, marker=unit.first.marker)
            items.append((indent, len(blocks)))
        else:
            items.clear()
            fields["depth"] = depth
        if kind in (BlockKind.LIST_ITEM, BlockKind.PARAGRAPH):
            label = _LABEL.match(unit.text)
            if label and _words(label["label"]) <= MAX_LABEL_WORDS:
                fields["label"] = label["label"]
        blocks.append(make_block(document, kind, builder, len(blocks), **fields, format="text"))
    return blocks
