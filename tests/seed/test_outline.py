"""The outline model: sections from headings, heading paths, quotes of parts of a block, format choice."""

from __future__ import annotations

import pytest

from seed.outline import BlockKind, read_outline, sniff_format, supported_format
from seed.records import Document

GUIDE = "BAKER\nBakes bread.\nLevels\nJunior bakers learn.\n2.1 Junior\nKneads dough.\n"


def _outline(text: str = GUIDE, name: str = "g.txt"):
    return read_outline(Document(name, text))


def test_outline_blocks_are_numbered_in_document_order() -> None:
    outline = _outline()
    assert [block.index for block in outline.blocks] == list(range(len(outline.blocks)))


def test_outline_sections_nest_by_heading_level() -> None:
    outline = _outline()
    (top,) = outline.sections
    assert top.title == "BAKER" and top.depth == 1
    assert [child.title for child in top.children] == ["Levels", "2.1 Junior"]
    assert [block.text for block in top.blocks] == ["Bakes bread."]


def test_outline_heading_path_lists_the_headings_above_a_block() -> None:
    outline = _outline()
    last = outline.blocks[-1]
    assert [h.text for h in outline.heading_path(last)] == ["BAKER", "2.1 Junior"]
    assert outline.heading_path(outline.blocks[0]) == ()


def test_outline_keeps_the_text_before_the_first_heading_in_a_section_without_heading() -> None:
    outline = _outline("A note first.\nBAKER\nBakes bread.\n")
    assert [(s.heading is None, s.depth) for s in outline.sections] == [(True, 0), (False, 1)]
    assert [s.title for s in outline.walk()] == ["", "BAKER"]


def test_outline_title_is_the_first_top_level_heading() -> None:
    assert _outline("Overview\nIt is.\nBAKER\nBakes.\n").title == "BAKER"
    assert _outline("Overview\nIt is.\n").title == "Overview"
    assert _outline("just words.\n").title is None


def test_outline_quote_gives_exact_offsets_of_a_part_of_a_block() -> None:
    text = "Skills\n- Kneads dough and\n  shapes loaves\n"
    outline = _outline(text)
    item = outline.blocks[1]
    assert item.text == "Kneads dough and shapes loaves"
    i = item.text.index("shapes")
    source = outline.quote(item, i, i + len("shapes loaves"))
    assert text[source.start:source.end] == "shapes loaves" and source.line == 3
    joined = outline.quote(item, item.text.index("and"), i + 6)
    assert text[joined.start:joined.end] == "and\n  shapes" and joined.text == "and shapes"


def test_outline_quote_rejects_a_range_outside_the_block() -> None:
    outline = _outline()
    with pytest.raises(ValueError, match=r"not a part of the block's text"):
        outline.quote(outline.blocks[0], 0, 99)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("a.txt", "text", id="txt"),
        pytest.param("a.md", "markdown", id="md"),
        pytest.param("A.Markdown", "markdown", id="markdown-any-case"),
        pytest.param("a.html", "html", id="html"),
        pytest.param("a.htm", "html", id="htm"),
        pytest.param("a.pdf", None, id="unsupported"),
        pytest.param(".md", None, id="hidden-file"),
    ],
)
def test_supported_format_follows_the_suffix(name: str, expected: str | None) -> None:
    assert supported_format(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("<!DOCTYPE html><html><body><p>x</p>", "html", id="html"),
        pytest.param("---\ntitle: Baker\n---\n# Baker\n", "markdown", id="front-matter"),
        pytest.param("Intro\n\n## Levels\n", "markdown", id="atx-heading"),
        pytest.param("Baker\nBakes bread.\n", "text", id="text"),
    ],
)
def test_sniff_format_guesses_from_the_text(text: str, expected: str) -> None:
    assert sniff_format(text) == expected


def test_read_outline_sniffs_a_name_without_a_known_suffix() -> None:
    outline = _outline("BAKER\nBakes bread.\n", name="guide")
    assert [block.kind for block in outline.blocks] == [BlockKind.HEADING, BlockKind.PARAGRAPH]
