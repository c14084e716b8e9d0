"""Pass 4: what each block says about its holder: responsibilities, years, teams, skills.

- A list item, or a cell of a level table, is a responsibility of its holder
  (the text after a ``**Label**:``), unless it stands in a requirements section
  or only labels the items nested under it.
- A plain-text line under a level is an item too: plain text lists so.
- In prose, a sentence whose subject is a known position ("Senior reporters
  pursue long investigations") is that position's responsibility, and so is
  the next sentence when it goes on about "they".
- Years of experience ("2-4 years") go to the holder; teams and skills named
  in an item go to the item's responsibility and holder (as the guides always
  had them), those named in prose to the holder.
"""

from __future__ import annotations

import re
from dataclasses import replace

from seed.extract.positions import Positions
from seed.extract.sections import Layout
from seed.extract.sentences import sentences
from seed.ladder import arrow_moves, position_mentions
from seed.mentions import skills_in, teams_in
from seed.outline import Block, BlockKind, Outline, supported_format
from seed.records import EntityKind, EntityRef, RelationType, Source, YearRange
from seed.vocabulary import vocabulary
from seed.years import stated_years

__all__ = ["read_content"]

#: A sentence that is a quotation, not the guide's own statement.
_QUOTATION = re.compile(r"^[\"\u201c].*[\"\u201d](?:[,.]?\s*(?:as|says|said)\b.*)?$")
#: A sentence stating where a career starts, not what people do.
_START = re.compile(r"\b(?:begin|start)s?\b(?: (?:their|his|her|your) careers?)? as\b", re.IGNORECASE)
#: A sentence that starts with a verb in the third person ("Leads …", "Owns …"), the way level
#: descriptions are written.
_VERB_FIRST = re.compile(r"^[A-Z][a-z]+(?:es|s)\b(?! (?:is|are|was|were|has|have)\b)")
_NOT_VERBS = frozenset("""
this its as is was has does us always sometimes perhaps bonus plus thus towards besides across yes focus
news analysis basis status process access success class gas bus campus bias lens thesis corps various
previous numerous serious famous anonymous obvious nervous jobs roles levels skills teams tasks projects
others results goals responsibilities requirements engineers managers nurses chefs analysts designers
""".split())
#: Page furniture after which the rest of a section is furniture too.
_FOOTER = re.compile(r"^(?:up next|read next|related|more (?:guides|articles)|share|subscribe)\b", re.IGNORECASE)
#: A sentence about the ladder itself ("engineers grow through four levels"), not about work.
_ABOUT_CAREERS = re.compile(r"\b(?:levels?|tracks?|ladders?|careers?|paths?|promot\w*|progress\w*)\b", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:they|their|them)\b", re.IGNORECASE)
_DUTY_FOR = re.compile(
    r"\b(?:criteria|goal|goals|job|duty|duties|responsibilit\w*|expectations?|focus|task|tasks)"
    r" (?:of|for) (?:the |an? )?$",
    re.IGNORECASE,
)
_EXPECT = re.compile(r"\bexpects? (?:all |our |the )?$", re.IGNORECASE)
_SUBJECT_LEAD = re.compile(r"^(?:(?:the|an?|all|our|most|many|new|experienced|some)\s+)?$", re.IGNORECASE)


def read_content(outline: Outline, layout: Layout, positions: Positions) -> None:
    """Record the facts of every block that is not a heading or noise."""
    reader = _Content(outline, layout, positions)
    footer = False  # after "Up Next", "Share this"…: page furniture up to the next heading
    for block in outline.blocks:
        if block.kind is BlockKind.HEADING:
            footer = False
        elif footer and block.index not in layout.noise:
            layout.noise[block.index] = "page footer"
        if block.kind is BlockKind.HEADING or block.index in layout.noise or block.kind is BlockKind.CODE:
            continue
        positions.collector.block = block.index
        reader.block(block)
        footer = block.index in layout.noise and bool(_FOOTER.match(block.text))
    positions.collector.block = None


class _Content:
    def __init__(self, outline: Outline, layout: Layout, positions: Positions) -> None:
        self.outline = outline
        self.layout = layout
        self.positions = positions
        self.collector = positions.collector
        self.plain = supported_format(outline.document.name) in (None, "text")
        self.parents = {b.parent for b in outline.blocks if b.kind is BlockKind.LIST_ITEM and b.parent is not None}
        self.described: set[EntityRef] = set()

    def block(self, block: Block) -> None:
        holder = self.layout.holders.get(block.index, self.positions.role)
        kind = self.layout.kinds.get(block.index)
        start = _after_label(block)
        text = block.text[start:]
        if not text.strip() or vocabulary().is_noise(text) or _QUOTATION.match(text.strip()):
            self.layout.noise[block.index] = "page furniture or a quotation"
            return
        years = self.years(block, start, holder)
        if block.kind is BlockKind.TABLE_CELL:
            if block.index in self.layout.items and len(text.split()) >= 3:
                self.responsibility(block, start, holder)
            return
        if block.kind is BlockKind.LIST_ITEM:
            if block.index in self.parents and (text.rstrip().endswith(":") or len(text.split()) <= 3):
                self.layout.roles[block.index] = "list label"
                return
            if kind == "requirements" or (years and len(text.split()) <= 14):
                self.facts(block, start, len(block.text), holder)
                return
            self.responsibility(block, start, holder)
            return
        if self.plain and holder != self.positions.role and kind != "requirements" and not years \
                and block.label is None:
            self.responsibility(block, start, holder)
            return
        self.prose(block, holder, years)

    # -- items -----------------------------------------------------------

    def responsibility(self, block: Block, start: int, holder: EntityRef) -> None:
        end = len(block.text.rstrip())
        name = block.text[start:end].strip()
        if name.endswith(".") and not name.endswith(".."):
            name = name[:-1]
        if start and name[:1].islower():
            name = name[:1].upper() + name[1:]
        source = self.outline.quote(block, start, end)
        ref = self.collector.entity(EntityKind.RESPONSIBILITY, name, source)
        self.collector.relation(RelationType.HAS_RESPONSIBILITY, holder, ref, source)
        self.teams(block, start, end, ref)
        self.skills(block, start, end, holder)

    def facts(self, block: Block, start: int, end: int, holder: EntityRef) -> None:
        self.teams(block, start, end, holder)
        self.skills(block, start, end, holder)

    def years(self, block: Block, start: int, holder: EntityRef) -> bool:
        text = block.text[start:]
        found = stated_years(text)
        if found is None and block.kind is BlockKind.TABLE_CELL and re.search(
                r"\byears?\b|experience", block.column_header or "", re.IGNORECASE):
            found = stated_years(text + " years of experience")  # a "Years" column: "2-4", "5+"
            if found is not None:
                found = replace(found, end=min(found.end, len(text)))
        if found is None or holder.kind in (EntityKind.RESPONSIBILITY, EntityKind.TEAM, EntityKind.SKILL):
            return False
        source = self.outline.quote(block, start + found.start, start + found.end)
        self.collector.years(holder, YearRange(found.min, found.max, (source,)))
        return True

    def teams(self, block: Block, start: int, end: int, owner: EntityRef) -> None:
        span = self.outline.quote(block, start, end)
        for team in teams_in(block.text[start:end]):
            quote = self.outline.quote(block, start + team.start, start + team.end)
            ref = self.collector.entity(EntityKind.TEAM, team.name, quote, (quote.text,))
            self.collector.relation(RelationType.COLLABORATES_WITH, owner, ref, span)

    def skills(self, block: Block, start: int, end: int, owner: EntityRef) -> None:
        span = self.outline.quote(block, start, end)
        for skill in skills_in(block.text[start:end]):
            quote = self.outline.quote(block, start + skill.start, start + skill.end)
            ref = self.collector.entity(EntityKind.SKILL, skill.name, quote, (quote.text,))
            self.collector.relation(RelationType.REQUIRES_SKILL, owner, ref, span)

    # -- prose -----------------------------------------------------------

    def prose(self, block: Block, holder: EntityRef, years: bool) -> None:
        duty: EntityRef | None = None
        found_duty = False
        for start, end in sentences(block.text):
            sentence = block.text[start:end]
            duty = self.duty(sentence, duty, holder)
            if duty is not None:
                found_duty = True
                self.sentence_responsibility(block, start, end, duty)
            else:
                self.facts(block, start, end, holder)
        if not found_duty and not years and holder != self.positions.role and holder not in self.described:
            self.described.add(holder)
            self.collector.describe(holder, block.text)

    def duty(self, sentence: str, previous: EntityRef | None, holder: EntityRef | None = None) -> EntityRef | None:
        """The known position whose work a sentence states, or None (see the module docstring)."""
        if _START.search(sentence) or _QUOTATION.match(sentence) or _ABOUT_CAREERS.search(sentence) \
                or stated_years(sentence) is not None or arrow_moves(sentence):
            return None
        known = self.positions.known_names()
        for mention in position_mentions(sentence, known):
            ref = self.positions.find(mention.name)
            if ref is None:
                continue
            before = sentence[:mention.start]
            if _SUBJECT_LEAD.match(before) or _EXPECT.search(before) or _DUTY_FOR.search(before):
                if any(key[0] is RelationType.PROGRESSES_TO and key[1] == ref for key in self.collector.relations) \
                        and re.search(r"\b(?:become|promoted|move|progress)", sentence, re.IGNORECASE):
                    return None
                return ref
            break
        if previous is not None and _PRONOUN.search(sentence):
            return previous
        if holder is not None and holder != self.positions.role and _VERB_FIRST.match(sentence) \
                and sentence.split()[0].casefold() not in _NOT_VERBS:
            return holder  # "Leads the design reviews." under a level's heading
        return None

    def sentence_responsibility(self, block: Block, start: int, end: int, holder: EntityRef) -> None:
        source: Source = self.outline.quote(block, start, end)
        name = block.text[start:end].rstrip(".")
        ref = self.collector.entity(EntityKind.RESPONSIBILITY, name, source)
        self.collector.relation(RelationType.HAS_RESPONSIBILITY, holder, ref, source)
        self.teams(block, start, end, ref)
        self.skills(block, start, end, holder)


def _after_label(block: Block) -> int:
    """Where the text after a ``Label:`` starts (0 without a label)."""
    if not block.label or not block.text.startswith(block.label):
        return 0
    match = re.match(r"\s*[:\-–—]\s*", block.text[len(block.label):])
    return len(block.label) + (match.end() if match else 0)
