"""The provenance check: does every span of an outline render to its block's text?

Used by the tests on every fixture and by the property tests; cheap enough to
run on any outline while debugging a reader.
"""

from __future__ import annotations

from seed.formats import html, markdown, text
from seed.outline import BlockKind, Outline

__all__ = ["span_problems"]


def span_problems(outline: Outline) -> list[str]:
    """What is wrong with the outline's spans; ``[]`` when every one is exact.

    For each block: its `Source` quotes the block's text, on the line of its
    start; ``render_to_text(document.text[start:end])`` of the format the span is
    written in gives the block's text (CODE: the span is the text, for HTML its
    ``render_code``); and every
    verbatim piece of the text is found at its offsets.

    >>> from seed.outline import read_outline
    >>> from seed.records import Document
    >>> span_problems(read_outline(Document("g.md", "# Baker\\n\\n- *Bakes* bread\\n")))
    []
    """
    document = outline.document
    source_text = document.text
    env = markdown.references(source_text) if any(b.format == "markdown" for b in outline.blocks) else None
    problems: list[str] = []
    for block in outline.blocks:
        source = block.source
        where = f"block {block.index} ({block.kind.value}, line {source.line})"
        if source.text != block.text or source.document != document.name:
            problems.append(f"{where}: the source does not quote the block's text")
        if not 0 <= source.start < source.end <= len(source_text):
            problems.append(f"{where}: span {source.start}:{source.end} is outside the document")
            continue
        if source.line != source_text.count("\n", 0, source.start) + 1:
            problems.append(f"{where}: line {source.line} is not the line of offset {source.start}")
        fragment = source_text[source.start:source.end]
        if block.kind is BlockKind.CODE:
            rendered = html.render_code(fragment) if block.format == "html" else fragment
        elif block.format == "html":
            rendered = html.render_to_text(fragment)
        elif block.format == "markdown":
            rendered = markdown.render_to_text(fragment, env, cell=block.kind is BlockKind.TABLE_CELL)
        else:
            rendered = text.render_to_text(fragment)
        if rendered != block.text:
            problems.append(f"{where}: {fragment!r} renders to {rendered!r}, not {block.text!r}")
        for piece in block.pieces:
            if piece.verbatim:
                length = piece.file_end - piece.file_start
                copied = block.text[piece.text_start:piece.text_start + length]
                if source_text[piece.file_start:piece.file_end] != copied:
                    problems.append(f"{where}: piece at {piece.text_start} is not at {piece.file_start}")
    for key, source in outline.front_matter_sources.items():
        if source_text[source.start:source.end] != source.text or outline.front_matter.get(key) != source.text:
            problems.append(f"front matter {key!r}: {source_text[source.start:source.end]!r} is not its value")
    return problems
