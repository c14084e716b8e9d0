"""Building the career graph from extraction records, merging duplicates.

The same entity stated by several guides (same kind, same normalized name)
becomes one node holding every source; the same relation stated twice becomes
one edge holding both spans. A level and the ladder rung it describes then
become one position (`graph.positions.join_positions`).
"""

from __future__ import annotations

import gc
from collections.abc import Hashable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx

from graph.model import CareerGraph, DocumentInfo
from graph.positions import join_positions
from graph.snapshot import is_snapshot, read_snapshot
from seed import DEFAULT_SEED, Entity, Extraction, Relation, Source, extract_seed, normalize_name

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
    # Sources of each node and edge, one tuple per statement: sorted once at the end, not at every
    # merge (a team or skill named by every guide of a corpus would make building quadratic).
    stated: dict[Hashable, list[tuple[Source, ...]]] = {}
    for extraction in extractions:
        documents.append(DocumentInfo(extraction.document.name, extraction.document.sha256))
        for entity in extraction.entities:
            _merge_entity(graph, entity, stated)
        for relation in extraction.relations:
            _merge_relation(graph, relation, stated)
    redirects = join_positions(graph, stated)
    for key, parts in stated.items():
        data = graph.nodes[key] if isinstance(key, str) else graph.adj[key[0]][key[1]][key[2]]  # type: ignore[index]
        data["sources"] = tuple(sorted(parts[0])) if len(parts) == 1 else tuple(sorted(set().union(*parts)))
    return CareerGraph(graph, documents, redirects)


def _merge_entity(graph: nx.MultiDiGraph, entity: Entity, stated: dict[Hashable, list[tuple[Source, ...]]]) -> None:
    node_id = entity.ref.id
    if node_id not in graph:
        graph.add_node(
            node_id,
            kind=entity.kind,
            name=entity.name,
            aliases=entity.aliases,
            description=entity.description,
            years=entity.years,
        )
        stated[node_id] = [entity.sources]
        return
    data = graph.nodes[node_id]
    names = {normalize_name(data["name"])}
    aliases = [a for a in dict.fromkeys((*data["aliases"], *entity.aliases)) if normalize_name(a) not in names]
    data["aliases"] = tuple(aliases)
    data["description"] = data["description"] or entity.description
    data["years"] = data["years"] or entity.years
    stated[node_id].append(entity.sources)


def _merge_relation(graph: nx.MultiDiGraph, relation: Relation,
                    stated: dict[Hashable, list[tuple[Source, ...]]]) -> None:
    u, v, key = relation.source.id, relation.target.id, relation.type.value
    assert u in graph and v in graph, f"relation {key} {u} -> {v} names an unknown entity"
    if (u, v, key) in stated:
        stated[u, v, key].append(relation.sources)
    else:
        graph.add_edge(u, v, key=key, type=relation.type)
        stated[u, v, key] = [relation.sources]


def load_graph(path: str | Path = DEFAULT_SEED) -> CareerGraph:
    """Load a graph from a seed (a guide or a folder of guides) or a JSON snapshot."""
    path = Path(path)
    with _no_garbage_collection():
        if is_snapshot(path):
            return read_snapshot(path)
        return build_graph(extract_seed(path))


@contextmanager
def _no_garbage_collection() -> Iterator[None]:
    """Loading makes millions of objects that all stay alive; the cyclic collector's passes
    over them are wasted work (a third of loading a 100,000-position snapshot)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
