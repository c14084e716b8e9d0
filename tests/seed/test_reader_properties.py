"""Property tests: the readers never crash on arbitrary documents, and every span they return is exact.

Two sources of documents for Markdown and HTML each: any text at all, and
documents assembled from the parts career documents are made of (headings,
nested lists, tables, emphasis, links, entities, inline and block HTML, code
fences, front matter, blockquotes, unicode) so that every reader path runs.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seed.formats.check import span_problems
from seed.outline import BlockKind, read_outline
from seed.records import Document

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ANY_TEXT = settings(SETTINGS, max_examples=100)

WORDS = st.sampled_from([
    "Senior", "Baker", "leads", "the", "team", "İstanbul", "Straße", "ﬁnance", "naïve", "東京", "café", "→",
    "L4", "IC3", "2-4", "years", "&amp;", "&ndash;", "&bogus;", "&#42;", "\\*", "\\|", "*", "_", "`", "<", ">",
    "|", "#", "-", "1.", "[x]", "a\u00a0b", "\t", "😀",
])


@st.composite
def _inline(draw: st.DrawFn) -> str:
    parts = draw(st.lists(WORDS | st.text(min_size=1, max_size=6), min_size=1, max_size=8))
    out = []
    for part in parts:
        wrap = draw(st.sampled_from(["{}", "*{}*", "**{}**", "_{}_", "`{}`", "[{}](https://x.test/a)", "<b>{}</b>",
                                     "~~{}~~", "[{}][ref]", "![{}](i.png)", "{}  \n", "{}\\\n", "<span>{}</span>"]))
        out.append(wrap.format(part))
    return " ".join(out)


@st.composite
def _markdown_block(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 10))
    text = draw(_inline())
    if kind == 0:
        return "#" * draw(st.integers(1, 6)) + " " + text
    if kind == 1:
        return f"{text}\n" + draw(st.sampled_from(["===", "---"]))
    if kind == 2:
        items = draw(st.lists(_inline(), min_size=1, max_size=4))
        marker = draw(st.sampled_from(["-", "*", "+", "1.", "2)"]))
        indent = draw(st.sampled_from(["", "  ", "   "]))
        return "\n".join(f"{indent * (i % 3)}{marker} {item}" for i, item in enumerate(items))
    if kind == 3:
        columns = draw(st.integers(1, 4))
        rows = draw(st.lists(st.lists(_inline(), min_size=columns, max_size=columns), min_size=1, max_size=3))
        lines = ["| " + " | ".join(f"H{c}" for c in range(columns)) + " |", "|" + "---|" * columns]
        lines += ["| " + " | ".join(cell.replace("\n", " ").replace("|", "\\|") for cell in row) + " |"
                  for row in rows]
        return "\n".join(lines)
    if kind == 4:
        info = draw(st.sampled_from(["mermaid", "", "python"]))
        return f"```{info}\ngraph TD\n  A[{text.splitlines()[0] if text.strip() else 'a'}] --> B\n```"
    if kind == 5:
        return (f"<table>\n<tr><th>Level</th><td>{text}</td></tr>\n\n"
                "<tr><td>2</td><td><ul><li>x</li></ul></td></tr>\n</table>")
    if kind == 6:
        return "> " + text.replace("\n", "\n> ")
    if kind == 7:
        return f"<div class=\"share\">{text}</div>"
    if kind == 8:
        return f"- {text}\n  - {draw(_inline())}\n\n  {draw(_inline())}"
    if kind == 9:
        return "[ref]: https://x.test/r"
    return text


@st.composite
def markdown_documents(draw: st.DrawFn) -> str:
    front = draw(st.sampled_from([
        "", "---\ntitle: Baker\nlevels: [1, 2]\n---\n", "---\n: bad: [\n---\n",
        "---\ntitle: \"Head: Baker\"\nrole: 'Chef'  \nlevel: 3 # x\n---\n",
    ]))
    blocks = draw(st.lists(_markdown_block(), min_size=1, max_size=8))
    separator = draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n"]))
    return front + separator.join(blocks) + draw(st.sampled_from(["", "\n"]))


@st.composite
def _html_node(draw: st.DrawFn, depth: int = 0) -> str:
    text = draw(_inline()).replace("\n", " ")
    tag = draw(st.sampled_from(["p", "h1", "h3", "li", "div", "span", "b", "nav", "footer", "td", "th", "pre",
                                "script", "section", "blockquote", "dt", "br", "a", "em"]))
    attrs = draw(st.sampled_from(["", ' class="share"', ' role="navigation"', ' hidden', ' id="main"',
                                  ' class="language-mermaid"', " colspan=2", " rowspan=3"]))
    inner = text
    if depth < 2 and draw(st.booleans()):
        inner += "".join(draw(st.lists(_html_node(depth + 1), max_size=3)))
    close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", ""]))
    wrapper = draw(st.sampled_from(
        ["{}", "<ul>{}</ul>", "<ol>{}</ol>", "<table><tr>{}</tr></table>", "<article>{}</article>"]
    ))
    return wrapper.format(f"<{tag}{attrs}>{inner}{close}")


@st.composite
def html_documents(draw: st.DrawFn) -> str:
    body = "\n".join(draw(st.lists(_html_node(), min_size=1, max_size=6)))
    head = draw(st.sampled_from(["", "<!DOCTYPE html><html><head><title>Baker &amp; co</title></head><body>"]))
    return head + body


def _check(name: str, text: str) -> None:
    outline = read_outline(Document(name, text))
    assert span_problems(outline) == []
    for block in outline.blocks:
        assert block.text.strip()
        assert block.kind is BlockKind.CODE or block.text == block.text.strip()  # code keeps its indentation
        whole = outline.quote(block, 0, len(block.text))
        assert block.source.start <= whole.start < whole.end <= block.source.end
        for i in {0, len(block.text) // 2, len(block.text) - 1}:
            part = outline.quote(block, i, i + 1)
            assert part.line == text.count("\n", 0, part.start) + 1
            if part.end - part.start == 1 and text[part.start] == block.text[i]:
                continue
            assert any(not p.verbatim and p.file_start == part.start and p.file_end == part.end for p in block.pieces)


@SETTINGS
@given(markdown_documents())
def test_read_markdown_spans_are_exact_for_career_like_documents(text: str) -> None:
    _check("g.md", text)


@ANY_TEXT
@given(st.text(max_size=300))
def test_read_markdown_never_crashes_on_any_text(text: str) -> None:
    _check("g.md", text)


@SETTINGS
@given(html_documents())
def test_read_html_spans_are_exact_for_page_like_documents(text: str) -> None:
    _check("g.html", text)


@ANY_TEXT
@given(st.text(alphabet=st.sampled_from(list("<>/=\"'&;# \npliuta!-b1x")) | st.characters(), max_size=300))
def test_read_html_never_crashes_on_any_text(text: str) -> None:
    _check("g.html", text)


@ANY_TEXT
@given(st.text(max_size=300))
def test_read_text_spans_are_exact_for_any_text(text: str) -> None:
    _check("g.txt", text)


@st.composite
def text_documents(draw: st.DrawFn) -> str:
    """Plain text made of the lines guides are made of: headings, underlines, bullets, wrapped prose."""
    line = st.one_of(
        st.sampled_from(["BAKER", "Duties:", "2.1 Levels", "What does a baker do?", "Key Duties of a Baker", "===",
                         "-----", "", "  ", "Ted Lasso", "Up Next"]),
        st.builds(lambda marker, indent, words: f"{indent}{marker} {words}",
                  st.sampled_from(["-", "*", "•", "1.", "3)", "–", "+"]), st.sampled_from(["", "  ", "    ", "\t"]),
                  _inline()),
        st.builds(lambda words, end: words.replace("\n", " ") + end, _inline(), st.sampled_from(["", ".", "?", ":"])),
        st.text(max_size=90),
    )
    lines = draw(st.lists(line, min_size=1, max_size=25))
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines)


@SETTINGS
@given(text_documents())
def test_read_text_spans_are_exact_for_guide_like_text(text: str) -> None:
    _check("g.txt", text)
