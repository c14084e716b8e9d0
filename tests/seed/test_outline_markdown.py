"""The Markdown reader: structure from markdown-it's tokens, text as a person reads it, exact spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from seed.formats.markdown import read_markdown, render_to_text
from seed.outline import BlockKind, Outline
from seed.reader import read_document
from seed.records import Document

LADDER = Path(__file__).parents[1] / "fixtures" / "outline" / "pastry-ladder.md"


def _read(text: str) -> Outline:
    return read_markdown(Document("g.md", text))


def _texts(text: str, kind: BlockKind | None = None) -> list[str]:
    return [b.text for b in _read(text).blocks if kind is None or b.kind is kind]


@pytest.fixture(scope="module")
def ladder() -> Outline:
    return read_markdown(read_document(LADDER))


def test_read_markdown_takes_a_definition_heading_like_any_other() -> None:
    outline = _read("# Definition of a Baker\n\nA Baker bakes bread.\n")
    assert [(b.kind, b.text, b.depth) for b in outline.blocks] == [
        (BlockKind.HEADING, "Definition of a Baker", 1), (BlockKind.PARAGRAPH, "A Baker bakes bread.", 0),
    ]
    assert outline.title == "Definition of a Baker"


@pytest.mark.parametrize("level", range(1, 7))
def test_read_markdown_heading_levels(level: int) -> None:
    (heading,) = _read("#" * level + " Levels ##\n").blocks
    assert (heading.kind, heading.depth, heading.text) == (BlockKind.HEADING, level, "Levels")


def test_read_markdown_setext_headings(ladder: Outline) -> None:
    head = next(b for b in ladder.blocks if b.text == "Head Pastry Chef" and b.kind is BlockKind.HEADING)
    assert head.depth == 2


@pytest.mark.parametrize("marker", ["-", "*", "+", "1.", "7)"])
def test_read_markdown_list_items_leave_the_marker_out(marker: str) -> None:
    text = f"{marker} Kneads dough\n"
    (item,) = _read(text).blocks
    assert item.kind is BlockKind.LIST_ITEM and item.text == "Kneads dough" and item.marker == marker
    assert text[item.source.start:item.source.end] == "Kneads dough"


def test_read_markdown_sub_headings_are_headings_not_list_items(ladder: Outline) -> None:
    items = {b.text for b in ladder.blocks if b.kind is BlockKind.LIST_ITEM}
    assert "Commis Pâtissier" not in items and "Levels" not in items
    commis = next(s for s in ladder.walk() if s.title == "Commis Pâtissier")
    assert [s.title for s in ladder.walk() if s.heading and s.heading.depth == 3] == [
        "Commis Pâtissier", "Chef de Partie (Pastry)",
    ]
    assert all(b.kind is BlockKind.LIST_ITEM for b in commis.blocks)


def test_read_markdown_nested_list_items_know_their_parent_and_depth(ladder: Outline) -> None:
    learning = next(b for b in ladder.blocks if b.label == "Learning")
    children = [b for b in ladder.blocks if b.parent == learning.index]
    assert [(b.text, b.depth) for b in children] == [("tempering chocolate", 1), ("laminating dough", 1)]
    assert learning.depth == 0 and learning.parent is None


def test_read_markdown_bold_labels(ladder: Outline) -> None:
    item = next(b for b in ladder.blocks if b.label == "Mise en place")
    assert item.text == "Mise en place: weighs, sifts and prepares ingredients before service"
    assert ladder.document.text[item.source.start:item.source.end].startswith("**Mise en place**:")
    assert _read("- **Bread:** bakes it\n").blocks[0].label == "Bread"
    assert _read("- **Bread** bakes it\n").blocks[0].label is None


def test_read_markdown_front_matter(ladder: Outline) -> None:
    assert dict(ladder.front_matter) == {
        "title": "Pastry Chef Career Ladder", "tags": "kitchen, pastry", "owner": "Kitchen Operations",
    }
    assert ladder.title == "Pastry Chef Career Ladder"


@pytest.mark.parametrize(
    "front",
    [
        pytest.param("---\n- a\n- b\n---\n", id="not-a-mapping"),
        pytest.param("---\ntitle: [unclosed\n---\n", id="invalid-yaml"),
        pytest.param("---\n!!python/object:os.system x\n---\n", id="unsafe-tag"),
    ],
)
def test_read_markdown_ignores_front_matter_it_cannot_use(front: str) -> None:
    outline = _read(front + "# Baker\n")
    assert dict(outline.front_matter) == {} and outline.title == "Baker"


def test_read_markdown_title_prefers_front_matter_then_first_h1() -> None:
    assert _read("## Intro\n\n# Baker\n").title == "Baker"
    assert _read("## Intro\n").title == "Intro"


def test_read_markdown_inline_markup_reads_as_text() -> None:
    text = "A *pastry* cook at [Le Four][four] &amp; `Café` \\*daily\\* <span>now</span>![logo](x.png)\n\n[four]: /x\n"
    (paragraph,) = _read(text).blocks
    assert paragraph.text == "A pastry cook at Le Four & Café *daily* now"


def test_read_markdown_joins_wrapped_lines_and_breaks_with_one_space(ladder: Outline) -> None:
    quote = next(b for b in ladder.blocks if b.text.startswith("Each level"))
    assert quote.text == "Each level builds on the one before it: nobody skips a rung."
    head = next(b for b in ladder.blocks if b.text.startswith("Sets the dessert menu"))
    assert "food cost for the pastry kitchen" in head.text


def test_read_markdown_gfm_table_cells_know_their_headers(ladder: Outline) -> None:
    cells = [b for b in ladder.blocks if b.kind is BlockKind.TABLE_CELL and b.table == 0]
    creates = next(b for b in cells if b.text == "Creates recipes")
    assert (creates.row, creates.column, creates.row_header, creates.column_header) == (
        1, 3, "Doughs", "Head Pastry Chef",
    )
    assert [b.text for b in cells if b.header] == ["Skill", "Commis", "Chef de Partie", "Head Pastry Chef"]
    assert next(b for b in cells if b.column_header == "Head Pastry Chef" and b.row == 2).text == (
        "Hires | coaches the team"
    )


def test_read_markdown_html_table_inside_markdown_is_read_whole(ladder: Outline) -> None:
    cells = [b for b in ladder.blocks if b.table == 1]
    assert [(b.text, b.row, b.column, b.column_header, b.format) for b in cells] == [
        ("Level", 0, 0, None, "html"),
        ("Focus", 0, 1, None, "html"),
        ("Commis", 1, 0, "Level", "html"),
        ("Accuracy", 1, 1, "Focus", "html"),
        ("Speed & hygiene", 1, 1, "Focus", "html"),
    ]
    heading = next(b for b in ladder.blocks if b.text == "Progression")
    assert heading.kind is BlockKind.HEADING and heading.index > cells[-1].index


def test_read_markdown_mermaid_fence_is_a_code_block(ladder: Outline) -> None:
    (code,) = [b for b in ladder.blocks if b.kind is BlockKind.CODE]
    assert code.info == "mermaid"
    assert code.text.startswith("graph LR\n  commis[Commis Pâtissier] --> cdp[Chef de Partie]")
    assert code.text.endswith("head[Head Pastry Chef]")


def test_read_markdown_unclosed_fence_runs_to_the_end() -> None:
    (code,) = _read("```\ngraph TD\nA-->B\n").blocks
    assert code.text == "graph TD\nA-->B"


def test_read_markdown_quote_of_part_of_a_block_is_exact(ladder: Outline) -> None:
    item = next(b for b in ladder.blocks if b.label == "Mise en place")
    i = item.text.index("weighs")
    source = ladder.quote(item, i, i + len("weighs, sifts"))
    assert ladder.document.text[source.start:source.end] == "weighs, sifts"


def test_render_to_text_strips_container_prefixes_of_continuation_lines() -> None:
    assert render_to_text("first line\n> > second *line*") == "first line second line"


def test_read_markdown_front_matter_values_have_exact_sources(ladder: Outline) -> None:
    text = ladder.document.text
    sources = ladder.front_matter_sources
    assert set(sources) == {"title", "owner"}  # tags is a list: no single span
    for key, source in sources.items():
        assert text[source.start:source.end] == source.text == ladder.front_matter[key]
    assert sources["title"].line == 2 and ladder.front_matter_lines == 5


def test_read_markdown_front_matter_source_of_a_quoted_value() -> None:
    text = "---\ntitle: 'Head Baker'\nlevel: 3 # a comment\n---\n# X\n"
    outline = _read(text)
    source = outline.front_matter_sources["title"]
    assert text[source.start:source.end] == "Head Baker"
    assert "level" not in outline.front_matter_sources and outline.front_matter["level"] == "3"
