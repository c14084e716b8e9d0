"""The career-guide page shape: "Definition of a <Role>", "Key Responsibilities of a <Role>", …

One shape among those `seed.extract` reads: a plain-text guide saved from a
career-guide site, whose section headings are the site's fixed phrases
(`seed.rules.SECTION_HEADINGS`). The walker visits the outline's blocks in order
(one block a line in such a guide), decides what each is with the tables in
`seed.rules`, and records every fact with the exact span that states it.
Every line ends up in the coverage report, used or skipped with a reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from seed import rules
from seed.errors import UnrecognizedGuide
from seed.outline import Outline, supported_format
from seed.records import (
    Document,
    Entity,
    EntityKind,
    EntityRef,
    Extraction,
    LineCategory,
    LineReport,
    Relation,
    RelationType,
    Source,
    normalize_name,
)
from seed.rules import Section

_NEWLINE = re.compile("\n")

__all__ = ["extract_template", "template_role"]

_TERMINAL = (".", "!", "?", ":")


def template_role(outline: Outline) -> str | None:
    """The guide's role if the outline is a career-guide page (plain text with its headings), else None."""
    found = _template(outline)
    return found[0] if found else None


def _template(outline: Outline) -> tuple[str, list[_Line]] | None:
    if supported_format(outline.document.name) not in (None, "text"):
        return None
    lines = _split_lines(outline)
    try:
        return _guide_role(outline.document, lines), lines
    except UnrecognizedGuide:
        return None


def extract_template(outline: Outline) -> Extraction | None:
    """Extract the records a career-guide page states, or None when the outline is not one.

    Example
    -------
    >>> from seed.outline import read_outline
    >>> text = "Definition of a Baker\\nA Baker bakes bread.\\n"
    >>> [e.name for e in extract_template(read_outline(Document("baker.txt", text))).entities]
    ['Baker']
    """
    found = _template(outline)
    if found is None:
        return None
    role, lines = found
    walker = _Walker(outline.document, role)
    for line in lines:
        walker.visit(line)
    return walker.result()


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _split_lines(outline: Outline) -> list[_Line]:
    """Each line of the blocks as a `_Line` (stripped text, offsets into the whole text), blank lines between.

    A guide of this shape holds one block a line; a block the reader joined
    over several lines (a hard-wrapped paragraph) is walked line by line, as
    the guides have always been read.
    """
    text = outline.document.text
    starts = [0, *(match.end() for match in _NEWLINE.finditer(text))]
    if text.endswith("\n"):
        starts.pop()
    lines: dict[int, _Line] = {}
    for block in outline.blocks:
        first = block.line
        last = first + text.count("\n", block.source.start, block.source.end)
        for number in range(first, last + 1):
            start = max(starts[number - 1], block.source.start)
            end = starts[number] - 1 if number < len(starts) else len(text)
            end = min(end, block.source.end) if number == last else end
            raw = text[start:end]
            lead = len(raw) - len(raw.lstrip())
            lines.setdefault(number, _Line(number, start + lead, raw.strip()))
    return [lines.get(number) or _Line(number, start, "") for number, start in enumerate(starts, start=1)]


def _match_heading(text: str) -> tuple[Section, re.Match[str]] | None:
    for section, pattern in rules.SECTION_HEADINGS:
        match = pattern.match(text)
        if match:
            return section, match
    return None


def _guide_role(document: Document, lines: list[_Line]) -> str:
    """The role the guide is about, from its first heading that names one.

    Page noise (the footer and placeholder lines) never names the role: the
    walker skips it, so a role found there would have no record.
    """
    for line in lines:
        if rules.FOOTER_START.match(line.text):
            break
        if _is_placeholder(line.text):
            continue
        found = _match_heading(line.text)
        if found and "role" in found[1].groupdict():
            return _singular(found[1]["role"])
    raise UnrecognizedGuide(document.name)


def _is_placeholder(text: str) -> bool:
    return bool(rules.PLACEHOLDER_WORDS.search(text) or rules.TESTIMONIAL_QUOTE.match(text))


def _singular(name: str) -> str:
    """Singular of a role or team name: only its last word changes.

    >>> _singular("Senior Technical Product Managers"), _singular("VP of Sales")
    ('Senior Technical Product Manager', 'VP of Sales')
    """
    head, _, last = name.rpartition(" ")
    if (
        last.endswith("s")
        and not last.endswith("ss")
        and len(last) > 3
        and not last.isupper()
        and last.casefold() not in rules.INVARIANT_PLURALS
    ):
        last = last[:-1]
    return f"{head} {last}" if head else last


def _span(document: Document, line: _Line, start: int, end: int) -> Source:
    return Source(document.name, line.number, start, end, document.text[start:end])


@dataclass(slots=True)
class _Sentence:
    line: _Line
    start: int
    text: str

    def source(self, document: Document) -> Source:
        return _span(document, self.line, self.start, self.start + len(self.text))


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'\u201c(])")


def _sentences(line: _Line) -> Iterator[_Sentence]:
    position = 0
    for match in [*_SENTENCE_BREAK.finditer(line.text), None]:
        end = match.start() if match else len(line.text)
        text = line.text[position:end]
        if text:
            yield _Sentence(line, line.start + position, text)
        position = match.end() if match else end


@dataclass(slots=True)
class _Mention:
    """A name found inside a sentence, with its absolute offsets."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*&\s*")


def _cue_lists(sentence: _Sentence, cue: re.Pattern[str]) -> Iterator[list[_Mention]]:
    """For each cue phrase in a sentence, the items of the list after it."""
    for match in cue.finditer(sentence.text):
        tail_start = match.end()
        end = rules.LIST_END.search(sentence.text, tail_start)
        tail_end = end.start() if end else len(sentence.text)
        items: list[_Mention] = []
        position = tail_start
        for sep in [*_LIST_SPLIT.finditer(sentence.text, tail_start, tail_end), None]:
            item_end = sep.start() if sep else tail_end
            items.append(_trimmed(sentence, position, item_end))
            position = sep.end() if sep else tail_end
        yield [item for item in items if item.text]


_LEADING_WORDS = (*rules.ARTICLES, *rules.GENERIC_TEAM_WORDS)


def _trimmed(sentence: _Sentence, start: int, end: int) -> _Mention:
    """The item at ``start:end`` without surrounding space and leading articles.

    Offsets move with every character dropped, so the mention quotes the text
    exactly even with doubled spaces ("the  engineers").
    """
    text = sentence.text[start:end]
    while True:
        stripped = text.lstrip()
        start, text = start + len(text) - len(stripped), stripped
        # Compare slices of the original, so casefolding cannot shift offsets.
        prefix = next((p for p in _LEADING_WORDS if text[: len(p)].casefold() == p), None)
        if prefix is None:
            break
        start, text = start + len(prefix), text[len(prefix):]
    return _Mention(text.rstrip(), sentence.start + start)


def _title(text: str) -> str:
    """Capitalize each word, keeping acronyms and joining words as written."""
    return " ".join(
        word if word in {"of", "and", "for", "the"} else word[:1].upper() + word[1:]
        for word in text.split()
    )


_TEAM_BY_SURFACE = {
    surface: canonical
    for canonical, surfaces in rules.TEAM_SYNONYMS.items()
    for surface in (canonical.casefold(), *surfaces)
}


def _team_name(phrase: str) -> str | None:
    """Canonical team name for a phrase after a collaboration cue, or None."""
    key = normalize_name(phrase)
    if key in rules.NON_TEAMS:
        return None
    for candidate in (key, re.sub(r"\s+teams?$", "", key)):
        if candidate in _TEAM_BY_SURFACE:
            return _TEAM_BY_SURFACE[candidate]
    words = key.split()
    if not words or len(words) > 4 or words[-1] not in rules.TEAM_HEADS:
        return None
    if words[-1] in {"team", "teams"}:
        words = words[:-1]
        phrase = phrase.rsplit(" ", 1)[0]
    return _title(phrase) if words else None


def _skill_name(phrase: str) -> str | None:
    words = phrase.split()
    if not words or len(words) > rules.MAX_SKILL_WORDS:
        return None
    if words[0].casefold() in rules.NOT_SKILL_STARTS or normalize_name(phrase) in rules.NON_SKILLS:
        return None
    return phrase[:1].upper() + phrase[1:]


@dataclass
class _Walker:
    """Walks a document's lines, collecting records and the coverage report."""

    document: Document
    role_name: str
    entities: dict[EntityRef, Entity] = field(default_factory=dict)
    relations: dict[tuple[RelationType, EntityRef, EntityRef], Relation] = field(default_factory=dict)
    coverage: list[LineReport] = field(default_factory=list)
    section: Section = Section.OTHER
    owner: EntityRef | None = None
    abbreviation: str | None = None
    previous_level: tuple[EntityRef, Source] | None = None
    ladder_next: bool = False
    in_footer: bool = False
    pending_noise: list[_Line] = field(default_factory=list)
    _rungs: list[tuple[list[EntityRef], Source]] = field(default_factory=list)
    _produced: list[str] = field(default_factory=list)

    @property
    def role(self) -> EntityRef:
        return EntityRef(EntityKind.ROLE, self.role_name)

    # -- records ---------------------------------------------------------

    def add_entity(
        self,
        kind: EntityKind,
        name: str,
        source: Source,
        aliases: tuple[str, ...] = (),
        description: str | None = None,
    ) -> EntityRef:
        ref = EntityRef(kind, name)
        old = self.entities.get(ref)
        if old is not None:
            aliases = tuple(dict.fromkeys((*old.aliases, *aliases)))
            description = old.description or description
            sources = tuple(dict.fromkeys((*old.sources, source)))
        else:
            sources = (source,)
        self._produced.append(f"{kind.value} {name}")
        aliases = tuple(a for a in dict.fromkeys(aliases) if normalize_name(a) != normalize_name(name))
        self.entities[ref] = Entity(kind, name, sources, aliases, description)
        return ref

    def add_relation(self, type_: RelationType, source: EntityRef, target: EntityRef, *spans: Source) -> None:
        if source == target:
            return
        key = (type_, source, target)
        old = self.relations.get(key)
        merged = tuple(sorted(set((*old.sources, *spans)) if old else set(spans)))
        self._produced.append(f"{type_.value} {source.name} -> {target.name}")
        self.relations[key] = Relation(type_, source, target, merged)

    def report(self, line: _Line, category: LineCategory, reason: str = "") -> None:
        produced = tuple(self._produced)
        self._produced.clear()
        if category is LineCategory.PROSE and not produced and not reason:
            reason = "prose with no fact"
        self.coverage.append(LineReport(self.document.name, line.number, category, produced, reason))

    def result(self) -> Extraction:
        self._flush_noise(reason="short line")
        return Extraction(
            self.document,
            tuple(self.entities.values()),
            tuple(self.relations.values()),
            tuple(sorted(self.coverage, key=lambda r: r.line)),
        )

    # -- lines -----------------------------------------------------------

    def visit(self, line: _Line) -> None:
        if not line.text:
            self.report(line, LineCategory.BLANK, "blank line")
        elif self.in_footer or rules.FOOTER_START.match(line.text):
            self.in_footer = True
            self.report(line, LineCategory.NOISE, "page footer")
        elif _is_placeholder(line.text):
            self._flush_noise(reason="testimonial attribution", as_noise=True)
            self.report(line, LineCategory.NOISE, "placeholder testimonial")
        elif self._is_attribution_candidate(line):
            self.pending_noise.append(line)
        else:
            self._flush_noise(reason="short line")
            self._visit_content(line)

    def _is_attribution_candidate(self, line: _Line) -> bool:
        """Short unpunctuated lines that may be a testimonial's name and company.

        They are held back until the next line tells: a quote makes them noise.
        """
        return (
            self.section in (Section.OTHER, Section.FAQ)
            and not line.text.endswith(_TERMINAL)
            and len(line.text.split()) <= rules.MAX_ATTRIBUTION_WORDS
            and _match_heading(line.text) is None
            and len(self.pending_noise) < 2
        )

    def _flush_noise(self, reason: str, as_noise: bool = False) -> None:
        held, self.pending_noise = self.pending_noise, []
        for line in held:
            if as_noise:
                self.report(line, LineCategory.NOISE, reason)
            else:
                self._visit_content(line)

    def _visit_content(self, line: _Line) -> None:
        heading = _match_heading(line.text)
        if heading:
            self._enter_section(line, *heading)
        elif self.section is Section.SPECIALIZATIONS or self.section is Section.SPECIALIZATION:
            self._visit_specializations(line)
        elif self.section is Section.FAQ and line.text.endswith("?"):
            self.ladder_next = bool(rules.LADDER_QUESTION.search(line.text))
            self.report(line, LineCategory.HEADING, "FAQ question")
        elif self._in_bullet_section() and not line.text.endswith(_TERMINAL):
            self._bullet(line)
        elif not line.text.endswith(_TERMINAL):
            self.section, self.owner = Section.OTHER, self.role
            self.report(line, LineCategory.HEADING, "heading (other section)")
        else:
            self._prose(line)

    def _in_bullet_section(self) -> bool:
        return self.section in (Section.KEY_RESPONSIBILITIES, Section.LEVEL)

    def _enter_section(self, line: _Line, section: Section, match: re.Match[str]) -> None:
        self.section, self.owner, self.ladder_next = section, self.role, False
        groups = match.groupdict()
        if section is Section.LEVEL:
            self._level_heading(line, match)
            return
        if groups.get("role") and _singular(groups["role"]).casefold() == self.role_name.casefold():
            start = line.start + match.start("role")
            span = _span(self.document, line, start, start + len(groups["role"]))
            self.add_entity(EntityKind.ROLE, self.role_name, span)
        self.report(line, LineCategory.HEADING, f"heading ({section.value})")

    def _level_heading(self, line: _Line, match: re.Match[str]) -> None:
        rest = match["rest"]
        label = rest
        for form in (self.role_name + "s", self.role_name):
            if rest.casefold().endswith(" " + form.casefold()):
                label = rest[: -len(form) - 1]
                break
        label = _title(label.replace("-", " "))
        if not label.casefold().endswith("level"):
            label += " Level"
        start = line.start + match.start("rest")
        span = _span(self.document, line, start, start + len(rest))
        aliases = [label]
        if self.abbreviation:
            aliases.append(f"{label} {self.abbreviation}")
        level = self.add_entity(EntityKind.LEVEL, f"{label} {self.role_name}", span, tuple(aliases))
        self.add_relation(RelationType.HAS_LEVEL, self.role, level, span)
        if self.previous_level is not None:
            previous, previous_span = self.previous_level
            self.add_relation(RelationType.PROGRESSES_TO, previous, level, previous_span, span)
        self.previous_level = (level, span)
        self.owner = level
        self.report(line, LineCategory.HEADING, "heading (level)")

    def _visit_specializations(self, line: _Line) -> None:
        text = line.text
        role = self.role_name
        for form in (role + "s", role):
            if not text.endswith(_TERMINAL) and text.casefold().endswith(" " + form.casefold()):
                qualifier = text[: -len(form) - 1]
                span = _span(self.document, line, line.start, line.end)
                aliases = [qualifier, *([f"{qualifier} {self.abbreviation}"] if self.abbreviation else [])]
                spec = self.add_entity(EntityKind.SPECIALIZATION, f"{qualifier} {role}", span, tuple(aliases))
                self.add_relation(RelationType.HAS_SPECIALIZATION, self.role, spec, span)
                self.section, self.owner = Section.SPECIALIZATION, spec
                self.report(line, LineCategory.HEADING, "heading (specialization)")
                return
        if not text.endswith(_TERMINAL):
            self.section, self.owner = Section.OTHER, self.role
            self.report(line, LineCategory.HEADING, "heading (other section)")
            return
        self._prose(line)

    def _bullet(self, line: _Line) -> None:
        owner = self.owner or self.role
        span = _span(self.document, line, line.start, line.end)
        responsibility = self.add_entity(EntityKind.RESPONSIBILITY, line.text, span)
        self.add_relation(RelationType.HAS_RESPONSIBILITY, owner, responsibility, span)
        for sentence in _sentences(line):
            self._teams(sentence, responsibility)
        self.report(line, LineCategory.BULLET)

    def _prose(self, line: _Line) -> None:
        owner = self.owner or self.role
        if self.section is Section.DEFINITION:
            self._definition(line)
        elif owner.kind is not EntityKind.ROLE and owner in self.entities:
            entity = self.entities[owner]
            if entity.description is None:
                self.entities[owner] = Entity(entity.kind, entity.name, entity.sources, entity.aliases, line.text)
                self._produced.append(f"description of {entity.name}")
        for sentence in _sentences(line):
            self._teams(sentence, owner)
            self._skills(sentence, owner)
            if self.ladder_next:
                self._ladder(sentence)
        if self.ladder_next:
            self._close_ladder()
        self.report(line, LineCategory.PROSE)

    def _definition(self, line: _Line) -> None:
        role = re.escape(self.role_name)
        match = re.search(rf"\b{role}s?\s*\((?P<abbr>[A-Z][A-Za-z/&]{{1,9}})\)", line.text)
        aliases: tuple[str, ...] = (self.role_name + "s",)
        if match:
            self.abbreviation = match["abbr"]
            aliases += (self.abbreviation, self.abbreviation + "s")
        source = _span(self.document, line, line.start, line.end)
        existing = self.entities.get(self.role)
        description = None if existing and existing.description else line.text
        self.add_entity(EntityKind.ROLE, self.role_name, source, aliases, description)

    def _teams(self, sentence: _Sentence, owner: EntityRef) -> None:
        for items in _cue_lists(sentence, rules.COLLABORATION_CUES):
            for item in items:
                name = _team_name(item.text)
                if name is None:
                    continue
                span = Source(self.document.name, sentence.line.number, item.start, item.end, item.text)
                team = self.add_entity(EntityKind.TEAM, name, span, (item.text,))
                self.add_relation(RelationType.COLLABORATES_WITH, owner, team, sentence.source(self.document))

    def _skills(self, sentence: _Sentence, owner: EntityRef) -> None:
        if owner.kind not in (EntityKind.ROLE, EntityKind.SPECIALIZATION):
            return
        for items in _cue_lists(sentence, rules.SKILL_CUES):
            for item in items:
                name = _skill_name(item.text)
                if name is None:
                    continue
                span = Source(self.document.name, sentence.line.number, item.start, item.end, item.text)
                skill = self.add_entity(EntityKind.SKILL, name, span)
                self.add_relation(RelationType.REQUIRES_SKILL, owner, skill, sentence.source(self.document))

    # -- the career ladder -------------------------------------------------

    def _ladder(self, sentence: _Sentence) -> None:
        for cue in rules.LADDER_CUES.finditer(sentence.text):
            rung = [self._ladder_role(sentence, mention) for mention in _role_names(sentence, cue.end())]
            if rung:
                self._rungs.append((rung, sentence.source(self.document)))

    def _ladder_role(self, sentence: _Sentence, mention: _Mention) -> EntityRef:
        name = _singular(mention.text)
        if normalize_name(name) == normalize_name(self.role_name):
            name = self.role_name
        aliases = [mention.text]
        if self.abbreviation and self.role_name in name and name != self.role_name:
            short = name.replace(self.role_name, self.abbreviation)
            aliases += [short, short + "s"]
        span = Source(self.document.name, sentence.line.number, mention.start, mention.end, mention.text)
        return self.add_entity(EntityKind.ROLE, name, span, tuple(aliases))

    def _close_ladder(self) -> None:
        rungs, self._rungs = self._rungs, []
        for (lower, lower_span), (upper, upper_span) in zip(rungs, rungs[1:], strict=False):
            for source in lower:
                for target in upper:
                    self.add_relation(RelationType.PROGRESSES_TO, source, target, lower_span, upper_span)
        self.ladder_next = False


def _role_names(sentence: _Sentence, position: int) -> Iterator[_Mention]:
    """Capitalized role names listed from ``position``: "A, B or C"."""
    text = sentence.text
    while True:
        while position < len(text) and text[position] == " ":
            position += 1
        match = rules.ROLE_NAME.match(text, position)
        if not match:
            return
        yield _Mention(match.group(), sentence.start + match.start())
        separator = rules.NAME_SEPARATOR.match(text, match.end())
        if not separator:
            return
        position = separator.end()
