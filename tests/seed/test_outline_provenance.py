"""Exact provenance: for every block of every fixture document, the span renders to the block's text.

``render_to_text(document.text[start:end]) == block.text == block.source.text``
with the renderer of the format the span is written in (an HTML block inside
Markdown is HTML), and every character copied verbatim sits at its offset
(`seed.formats.check.span_problems`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from seed.formats.check import span_problems
from seed.outline import read_outline, supported_format
from seed.reader import DEFAULT_SEED, read_document

FIXTURES = Path(__file__).parents[1] / "fixtures"
DOCUMENTS = sorted(
    [DEFAULT_SEED, *(p for p in FIXTURES.rglob("*") if p.is_file() and supported_format(p.name))],
    key=lambda p: p.as_posix(),
)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.relative_to(p.parents[1]).as_posix())
def test_outline_every_span_of_every_fixture_renders_to_its_text(path: Path) -> None:
    document = read_document(path)
    outline = read_outline(document)
    assert outline.blocks
    assert span_problems(outline) == []


def test_outline_fixtures_cover_every_format() -> None:
    assert {supported_format(p.name) for p in DOCUMENTS} == {"text", "markdown", "html"}


def test_span_problems_catches_a_span_that_does_not_render_to_its_text() -> None:
    from dataclasses import replace

    from seed.outline import Outline
    from seed.records import Document, Source

    outline = read_outline(Document("g.md", "# Baker\n\nBakes *bread*.\n"))
    paragraph = outline.blocks[1]
    start, end = paragraph.source.start + 1, paragraph.source.end
    moved = replace(paragraph, source=Source("g.md", 3, start, end, paragraph.text))
    broken = Outline(outline.document, outline.title, (outline.blocks[0], moved), outline.sections)
    (problem,) = span_problems(broken)
    assert "renders to 'akes bread.'" in problem
