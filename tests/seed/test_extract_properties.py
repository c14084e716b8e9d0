"""Property tests of structural extraction: any Markdown or HTML built from career-like parts.

Whatever the document, `extract` raises a `SeedError` or returns records whose
every span lies in one block of the outline and quotes it as a person reads
it, whose coverage reports every line once, and whose relations join only
entities it returns.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seed import Document, Extraction, extract
from seed.errors import SeedError
from seed.outline import read_outline

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ROLES = ["Nurse", "Backend Engineer", "Chef", "Data Analyst", "Electrician"]
LEVELS = ["Junior", "Senior", "Staff", "Level 2", "IC3", "L4", "Head", "", "D1 -", "Apprentice"]
WORDS = ["works", "with", "the", "pastry team", "engineering", "SQL", "2-4 years", "5+ years of experience",
         "can become", "→", "->", "**Owns**:", "stakeholders", "İstanbul", "naïve", "`code`", "&amp;", "|",
         "*", "_", "extends the", "role", "knowledge of", "Kubernetes", "XYZ", "Share this", "teams,", "and"]


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS) | st.text(min_size=1, max_size=6), min_size=1, max_size=9))
    return " ".join(words) + draw(st.sampled_from(["", ".", ":", "?"]))


@st.composite
def markdown(draw: st.DrawFn) -> str:
    role = draw(st.sampled_from(ROLES))
    parts = [draw(st.sampled_from(["", f"---\ntitle: {role} Ladder\n---\n\n"])), f"# {role} Career Ladder\n\n"]
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["level", "bullets", "nested", "table", "mermaid", "prose", "specialties"]))
        level = f"{draw(st.sampled_from(LEVELS))} {role}".strip()
        if kind == "level":
            parts.append(f"## {level}\n\n")
        elif kind == "bullets":
            parts.extend(f"- {draw(_sentence())}\n" for _ in range(draw(st.integers(1, 3))))
            parts.append("\n")
        elif kind == "nested":
            parts.append(f"- {draw(_sentence())}\n  - {draw(_sentence())}\n\n")
        elif kind == "table":
            parts.append(f"| Level | Scope |\n|---|---|\n| {level} | {draw(_sentence())} |\n"
                         f"| 2 | {draw(_sentence())} |\n\n")
        elif kind == "mermaid":
            parts.append(f"```mermaid\ngraph LR\n  a[{level}] --> b({role}) & c\n```\n\n")
        elif kind == "specialties":
            parts.append(f"## Specialties\n\n### {draw(_sentence())}\n\n- {draw(_sentence())}\n\n")
        else:
            parts.append(f"{draw(_sentence())} {draw(_sentence())}\n\n")
    return "".join(parts)


@st.composite
def html(draw: st.DrawFn) -> str:
    role = draw(st.sampled_from(ROLES))
    rows = "".join(
        f"<tr><td>{draw(st.sampled_from(LEVELS))} {role}</td><td>{draw(_sentence())}</td>"
        f"<td><ul><li>{draw(_sentence())}</li></ul></td></tr>"
        for _ in range(draw(st.integers(1, 4)))
    )
    return (f"<html><head><title>{role} Levels</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<h1>{role} Levels</h1><p>{draw(_sentence())}</p><table><tr><th>Level</th><th>A</th><th>B</th></tr>"
            f"{rows}</table><footer>{draw(_sentence())}</footer></body></html>")


def _check(name: str, text: str) -> Extraction | None:
    document = Document(name, text)
    try:
        extraction = extract(document)
    except SeedError:
        return None
    outline = read_outline(document)
    blocks = [(b.source.start, b.source.end) for b in outline.blocks]
    front = text.find("\n---", 3) if text.startswith("---") else -1
    sources = [s for e in extraction.entities for s in e.sources]
    sources += [s for r in extraction.relations for s in r.sources]
    sources += [s for e in extraction.entities if e.years for s in e.years.sources]
    for source in sources:
        assert source.end <= front or any(a <= source.start and source.end <= b for a, b in blocks), source
        assert text.count("\n", 0, source.start) + 1 == source.line, source
        assert "\n" not in source.text, source
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    assert [r.line for r in extraction.coverage] == list(range(1, lines + 1))
    assert all(r.produced or r.reason for r in extraction.coverage)
    refs = {e.ref for e in extraction.entities}
    assert all(r.source in refs and r.target in refs for r in extraction.relations)
    return extraction


@SETTINGS
@given(markdown())
def test_extract_is_exact_on_any_career_like_markdown(text: str) -> None:
    _check("guide.md", text)


@SETTINGS
@given(html())
def test_extract_is_exact_on_any_career_like_html(text: str) -> None:
    _check("guide.html", text)
