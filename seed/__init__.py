"""Career-guide text in, frozen records out: reading, extraction, coverage.

Nothing here knows about networkx or GraphQL.
"""

from pathlib import Path

from seed.errors import SeedError
from seed.extract import extract
from seed.reader import DEFAULT_SEED, read_document, read_seed
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

__all__ = [
    "DEFAULT_SEED",
    "Document",
    "Entity",
    "EntityKind",
    "EntityRef",
    "Extraction",
    "LineCategory",
    "LineReport",
    "Relation",
    "RelationType",
    "SeedError",
    "Source",
    "extract",
    "extract_seed",
    "normalize_name",
    "read_document",
    "read_seed",
]


def extract_seed(path: str | Path = DEFAULT_SEED, *, strict: bool = False) -> tuple[Extraction, ...]:
    """Read and extract every guide of a seed file or folder.

    A folder's file that cannot be read or in which nothing career-like is
    found is logged and left out (`seed.coverage.extract_seed_report` names
    them); ``strict`` raises instead.
    """
    from seed.coverage import extract_seed_report

    return extract_seed_report(path, strict=strict).extractions
