"""Document texts for the MCP resources: read from the seed, served only if unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from careergraph.mcp.resources import DocumentUnavailable, document_name, document_text, document_uri
from graph import CareerGraph, DocumentInfo
from graph.build import load_graph
from graph.snapshot import write_snapshot
from seed import DEFAULT_SEED

NAME = DEFAULT_SEED.name


def test_document_text_reads_the_seed_file(seed_graph: CareerGraph, seed_text: str) -> None:
    assert document_text(seed_graph, DEFAULT_SEED, NAME) == seed_text


def test_document_text_reads_a_folder_seed(guides_graph: CareerGraph, guides_dir: Path) -> None:
    name = guides_graph.documents[0].name
    assert document_text(guides_graph, guides_dir, name) == (guides_dir / name).read_text(encoding="utf-8")


def snapshot(tmp_path: Path, seed_graph: CareerGraph) -> Path:
    path = tmp_path / "graph.json"
    with path.open("w", encoding="utf-8") as out:
        write_snapshot(seed_graph, out)
    return path


def test_document_text_of_a_snapshot_is_read_beside_it(tmp_path: Path, seed_graph: CareerGraph,
                                                        seed_text: str) -> None:
    path = snapshot(tmp_path, seed_graph)
    shutil.copy(DEFAULT_SEED, tmp_path / NAME)
    assert document_text(load_graph(path), path, NAME) == seed_text


def test_document_text_of_a_snapshot_without_its_documents_is_unavailable(tmp_path: Path,
                                                                          seed_graph: CareerGraph) -> None:
    path = snapshot(tmp_path, seed_graph)
    with pytest.raises(DocumentUnavailable, match="is not available here"):
        document_text(seed_graph, path, NAME)


def test_document_text_refuses_a_document_changed_since_the_build(tmp_path: Path, seed_graph: CareerGraph,
                                                                  seed_text: str) -> None:
    (tmp_path / NAME).write_text(seed_text + "\nA new line.\n", encoding="utf-8")
    with pytest.raises(DocumentUnavailable, match="has changed since the graph was built"):
        document_text(seed_graph, tmp_path / NAME, NAME)


def test_document_text_of_an_unknown_name_lists_the_documents(seed_graph: CareerGraph) -> None:
    with pytest.raises(DocumentUnavailable, match=f"no document named '../x'; the documents are '{NAME}'"):
        document_text(seed_graph, DEFAULT_SEED, "../x")


@pytest.mark.parametrize("name", ["technical-product-manager.txt", "a guide/with ünïcode?.txt"])
def test_document_uri_round_trips_a_name(name: str) -> None:
    assert document_name(document_uri(name)) == name


def test_document_text_reads_a_document_in_a_subfolder_of_the_seed(tmp_path: Path, seed_text: str) -> None:
    (tmp_path / "levels").mkdir()
    shutil.copy(DEFAULT_SEED, tmp_path / "levels" / "tpm.txt")
    graph = load_graph(tmp_path)
    [document] = graph.documents
    assert document.name == "levels/tpm.txt"
    assert document_text(graph, tmp_path, document.name) == seed_text


def test_document_text_never_reads_outside_the_seed_folder(tmp_path: Path, seed_graph: CareerGraph) -> None:
    (tmp_path / "inner").mkdir()
    path = snapshot(tmp_path / "inner", seed_graph)
    shutil.copy(DEFAULT_SEED, tmp_path / NAME)  # beside the folder, not in it
    outside = CareerGraph(seed_graph.graph.copy(), [DocumentInfo(f"../{NAME}", seed_graph.documents[0].sha256)])
    with pytest.raises(DocumentUnavailable, match="is not available here"):
        document_text(outside, path, f"../{NAME}")
