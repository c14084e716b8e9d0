"""The MCP resources: the GraphQL SDL and the text of each document the graph was built from.

A document's text is read from the seed when asked for, and only served when
its SHA-256 is the one the graph recorded, so a quote's offsets always point
into the text that produced it. A snapshot keeps no document text; its
documents are looked for beside the snapshot file.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, unquote

from graph import CareerGraph
from graph.snapshot import is_snapshot
from seed import SeedError
from seed.errors import SeedNotFound
from seed.reader import decode_document

__all__ = [
    "DOCUMENT_TEMPLATE",
    "SCHEMA_URI",
    "DocumentUnavailable",
    "document_name",
    "document_text",
    "document_uri",
    "sdl",
]

SCHEMA_URI = "careergraph://schema"
DOCUMENT_PREFIX = "careergraph://documents/"
DOCUMENT_TEMPLATE = DOCUMENT_PREFIX + "{name}"


class DocumentUnavailable(LookupError):
    """A document resource that cannot be read; the message says why and, for a wrong name, what exists."""


def sdl() -> str:
    """The served GraphQL schema, as ``/schema.graphql`` serves it."""
    from schema import print_sdl

    return print_sdl()


def document_uri(name: str) -> str:
    return DOCUMENT_PREFIX + quote(name, safe="")


def document_name(uri: str) -> str | None:
    """The document name in a ``careergraph://documents/{name}`` URI, or None for another URI."""
    if not uri.startswith(DOCUMENT_PREFIX) or len(uri) > 1024:
        return None
    return unquote(uri[len(DOCUMENT_PREFIX):])


def document_text(G: CareerGraph, seed: Path, name: str) -> str:
    """The text of the graph's document ``name``, read from ``seed``; raises `DocumentUnavailable`."""
    recorded = {document.name: document.sha256 for document in G.documents}
    if name not in recorded:
        known = ", ".join(repr(n) for n in recorded) or "none"
        raise DocumentUnavailable(f"no document named {name!r}; the documents are {known}")
    # A folder seed names a document by its path in the folder; a snapshot's names are looked for beside it.
    folder = (seed.parent if seed.is_file() else seed).resolve()
    path = seed if seed.is_file() and not is_snapshot(seed) and seed.name == name else folder / name
    try:
        if not path.resolve().is_relative_to(folder):  # a snapshot's names are data: never leave the folder
            raise SeedNotFound(name)
        document = decode_document(name, path.read_bytes())
    except (OSError, SeedError):
        raise DocumentUnavailable(f"the text of {name!r} is not available here (the graph was loaded from "
                                  f"{seed.name}, and {name} is not beside it)") from None
    if document.sha256 != recorded[name]:
        raise DocumentUnavailable(f"{name!r} has changed since the graph was built; reload the server to quote it")
    return document.text
