"""The coverage report: what every line of every document produced, or why not.

Three levels of it:

- per line (`Extraction.coverage`): what each line or table cell produced, or
  the reason it produced nothing;
- per section (`section_warnings`): a section that looks like levels, a ladder
  or specializations but yielded none;
- per file (`extract_seed_report`): a file of a folder in which nothing
  career-like is found is named with the reason, next to the files the reader
  skipped or could not read (`seed.reader.SeedReport`); ``strict`` makes it an error.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from seed.errors import UnrecognizedGuide
from seed.extract import extract
from seed.extract.template import template_role
from seed.levels import parse_level, role_phrase
from seed.outline import Block, Outline, Section, read_outline
from seed.reader import DEFAULT_SEED, FileProblem, read_seed_report
from seed.records import EntityKind, Extraction, LineCategory, RelationType
from seed.vocabulary import vocabulary

__all__ = ["SeedExtraction", "coverage_report", "coverage_summary", "extract_seed_report", "section_warnings"]

_LOG = logging.getLogger("careergraph.seed")


@dataclass(frozen=True, slots=True)
class SeedExtraction:
    """A seed's extractions, and every file that gave none, with the reason."""

    extractions: tuple[Extraction, ...]
    #: Files of an unsupported type, files that could not be read (from the reader).
    skipped: tuple[FileProblem, ...] = ()
    unreadable: tuple[FileProblem, ...] = ()
    #: Files read but in which nothing career-like is found.
    unrecognized: tuple[FileProblem, ...] = ()

    def lines(self) -> list[str]:
        """One line per file that gave no records, saying why.

        >>> SeedExtraction((), unrecognized=(FileProblem("novel.txt", "nothing career-like found"),)).lines()
        ['no records from novel.txt: nothing career-like found']
        """
        return ([f"skipped {p}" for p in self.skipped] + [f"unreadable {p}" for p in self.unreadable]
                + [f"no records from {p}" for p in self.unrecognized])


def extract_seed_report(path: str | Path = DEFAULT_SEED, *, strict: bool = False) -> SeedExtraction:
    """Read and extract a seed; a folder's file with nothing career-like is reported, not fatal.

    Raises the first problem when ``strict``, or when no file gives records
    (a single file that is not a career document raises `UnrecognizedGuide`).
    """
    report = read_seed_report(path, strict=strict)
    extractions: list[Extraction] = []
    problems: list[FileProblem] = []
    for document in report.documents:
        try:
            extractions.append(extract(document))
        except UnrecognizedGuide as exc:
            if strict:
                raise
            problems.append(FileProblem(document.name, "nothing career-like found: " + _reason(exc), exc))
            _LOG.warning("no records from %s: nothing career-like found", document.name)
    if not extractions:
        first = next((p.error for p in (*report.errors, *problems) if p.error is not None), None)
        if first is not None:
            raise first
    return SeedExtraction(tuple(extractions), report.skipped, report.errors, tuple(problems))


def _reason(error: UnrecognizedGuide) -> str:
    message = str(error)
    return message.split(": ", 1)[1] if ": " in message else message


#: What a section of each kind is expected to yield.
_EXPECTED = {
    "levels": ({EntityKind.LEVEL}, {RelationType.HAS_LEVEL, RelationType.PROGRESSES_TO}),
    "tracks": ({EntityKind.LEVEL}, {RelationType.HAS_LEVEL, RelationType.PROGRESSES_TO}),
    "specializations": ({EntityKind.SPECIALIZATION}, {RelationType.HAS_SPECIALIZATION}),
    "ladder": (set(), {RelationType.PROGRESSES_TO}),
}
#: Headings that promise levels or a ladder outright (narrower than the section kinds, which also
#: read "Roles" or "Promotion" as a place levels may stand).
_PROMISES = {
    "levels": re.compile(r"\b(?:levels|grades|bands|seniority)\b", re.IGNORECASE),
    "ladder": re.compile(r"\bcareer (?:path|ladder|progression)s?\b|\bprogression\b|\bnext steps?\b", re.IGNORECASE),
}


def section_warnings(extraction: Extraction) -> tuple[str, ...]:
    """A warning for each section that looks like levels, a ladder or specializations but yielded none.

    >>> from seed.records import Document
    >>> text = "# Baker\\n\\n## Career Path\\n\\nBakers knead.\\n\\n## Junior Baker\\n\\n- Kneads.\\n"
    >>> section_warnings(extract(Document("b.md", text)))
    ("b.md:3: section 'Career Path' looks like a ladder but yielded none",)
    """
    outline = read_outline(extraction.document)
    if template_role(outline) is not None:
        return ()  # the career-guide page shape: its sections are fixed
    spans = _stated_spans(extraction)
    warnings = []
    for section in outline.walk():
        heading = section.heading
        if heading is None:
            continue
        kind = vocabulary().section_kind(heading.text)
        if kind not in _EXPECTED or (kind in _PROMISES and not _PROMISES[kind].search(heading.text)):
            continue
        if parse_level(heading.text) is not None or role_phrase(heading.text, disciplines=False):
            continue  # a level's or a role's own heading ("Site Reliability Engineer Levels")
        start, end = _extent(outline, section)
        kinds, relations = _EXPECTED[kind]
        if not any(start <= position < end for k, position in spans if k in kinds or k in relations):
            what = {"levels": "levels", "tracks": "a track of levels", "specializations": "specializations",
                    "ladder": "a ladder"}[kind]
            warnings.append(f"{extraction.document.name}:{heading.line}: section {heading.text!r} "
                            f"looks like {what} but yielded none")
    return tuple(warnings)


def _stated_spans(extraction: Extraction) -> list[tuple[object, int]]:
    spans: list[tuple[object, int]] = []
    for entity in extraction.entities:
        spans.extend((entity.kind, s.start) for s in entity.sources)
    for relation in extraction.relations:
        spans.extend((relation.type, s.start) for s in relation.sources)
    return spans


def _extent(outline: Outline, section: Section) -> tuple[int, int]:
    """Where a section starts and ends; in a flat outline (plain text) it runs on over untyped headings."""
    blocks: list[Block] = [b for s in section.walk() for b in ((s.heading,) if s.heading else ()) + s.blocks]
    start = blocks[0].source.start
    end = max(b.source.end for b in blocks)
    if not section.children:
        following = [b for b in outline.blocks if b.source.start >= end]
        for block in following:
            if block.kind.value == "heading" and (block.depth < section.depth or
                                                  vocabulary().section_kind(block.text) is not None):
                break
            end = max(end, block.source.end)
    return start, end + 1


def coverage_summary(extractions: Iterable[Extraction]) -> dict[str, Counter[str]]:
    """Counts per entity kind, relation type and line category over all documents."""
    kinds: Counter[str] = Counter()
    relations: Counter[str] = Counter()
    lines: Counter[str] = Counter()
    for extraction in extractions:
        kinds.update(entity.kind.value for entity in extraction.entities)
        relations.update(relation.type.value for relation in extraction.relations)
        lines.update(report.category.value for report in extraction.coverage)
    return {"entities": kinds, "relations": relations, "lines": lines}


def coverage_report(extractions: Iterable[Extraction], verbose: bool = True, problems: Iterable[str] = ()) -> str:
    """A readable report: one row per line (when ``verbose``), section warnings, ``problems``, counts.

    ``problems`` are lines naming the files that gave no records (`SeedExtraction.lines`).

    >>> from seed.records import Document
    >>> print(coverage_report([extract(Document("b.txt", "Definition of a Baker\\nBakers bake.\\n"))]))
    b.txt
         1  heading  ROLE Baker
         2  prose    ROLE Baker
    <BLANKLINE>
    entities: ROLE 1
    relations: none
    lines: heading 1, prose 1
    """
    extractions = list(extractions)
    out: list[str] = []
    if verbose:
        for extraction in extractions:
            out.append(extraction.document.name)
            for report in extraction.coverage:
                what = "; ".join(report.produced) if report.produced else f"({report.reason})"
                out.append(f"{report.line:>6}  {report.category.value:<8} {what}")
            out.append("")
    warnings = [w for extraction in extractions for w in section_warnings(extraction)]
    out.extend(f"warning: {w}" for w in warnings)
    problems = list(problems)
    out.extend(problems)
    if warnings or problems:
        out.append("")
    summary = coverage_summary(extractions)
    out.append("entities: " + _counts(summary["entities"], [k.value for k in EntityKind]))
    out.append("relations: " + _counts(summary["relations"], [t.value for t in RelationType]))
    out.append("lines: " + _counts(summary["lines"], [c.value for c in LineCategory]))
    return "\n".join(out)


def _counts(counter: Counter[str], order: list[str]) -> str:
    parts = [f"{key} {counter[key]}" for key in order if counter[key]]
    return ", ".join(parts) or "none"
