"""Extraction: one career document's outline → entity and relation records.

`extract` is a pure function of a `Document`. It reads the document into its
outline (`seed.outline.read_outline`: headings, paragraphs, list items, table
cells, code blocks, each with its exact span) and finds the career facts in
that structure:

- a plain-text page in the career-guide site's shape ("Definition of a <Role>",
  "Key Responsibilities of a <Role>", …) is read by `seed.extract.template`,
  which keeps the bundled seed's records exactly as they have always been;
- every other document is read by `seed.extract.structure`, from headings,
  lists, tables, Mermaid charts and sentences and the career vocabulary
  (`seed/vocabulary.toml`), whatever its headings say.

The rules are written down in docs/extraction.md.
"""

from __future__ import annotations

from seed.extract.structure import extract_structure
from seed.extract.template import extract_template
from seed.outline import read_outline
from seed.records import Document, Extraction

__all__ = ["extract"]


def extract(document: Document) -> Extraction:
    """Extract the career graph records one document states.

    Raises `seed.errors.UnrecognizedGuide` when nothing career-like is found.

    Example
    -------
    >>> from seed.records import Document
    >>> text = "Definition of a Baker\\nA Baker bakes bread.\\n"
    >>> [e.name for e in extract(Document("baker.txt", text)).entities]
    ['Baker']
    >>> text = "BAKER LADDER\\n\\nJunior Baker\\n• Bakes bread.\\n\\nSenior Baker\\n• Runs the oven.\\n"
    >>> sorted(e.name for e in extract(Document("ladder.txt", text)).entities)
    ['Baker', 'Bakes bread', 'Junior Baker', 'Runs the oven', 'Senior Baker']
    """
    outline = read_outline(document)
    return extract_template(outline) or extract_structure(outline)
