"""The role a document is about: front matter, title, first heading, its levels' shared name, or the file name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from seed.extract.sentences import find_ignoring_case
from seed.levels import common_base, parse_level, role_phrase
from seed.outline import Block, BlockKind, Outline
from seed.records import Source

__all__ = ["FRONT_MATTER_KEYS", "RoleChoice", "find_role"]

#: Front matter keys that name the role, most specific first.
FRONT_MATTER_KEYS = ("role", "job_title", "job title", "position", "job_family", "job family", "title")


@dataclass(frozen=True, slots=True)
class RoleChoice:
    """The document's role and where the text names it; ``how`` says which rule found it."""

    name: str
    source: Source
    how: str


def find_role(outline: Outline) -> RoleChoice | None:
    """The role, by the first rule that finds one (docs/extraction.md, "Roles").

    1. a front matter key (`FRONT_MATTER_KEYS`) naming a role;
    2. the title (first level-1 heading, HTML ``<title>``) or the first heading, unless it is a level;
    3. the name the level headings share ("Engineer" for "Engineer I", "Senior Engineer");
    4. the file name ("registered-nurse.md").
    """
    body = outline.document.text
    headings = [b for b in outline.blocks if b.kind is BlockKind.HEADING]
    for key in FRONT_MATTER_KEYS:
        value = outline.front_matter.get(key)
        name = role_phrase(value, body) if value else None
        if name and value:
            return RoleChoice(name, _front_matter_source(outline, value) or _fallback_source(outline), "front matter")
    candidates = [b for b in headings if b.text == outline.title][:1] + headings[:1]
    for block in candidates:
        if parse_level(block.text) is None:
            name = role_phrase(block.text, body)
            if name:
                return RoleChoice(name, _quote_in(outline, block, name), "title")
    levels = [(b, lv) for b in headings if (lv := parse_level(b.text)) is not None and lv.base]
    base = common_base([lv for _, lv in levels])
    if base:
        block, level = levels[0]
        return RoleChoice(base, _quote_in(outline, block, base), "level headings")
    stem = re.sub(r"^\d+[-_ ]*", "", outline.document.name.rsplit(".", 1)[0])
    name = role_phrase(re.sub(r"[-_]+", " ", stem), body)
    if name:
        return RoleChoice(name, _fallback_source(outline), "file name")
    return None


def _quote_in(outline: Outline, block: Block, name: str) -> Source:
    """The span of ``name`` (or its singular stem) inside a block's text, else the whole block."""
    for form in (name, name.rsplit(" ", 1)[-1]):
        span = find_ignoring_case(block.text, form)
        if span:
            return outline.quote(block, *span)
    return block.source


def _front_matter_source(outline: Outline, value: str) -> Source | None:
    text = outline.document.text
    if not text.startswith("---"):
        return None
    end = text.find("\n---", 3)
    i = text.find(value, 0, end if end > 0 else len(text))
    if i < 0:
        return None
    return Source(outline.document.name, text.count("\n", 0, i) + 1, i, i + len(value), value)


def _fallback_source(outline: Outline) -> Source:
    """Where a role named only by the file is anchored: the first heading, else the first block."""
    first = next((b for b in outline.blocks if b.kind is BlockKind.HEADING), outline.blocks[0])
    return first.source
