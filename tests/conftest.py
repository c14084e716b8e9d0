"""Session fixtures shared by the test suite: the bundled seed, its records and graph.

Everything here is built once per session and only read by the tests, as the
server only reads the graph it builds at start-up.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.build import build_graph
from graph.model import CareerGraph
from seed import DEFAULT_SEED, Extraction, extract, read_document, read_seed

FIXTURES = Path(__file__).parent / "fixtures"

# --doctest-modules would import each conftest.py a second time under the module
# name "conftest", which by then may belong to another folder's conftest (e.g.
# tests/browser/ is collected before tests/conftest.py): an import-path mismatch.
# Conftest files hold no doctests, so they are not collected at all.
collect_ignore_glob = ["*conftest.py"]


def pytest_configure(config: pytest.Config) -> None:
    # On a failing example, hypothesis's pytest plugin imports libcst to suggest a
    # patch, and that import warns; with warnings as errors the failure would turn
    # into an INTERNALERROR that hides the falsifying example.
    config.addinivalue_line("filterwarnings", "ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning")


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """``tests/fixtures``."""
    return FIXTURES


@pytest.fixture(scope="session")
def guides_dir() -> Path:
    """A folder seed of extra guides (data scientist, UX designer, data analyst)."""
    return FIXTURES / "guides"


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The bundled guide's full text, as the extractor's offsets index it."""
    return DEFAULT_SEED.read_bytes().decode("utf-8")


@pytest.fixture(scope="session")
def seed_extraction() -> Extraction:
    """The records extracted from the bundled guide."""
    return extract(read_document(DEFAULT_SEED))


@pytest.fixture(scope="session")
def seed_graph(seed_extraction: Extraction) -> CareerGraph:
    """The career graph built from the bundled guide."""
    return build_graph([seed_extraction])


@pytest.fixture(scope="session")
def guide_extractions(guides_dir: Path) -> dict[str, Extraction]:
    """The records of each extra guide, by document name (``data-scientist.txt``)."""
    return {document.name: extract(document) for document in read_seed(guides_dir)}


@pytest.fixture(scope="session")
def guides_graph(guide_extractions: dict[str, Extraction]) -> CareerGraph:
    """One graph merged from every extra guide (the folder seed)."""
    return build_graph(guide_extractions.values())


@pytest.fixture(scope="session")
def extractions(seed_extraction: Extraction, guide_extractions: dict[str, Extraction]) -> dict[str, Extraction]:
    """The records of the bundled guide and of every extra guide, by document name."""
    return {seed_extraction.document.name: seed_extraction, **guide_extractions}
