"""The plain-text reader: headings, list items and paragraphs from the shape of lines, exact spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from seed.formats.text import read_text, render_to_text
from seed.outline import BlockKind, Outline
from seed.reader import DEFAULT_SEED, read_document
from seed.records import Document

FIXTURES = Path(__file__).parents[1] / "fixtures" / "guides"
TEXT_DOCUMENTS = [DEFAULT_SEED, *sorted(FIXTURES.glob("*.txt"))]


def _read(text: str) -> Outline:
    return read_text(Document("g.txt", text))


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(block.kind.value, block.text) for block in _read(text).blocks]


@pytest.mark.parametrize("path", TEXT_DOCUMENTS, ids=lambda p: p.name)
def test_read_text_every_span_renders_to_its_block_text(path: Path) -> None:
    document = read_document(path)
    outline = read_text(document)
    assert outline.blocks
    for block in outline.blocks:
        source = block.source
        assert render_to_text(document.text[source.start:source.end]) == block.text == source.text
        assert source.line == document.text.count("\n", 0, source.start) + 1


@pytest.mark.parametrize("path", TEXT_DOCUMENTS, ids=lambda p: p.name)
def test_read_text_gives_one_block_per_line_of_a_guide(path: Path) -> None:
    document = read_document(path)
    lines = [line.strip() for line in document.text.split("\n") if line.strip()]
    blocks = read_text(document).blocks
    assert [block.text for block in blocks] == lines
    assert all(block.source.text == document.text[block.source.start:block.source.end] for block in blocks)


def test_read_text_reads_the_bundled_guide_structure() -> None:
    outline = read_text(read_document(DEFAULT_SEED))
    headings = [b.text for b in outline.blocks if b.kind is BlockKind.HEADING]
    assert headings[:3] == [
        "Definition of a Technical Product Manager",
        "What does a Technical Product Manager do?",
        "Key Responsibilities of a Technical Product Manager",
    ]
    section = next(s for s in outline.walk() if s.title.startswith("Key Responsibilities"))
    assert len(section.blocks) == 12 and {b.kind for b in section.blocks} == {BlockKind.LIST_ITEM}
    assert outline.title == "Definition of a Technical Product Manager"


@pytest.mark.parametrize("marker", ["-", "*", "+", "•", "◦", "–", "1.", "12)"])
def test_read_text_list_items_leave_the_marker_out(marker: str) -> None:
    text = f"Duties\n{marker} Kneading dough\n{marker} Shaping loaves\n"
    outline = _read(text)
    items = [b for b in outline.blocks if b.kind is BlockKind.LIST_ITEM]
    assert [b.text for b in items] == ["Kneading dough", "Shaping loaves"]
    assert {b.marker for b in items} == {marker}
    assert text[items[0].source.start:items[0].source.end] == "Kneading dough"


def test_read_text_bullet_without_a_space_after_the_dot() -> None:
    assert _kinds("Duties\n•Kneading dough\n") == [("heading", "Duties"), ("list_item", "Kneading dough")]


def test_read_text_nested_list_items_know_their_parent() -> None:
    outline = _read("Duties\n- Baking\n  - bread\n  - cakes\n- Selling\n")
    items = outline.blocks[1:]
    assert [(b.text, b.depth, b.parent) for b in items] == [
        ("Baking", 0, None), ("bread", 1, 1), ("cakes", 1, 1), ("Selling", 0, None),
    ]


def test_read_text_joins_hard_wrapped_lines_into_one_paragraph() -> None:
    text = (
        "A baker works early in the morning, preparing doughs and\n"
        "batters for the day.  The work is physical and it starts\n"
        "before dawn.\n"
        "\n"
        "Short line.\n"
    )
    outline = _read(text)
    first, second = outline.blocks
    assert first.text == (
        "A baker works early in the morning, preparing doughs and batters for the day.  "
        "The work is physical and it starts before dawn."
    )
    assert (first.source.line, first.source.start, first.source.end) == (1, 0, text.index("dawn.") + 5)
    assert second.text == "Short line."


def test_read_text_keeps_lines_apart_when_the_break_was_the_writers() -> None:
    text = "Bakes bread.\nSells cakes to the customers of the shop every day.\n"
    assert [b.text for b in _read(text).blocks] == text.splitlines()


def test_read_text_joins_a_list_item_with_its_indented_continuation() -> None:
    outline = _read("Duties\n- Kneading the dough\n  by hand\n- Shaping\n")
    assert [b.text for b in outline.blocks[1:]] == ["Kneading the dough by hand", "Shaping"]


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        pytest.param("Baker\n=====\nBakes bread.\n", 1, id="underlined-equals"),
        pytest.param("Baker\n-----\nBakes bread.\n", 2, id="underlined-dashes"),
        pytest.param("BAKER\nBakes bread.\n", 1, id="all-caps"),
        pytest.param("2.1 Baker\nBakes bread.\n", 2, id="numbered"),
        pytest.param("Baker\nBakes bread.\n", 2, id="short-line-before-a-paragraph"),
        pytest.param("Baker\n- Bakes bread\n", 2, id="short-line-before-a-list"),
        pytest.param("Duties:\n- Bakes bread\n", 2, id="label-before-a-list"),
        pytest.param("What does a baker do?\nBakes bread.\n", 2, id="question-before-an-answer"),
    ],
)
def test_read_text_heading_shapes(text: str, depth: int) -> None:
    heading = _read(text).blocks[0]
    assert heading.kind is BlockKind.HEADING and heading.depth == depth
    assert heading.text == text.split("\n", 1)[0]


def test_read_text_underline_is_markup_not_a_block() -> None:
    assert _kinds("Baker\n=====\nBakes bread.\n") == [("heading", "Baker"), ("paragraph", "Bakes bread.")]


def test_read_text_a_run_of_unpunctuated_lines_is_a_list() -> None:
    text = "Key Duties of a Baker\nKneading dough by hand\nShaping loaves\nTypes of Bakers\nBread bakers bake.\n"
    kinds = _kinds(text)
    assert kinds == [
        ("heading", "Key Duties of a Baker"),
        ("list_item", "Kneading dough by hand"),
        ("list_item", "Shaping loaves"),
        ("heading", "Types of Bakers"),
        ("paragraph", "Bread bakers bake."),
    ]


def test_read_text_a_long_unpunctuated_line_is_not_a_heading() -> None:
    line = " ".join(["word"] * 13)
    assert _kinds(f"{line}\nBakes bread.\n")[0] == ("paragraph", line)


def test_read_text_list_item_label() -> None:
    item = _read("Duties\n- Baking: bread and cakes\n- Selling bread\n").blocks[1]
    assert item.label == "Baking" and item.text == "Baking: bread and cakes"
