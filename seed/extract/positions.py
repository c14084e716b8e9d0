"""The positions of one document (its role, levels, specializations, side roles, ladder rungs) and their names.

Every name the text uses for a position resolves here, so "Senior Engineers",
"senior engineer" and a Mermaid node "Senior Engineer" are one entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from seed.extract.collector import Collector
from seed.ladder import known_pattern
from seed.levels import singular, title_case
from seed.outline import Outline
from seed.records import EntityKind, EntityRef, RelationType, Source, normalize_name

__all__ = ["Positions"]


@dataclass
class Positions:
    """Positions by every normalized name and alias, and the helpers that add them."""

    outline: Outline
    collector: Collector
    role_name: str
    role_source: Source
    _names: dict[str, EntityRef] = field(default_factory=dict)
    _pattern: tuple[int, re.Pattern[str] | None] = (-1, None)

    def __post_init__(self) -> None:
        self.collector.entity(EntityKind.ROLE, self.role_name, self.role_source)
        self._remember(self.role, self.role_name)

    @property
    def role(self) -> EntityRef:
        return EntityRef(EntityKind.ROLE, self.role_name)

    def find(self, name: str) -> EntityRef | None:
        """The position a name (or its plural) stands for, or None."""
        key = normalize_name(name)
        return self._names.get(key) or self._names.get(normalize_name(_singular_phrase(name)))

    def known_names(self) -> re.Pattern[str] | None:
        """A pattern finding every known name in a sentence (rebuilt only when names were added)."""
        if self._pattern[0] != len(self._names):
            self._pattern = (len(self._names), known_pattern(tuple(self._names)))
        return self._pattern[1]

    def level(self, name: str, source: Source, aliases: tuple[str, ...] = ()) -> EntityRef:
        """A level of the role (``HAS_LEVEL`` from it), or the position the name already stands for."""
        known = self.find(name)
        if known is not None and known.kind is not EntityKind.RESPONSIBILITY:
            self.collector.entity(known.kind, known.name, source, aliases)
            self._remember(known, *aliases)
            return known
        ref = self.collector.entity(EntityKind.LEVEL, name, source, aliases)
        self.collector.relation(RelationType.HAS_LEVEL, self.role, ref, source)
        self._remember(ref, name, *aliases)
        return ref

    def specialization(self, name: str, source: Source, aliases: tuple[str, ...] = ()) -> EntityRef:
        """A specialization of the role (``HAS_SPECIALIZATION`` from it)."""
        ref = self.collector.entity(EntityKind.SPECIALIZATION, name, source, aliases)
        self.collector.relation(RelationType.HAS_SPECIALIZATION, self.role, ref, source)
        self._remember(ref, name, *aliases)
        return ref

    def other_role(self, name: str, source: Source) -> EntityRef:
        """A role beside the document's own (a side role such as Tech Lead, a ladder rung)."""
        known = self.find(name)
        if known is not None:
            self.collector.entity(known.kind, known.name, source)
            return known
        written = source.text
        aliases = (written,) if normalize_name(written) != normalize_name(name) else ()
        ref = self.collector.entity(EntityKind.ROLE, name, source, aliases)
        self._remember(ref, name, *aliases)
        return ref

    def resolve(self, source: Source, create: bool = True) -> EntityRef | None:
        """The position the quoted text names; a new role when none is known and ``create``."""
        written = source.text.strip()
        known = self.find(written)
        if known is not None:
            self.collector.entity(known.kind, known.name, source)
            return known
        if not create:
            return None
        name = _singular_phrase(written)
        if name == name.casefold():
            name = title_case(name)
        return self.other_role(name, source)

    def _remember(self, ref: EntityRef, *names: str) -> None:
        for name in names:
            self._names.setdefault(normalize_name(name), ref)
            self._names.setdefault(normalize_name(_singular_phrase(name)), ref)


def _singular_phrase(phrase: str) -> str:
    """"Senior Engineers" → "Senior Engineer": only the last word changes."""
    head, _, last = phrase.rpartition(" ")
    return f"{head} {singular(last)}" if head else singular(last)
