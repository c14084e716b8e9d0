"""Snapshots: the built graph as node-link JSON (with provenance), and GraphML.

A snapshot loads faster than re-extracting a large corpus and pins exactly
what a server serves. GraphML is for graph tools (Gephi, yEd, Cytoscape),
which only take scalar attributes, so lists are flattened there.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import networkx as nx

from graph.errors import SnapshotError
from graph.model import CareerGraph, DocumentInfo
from seed.records import EntityKind, RelationType, Source, YearRange

__all__ = ["FORMAT", "graph_to_json", "is_snapshot", "read_snapshot", "write_graphml", "write_snapshot"]

#: Identifies careergraph snapshots and their layout version.
FORMAT = "careergraph-snapshot/1"


def is_snapshot(path: Path) -> bool:
    """A ``.json`` file is taken for a snapshot; anything else for a seed."""
    return path.suffix.casefold() == ".json" and path.is_file()


def graph_to_json(graph: CareerGraph) -> dict[str, Any]:
    """The node-link form of a graph, with sources as objects."""
    nodes = [
        {
            "id": node.id,
            "kind": node.kind.value,
            "name": node.name,
            "aliases": list(node.aliases),
            "description": node.description,
            "sources": [_source_json(s) for s in node.sources],
            **({"years": _years_json(node.years)} if node.years is not None else {}),
        }
        for node in graph.entities()
    ]
    edges = [
        {"source": e.source, "target": e.target, "type": e.type.value, "sources": [_source_json(s) for s in e.sources]}
        for e in sorted(graph.edges(), key=lambda e: (e.source, e.target, e.type.value))
    ]
    documents = [{"name": d.name, "sha256": d.sha256} for d in graph.documents]
    return {"format": FORMAT, "directed": True, "multigraph": True,
            "graph": {"documents": documents, "redirects": dict(graph.redirects)}, "nodes": nodes, "edges": edges}


def write_snapshot(graph: CareerGraph, out: IO[str]) -> None:
    json.dump(graph_to_json(graph), out, ensure_ascii=False, indent=1)
    out.write("\n")


def read_snapshot(path: str | Path) -> CareerGraph:
    """Load a snapshot written by `write_snapshot`; raises `SnapshotError`."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SnapshotError(str(path), str(exc)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SnapshotError(str(path), f"not a careergraph snapshot (expected format {FORMAT!r})")
    try:
        return _graph_from_json(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise SnapshotError(str(path), f"malformed snapshot ({type(exc).__name__}: {exc})") from None


def _graph_from_json(data: dict[str, Any]) -> CareerGraph:
    graph = nx.MultiDiGraph()
    # One string object per document name and per node id, not one per mention: on a
    # large graph the copies would cost more than the strings the graph needs.
    documents: dict[str, str] = {}
    ids: dict[str, str] = {}
    for node in _drained(_typed(data["nodes"], list, "nodes")):
        description = node.get("description")
        if node["id"] in ids:
            raise ValueError(f"node id {node['id']!r} appears twice")
        node_id = ids.setdefault(_typed(node["id"], str, "id"), node["id"])
        graph.add_node(
            node_id,
            kind=EntityKind(node["kind"]),
            name=_typed(node["name"], str, "name"),
            aliases=tuple(_typed(a, str, "alias") for a in _typed(node.get("aliases", []), list, "aliases")),
            description=None if description is None else _typed(description, str, "description"),
            sources=_sources(node.get("sources", []), documents),
            years=_years(node["years"], documents) if node.get("years") is not None else None,
        )
    if not ids:
        raise ValueError("the snapshot holds no nodes")
    for edge in _drained(_typed(data["edges"], list, "edges")):
        source, target = ids.get(edge["source"]), ids.get(edge["target"])
        if source is None or target is None:
            raise ValueError(f"edge {edge['source']} -> {edge['target']} names an unknown node")
        relation_type = RelationType(edge["type"])
        graph.add_edge(
            source, target, key=relation_type.value, type=relation_type,
            sources=_sources(edge.get("sources", []), documents),
        )
    redirects = _typed(data["graph"].get("redirects", {}), dict, "redirects")
    return CareerGraph(graph, [DocumentInfo(d["name"], d["sha256"]) for d in data["graph"]["documents"]],
                       {_typed(old, str, "redirect"): _typed(new, str, "redirect") for old, new in redirects.items()})


def _drained(items: list[Any]) -> Iterator[Any]:
    """The items of a list in order, each dropped from it once read.

    The graph then reuses the memory of the JSON it was read from: a large
    snapshot loads with a lower peak, and the process keeps less memory.
    """
    items.reverse()
    while items:
        yield items.pop()


def _typed(value: Any, type_: type, what: str) -> Any:
    if not isinstance(value, type_) or isinstance(value, bool):
        raise TypeError(f"{what} must be a {type_.__name__}, got {value!r:.40}")
    return value


_SOURCE_KEYS = {"document", "line", "start", "end", "text"}


def _sources(values: Any, documents: dict[str, str]) -> tuple[Source, ...]:
    sources = []
    for value in _typed(values, list, "sources"):
        if not isinstance(value, dict) or value.keys() != _SOURCE_KEYS:
            raise TypeError(f"a source has exactly the keys {sorted(_SOURCE_KEYS)}, got {value!r:.60}")
        document, line, start, end, text = (value["document"], value["line"], value["start"], value["end"],
                                            value["text"])
        if type(document) is not str or type(line) is not int or type(start) is not int \
                or type(end) is not int or type(text) is not str:  # JSON gives exact types; say which is wrong
            _typed(document, str, "source document")
            _typed(line, int, "source line")
            _typed(start, int, "source start")
            _typed(end, int, "source end")
            _typed(text, str, "source text")
        sources.append(Source(documents.setdefault(document, document), line, start, end, text))
    return tuple(sources)


def _years(value: Any, documents: dict[str, str]) -> YearRange:
    if not isinstance(value, dict):
        raise TypeError(f"years must be an object, got {value!r:.40}")
    low, high = value.get("min"), value.get("max")
    for bound in (low, high):
        if bound is not None and (not isinstance(bound, int | float) or isinstance(bound, bool)):
            raise TypeError(f"a years bound must be a number or null, got {bound!r:.40}")
    return YearRange(low, high, _sources(value.get("sources", []), documents))


def _years_json(years: YearRange) -> dict[str, Any]:
    return {"min": years.min, "max": years.max, "sources": [_source_json(s) for s in years.sources]}


def _source_json(source: Source) -> dict[str, Any]:
    return {"document": source.document, "line": source.line, "start": source.start,
            "end": source.end, "text": source.text}


def write_graphml(graph: CareerGraph, out: IO[bytes]) -> None:
    """GraphML with scalar attributes: aliases joined by ``|``, sources as JSON."""
    flat = nx.MultiDiGraph()
    for node in graph.entities():
        flat.add_node(node.id, kind=node.kind.value, label=node.name, aliases="|".join(node.aliases),
                      description=node.description or "",
                      sources=json.dumps([_source_json(s) for s in node.sources], ensure_ascii=False))
    for edge in graph.edges():
        flat.add_edge(edge.source, edge.target, key=edge.type.value, type=edge.type.value,
                      sources=json.dumps([_source_json(s) for s in edge.sources], ensure_ascii=False))
    nx.write_graphml(flat, out, encoding="utf-8")
