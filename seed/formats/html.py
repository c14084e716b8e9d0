"""HTML → outline: a saved web page's content, its boilerplate left out.

The standard library's `html.parser.HTMLParser` is the tokenizer: it is the one
HTML parser that reports where in the source each tag and text run starts, so
every character of a block's text keeps its exact offset (selectolax and lxml
build trees without source offsets). A small tree builder on top of it applies
the implied end tags that matter for content (``<p>``, ``<li>``, ``<dt>``/``<dd>``,
table rows and cells) and decodes entities.

What is not content and is dropped, with everything inside it:

- tags: `SKIPPED_TAGS` (``nav``, ``aside``, ``footer``, ``script``, ``style``,
  ``noscript``, ``form``, ``head`` …), and ``header`` unless it holds a heading
  (an article's ``<header><h1>`` is its title);
- ARIA roles in `SKIPPED_ROLES` (navigation, banner, contentinfo, search …),
  ``hidden`` and ``aria-hidden="true"`` elements;
- elements whose class or id has a word in `BOILERPLATE_WORDS` (share, social,
  newsletter, subscribe, cookie, breadcrumb, sidebar, menu, toc …), and links
  that share the page (`SHARE_LINK`).

What becomes what: ``h1``–``h6`` HEADING; ``p``, ``dt``, ``dd``, ``blockquote``
text and loose text inside containers PARAGRAPH; ``li`` LIST_ITEM (nesting from
enclosing ``li``, ``marker`` ``-`` for ``ul`` and ``1.`` for ``ol``); ``td``/``th``
TABLE_CELL (headers from ``th`` cells and ``thead``, ``colspan`` counted; a cell
holding a list gives one TABLE_CELL per item, all with the cell's row and column); ``pre``
CODE (``info`` from a ``language-…`` class or ``mermaid``). Text reads as a browser
shows it: white space collapsed, ``<br>`` a space, images dropped. The title is
the first ``h1``, else ``<title>``.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from typing import Any

from seed.formats.base import Part, TextBuilder, make_block
from seed.outline import Block, BlockKind, Outline, build_outline
from seed.records import Document

__all__ = [
    "BOILERPLATE_WORDS",
    "SHARE_LINK",
    "SKIPPED_ROLES",
    "SKIPPED_TAGS",
    "read_blocks",
    "read_html",
    "render_code",
    "render_to_text",
]

SKIPPED_TAGS = frozenset({
    "head", "nav", "aside", "footer", "script", "style", "noscript", "form", "template", "svg", "button", "select",
    "textarea", "iframe", "object", "canvas", "dialog", "menu", "input", "option", "math",
})
SKIPPED_ROLES = frozenset({
    "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu",
    "menubar", "toolbar",
})
BOILERPLATE_WORDS = frozenset({
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "sidebar", "share", "sharing",
    "social", "newsletter", "subscribe", "subscription", "signup", "cookie", "cookies", "consent", "gdpr",
    "advert", "advertisement", "ads", "ad", "promo", "popup", "modal", "skip", "masthead", "footer", "comments",
    "toc", "sharedaddy", "sharethis", "addthis", "addtoany", "a2a",
})
#: Links that share the page (``<a href="https://twitter.com/intent/tweet?…">``): never content.
SHARE_LINK = re.compile(
    r"(?:twitter\.com|x\.com)/(?:intent|share)|facebook\.com/shar|linkedin\.com/(?:sharing|shareArticle)"
    r"|reddit\.com/submit|pinterest\.com/pin/create|wa\.me/|api\.whatsapp\.com/send|t\.me/share"
    r"|^mailto:\?",
    re.IGNORECASE,
)
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
})
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head",
    "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul", "legend", "colgroup", "noscript",
})
#: Start tags that close an open ``<p>``.
_CLOSES_P = _BLOCK - {"body", "html", "head", "td", "th", "tr", "tbody", "thead", "tfoot", "caption", "title"}
_SENTINEL = "<!--;-->"
#: Elements nest at most this deep; deeper ones are read as siblings (keeps malformed pages from exhausting the stack).
MAX_DEPTH = 200
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_WORD = re.compile(r"[a-z0-9]+")
_LANGUAGE = re.compile(r"(?:^|\s)(?:language|lang)-(\S+)")


# -- the tree ----------------------------------------------------------------------


@dataclass(slots=True)
class _Text:
    """A run of text: decoded parts, each with the span of the source it stands for (see `TextBuilder`)."""

    parts: list[Part] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(part[0] for part in self.parts)


@dataclass(slots=True)
class _Break:
    """A stray end tag of a block element: reads as a space, like the element it ends."""

    start: int
    end: int


@dataclass(slots=True)
class _Element:
    tag: str
    attrs: dict[str, str]
    start: int
    end: int  # end of the start tag, then of the end tag once closed
    children: list[_Element | _Text | _Break] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """Tokenizes with `HTMLParser` and builds an element tree with source offsets."""

    def __init__(self, text: str, base: int) -> None:
        super().__init__(convert_charrefs=False)
        self.source = text
        self.base = base
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.root = _Element("#root", {}, base, base + len(text))
        self.stack = [self.root]

    def _here(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    # open and close ----------------------------------------------------------

    def _close_to(self, index: int, end: int | None = None) -> None:
        while len(self.stack) > index:
            element = self.stack.pop()
            if end is not None and len(self.stack) == index:
                element.end = end
            else:
                element.end = max(element.end, _last_end(element))

    def _find(self, tags: set[str] | frozenset[str], boundary: frozenset[str] = frozenset()) -> int | None:
        for index in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[index].tag
            if tag in tags:
                return index
            if tag in boundary:
                return None
        return None

    def _implied_ends(self, tag: str) -> None:
        if tag in _CLOSES_P and (at := self._find({"p"}, frozenset({"td", "th", "li", "div", "table"}))):
            self._close_to(at)
        if tag == "li" and (at := self._find({"li"}, frozenset({"ul", "ol"}))):
            self._close_to(at)
        if tag in ("dt", "dd") and (at := self._find({"dt", "dd"}, frozenset({"dl"}))):
            self._close_to(at)
        if tag in ("td", "th") and (at := self._find({"td", "th"}, frozenset({"tr", "table"}))):
            self._close_to(at)
        if tag == "tr" and (at := self._find({"tr", "td", "th"}, frozenset({"table"}))):
            self._close_to(at)
        if tag in ("thead", "tbody", "tfoot") and (at := self._find({"thead", "tbody", "tfoot"}, frozenset({"table"}))):
            self._close_to(at)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._here()
        raw = self.get_starttag_text() or ""
        element = _Element(tag, {k: v or "" for k, v in attrs}, self.base + start, self.base + start + len(raw))
        self._implied_ends(tag)
        self.stack[-1].children.append(element)
        if tag not in _VOID and not raw.endswith("/>") and len(self.stack) < MAX_DEPTH:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._here()
        raw = self.get_starttag_text() or ""
        element = _Element(tag, {k: v or "" for k, v in attrs}, self.base + start, self.base + start + len(raw))
        self._implied_ends(tag)
        self.stack[-1].children.append(element)

    def handle_endtag(self, tag: str) -> None:
        start = self._here()
        close = self.source.find(">", start)
        end = self.base + (close + 1 if close >= 0 else len(self.source))
        at = self._find({tag})
        if at is not None:
            self._close_to(at, end)
        elif tag in _BLOCK:
            self.stack[-1].children.append(_Break(self.base + start, end))

    # text --------------------------------------------------------------------

    def _text(self) -> _Text:
        children = self.stack[-1].children
        if not children or not isinstance(children[-1], _Text):
            children.append(_Text())
        last = children[-1]
        assert isinstance(last, _Text)
        return last

    def handle_data(self, data: str) -> None:
        start = self.base + self._here()
        text = self._text()
        text.parts.append((data, start, start + len(data), True))

    def _reference(self, raw_start: int, name: str, prefix: str) -> None:
        length = len(prefix) + len(name)
        if self.source.startswith(";", raw_start + length):
            length += 1
        raw = self.source[raw_start:raw_start + length]
        decoded = html_lib.unescape(raw if raw.endswith(";") else raw + ";")
        if decoded == raw + ";":  # not a known entity: the text as written
            decoded = raw
        start = self.base + raw_start
        text = self._text()
        text.parts.append((decoded, start, start + length, False))

    def handle_entityref(self, name: str) -> None:
        self._reference(self._here(), name, "&")

    def handle_charref(self, name: str) -> None:
        self._reference(self._here(), name, "&#")

    def close(self) -> None:
        super().close()
        self._close_to(1)


def _last_end(element: _Element) -> int:
    if not element.children:
        return element.end
    last = element.children[-1]
    if isinstance(last, _Text):
        return last.parts[-1][2] if last.parts else element.end
    return last.end


def _parse(text: str, base: int = 0) -> _Element:
    builder = _TreeBuilder(text, base)
    builder.feed(text)
    # HTMLParser holds back a "&#" or "&name" with no ";" after it, and at the end
    # gives all that follows as text; a comment holding ";" lets it read on, the
    # same whether the text ends there or the document goes on.
    builder.feed(_SENTINEL)
    builder.close()
    return builder.root


# -- what is content ------------------------------------------------------------------


def _skipped(element: _Element) -> bool:
    """Whether an element is boilerplate; decided by the element alone, so a span renders the same anywhere."""
    tag = element.tag
    if tag in SKIPPED_TAGS or (tag == "header" and not _holds_heading(element)):
        return True
    attrs = element.attrs
    if "hidden" in attrs or attrs.get("aria-hidden", "").casefold() == "true":
        return True
    if attrs.get("role", "").casefold() in SKIPPED_ROLES:
        return True
    if tag == "a" and SHARE_LINK.search(attrs.get("href", "")):
        return True
    words = _WORD.findall(f"{attrs.get('class', '')} {attrs.get('id', '')}".casefold())
    return any(word in BOILERPLATE_WORDS for word in words)


def _holds_heading(element: _Element) -> bool:
    return any(
        isinstance(child, _Element) and (child.tag in _HEADINGS or _holds_heading(child)) for child in element.children
    )


def _flatten(node: _Element | _Text | _Break, builder: TextBuilder) -> None:
    """Add the text a browser shows for a node: block edges and ``<br>`` read as a space."""
    if isinstance(node, _Text):
        builder.parts.extend(node.parts)
        return
    if isinstance(node, _Break):
        builder.add(" ", node.start, node.end)
        return
    if _skipped(node) or node.tag == "img":
        return
    if node.tag == "br" or node.tag in _BLOCK:
        builder.add(" ", node.start, node.end)
    for child in node.children:
        _flatten(child, builder)
    if node.tag in _BLOCK:
        builder.add(" ", node.end, node.end)


def _rendered(builder: TextBuilder) -> TextBuilder:
    builder.collapse_whitespace()
    builder.strip()
    return builder


def render_to_text(fragment: str) -> str:
    """The text a person reads in a span of HTML: tags and boilerplate dropped, white space collapsed.

    >>> render_to_text("<b>Label</b>: bakes &amp; sells<br>bread <script>x()</script>")
    'Label: bakes & sells bread'
    """
    builder = TextBuilder()
    _flatten(_parse(fragment), builder)
    return _rendered(builder).text()


# -- reading blocks ----------------------------------------------------------------------


def read_html(document: Document) -> Outline:
    """Read an HTML document into its outline.

    >>> page = "<html><head><title>Baker</title></head><body><nav>Home</nav><h2>Duties</h2>"
    >>> page += "<ul><li>Bakes <b>bread</b></li></ul><footer>(c) 2026</footer></body></html>"
    >>> outline = read_html(Document("baker.html", page))
    >>> outline.title, [(b.kind.value, b.text) for b in outline.blocks]
    ('Baker', [('heading', 'Duties'), ('list_item', 'Bakes bread')])
    """
    root = _parse(document.text)
    reader = _Reader(document, 0, 0)
    reader.walk(root)
    title = next((b.text for b in reader.blocks if b.kind is BlockKind.HEADING and b.depth == 1), None)
    return build_outline(document, reader.blocks, title=title or _title(root))


def read_blocks(document: Document, start: int, end: int, first_index: int = 0, first_table: int = 0) -> list[Block]:
    """The blocks of the HTML in ``document.text[start:end]`` (an HTML block inside Markdown)."""
    reader = _Reader(document, first_index, first_table)
    reader.walk(_parse(document.text[start:end], start))
    return reader.blocks


def unclosed_end(text: str, start: int, end: int) -> int | None:
    """Where the end tag is of the first element that ``text[start:end]`` opens but leaves open, if any.

    >>> page = "<table>\\n<tr><td>1</td></tr>\\n\\n<tr><td>2</td></tr>\\n</table>\\nAfter"
    >>> page[unclosed_end(page, 0, 20):]
    '\\nAfter'
    """
    root = _parse(text[start:end], start)
    opened = next((c for c in root.children if isinstance(c, _Element) and c.tag not in _VOID), None)
    if opened is None or _closed(text, opened):
        return None
    tag = re.escape(opened.tag)
    depth = 0
    for match in re.finditer(rf"<(/?){tag}\b[^>]*>", text[opened.start:], re.IGNORECASE):
        depth += -1 if match[1] else 1
        if depth == 0:
            return opened.start + match.end()
    return None


def _closed(text: str, element: _Element) -> bool:
    return text[element.start:element.end].rstrip().casefold().endswith(f"</{element.tag}>")


def _title(root: _Element) -> str | None:
    stack: list[_Element | _Text | _Break] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, _Element):
            if node.tag == "title":
                builder = TextBuilder()
                for child in node.children:
                    _flatten(child, builder)
                return _rendered(builder).text() or None
            stack.extend(reversed(node.children))
    return None


class _Reader:
    def __init__(self, document: Document, first_index: int, first_table: int) -> None:
        self.document = document
        self.first_index = first_index
        self.blocks: list[Block] = []
        self.tables = first_table
        self.items: list[int | None] = []  # enclosing li elements' blocks
        self.lists: list[str] = []

    def _index(self) -> int:
        return self.first_index + len(self.blocks)

    def _emit(self, kind: BlockKind, builder: TextBuilder, **fields: Any) -> Block | None:
        _rendered(builder)
        if not builder:
            return None
        block = make_block(self.document, kind, builder, self._index(), **fields, format="html")
        self.blocks.append(block)
        return block

    def walk(self, element: _Element) -> None:
        """Blocks of a container: its block children, and its loose inline runs as paragraphs."""
        run: list[_Element | _Text | _Break] = []
        for child in element.children:
            if isinstance(child, _Element) and (child.tag in _BLOCK or child.tag in SKIPPED_TAGS):
                self._run(run)
                run = []
                self._block(child)
            else:
                run.append(child)
        self._run(run)

    def _run(self, run: list[_Element | _Text | _Break], **fields: Any) -> Block | None:
        builder = TextBuilder()
        for node in run:
            _flatten(node, builder)
        kind = BlockKind.LIST_ITEM if fields.get("marker") else BlockKind.PARAGRAPH
        if kind is BlockKind.PARAGRAPH and self.items and "parent" not in fields:
            fields["parent"] = self.items[-1]
        block = self._emit(kind, builder, **fields)
        if block is None:
            return None
        label = _label(run)
        if label:
            block = self.blocks[-1] = replace(block, label=label)
        return block

    def _block(self, element: _Element) -> None:
        if _skipped(element):
            return
        tag = element.tag
        if tag in _HEADINGS:
            builder = TextBuilder()
            for child in element.children:
                _flatten(child, builder)
            self._emit(BlockKind.HEADING, builder, depth=_HEADINGS[tag])
        elif tag in ("ul", "ol"):
            self.lists.append(tag)
            self.walk(element)
            self.lists.pop()
        elif tag == "li":
            self._item(element)
        elif tag == "table":
            self._table(element)
        elif tag == "pre":
            self._code(element)
        elif tag == "p":
            self._run(list(element.children))
        elif tag in ("hr", "title", "colgroup"):
            return
        else:
            self.walk(element)

    def _item(self, element: _Element) -> None:
        marker = "1." if self.lists and self.lists[-1] == "ol" else "-"
        depth = len(self.items)
        parent = next((i for i in reversed(self.items) if i is not None), None)
        self.items.append(None)
        run: list[_Element | _Text | _Break] = []
        children = list(element.children)
        for child in [*children, None]:
            if child is not None and not (
                isinstance(child, _Element) and (child.tag in _BLOCK or child.tag in SKIPPED_TAGS)
            ):
                run.append(child)
                continue
            if self.items[-1] is None and isinstance(child, _Element) and child.tag == "p" and not _has_text(run):
                run = list(child.children)
                continue
            if run:
                if self.items[-1] is None:
                    block = self._run(run, marker=marker, depth=depth, parent=parent)
                    if block is not None:
                        self.items[-1] = block.index
                else:
                    self._run(run)
                run = []
            if isinstance(child, _Element):
                self._block(child)
        self.items.pop()

    def _table(self, element: _Element) -> None:
        table = self.tables
        self.tables += 1
        rows: list[list[tuple[int, _Element, bool]]] = []
        spanned: dict[int, tuple[int, _Element, bool]] = {}  # column -> (rows still covered, cell, header)
        for row in _rows(element):
            cells: list[tuple[int, _Element, bool]] = []
            column = 0
            for entry in [*row, None]:
                while column in spanned:  # a cell from a row above spans this one
                    left, above, header = spanned[column]
                    if column == 0:
                        cells.append((0, above, header))
                    spanned[column] = (left - 1, above, header)
                    if left <= 1:
                        del spanned[column]
                    column += 1
                if entry is None:
                    break
                cell, in_head = entry
                header = cell.tag == "th" or in_head
                cells.append((column, cell, header))
                width = max(1, _int(cell.attrs.get("colspan", "1")))
                height = _int(cell.attrs.get("rowspan", "1"))
                for c in range(column, column + width):
                    if height > 1:
                        spanned[c] = (height - 1, cell, header)
                column += width
            rows.append(cells)
        texts = [[self._cell_text(cell) for _, cell, _ in cells] for cells in rows]
        headers: dict[int, str] = {}
        for cells, row_texts in zip(rows, texts, strict=True):
            if cells and all(header for _, _, header in cells):
                for (column, _, _), builder in zip(cells, row_texts, strict=True):
                    if builder.text() and column not in headers:
                        headers[column] = builder.text()
        emitted: set[int] = set()
        for r, (cells, row_texts) in enumerate(zip(rows, texts, strict=True)):
            first = row_texts[0].text() if row_texts and cells[0][0] == 0 else None
            for (column, cell, header), builder in zip(cells, row_texts, strict=True):
                column_header = headers.get(column)
                fields = {
                    "table": table, "row": r, "column": column, "header": header,
                    "row_header": (first or None) if column else None,
                    "column_header": column_header if column_header != builder.text() or not header else None,
                }
                if id(cell) in emitted:
                    continue  # the first cell of a row above, spanning this row: its row header only
                emitted.add(id(cell))
                for part in _cell_parts(cell):
                    self._emit(BlockKind.TABLE_CELL, part, **fields)

    def _cell_text(self, cell: _Element) -> TextBuilder:
        builder = TextBuilder()
        for child in cell.children:
            _flatten(child, builder)
        return _rendered(builder)

    def _code(self, element: _Element) -> None:
        builder = _code_text(element.children)
        if builder:
            info = _code_info(element)
            block = make_block(self.document, BlockKind.CODE, builder, self._index(), info=info, format="html")
            self.blocks.append(block)


def _code_text(nodes: list[_Element | _Text | _Break]) -> TextBuilder:
    """The text of a ``<pre>``: tags dropped, entities decoded, white space kept but for blank edges."""
    builder = TextBuilder()
    for node in nodes:
        _raw_text(node, builder)
    builder.strip("\r\n \t", left=False)
    builder.strip("\r\n", right=False)
    return builder


def render_code(fragment: str) -> str:
    r"""The text of a span of a ``<pre>`` block: tags dropped, entities decoded, white space kept.

    >>> render_code("a &lt; b\n  <b>c</b>")
    'a < b\n  c'
    """
    return _code_text(_parse(fragment).children).text()


def _cell_parts(cell: _Element) -> list[TextBuilder]:
    """A cell's text, one part per list item when the cell holds a list (and one per run of text around it)."""
    parts: list[TextBuilder] = []

    def visit(element: _Element) -> None:
        run = TextBuilder()
        for child in element.children:
            if isinstance(child, _Element) and child.tag in ("ul", "ol", "li", "p", "div") and _holds_list(child):
                parts.append(run)
                run = TextBuilder()
                visit(child)
            elif isinstance(child, _Element) and child.tag == "li":
                parts.append(run)
                run = TextBuilder()
                item = TextBuilder()
                _flatten(child, item)
                parts.append(item)
            else:
                _flatten(child, run)
        parts.append(run)

    if _holds_list(cell):
        visit(cell)
    else:
        whole = TextBuilder()
        for child in cell.children:
            _flatten(child, whole)
        parts.append(whole)
    return [part for part in parts if part]


def _holds_list(element: _Element) -> bool:
    return any(
        isinstance(child, _Element)
        and (child.tag in ("ul", "ol", "li") or (child.tag in ("p", "div") and _holds_list(child)))
        for child in element.children
    )


def _has_text(run: list[_Element | _Text | _Break]) -> bool:
    builder = TextBuilder()
    for node in run:
        _flatten(node, builder)
    return bool(builder)


def _rows(table: _Element) -> list[list[tuple[_Element, bool]]]:
    """The table's rows in order, each a list of (cell, in thead), nested tables left out."""
    rows: list[list[tuple[_Element, bool]]] = []

    def visit(element: _Element, in_head: bool) -> None:
        for child in element.children:
            if not isinstance(child, _Element):
                continue
            if child.tag == "tr":
                rows.append([(c, in_head) for c in child.children if isinstance(c, _Element) and c.tag in ("td", "th")])
            elif child.tag in ("thead", "tbody", "tfoot"):
                visit(child, child.tag == "thead")

    visit(table, False)
    return rows


def _int(text: str) -> int:
    return int(text) if text.strip().isdigit() else 1


def _code_info(element: _Element) -> str:
    classes = [element.attrs.get("class", "")]
    classes += [c.attrs.get("class", "") for c in element.children if isinstance(c, _Element) and c.tag == "code"]
    for value in classes:
        match = _LANGUAGE.search(value)
        if match:
            return match[1]
        if "mermaid" in value.split():
            return "mermaid"
    return ""


def _raw_text(node: _Element | _Text | _Break, builder: TextBuilder) -> None:
    if isinstance(node, _Text):
        builder.parts.extend(node.parts)
    elif isinstance(node, _Element):
        if node.tag == "br":
            builder.add("\n", node.start, node.end)
        for child in node.children:
            _raw_text(child, builder)


def _label(run: list[_Element | _Text | _Break]) -> str | None:
    """``<b>Label</b>: text`` or ``<strong>Label:</strong> text``: the label."""
    nodes = [n for n in run if not (isinstance(n, _Text) and not n.text.strip())]
    if len(nodes) < 2 or not isinstance(nodes[0], _Element) or nodes[0].tag not in ("b", "strong"):
        return None
    builder = TextBuilder()
    _flatten(nodes[0], builder)
    label = _rendered(builder).text()
    after = nodes[1]
    if label.endswith(":") and label[:-1].strip():
        return label[:-1].strip()
    if isinstance(after, _Text) and after.text.lstrip().startswith(":") and label:
        return label
    return None
