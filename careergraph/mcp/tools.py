"""The MCP tools as pure functions: a graph and arguments in, an `Answer` (quotable text + JSON) out.

Each calls the graph function the GraphQL resolver of the same question
calls (`graph.search.search`, `CareerGraph.find`, `graph.paths`), so the two
APIs cannot disagree. They raise the graph layer's errors (`EntityNotFound`
with suggestions, `InvalidArgument`); `careergraph.mcp.server` turns those
into tool errors.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from graph import CareerGraph, Node
from graph.lookup import resolve
from graph.model import Direction, Relation
from graph.paths import (
    CareerPath,
    Change,
    PositionChanges,
    k_shortest_career_paths,
    path_changes,
    path_years,
    position_changes,
    shortest_career_path,
)
from graph.positions import similar_positions as similar_to
from graph.search import search as search_graph
from schema.types.entity import decode_global_id, global_id
from seed.records import EntityKind, Source

from .schemas import DEFAULT_LIMIT, DEFAULT_PATHS, DEFAULT_SIMILAR

__all__ = ["MAX_RELATED", "TOOL_NAMES", "Answer", "answer", "career_path", "career_paths", "get_entity", "search",
           "similar_positions"]

JSON = dict[str, Any]

#: The tools `answer` runs, in the order they are listed.
TOOL_NAMES = ("search", "get_entity", "career_path", "career_paths", "similar_positions")

#: Relations listed per type and direction in `get_entity`; ``total`` counts them all.
MAX_RELATED = 50


@dataclass(frozen=True, slots=True)
class Answer:
    """A tool's result: a short text an agent can quote, and the structured content."""

    text: str
    data: JSON


def search(G: CareerGraph, text: str, kinds: Sequence[str] | None = None, limit: int = DEFAULT_LIMIT) -> Answer:
    """Ranked, typo-tolerant hits for ``text`` (`graph.search.search`, as ``Query.search``)."""
    wanted = [EntityKind(kind) for kind in kinds] if kinds is not None else None
    hits = search_graph(G, text, wanted, limit)
    data = {"hits": [{"entity": entity(hit.node), "score": round(hit.score, 6),
                      "description": hit.node.description} for hit in hits]}
    if not hits:
        return Answer(f"No entity matches {text!r}.", data)
    listed = "\n".join(f"{i}. {hit.node.name} ({_kind(hit.node)}, {hit.node.id})" for i, hit in enumerate(hits, 1))
    return Answer(f"{len(hits)} hit{_s(hits)} for {text!r}, best first:\n{listed}", data)


def get_entity(G: CareerGraph, name: str) -> Answer:
    """One entity by id, global id, name or alias: what it is, its relations by type and where it is stated."""
    node = resolve(G, _graph_id(G, name))
    groups = [_group(G, key, list(relations))
              for key, relations in groupby(G.relations(node.id), lambda r: (r.edge.type, r.direction))]
    data = {"entity": entity(node), "description": node.description, "aliases": list(node.aliases),
            "relations": groups, "sources": [source(s) for s in node.sources]}
    lines = [f"{node.name} ({_kind(node)}, id {node.id})"]
    if node.aliases:
        lines.append("Also called: " + ", ".join(node.aliases) + ".")
    if node.description:
        lines.append(node.description)
    for group in groups:
        names = ", ".join(item["entity"]["name"] for item in group["items"][:10])
        more = f" and {group['total'] - 10} more" if group["total"] > 10 else ""
        arrow = "->" if group["direction"] == "OUTGOING" else "<-"
        lines.append(f"{arrow} {group['type']}: {names}{more}")
    if node.sources:
        lines.append("Stated at " + ", ".join(_where(s) for s in node.sources[:5])
                     + (f" and {len(node.sources) - 5} more places" if len(node.sources) > 5 else "") + ".")
    return Answer("\n".join(lines), data)


def _group(G: CareerGraph, key: tuple[Any, Direction], relations: list[Relation]) -> JSON:
    relation_type, direction = key
    return {"type": relation_type.value, "direction": direction.value, "total": len(relations),
            "items": [{"entity": entity(G.node(r.other)), "sources": [source(s) for s in r.edge.sources]}
                      for r in relations[:MAX_RELATED]]}


def career_path(G: CareerGraph, from_: str, to: str, via: Sequence[str] = (), avoid: Sequence[str] = ()) -> Answer:
    """The shortest career path, each move with its sentence and what it gains (``Query.careerPath``)."""
    found = shortest_career_path(G, _graph_id(G, from_), _graph_id(G, to), [_graph_id(G, v) for v in via],
                                 [_graph_id(G, a) for a in avoid])
    if found is None:
        return Answer(_no_path(G, from_, to), {"path": None})
    return Answer(_path_text(G, found), {"path": path(G, found)})


def career_paths(G: CareerGraph, from_: str, to: str, k: int = DEFAULT_PATHS, via: Sequence[str] = (),
                 avoid: Sequence[str] = ()) -> Answer:
    """Up to ``k`` shortest loop-free career paths, shortest first (``Query.careerPaths``)."""
    found = k_shortest_career_paths(G, _graph_id(G, from_), _graph_id(G, to), k, [_graph_id(G, v) for v in via],
                                    [_graph_id(G, a) for a in avoid])
    data = {"paths": [path(G, p) for p in found]}
    if not found:
        return Answer(_no_path(G, from_, to), data)
    texts = [f"Path {i} of {len(found)}: {_path_text(G, p)}" for i, p in enumerate(found, 1)]
    return Answer("\n\n".join(texts), data)


def similar_positions(G: CareerGraph, to: str, limit: int = DEFAULT_SIMILAR) -> Answer:
    """Lateral moves: the positions sharing the most with ``to`` (`graph.positions.similar_positions`)."""
    found = similar_to(G, _graph_id(G, to), limit)
    data = {"positions": [{"entity": entity(s.node), "score": s.score, "shared": [entity(n) for n in s.shared]}
                          for s in found]}
    start = G.find(_graph_id(G, to))
    name = start.name if start is not None else to
    if not found:
        return Answer(f"No position shares a responsibility, team or skill with {name}.", data)
    lines = [f"Positions most like {name} (Jaccard overlap of responsibilities, teams and skills):"]
    for number, similar in enumerate(found, 1):
        shared = ", ".join(n.name for n in similar.shared[:3]) + (
            f" (+{len(similar.shared) - 3})" if len(similar.shared) > 3 else "")
        lines.append(f"{number}. {similar.node.name} ({_kind(similar.node)}), {similar.score:.2f}: shares {shared}")
    return Answer("\n".join(lines), data)


def _no_path(G: CareerGraph, from_: str, to: str) -> str:
    start, goal = G.find(_graph_id(G, from_)), G.find(_graph_id(G, to))
    names = (start.name if start else from_, goal.name if goal else to)
    return f"No career path from {names[0]} to {names[1]} (promotions are one-way)."


def path(G: CareerGraph, found: CareerPath) -> JSON:
    """A career path as JSON: each step with the move's sources and what it changes."""
    steps: list[JSON] = []
    previous: Node | None = None
    for step in found.steps:
        changes = _changes(position_changes(G, previous.id, step.node.id)) if previous is not None else None
        steps.append({"entity": entity(step.node), "via": step.via.type.value if step.via else None,
                      "sources": [source(s) for s in step.via.sources] if step.via else [], "changes": changes})
        previous = step.node
    years = path_years(found)
    return {"hops": found.hops, "steps": steps, "changes": _changes(path_changes(G, found)),
            "typicalYears": None if years is None else {"min": years.min, "max": years.max,
                                                         "sources": [source(s) for s in years.sources]}}


def _changes(diff: PositionChanges) -> JSON:
    return {"responsibilities": _change(diff.responsibilities), "teams": _change(diff.teams),
            "skills": _change(diff.skills)}


def _change(change: Change) -> JSON:
    return {"gained": [entity(n) for n in change.gained], "leftBehind": [entity(n) for n in change.left_behind]}


def _path_text(G: CareerGraph, found: CareerPath) -> str:
    first, last = found.steps[0].node, found.steps[-1].node
    lines = [f"{first.name} -> {last.name}: {found.hops} move{'s' if found.hops != 1 else ''}."]
    for number, (before, step) in enumerate(zip(found.steps, found.steps[1:], strict=False), 1):
        assert step.via is not None, "every step after the first has a move"
        quote = f' "{step.via.sources[0].text}" ({_where(step.via.sources[0])})' if step.via.sources else ""
        lines.append(f"{number}. {before.node.name} -> {step.node.name} ({step.via.type.value}).{quote}")
        gains = _gains(G, before.node, step.node)
        if gains:
            lines.append(f"   Gains {gains}.")
    return "\n".join(lines)


def _gains(G: CareerGraph, before: Node, after: Node) -> str:
    diff = position_changes(G, before.id, after.id)
    parts = []
    if diff.responsibilities.gained:
        parts.append(f"{len(diff.responsibilities.gained)} responsibilit"
                     + ("y" if len(diff.responsibilities.gained) == 1 else "ies"))
    for label, change in (("teams", diff.teams), ("skills", diff.skills)):
        if change.gained:
            more = f" (+{len(change.gained) - 3})" if len(change.gained) > 3 else ""
            parts.append(f"{label} {', '.join(n.name for n in change.gained[:3])}{more}")
    return "; ".join(parts)


# -- shared pieces ------------------------------------------------------------------


def entity(node: Node) -> JSON:
    """A node as the tools name it: graph id, GraphQL global id, kind and name."""
    return {"id": node.id, "globalId": global_id(node), "kind": node.kind.value, "name": node.name}


def source(span: Source) -> JSON:
    return {"document": span.document, "line": span.line, "start": span.start, "end": span.end, "text": span.text}


def _graph_id(G: CareerGraph, name: str) -> str:
    """A name as the graph layer takes it: a GraphQL global id becomes the graph id (as the resolvers do)."""
    node_id = decode_global_id(name.strip())
    return node_id if node_id is not None and G.get(node_id) is not None else name


def _where(span: Source) -> str:
    return f"{span.document}:{span.line}"


def _kind(node: Node) -> str:
    return node.kind.value.lower()


def _s(items: Sequence[object]) -> str:
    return "" if len(items) == 1 else "s"


def answer(G: CareerGraph, tool: str, arguments: JSON) -> Answer:
    """Run the tool named ``tool`` on arguments its input schema has accepted; `KeyError` for no such tool."""
    args = arguments
    match tool:
        case "search":
            return search(G, args["text"], args.get("kinds"), args.get("limit", DEFAULT_LIMIT))
        case "get_entity":
            return get_entity(G, args["name"])
        case "career_path":
            return career_path(G, args["from"], args["to"], args.get("via", ()), args.get("avoid", ()))
        case "career_paths":
            return career_paths(G, args["from"], args["to"], args.get("k", DEFAULT_PATHS), args.get("via", ()),
                                args.get("avoid", ()))
        case "similar_positions":
            return similar_positions(G, args["to"], args.get("limit", DEFAULT_SIMILAR))
    raise KeyError(tool)
