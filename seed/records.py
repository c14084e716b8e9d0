"""The records extraction produces: plain, frozen, and free of networkx.

A guide is read into a `Document`; `extract` turns it into an `Extraction`
holding `Entity` and `Relation` records, each carrying the `Source` spans that
state it, and a `LineReport` for every line of the document.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

__all__ = [
    "Document",
    "Entity",
    "EntityKind",
    "EntityRef",
    "Extraction",
    "LineCategory",
    "LineReport",
    "Relation",
    "RelationType",
    "Source",
    "YearRange",
    "normalize_name",
    "slugify",
]


class EntityKind(StrEnum):
    """What a node of the career graph stands for."""

    ROLE = "ROLE"
    LEVEL = "LEVEL"
    SPECIALIZATION = "SPECIALIZATION"
    RESPONSIBILITY = "RESPONSIBILITY"
    TEAM = "TEAM"
    SKILL = "SKILL"


class RelationType(StrEnum):
    """The typed edges of the career graph (the public contract's names)."""

    PROGRESSES_TO = "PROGRESSES_TO"
    HAS_LEVEL = "HAS_LEVEL"
    HAS_SPECIALIZATION = "HAS_SPECIALIZATION"
    HAS_RESPONSIBILITY = "HAS_RESPONSIBILITY"
    COLLABORATES_WITH = "COLLABORATES_WITH"
    REQUIRES_SKILL = "REQUIRES_SKILL"


@dataclass(frozen=True, slots=True)
class Document:
    """One career guide: its name and its full text."""

    name: str
    text: str

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of the document's UTF-8 bytes."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True, order=True)
class Source:
    """A quotable span of one document: ``start``/``end`` index its original text.

    ``text`` is what a person reads there: ``document_text[start:end]`` for plain
    text, the rendered text (markup removed) for Markdown and HTML; see
    `seed.outline`.
    """

    document: str
    line: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class YearRange:
    """Years of experience as a text states them: "2-4 years" is (2, 4), "5+ years" is (5, None)."""

    min: float | None
    max: float | None
    sources: tuple[Source, ...] = ()


@lru_cache(maxsize=65536)  # names recur across a corpus; building asks for them again and again
def normalize_name(name: str) -> str:
    """Case- and spacing-insensitive form of a name, for look-ups and merging.

    >>> normalize_name("  Senior   TPMs ")
    'senior tpms'
    """
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


@lru_cache(maxsize=65536)
def slugify(name: str) -> str:
    """URL-safe, stable slug of a name.

    >>> slugify("API/Platform Technical Product Manager")
    'api-platform-technical-product-manager'
    """
    text = normalize_name(name).replace("&", " and ")
    return re.sub(r"[^0-9a-z]+", "-", text).strip("-") or "unnamed"


@dataclass(frozen=True, slots=True, order=True)
class EntityRef:
    """Identifies an entity by kind and name; stable across rebuilds."""

    kind: EntityKind
    name: str

    @property
    def id(self) -> str:
        """Stable node id: ``kind/slug``, e.g. ``role/technical-product-manager``."""
        return f"{self.kind.value.lower()}/{slugify(self.name)}"


@dataclass(frozen=True, slots=True)
class Entity:
    """A node the text states, with every span that states it."""

    kind: EntityKind
    name: str
    sources: tuple[Source, ...]
    aliases: tuple[str, ...] = ()
    description: str | None = None
    #: Years of experience the text states for this position (roles, levels, specializations).
    years: YearRange | None = None

    @property
    def ref(self) -> EntityRef:
        return EntityRef(self.kind, self.name)


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed edge the text states, with the spans that state it."""

    type: RelationType
    source: EntityRef
    target: EntityRef
    sources: tuple[Source, ...]


class LineCategory(StrEnum):
    """How the extractor read a line."""

    HEADING = "heading"
    BULLET = "bullet"
    PROSE = "prose"
    CELL = "cell"
    CODE = "code"
    NOISE = "noise"
    BLANK = "blank"


@dataclass(frozen=True, slots=True)
class LineReport:
    """What one line of a document produced, or why it produced nothing."""

    document: str
    line: int
    category: LineCategory
    produced: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document."""

    document: Document
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    coverage: tuple[LineReport, ...] = field(default=())
