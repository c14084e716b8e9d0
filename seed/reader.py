"""Reading seed files: the only part of `seed` that touches the file system.

A seed is one guide file or a folder of them. A folder is read recursively, in
the order of the files' relative paths (``a.md`` < ``levels/b.md`` < ``z.txt``);
hidden files and folders (``.git``, ``.DS_Store``) are passed over, and a
document is named by its path relative to the folder (so a file at the top of
the folder is named by its file name, as before). Every file with a supported
suffix (`SUPPORTED_SUFFIXES`) is loaded; any other file is skipped with the
reason recorded. One unreadable file (bad UTF-8, a NUL byte, empty) does not hide
the others: its error is recorded in the `SeedReport` and logged (warning, to
``careergraph.seed``; skipped files at info level), and reading fails only
when no file loads at all, or at the first error when ``strict``.
"""

from __future__ import annotations

import codecs
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from seed.errors import BinaryDocument, EmptyDocument, EmptySeed, SeedError, SeedNotFound
from seed.outline import SUFFIXES, supported_format
from seed.records import Document

__all__ = [
    "DEFAULT_SEED",
    "GUIDE_SUFFIX",
    "SUPPORTED_SUFFIXES",
    "FileProblem",
    "SeedReport",
    "decode_document",
    "read_document",
    "read_seed",
    "read_seed_report",
]

logger = logging.getLogger("careergraph.seed")

#: The bundled career guide.
DEFAULT_SEED = Path(__file__).with_name("technical-product-manager.txt")

#: The suffix of the bundled guides (plain text).
GUIDE_SUFFIX = ".txt"

#: File name suffixes a seed folder's files are loaded for (any case).
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(SUFFIXES)


@dataclass(frozen=True, slots=True)
class FileProblem:
    """A file of a seed folder that was not loaded, and why."""

    name: str
    reason: str
    error: SeedError | None = None

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


@dataclass(frozen=True, slots=True)
class SeedReport:
    """What reading a seed loaded, what it skipped and what it could not read.

    ``skipped`` holds files of an unsupported type; ``errors`` files of a
    supported type that could not be read (each with its `SeedError`).
    """

    documents: tuple[Document, ...]
    skipped: tuple[FileProblem, ...] = ()
    errors: tuple[FileProblem, ...] = ()

    def lines(self) -> list[str]:
        """One line per file not loaded, for the CLI and the start-up log.

        >>> SeedReport((), (FileProblem("a.pdf", "unsupported file type (.pdf)"),)).lines()
        ['skipped a.pdf: unsupported file type (.pdf)']
        """
        return [f"skipped {p}" for p in self.skipped] + [f"unreadable {p}" for p in self.errors]


def read_seed(path: str | Path = DEFAULT_SEED, *, strict: bool = False) -> tuple[Document, ...]:
    """Read a guide file, or every supported guide of a folder (see the module docstring)."""
    return read_seed_report(path, strict=strict).documents


def read_seed_report(path: str | Path = DEFAULT_SEED, *, strict: bool = False) -> SeedReport:
    """Read a seed and say what was skipped and what could not be read.

    A single file is read or its error raised. For a folder, the first error is
    raised when ``strict`` or when no file loads; `EmptySeed` when the folder
    holds no supported file.
    """
    path = Path(path)
    if not path.is_dir():
        return SeedReport((read_document(path),))
    documents: list[Document] = []
    skipped: list[FileProblem] = []
    errors: list[FileProblem] = []
    for file, name in _folder_files(path):
        if supported_format(file.name) is None:
            skipped.append(FileProblem(name, f"unsupported file type ({file.suffix or 'no suffix'})"))
            continue
        try:
            documents.append(_read_named(file, name))
        except SeedError as exc:
            if strict:
                raise
            errors.append(FileProblem(name, _reason(exc), exc))
    if not documents:
        if errors and errors[0].error is not None:
            raise errors[0].error
        raise EmptySeed(str(path))
    for problem in skipped:
        logger.info("seed %s: skipped %s", path, problem)
    for problem in errors:
        logger.warning("seed %s: could not read %s", path, problem)
    return SeedReport(tuple(documents), tuple(skipped), tuple(errors))


def _folder_files(folder: Path) -> list[tuple[Path, str]]:
    """Every non-hidden file below ``folder``, with its relative POSIX path, in that path's order."""
    found: list[tuple[Path, str]] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(root)
        for name in files:
            if not name.startswith("."):
                file = base / name
                found.append((file, file.relative_to(folder).as_posix()))
    return sorted(found, key=lambda item: item[1].split("/"))


def _reason(error: SeedError) -> str:
    message = str(error)
    document = getattr(error, "document", None)
    if document and message.startswith(document):
        message = message[len(document):].lstrip(":0123456789 ")
    return message


def read_document(path: str | Path) -> Document:
    """Read one guide; the document is named after the file."""
    path = Path(path)
    return _read_named(path, path.name)


def _read_named(path: Path, name: str) -> Document:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SeedNotFound(str(path)) from None
    except OSError as exc:
        raise SeedNotFound(str(path), exc.strerror or str(exc)) from None
    return decode_document(name, data)


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_document(name: str, data: bytes) -> Document:
    """Decode a guide's bytes strictly: text offsets must mean the same everywhere.

    UTF-8 (a byte-order mark is dropped). An HTML file that is not UTF-8 is
    decoded with the charset its ``<meta>`` declares, else Windows-1252.

    >>> decode_document("g.txt", b"Definition of a Baker").text
    'Definition of a Baker'
    >>> decode_document("g.html", b"<meta charset=latin-1><p>Caf\\xe9</p>").text
    '<meta charset=latin-1><p>Café</p>'
    """
    if b"\x00" in data:
        raise BinaryDocument(name, data.count(b"\n", 0, data.index(b"\x00")) + 1, "NUL byte")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        fallback = _html_text(data) if supported_format(name) == "html" else None
        if fallback is None:
            line = data.count(b"\n", 0, exc.start) + 1
            raise BinaryDocument(name, line, f"invalid UTF-8 at byte {exc.start}") from None
        text = fallback
    if not text.strip():
        raise EmptyDocument(name)
    return Document(name=name, text=text)


def _html_text(data: bytes) -> str | None:
    """An HTML page's text in its declared charset, else Windows-1252; None if neither decodes it."""
    declared = _CHARSET.search(data[:4096])
    encodings = []
    if declared:
        try:
            encodings.append(codecs.lookup(declared[1].decode("ascii")).name)
        except LookupError:
            pass
    encodings.append("cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None
