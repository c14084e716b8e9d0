"""The HTML reader: a saved page's content without its boilerplate, exact spans into the source."""

from __future__ import annotations

from pathlib import Path

import pytest

from seed.formats.html import read_html, render_to_text
from seed.outline import BlockKind, Outline
from seed.reader import read_document
from seed.records import Document

PAGE = Path(__file__).parents[1] / "fixtures" / "outline" / "nursing-careers.html"


def _read(text: str) -> Outline:
    return read_html(Document("g.html", text))


def _texts(text: str) -> list[str]:
    return [b.text for b in _read(text).blocks]


@pytest.fixture(scope="module")
def page() -> Outline:
    return read_html(read_document(PAGE))


def test_read_html_drops_the_pages_boilerplate(page: Outline) -> None:
    texts = " ".join(b.text for b in page.blocks)
    for noise in ("CareHub", "Jobs", "cookies", "Share on X", "Related careers", "Midwife", "Subscribe",
                  "weekly jobs", "2026", "font-family", "dataLayer", "Reviewed by"):
        assert noise not in texts


def test_read_html_keeps_a_header_that_holds_a_heading(page: Outline) -> None:
    assert page.blocks[0].text == "Registered Nurse Career Path" and page.blocks[0].depth == 1
    assert page.blocks[-1].kind is BlockKind.CODE
    assert _texts("<header><p>Menu</p><h2>Duties</h2></header>") == ["Menu", "Duties"]


def test_read_html_title_is_the_first_h1_then_the_title_tag(page: Outline) -> None:
    assert page.title == "Registered Nurse Career Path"
    assert _read("<title>Baker | Jobs</title><h2>Duties</h2>").title == "Baker | Jobs"


@pytest.mark.parametrize(
    "wrapper",
    [
        pytest.param('<div role="navigation">{}</div>', id="role-navigation"),
        pytest.param('<div class="social-share">{}</div>', id="class-word"),
        pytest.param('<div id="newsletter">{}</div>', id="id-word"),
        pytest.param("<div hidden>{}</div>", id="hidden"),
        pytest.param('<section aria-hidden="true">{}</section>', id="aria-hidden"),
        pytest.param("<form>{}</form>", id="form"),
        pytest.param("<noscript>{}</noscript>", id="noscript"),
        pytest.param("<header>{}</header>", id="page-header"),
        pytest.param("<article><footer>{}</footer></article>", id="footer"),
    ],
)
def test_read_html_drops_boilerplate_by_tag_role_and_class(wrapper: str) -> None:
    assert _texts(wrapper.format("<p>Noise</p>") + "<p>Bakes bread.</p>") == ["Bakes bread."]


def test_read_html_does_not_mistake_words_inside_class_names() -> None:
    assert _texts('<div class="adventure shareholder"><p>Bakes bread.</p></div>') == ["Bakes bread."]


def test_read_html_reads_text_as_a_browser_shows_it(page: Outline) -> None:
    paragraph = page.blocks[1]
    assert paragraph.text == "A Registered Nurse (RN) cares for patients and works with physicians & pharmacists."
    shift = next(b for b in page.blocks if b.text.startswith("Leads a shift"))
    assert shift.text == "Leads a shift. Assigns patients to nurses."


def test_read_html_list_items_nest_and_keep_labels(page: Outline) -> None:
    care = next(b for b in page.blocks if b.label == "Care")
    assert care.text == "Care: assesses patients and records vital signs" and care.marker == "-"
    medication = next(b for b in page.blocks if b.text == "Administers medication")
    (child,) = [b for b in page.blocks if b.parent == medication.index]
    assert (child.text, child.depth, child.kind) == ("checks doses twice", 1, BlockKind.LIST_ITEM)


def test_read_html_ordered_lists_and_implied_end_tags() -> None:
    outline = _read("<ol><li>Kneads<li>Bakes</ol><p>One<p>Two")
    assert [(b.kind.value, b.text, b.marker) for b in outline.blocks] == [
        ("list_item", "Kneads", "1."), ("list_item", "Bakes", "1."), ("paragraph", "One", ""), ("paragraph", "Two", ""),
    ]


def test_read_html_table_cells_know_their_headers(page: Outline) -> None:
    cells = [b for b in page.blocks if b.kind is BlockKind.TABLE_CELL]
    years = next(b for b in cells if b.text == "3+ years")
    assert (years.row, years.column, years.row_header, years.column_header) == (2, 1, "Charge Nurse", "Years")
    assert [b.text for b in cells if b.column_header == "Duties"] == [
        "Patient care", "Runs the shift", "Mentors new nurses",
    ]
    assert next(b for b in cells if b.text == "Staff Nurse").header


def test_read_html_table_spans_keep_columns_and_row_headers() -> None:
    table = (
        "<table><tr><th>Level</th><th>Title</th><th>Duty</th></tr>"
        "<tr><td rowspan=2>Junior</td><td>Cook</td><td>Chops</td></tr>"
        "<tr><td>Prep</td><td>Washes</td></tr>"
        "<tr><td colspan=2>Senior</td><td>Leads</td></tr></table>"
    )
    cells = [(b.text, b.row, b.column, b.row_header, b.column_header) for b in _read(table).blocks if not b.header]
    assert cells == [
        ("Junior", 1, 0, None, "Level"), ("Cook", 1, 1, "Junior", "Title"), ("Chops", 1, 2, "Junior", "Duty"),
        ("Prep", 2, 1, "Junior", "Title"), ("Washes", 2, 2, "Junior", "Duty"),
        ("Senior", 3, 0, None, "Level"), ("Leads", 3, 2, "Senior", "Duty"),
    ]


def test_read_html_pre_is_code_with_its_language(page: Outline) -> None:
    (code,) = [b for b in page.blocks if b.kind is BlockKind.CODE]
    assert code.info == "mermaid" and code.text == "graph LR\n  staff[Staff Nurse] --> charge[Charge Nurse]"
    (python,) = _read('<pre><code class="language-python">x = 1 &lt; 2\n</code></pre>').blocks
    assert (python.info, python.text) == ("python", "x = 1 < 2")


def test_read_html_loose_text_in_containers_is_a_paragraph() -> None:
    assert _texts("<div>Bakes <b>bread</b><p>Sells it.</p>and cakes</div>") == ["Bakes bread", "Sells it.", "and cakes"]


def test_read_html_entities_map_to_their_whole_source(page: Outline) -> None:
    years = next(b for b in page.blocks if b.text == "0–3 years")
    source = page.quote(years, 1, 2)
    assert page.document.text[source.start:source.end] == "&ndash;" and source.text == "–"


def test_read_html_survives_broken_markup() -> None:
    assert _texts("<p>Bakes <b>bread</p></div></span><li>Sells &bogus; &#xZZ; cakes") == [
        "Bakes bread", "Sells &bogus; &#xZZ; cakes",
    ]


def test_render_to_text_drops_tags_scripts_and_collapses_space() -> None:
    assert render_to_text("<b>Label</b>:\n  bakes &amp; sells<br>bread <script>x()</script>") == (
        "Label: bakes & sells bread"
    )


def test_read_html_drops_share_links_without_a_class() -> None:
    page = (
        '<p>Bakes bread. <a href="https://twitter.com/intent/tweet?u=x">Tweet</a> '
        '<a href="mailto:?subject=Baker">E-mail a friend</a> <a href="/bread">Bread</a></p>'
    )
    assert _texts(page) == ["Bakes bread. Bread"]


def test_read_html_reads_a_page_nested_too_deep() -> None:
    page = "<div>" * 5000 + "<p>Bakes bread.</p>" + "</div>" * 10
    assert _texts(page) == ["Bakes bread."]
