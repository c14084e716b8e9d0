"""Reading seed files: the only part of `seed` that touches the file system."""

from __future__ import annotations

from pathlib import Path

from seed.errors import BinaryDocument, EmptyDocument, EmptySeed, SeedNotFound
from seed.records import Document

__all__ = ["DEFAULT_SEED", "GUIDE_SUFFIX", "decode_document", "read_document", "read_seed"]

#: The bundled career guide.
DEFAULT_SEED = Path(__file__).with_name("technical-product-manager.txt")

GUIDE_SUFFIX = ".txt"


def read_seed(path: str | Path = DEFAULT_SEED) -> tuple[Document, ...]:
    """Read a guide file, or every ``*.txt`` guide of a folder in name order."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix == GUIDE_SUFFIX and p.is_file())
        if not files:
            raise EmptySeed(str(path))
        return tuple(read_document(p) for p in files)
    return (read_document(path),)


def read_document(path: str | Path) -> Document:
    """Read one guide; the document is named after the file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SeedNotFound(str(path)) from None
    except OSError as exc:
        raise SeedNotFound(str(path), exc.strerror or str(exc)) from None
    return decode_document(path.name, data)


def decode_document(name: str, data: bytes) -> Document:
    """Decode a guide's bytes strictly: text offsets must mean the same everywhere.

    >>> decode_document("g.txt", b"Definition of a Baker").text
    'Definition of a Baker'
    """
    if b"\x00" in data:
        raise BinaryDocument(name, data.count(b"\n", 0, data.index(b"\x00")) + 1, "NUL byte")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise BinaryDocument(name, line, f"invalid UTF-8 at byte {exc.start}") from None
    if not text.strip():
        raise EmptyDocument(name)
    return Document(name=name, text=text)
