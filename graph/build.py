"""Building the career graph from extraction records, merging duplicates.

The same entity stated by several guides (same kind, same normalized name)
becomes one node holding every source; the same relation stated twice becomes
one edge holding both spans.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from graph.model import CareerGraph, DocumentInfo
from graph.snapshot import is_snapshot, read_snapshot
from seed import DEFAULT_SEED, Entity, Extraction, Relation, extract_seed, normalize_name

__all__ = ["build_graph", "load_graph"]


def build_graph(extractions: Iterable[Extraction]) -> CareerGraph:
    """Merge the records of one or more guides into a `CareerGraph`.

    Example
    -------
    >>> from seed import extract_seed
    >>> g = build_graph(extract_seed())
    >>> g.find("TPM").id
    'role/technical-product-manager'
    """
    graph = nx.MultiDiGraph()
    documents = []
    for extraction in extractions:
        documents.append(DocumentInfo(extraction.document.name, extraction.document.sha256))
        for entity in extraction.entities:
            _merge_entity(graph, entity)
        for relation in extraction.relations:
            _merge_relation(graph, relation)
    return CareerGraph(graph, documents)


def _merge_entity(graph: nx.MultiDiGraph, entity: Entity) -> None:
    node_id = entity.ref.id
    if node_id not in graph:
        graph.add_node(
            node_id,
            kind=entity.kind,
            name=entity.name,
            aliases=entity.aliases,
            description=entity.description,
            sources=tuple(sorted(entity.sources)),
        )
        return
    data = graph.nodes[node_id]
    names = {normalize_name(data["name"])}
    aliases = [a for a in dict.fromkeys((*data["aliases"], *entity.aliases)) if normalize_name(a) not in names]
    data["aliases"] = tuple(aliases)
    data["description"] = data["description"] or entity.description
    data["sources"] = tuple(sorted({*data["sources"], *entity.sources}))


def _merge_relation(graph: nx.MultiDiGraph, relation: Relation) -> None:
    u, v, key = relation.source.id, relation.target.id, relation.type.value
    assert u in graph and v in graph, f"relation {key} {u} -> {v} names an unknown entity"
    if graph.has_edge(u, v, key):
        data = graph.edges[u, v, key]
        data["sources"] = tuple(sorted({*data["sources"], *relation.sources}))
    else:
        graph.add_edge(u, v, key=key, type=relation.type, sources=tuple(sorted(relation.sources)))


def load_graph(path: str | Path = DEFAULT_SEED) -> CareerGraph:
    """Load a graph from a seed (a guide or a folder of guides) or a JSON snapshot."""
    path = Path(path)
    if is_snapshot(path):
        return read_snapshot(path)
    return build_graph(extract_seed(path))
