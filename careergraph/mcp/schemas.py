"""The JSON schemas of the MCP tools: what each takes and what its structured content holds.

The input limits are the GraphQL API's (`schema.query` name and text lengths,
`graph.paths.MAX_PATHS`, `graph.search.MAX_LIMIT`, the ``max_string_length``
setting), so a request one transport refuses the other refuses too.
"""

from __future__ import annotations

from typing import Any

from graph.paths import MAX_PATHS
from graph.positions import MAX_SIMILAR
from graph.search import MAX_LIMIT
from schema.query import MAX_IDS, MAX_NAME_LENGTH, MAX_SEARCH_LENGTH
from seed.records import EntityKind, RelationType

__all__ = ["DEFAULT_LIMIT", "DEFAULT_PATHS", "DEFAULT_SIMILAR", "input_schemas", "output_schemas"]

JSON = dict[str, Any]

DEFAULT_LIMIT = 10
DEFAULT_PATHS = 3
DEFAULT_SIMILAR = 5

#: A name must hold something besides white space (GraphQL's check_name refuses blank names too).
NOT_BLANK = r"\S"
KINDS = [kind.value for kind in EntityKind]
RELATION_TYPES = [relation.value for relation in RelationType]


def input_schemas(max_string_length: int) -> dict[str, JSON]:
    """Each tool's input schema, strings capped at ``max_string_length`` as GraphQL caps them."""
    name = min(MAX_NAME_LENGTH, max_string_length)

    def position(what: str) -> JSON:
        return {"type": "string", "pattern": NOT_BLANK, "maxLength": name,
                "description": f"{what}: a role, level or specialization by name, alias, id or global id."}

    def positions(what: str) -> JSON:
        return {"type": "array", "items": {"type": "string", "pattern": NOT_BLANK, "maxLength": name},
                "maxItems": MAX_IDS, "description": what}

    via = positions("Positions the path must pass through, in this order.")
    avoid = positions("Positions the path must not pass through.")
    return {
        "search": _object({
            "text": {"type": "string", "maxLength": min(MAX_SEARCH_LENGTH, max_string_length),
                     "description": "Words to look for; partial words and typos are fine."},
            "kinds": {"type": "array", "items": {"enum": KINDS}, "uniqueItems": True,
                      "description": "Only entities of these kinds (default: every kind)."},
            "limit": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT,
                      "description": f"Most hits to return, 1 to {MAX_LIMIT}."},
        }, ["text"]),
        "get_entity": _object({
            "name": {"type": "string", "pattern": NOT_BLANK, "maxLength": name,
                     "description": "An id (role/cto), global id, name or alias; case-insensitive."},
        }, ["name"]),
        "career_path": _object({"from": position("Start"), "to": position("Goal"), "via": via, "avoid": avoid},
                               ["from", "to"]),
        "career_paths": _object({
            "from": position("Start"), "to": position("Goal"),
            "k": {"type": "integer", "minimum": 1, "maximum": MAX_PATHS, "default": DEFAULT_PATHS,
                  "description": f"How many paths at most, 1 to {MAX_PATHS}."},
            "via": via, "avoid": avoid,
        }, ["from", "to"]),
        "similar_positions": _object({
            "to": position("The position to compare with"),
            "limit": {"type": "integer", "minimum": 1, "maximum": MAX_SIMILAR, "default": DEFAULT_SIMILAR,
                      "description": f"Most positions to return, 1 to {MAX_SIMILAR}."},
        }, ["to"]),
    }


def _object(properties: JSON, required: list[str]) -> JSON:
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


# -- output -------------------------------------------------------------------------
# Shared shapes are named once under $defs: the tool listing stays small enough for an agent's context.


def _ref(name: str) -> JSON:
    return {"$ref": f"#/$defs/{name}"}


def _list(name: str, description: str | None = None) -> JSON:
    listed: JSON = {"type": "array", "items": _ref(name)}
    return listed if description is None else {**listed, "description": description}


ENTITY: JSON = _object({
    "id": {"type": "string", "description": "Graph id, kind/slug (role/cto)."},
    "globalId": {"type": "string", "description": "The GraphQL API's global id (Query.node)."},
    "kind": {"enum": KINDS},
    "name": {"type": "string"},
}, ["id", "globalId", "kind", "name"])

SOURCE: JSON = _object({
    "document": {"type": "string", "description": "Document name; read it as careergraph://documents/{name}."},
    "line": {"type": "integer", "description": "1-based line of the document."},
    "start": {"type": "integer", "description": "Character offset where the quote starts."},
    "end": {"type": "integer", "description": "Character offset where the quote ends."},
    "text": {"type": "string", "description": "The exact quote: document text [start:end]."},
}, ["document", "line", "start", "end", "text"])

CHANGE: JSON = _object({"gained": _list("entity"), "leftBehind": _list("entity")}, ["gained", "leftBehind"])
CHANGES: JSON = _object({"responsibilities": _ref("change"), "teams": _ref("change"), "skills": _ref("change")},
                        ["responsibilities", "teams", "skills"])
YEARS: JSON = _object({
    "min": {"type": ["number", "null"]},
    "max": {"type": ["number", "null"], "description": "Null for an open range (5+ years)."},
    "sources": _list("source", "The sentences that state the years."),
}, ["min", "max", "sources"])

STEP: JSON = _object({
    "entity": _ref("entity"),
    "via": {"anyOf": [{"enum": RELATION_TYPES}, {"type": "null"}],
            "description": "The relation followed to get here; null on the first step."},
    "sources": _list("source", "The sentences that state this move."),
    "changes": {"anyOf": [_ref("changes"), {"type": "null"}],
                "description": "What this move gains and leaves behind; null on the first step."},
}, ["entity", "via", "sources", "changes"])

PATH: JSON = _object({
    "hops": {"type": "integer"},
    "steps": {"type": "array", "items": STEP},
    "changes": {**_ref("changes"), "description": "What the whole path gains and leaves behind: goal against start."},
    "typicalYears": {"anyOf": [YEARS, {"type": "null"}],
                     "description": "The years the text states for the positions before the goal, summed; null "
                     "when one of them states none."},
}, ["hops", "steps", "changes", "typicalYears"])

RELATION_GROUP: JSON = _object({
    "type": {"enum": RELATION_TYPES},
    "direction": {"enum": ["OUTGOING", "INCOMING"]},
    "total": {"type": "integer", "description": "Relations of this type and direction (items may hold fewer)."},
    "items": {"type": "array", "items": _object({"entity": _ref("entity"), "sources": _list("source")},
                                                ["entity", "sources"])},
}, ["type", "direction", "total", "items"])

_DEFS: dict[str, dict[str, JSON]] = {
    "search": {"entity": ENTITY},
    "get_entity": {"entity": ENTITY, "source": SOURCE},
    "career_path": {"entity": ENTITY, "source": SOURCE, "change": CHANGE, "changes": CHANGES, "path": PATH},
    "career_paths": {"entity": ENTITY, "source": SOURCE, "change": CHANGE, "changes": CHANGES, "path": PATH},
    "similar_positions": {"entity": ENTITY},
}


def output_schemas() -> dict[str, JSON]:
    """Each tool's output schema: the shape of its ``structuredContent``."""
    schemas = {
        "search": _object({"hits": {"type": "array", "items": _object(
            {"entity": _ref("entity"), "score": {"type": "number"},
             "description": {"type": ["string", "null"]}}, ["entity", "score", "description"])}}, ["hits"]),
        "get_entity": _object({
            "entity": _ref("entity"),
            "description": {"type": ["string", "null"]},
            "aliases": {"type": "array", "items": {"type": "string"}},
            "relations": {"type": "array", "items": RELATION_GROUP},
            "sources": _list("source"),
        }, ["entity", "description", "aliases", "relations", "sources"]),
        "career_path": _object({"path": {"anyOf": [_ref("path"), {"type": "null"}],
                                         "description": "Null when no path exists."}}, ["path"]),
        "career_paths": _object({"paths": _list("path")}, ["paths"]),
        "similar_positions": _object({"positions": {"type": "array", "items": _object(
            {"entity": _ref("entity"), "score": {"type": "number"}, "shared": _list("entity")},
            ["entity", "score", "shared"])}}, ["positions"]),
    }
    return {name: {**schema, "$defs": _DEFS[name]} for name, schema in schemas.items()}
