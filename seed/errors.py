"""Errors raised while reading and extracting career guides.

    SeedError
    ├── SeedNotFound        the seed path does not exist or cannot be read
    ├── EmptySeed           a seed folder holds no guide
    └── InvalidDocument     a guide that cannot be used, named with its file
        ├── EmptyDocument
        ├── BinaryDocument
        └── UnrecognizedGuide

Each class builds its own message, so the wording stays the same everywhere.
"""

from __future__ import annotations

__all__ = [
    "BinaryDocument",
    "EmptyDocument",
    "EmptySeed",
    "InvalidDocument",
    "SeedError",
    "SeedNotFound",
    "UnrecognizedGuide",
]


class SeedError(Exception):
    """A seed that cannot be turned into a graph."""


class SeedNotFound(SeedError):
    def __init__(self, path: str, reason: str = "no such file or folder") -> None:
        self.path = path
        super().__init__(f"cannot read seed {path!r}: {reason}")


class EmptySeed(SeedError):
    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"seed folder {path!r} holds no guide (*.txt, *.md, *.markdown, *.html, *.htm)")


class InvalidDocument(SeedError):
    """A guide that cannot be used; ``document`` and ``line`` say where."""

    def __init__(self, document: str, problem: str, line: int | None = None) -> None:
        self.document = document
        self.line = line
        where = f"{document}:{line}" if line is not None else document
        super().__init__(f"{where}: {problem}")


class EmptyDocument(InvalidDocument):
    def __init__(self, document: str) -> None:
        super().__init__(document, "the guide is empty")


class BinaryDocument(InvalidDocument):
    def __init__(self, document: str, line: int, detail: str) -> None:
        super().__init__(document, f"not a UTF-8 text file ({detail})", line)


class UnrecognizedGuide(InvalidDocument):
    def __init__(self, document: str) -> None:
        super().__init__(
            document,
            "no career-guide section found (no role in its title, front matter or headings, "
            "and no levels, ladder, specializations or responsibilities)",
        )
