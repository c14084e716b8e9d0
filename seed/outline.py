"""The outline: one shape every career document is read into, whatever its format.

A reader (``seed.formats.text``, ``.markdown``, ``.html``) turns a `Document`
into an `Outline`: a flat sequence of `Block` records in document order —
headings, paragraphs, list items, table cells and code blocks — and the tree of
`Section` records the headings make. The extractor works on the outline only, so
it never sees a list marker, a ``**``, a ``<td>`` or a hard line break.

Provenance contract, the same for every format:

- ``block.text`` is the text as a person reads it: markup removed, emphasis and
  links reduced to their text, entities decoded, line breaks inside a block
  joined with one space.
- ``block.source`` is a `Source` whose ``start``/``end`` index the ORIGINAL file
  text and cover the block's own content (list markers, heading ``#``s and
  enclosing tags left out), whose ``line`` is the 1-based line of ``start``, and
  whose ``text`` equals ``block.text``. The format's ``render_to_text`` turns
  ``document.text[start:end]`` back into ``block.text`` exactly.
- `Outline.quote` gives the `Source` of any part ``block.text[i:j]``, with
  offsets into the original file, so a name found inside a block quotes exactly.

>>> from seed.records import Document
>>> outline = read_outline(Document("g.txt", "Baker\\nBakes bread.\\n• Kneads dough\\n"))
>>> [(b.kind.value, b.text) for b in outline.blocks]
[('heading', 'Baker'), ('paragraph', 'Bakes bread.'), ('list_item', 'Kneads dough')]
>>> outline.title, [h.text for h in outline.heading_path(outline.blocks[2])]
('Baker', ['Baker'])
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from seed.records import Document, Source

__all__ = [
    "Block",
    "BlockKind",
    "Outline",
    "Piece",
    "Section",
    "build_outline",
    "read_outline",
    "supported_format",
]


class BlockKind(StrEnum):
    """What a block of a document is."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_CELL = "table_cell"
    CODE = "code"


@dataclass(frozen=True, slots=True)
class Piece:
    """Where a run of ``Block.text`` comes from in the original file.

    ``text[text_start:text_start + n]`` was copied verbatim from
    ``file[file_start:file_end]`` when ``verbatim`` (then both have length n);
    otherwise the run stands for the whole of ``file[file_start:file_end]`` (an
    entity such as ``&amp;``, an escape, the line break and indentation that a
    space replaced).
    """

    text_start: int
    file_start: int
    file_end: int
    verbatim: bool = True


@dataclass(frozen=True, slots=True)
class Block:
    """One heading, paragraph, list item, table cell or code block.

    Attributes
    ----------
    kind, text, source
        What it is, its text as read, and where it is (see the module docstring).
    index
        Its position in `Outline.blocks`.
    depth
        HEADING: level 1-6. LIST_ITEM: nesting depth, 0 for a top-level item.
        Others: 0.
    parent
        LIST_ITEM: index of the enclosing list item, None at the top level.
        PARAGRAPH: the list item it continues (a second paragraph of an item).
    marker
        LIST_ITEM: the marker as written (``-``, ``*``, ``•``, ``1.``), ``""``
        for an unmarked item (a plain-text line in a run of short lines).
    label
        LIST_ITEM or PARAGRAPH that starts with a label, ``**Label**: text`` in
        Markdown (``<b>Label</b>:`` in HTML, ``Label: text`` in a plain-text list
        item): the label's text, without the colon. ``text`` still holds it all.
    table, row, column, row_header, column_header, header
        TABLE_CELL: the table's number in the document (0-based), the cell's row
        and column (0-based, header rows included), the text of the first cell of
        its row and of the header cell of its column (None when there is none or
        it is the cell itself), and whether it is itself a header cell.
    info
        CODE: the fence's info word (``mermaid``, ``python``), ``""`` if none.
    format
        The format the span is written in, whose ``render_to_text`` reads it:
        ``text``, ``markdown`` or ``html`` (an HTML block inside Markdown is ``html``).
    pieces
        How ``text`` maps to the original file (see `Piece`); use `Outline.quote`.
    """

    kind: BlockKind
    text: str
    source: Source
    index: int = 0
    depth: int = 0
    parent: int | None = None
    marker: str = ""
    label: str | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    row_header: str | None = None
    column_header: str | None = None
    header: bool = False
    info: str = ""
    format: str = "text"
    pieces: tuple[Piece, ...] = field(default=(), repr=False, compare=False)

    @property
    def line(self) -> int:
        """1-based line of the block's first character."""
        return self.source.line

    def offsets(self, i: int, j: int) -> tuple[int, int]:
        """Start and end offsets in the original file of ``text[i:j]`` (``i < j``)."""
        if not 0 <= i < j <= len(self.text):
            raise ValueError(f"not a part of the block's text: [{i}:{j}] of {len(self.text)} characters")
        return self._file_start(i), self._file_end(j - 1)

    def _piece(self, i: int) -> Piece:
        pieces = self.pieces
        low, high = 0, len(pieces)
        while high - low > 1:  # the last piece starting at or before i
            middle = (low + high) // 2
            if pieces[middle].text_start <= i:
                low = middle
            else:
                high = middle
        return pieces[low]

    def _file_start(self, i: int) -> int:
        piece = self._piece(i)
        return piece.file_start + (i - piece.text_start if piece.verbatim else 0)

    def _file_end(self, i: int) -> int:
        piece = self._piece(i)
        return piece.file_start + (i - piece.text_start) + 1 if piece.verbatim else piece.file_end


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and what it holds, up to the next heading of the same or a higher level.

    The part of a document before its first heading is a section whose
    ``heading`` is None and ``depth`` 0.
    """

    heading: Block | None
    depth: int
    blocks: tuple[Block, ...]
    children: tuple[Section, ...] = ()

    @property
    def title(self) -> str:
        """The heading's text, ``""`` for the part before the first heading."""
        return self.heading.text if self.heading else ""

    def walk(self) -> Iterator[Section]:
        """This section and every section below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class Outline:
    """A document read into blocks and sections."""

    document: Document
    title: str | None
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]
    front_matter: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    #: Where each front-matter value found written on its key's line is (``title: Baker`` → ``Baker``).
    front_matter_sources: Mapping[str, Source] = field(default_factory=lambda: MappingProxyType({}))
    #: How many lines at the top the front matter takes, fences included (0 without one).
    front_matter_lines: int = 0
    #: For each block index, the indexes of the headings above it, outermost first.
    _paths: tuple[tuple[int, ...], ...] = field(default=(), repr=False, compare=False)
    #: Offset of each line's first character, for `quote`.
    _line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def heading_path(self, block: Block) -> tuple[Block, ...]:
        """The headings a block sits under, outermost first (a heading is not under itself)."""
        return tuple(self.blocks[i] for i in self._paths[block.index])

    def quote(self, block: Block, i: int, j: int) -> Source:
        """The `Source` of ``block.text[i:j]``: exact offsets into the original file."""
        start, end = block.offsets(i, j)
        if self._line_starts:
            line = bisect.bisect_right(self._line_starts, start)
        else:
            line = self.document.text.count("\n", 0, start) + 1
        return Source(self.document.name, line, start, end, block.text[i:j])

    def walk(self) -> Iterator[Section]:
        """Every section, in document order."""
        for section in self.sections:
            yield from section.walk()


def build_outline(
    document: Document,
    blocks: list[Block],
    front_matter: Mapping[str, str] | None = None,
    title: str | None = None,
    front_matter_sources: Mapping[str, Source] | None = None,
    front_matter_lines: int = 0,
) -> Outline:
    """Number the blocks, build the section tree, and pick the title.

    Readers call this with their blocks in document order (``index`` and
    ``parent`` already consistent). The title is ``title`` if given (an HTML
    ``<title>``), else the front matter's ``title``, else the first level-1
    heading, else the first heading.
    """
    front = MappingProxyType(dict(front_matter or {}))
    paths: list[tuple[int, ...]] = []
    stack: list[tuple[int, int]] = []  # (depth, heading index) of the open headings
    for block in blocks:
        if block.kind is BlockKind.HEADING:
            while stack and stack[-1][0] >= block.depth:
                stack.pop()
            paths.append(tuple(i for _, i in stack))
            stack.append((block.depth, block.index))
        else:
            paths.append(tuple(i for _, i in stack))
    sections = _sections(blocks)
    if title is None:
        title = front.get("title") or next(
            (b.text for b in blocks if b.kind is BlockKind.HEADING and b.depth == 1),
            next((b.text for b in blocks if b.kind is BlockKind.HEADING), None),
        )
    text = document.text
    line_starts = [0]
    at = text.find("\n")
    while at >= 0:
        line_starts.append(at + 1)
        at = text.find("\n", at + 1)
    return Outline(
        document, title or None, tuple(blocks), sections, front,
        front_matter_sources=MappingProxyType(dict(front_matter_sources or {})),
        front_matter_lines=front_matter_lines, _paths=tuple(paths), _line_starts=tuple(line_starts),
    )


def _sections(blocks: list[Block]) -> tuple[Section, ...]:
    """The section tree: each heading holds the blocks up to the next heading of its level or higher."""

    @dataclass
    class Open:
        heading: Block | None
        depth: int
        blocks: list[Block] = field(default_factory=list)
        children: list[Section] = field(default_factory=list)

        def close(self) -> Section:
            return Section(self.heading, self.depth, tuple(self.blocks), tuple(self.children))

    root = Open(None, -1)
    stack = [root]
    for block in blocks:
        if block.kind is BlockKind.HEADING:
            while len(stack) > 1 and (stack[-1].heading is None or stack[-1].depth >= block.depth):
                done = stack.pop()
                stack[-1].children.append(done.close())
            stack.append(Open(block, block.depth))
        else:
            if len(stack) == 1:  # the part before the first heading
                stack.append(Open(None, 0))
            stack[-1].blocks.append(block)
    while len(stack) > 1:
        done = stack.pop()
        stack[-1].children.append(done.close())
    return tuple(root.children)


#: File name suffixes and the format each is read as.
SUFFIXES: Mapping[str, str] = MappingProxyType({
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
})


def supported_format(name: str) -> str | None:
    """The format a file name's suffix says (``text``, ``markdown``, ``html``), or None.

    >>> supported_format("ladder.MD"), supported_format("notes.pdf")
    ('markdown', None)
    """
    dot = name.rfind(".")
    return SUFFIXES.get(name[dot:].casefold()) if dot > 0 else None


def sniff_format(text: str) -> str:
    """Guess the format of a text whose name does not say: HTML, Markdown or plain text."""
    head = text.lstrip()[:2000].casefold()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or "<p>" in head:
        return "html"
    lines = text.splitlines()[:200]
    if text.startswith("---\n") or any(
        line.startswith(("# ", "## ", "### ", "```", "| ")) or line.lstrip().startswith(("* **", "- **"))
        for line in lines
    ):
        return "markdown"
    return "text"


def read_outline(document: Document) -> Outline:
    """Read a document into its outline, choosing the reader by the name's suffix.

    ``.txt`` is plain text, ``.md``/``.markdown`` Markdown, ``.html``/``.htm``
    HTML; any other name is sniffed from the text (`sniff_format`).
    """
    kind = supported_format(document.name) or sniff_format(document.text)
    if kind == "markdown":
        from seed.formats.markdown import read_markdown

        return read_markdown(document)
    if kind == "html":
        from seed.formats.html import read_html

        return read_html(document)
    from seed.formats.text import read_text

    return read_text(document)
