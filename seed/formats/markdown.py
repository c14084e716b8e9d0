"""Markdown → outline, with markdown-it-py: CommonMark, GFM tables, YAML front matter.

Block structure comes from markdown-it's tokens (headings of any level, nested
lists, tables, fenced code, HTML blocks); the text of each block is rendered from
its inline tokens — emphasis and links reduced to their text, entities and
escapes decoded, images and inline HTML tags dropped (``<br>`` reads as a space),
and, as a browser shows it, every run of white space (line breaks too) read as
one space. Every character of that text is traced back to the
original file (see `seed.outline.Piece`) by locating each inline token's source in
the lines the token's ``map`` names.

What becomes what:

- ``#``…``######`` and setext headings: HEADING of that level.
- A list item's first paragraph: LIST_ITEM (``depth`` = nesting, ``parent`` = the
  enclosing item, ``marker`` as written: ``-``, ``*``, ``+``, ``1.``, ``1)``);
  its later paragraphs: PARAGRAPH blocks with the item as ``parent``.
- A paragraph (also inside a blockquote): PARAGRAPH.
- A GFM table: one TABLE_CELL per non-empty cell, with its row and column and
  their header cells' text.
- A fenced or indented code block: CODE, ``info`` = the fence's first word
  (``mermaid``); its text is the file's text between the fences, verbatim.
- An HTML block: read by `seed.formats.html`, offsets kept.
- YAML front matter (``---`` … ``---`` at the top): `Outline.front_matter`
  (scalars as strings, lists of scalars joined with ", "), read with
  ``yaml.safe_load``; front matter that is not a mapping is ignored. A value
  written on its key's line, bare or quoted, has its span in
  `Outline.front_matter_sources`.

``**Label**: text`` and ``**Label:** text`` set a block's ``label``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from seed.formats import html
from seed.formats.base import TextBuilder, make_block
from seed.outline import Block, BlockKind, Outline, build_outline
from seed.records import Document, Source

__all__ = ["read_markdown", "references", "render_to_text"]


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).use(front_matter_plugin)
    # Keep entities and escapes as tokens of their own, so each can be traced to its source.
    md.disable("text_join")
    return md


_MD = _parser()

#: Characters that may stand before a block's content on its line: indentation, ``>``, list markers, ``#``.
_PREFIX_CHARS = frozenset(" \t>#-*+.)0123456789")
_CONTAINER = re.compile(r"^(?:[ \t]*>)*[ \t]*")
_YAML_PAIR = re.compile(r"(?P<key>[^\s#:'\"-][^:]*?)[ \t]*:[ \t]+(?P<value>\S(?:.*\S)?)[ \t]*\r?$")
_LONE_CR = re.compile(r"\r(?!\n)")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)


def references(text: str) -> dict[str, Any]:
    """The parse environment of a whole document (its link reference definitions), for `render_to_text`."""
    env: dict[str, Any] = {}
    _MD.parse(text, env)
    return env


def render_to_text(fragment: str, env: Mapping[str, Any] | None = None, cell: bool = False) -> str:
    """The text a person reads in a span of Markdown inline content.

    Lines after the first lose their container prefix (indentation, ``>``), then
    the fragment is rendered as inline Markdown the way blocks are. ``env`` holds
    the document's link reference definitions (`references`). In a table
    ``cell``, ``\\|`` is a ``|`` before anything else (GFM), even in code.

    >>> render_to_text("**Label**: bakes [bread](https://x.test) &amp; cakes\\n  every day")
    'Label: bakes bread & cakes every day'
    """
    if cell:
        fragment = fragment.replace("\\|", "|")
    lines = fragment.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    source = "\n".join([lines[0], *(_CONTAINER.sub("", line, count=1) for line in lines[1:])])
    (inline,) = _MD.parseInline(source, dict(env or {}))
    builder = TextBuilder()
    _render_inline(builder, inline.children or [], source, list(range(len(source))))
    builder.collapse_whitespace()
    builder.strip()
    return builder.text()


def read_markdown(document: Document) -> Outline:
    """Read a Markdown document into its outline.

    >>> text = "---\\ntitle: Baker\\n---\\n## Duties\\n\\n* **Bread**: bakes it\\n"
    >>> outline = read_markdown(Document("baker.md", text))
    >>> outline.title, [(b.kind.value, b.text, b.label) for b in outline.blocks]
    ('Baker', [('heading', 'Duties', None), ('list_item', 'Bread: bakes it', 'Bread')])
    """
    env: dict[str, Any] = {}
    tokens = _MD.parse(document.text, env)
    reader = _Reader(document)
    reader.read(tokens)
    return build_outline(
        document, reader.blocks, reader.front_matter,
        front_matter_sources=reader.front_matter_sources, front_matter_lines=reader.front_matter_lines,
    )


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


class _Reader:
    """Walks markdown-it's block tokens, building blocks."""

    def __init__(self, document: Document) -> None:
        self.document = document
        # markdown-it reads NUL as U+FFFD and a lone CR as a line break; the same
        # length, so offsets still hold.
        self.text = _LONE_CR.sub("\n", document.text.replace("\x00", "\ufffd"))
        self.line_starts = _line_starts(self.text)
        self.blocks: list[Block] = []
        self.front_matter: dict[str, str] = {}
        self.front_matter_sources: dict[str, Source] = {}
        self.front_matter_lines = 0
        self.items: list[int | None] = []  # per open list item: index of its LIST_ITEM block, if made yet
        self.markers: list[str] = []
        self.tables = 0

    def _line(self, number: int) -> tuple[int, str]:
        """Start offset and text (without the line break) of 0-based line ``number``."""
        start = self.line_starts[number]
        end = self.text.find("\n", start)
        return start, self.text[start:] if end < 0 else self.text[start:end]

    def read(self, tokens: Sequence[Token]) -> None:
        i = 0
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind == "front_matter" and token.map:
                self.front_matter = _front_matter(token.content)
                self.front_matter_lines = token.map[1]
                self._front_matter_sources(token.map[1])
            elif kind == "heading_open":
                self._inline_block(BlockKind.HEADING, tokens[i + 1], depth=int(token.tag[1:]))
                i += 2
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.markers.append(token.markup)
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.markers.pop()
            elif kind == "list_item_open":
                self.items.append(None)
                self.markers[-1] = token.info + token.markup
            elif kind == "list_item_close":
                self.items.pop()
            elif kind == "paragraph_open":
                self._paragraph(tokens[i + 1])
                i += 2
            elif kind == "table_open":
                i = self._table(tokens, i)
            elif kind in ("fence", "code_block"):
                self._code(token)
            elif kind == "html_block" and token.map:
                i = self._html(tokens, i)
            i += 1

    def _front_matter_sources(self, end_line: int) -> None:
        """The span of each front-matter value written on its key's line, bare or quoted."""
        for number in range(1, max(end_line - 1, 1)):
            start, line = self._line(number)
            match = _YAML_PAIR.match(line)
            if not match or match["key"] not in self.front_matter:
                continue
            value, at = match["value"], match.start("value")
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value, at = value[1:-1], at + 1
            if value == self.front_matter[match["key"]]:
                line_number = number + 1
                self.front_matter_sources[match["key"]] = Source(
                    self.document.name, line_number, start + at, start + at + len(value), value
                )

    def _parent(self) -> int | None:
        return next((index for index in reversed(self.items[:-1]) if index is not None), None)

    def _paragraph(self, inline: Token) -> None:
        if self.items and self.items[-1] is None:
            depth = len(self.items) - 1
            block = self._inline_block(
                BlockKind.LIST_ITEM, inline, depth=depth, parent=self._parent(), marker=self.markers[-1]
            )
            if block is not None:
                self.items[-1] = block.index
        elif self.items:
            self._inline_block(BlockKind.PARAGRAPH, inline, parent=self.items[-1])
        else:
            self._inline_block(BlockKind.PARAGRAPH, inline)

    def _inline_block(self, kind: BlockKind, inline: Token, **fields: Any) -> Block | None:
        assert inline.map is not None
        content = inline.content
        offsets = self._locate(content, inline.map[0])
        return self._emit(kind, inline, content, offsets, **fields)

    def _emit(self, kind: BlockKind, inline: Token, content: str, offsets: list[int], **fields: Any) -> Block | None:
        builder = TextBuilder()
        _render_inline(builder, inline.children or [], content, offsets)
        builder.collapse_whitespace()
        builder.strip()
        if not builder or not content.strip():
            return None
        if kind in (BlockKind.LIST_ITEM, BlockKind.PARAGRAPH):
            fields.setdefault("label", _label(inline.children or []))
        start = offsets[len(content) - len(content.lstrip())]
        end = offsets[len(content.rstrip()) - 1] + 1
        block = make_block(
            self.document, kind, builder, len(self.blocks), start=start, end=end, format="markdown", **fields
        )
        self.blocks.append(block)
        return block

    def _locate(self, content: str, first_line: int) -> list[int]:
        """The file offset of each character of an inline token's content (from its first line on)."""
        offsets: list[int] = []
        number = first_line
        for k, piece in enumerate(content.split("\n")):
            if k:
                start, line = self._line(number - 1)
                offsets.append(start + len(line))  # the line break
            if number >= len(self.line_starts):  # pragma: no cover - markdown-it's map is within the text
                offsets.extend([len(self.text)] * len(piece))
                continue
            start, line = self._line(number)
            at = _find_content(line, piece)
            if at is None:  # indentation markdown-it rewrote (a tab): place the rest, which is as written
                core = piece.lstrip(" \t")
                found = _find_content(line, core)
                at = (found if found is not None else 0) - (len(piece) - len(core))
            if 0 <= at and at + len(piece) <= len(line):
                offsets.extend(range(start + at, start + at + len(piece)))
            else:
                offsets.extend(start + min(max(at + j, 0), len(line)) for j in range(len(piece)))
            number += 1
        return offsets

    def _table(self, tokens: Sequence[Token], i: int) -> int:
        table = self.tables
        self.tables += 1
        headers: list[str | None] = []
        row = -1
        rows: list[list[tuple[int, Token, str, list[int]]]] = []
        while tokens[i].type != "table_close":
            token = tokens[i]
            if token.type == "tr_open":
                row += 1
                assert token.map is not None
                segments = _cells(*self._line(token.map[0]))
                rows.append([])
                column = -1
            elif token.type in ("th_open", "td_open"):
                column += 1
                inline = tokens[i + 1]
                if column < len(segments) and inline.content.strip():
                    content, offsets = segments[column]
                    rows[-1].append((column, inline, content, offsets))
            i += 1
        for row, cells in enumerate(rows):
            texts = {column: _plain(inline) for column, inline, _, _ in cells}
            if row == 0:
                headers = [texts.get(c) for c in range(max(texts, default=-1) + 1)]
            for column, inline, content, offsets in cells:
                first = texts.get(0)
                self._emit(
                    BlockKind.TABLE_CELL, inline, content, offsets,
                    table=table, row=row, column=column, header=row == 0,
                    row_header=first if column else None,
                    column_header=headers[column] if row and column < len(headers) else None,
                )
        return i

    def _code(self, token: Token) -> None:
        assert token.map is not None
        first, last = token.map
        if token.type == "fence":
            first, last = first + 1, last - 1
            closing = self._line(last)[1].strip() if last < len(self.line_starts) else ""
            if not closing.startswith(token.markup[:1] * 3) or not closing.strip("`~ \t") == "":
                last += 1  # the fence was never closed: the code runs to the end of the block
        lines = [self._line(n) for n in range(first, min(last, len(self.line_starts)))]
        content = token.content.split("\n")
        spans: list[tuple[int, int]] = []
        for (start, line), piece in zip(lines, content, strict=False):
            at = line.rfind(piece) if piece else len(line)
            spans.append((start + max(at, 0), start + len(line)))
        while spans and spans[-1][0] == spans[-1][1]:
            spans.pop()
        while spans and spans[0][0] == spans[0][1]:
            spans.pop(0)
        if not spans:
            return
        start, end = spans[0][0], spans[-1][1]
        builder = TextBuilder()
        builder.add(self.document.text[start:end], start)
        info = token.info.split(maxsplit=1)[0] if token.info.strip() else ""
        block = make_block(self.document, BlockKind.CODE, builder, len(self.blocks), info=info, format="markdown")
        self.blocks.append(block)

    def _html(self, tokens: Sequence[Token], i: int) -> int:
        """Read an HTML block, and the blocks after it up to the end tag of an element it leaves open.

        A blank line ends a Markdown HTML block, so a ``<table>`` written with
        blank lines between its rows arrives in pieces; it is read whole.
        """
        token = tokens[i]
        assert token.map is not None
        first, last = token.map
        start = self.line_starts[first]
        end = self.line_starts[last] if last < len(self.line_starts) else len(self.text)
        close = html.unclosed_end(self.text, start, end)
        if close is not None:
            last = self.text.count("\n", 0, close) + 1
            end = self.line_starts[last] if last < len(self.line_starts) else len(self.text)
            depth = 0
            while i + 1 < len(tokens):
                following = tokens[i + 1]
                if following.map is not None and following.map[0] >= last:
                    break
                if following.nesting < 0 and depth == 0:
                    break
                depth += following.nesting
                i += 1
        blocks = html.read_blocks(self.document, start, end, first_index=len(self.blocks), first_table=self.tables)
        self.blocks.extend(blocks)
        self.tables += len({b.table for b in blocks if b.table is not None})
        return i


def _find_content(line: str, piece: str) -> int | None:
    """Where ``piece`` starts in ``line``, after nothing but container and marker characters."""
    for at in range(len(line) + 1):
        if line.startswith(piece, at):
            return at
        if at < len(line) and line[at] not in _PREFIX_CHARS and not line[at].isspace():
            return None
    return None


def _cells(start: int, line: str) -> list[tuple[str, list[int]]]:
    """A table row's cells: each one's content (``\\|`` read as ``|``) and the file offset of each character."""
    cells: list[tuple[str, list[int]]] = []
    chars: list[str] = []
    offsets: list[int] = []
    stripped = line.rstrip()
    lead = len(stripped) - len(stripped.lstrip())
    at = lead + 1 if stripped[lead:lead + 1] == "|" else lead
    while at < len(stripped):
        char = stripped[at]
        if char == "\\" and stripped[at + 1:at + 2] == "|":
            chars.append("|")
            offsets.append(start + at + 1)
            at += 2
            continue
        if char == "|":
            cells.append(_trim("".join(chars), offsets))
            chars, offsets = [], []
        else:
            chars.append(char)
            offsets.append(start + at)
        at += 1
    if chars and "".join(chars).strip():
        cells.append(_trim("".join(chars), offsets))
    return cells


def _trim(content: str, offsets: list[int]) -> tuple[str, list[int]]:
    lead = len(content) - len(content.lstrip())
    end = len(content.rstrip())
    return content[lead:end], offsets[lead:end]


def _plain(inline: Token) -> str:
    builder = TextBuilder()
    _render_inline(builder, inline.children or [], inline.content, [0] * len(inline.content))
    builder.strip()
    return builder.text()


def _render_inline(builder: TextBuilder, children: Sequence[Token], content: str, offsets: list[int]) -> None:
    """Add the text of inline tokens to ``builder``, each character traced through ``offsets``."""

    def span(at: int, length: int) -> tuple[int, int]:
        if not offsets:
            return 0, 0
        first = offsets[min(at, len(offsets) - 1)]
        last = offsets[min(at + length - 1, len(offsets) - 1)]
        return first, max(last + 1, first)

    cursor = 0
    for token in children:
        kind = token.type
        if kind == "text" and token.content:
            at = content.find(token.content, cursor)
            if at < 0:
                builder.add(token.content, *span(cursor, 1))
                continue
            length = len(token.content)
            if offsets and offsets[at + length - 1] - offsets[at] == length - 1:
                builder.add(token.content, offsets[at])  # one run of one line, as written
            else:
                for j, char in enumerate(token.content):
                    builder.add(char, *span(at + j, 1))
            cursor = at + length
        elif kind == "text_special":
            at = content.find(token.markup, cursor)
            if at < 0:
                builder.add(token.content, *span(cursor, 1))
                continue
            builder.add(token.content, *span(at, len(token.markup)))
            cursor = at + len(token.markup)
        elif kind in ("softbreak", "hardbreak"):
            at = content.find("\n", cursor)
            if at >= 0:
                builder.add(" ", *span(at, 1))
                cursor = at + 1
        elif kind == "code_inline":
            cursor = _code_inline(builder, token, content, cursor, span)
        elif kind == "html_inline":
            at = content.find(token.content, cursor)
            if at >= 0:
                if _BREAK_TAG.fullmatch(token.content):
                    builder.add(" ", *span(at, len(token.content)))
                cursor = at + len(token.content)
        elif kind == "image":
            cursor = _skip_link(content, content.find("![", cursor) + 1) if "![" in content[cursor:] else cursor
        elif kind == "link_close" and token.markup != "autolink":
            cursor = _skip_link(content, cursor)


def _code_inline(builder: TextBuilder, token: Token, content: str, cursor: int, span: Any) -> int:
    fence = token.markup
    opening = content.find(fence, cursor)
    if opening < 0:
        builder.add(token.content, *span(cursor, 1))
        return cursor
    inner = opening + len(fence)
    closing = content.find(fence, inner)
    closing = len(content) if closing < 0 else closing
    raw = content[inner:closing].replace("\n", " ")
    trim = 1 if len(raw) >= 2 and raw[0] == raw[-1] == " " and raw.strip() else 0
    for j, char in enumerate(token.content):
        builder.add(char, *span(inner + trim + j, 1))
    return closing + len(fence)


def _skip_link(content: str, cursor: int) -> int:
    """Past the end of a link's ``](destination "title")`` or ``][label]``, from the closing bracket on."""
    at = content.find("]", cursor)
    if at < 0:
        return cursor
    at += 1
    if content.startswith("(", at):
        depth, quote = 0, ""
        for j in range(at, len(content)):
            char = content[j]
            if quote:
                quote = "" if char == quote else quote
            elif char in "\"'" and depth == 1:
                quote = char
            elif char == "\\":
                continue
            elif char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    return j + 1
        return at
    if content.startswith("[", at):
        end = content.find("]", at)
        return end + 1 if end >= 0 else at
    return at


def _label(children: Sequence[Token]) -> str | None:
    """The label of ``**Label**: text`` or ``**Label:** text``, else None."""
    tokens = [t for t in children if not (t.type == "text" and not t.content)]
    if len(tokens) < 3 or tokens[0].type != "strong_open":
        return None
    inner: list[str] = []
    for k, token in enumerate(tokens[1:], start=1):
        if token.type == "strong_close":
            label = "".join(inner).strip()
            after = tokens[k + 1] if k + 1 < len(tokens) else None
            if label.endswith(":") and label[:-1].strip():
                return label[:-1].strip()
            if after is not None and after.type == "text" and after.content.startswith(":") and label:
                return label
            return None
        if token.type in ("text", "text_special", "code_inline"):
            inner.append(token.content)
    return None


def _front_matter(text: str) -> dict[str, str]:
    """Front matter's top-level scalars (and lists of scalars) as strings; {} if it is not a YAML mapping."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
    result: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
            result[str(key)] = ", ".join(str(v) for v in value)
        elif value is not None and not isinstance(value, dict | list):
            result[str(key)] = str(value)
    return result
