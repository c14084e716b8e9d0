"""The JSON schemas of the MCP tools: what each takes and what its structured content holds.

The input limits are the GraphQL API's (`schema.query` name and text lengths,
`graph.paths.MAX_PATHS`, `graph.search.MAX_LIMIT`, the ``max_string_length``
setting), so a request one transport refuses the other refuses too.
"""

from __future__ import annotations

from typing import Any

from graph.paths import MAX_PATHS
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
            "limit": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_SIMILAR,
                      "description": f"Most positions to return, 1 to {MAX_LIMIT}."},
        }, ["to"]),
    }


def _object(properties: JSON, required: list[str]) -> JSON:
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


# -- output -------------------------------------------------------------------------

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

_NAMES: JSON = {"type": "array", "items": ENTITY}
CHANGE: JSON = _object({"gained": _NAMES, "leftBehind": _NAMES}, ["gained", "leftBehind"])
CHANGES: JSON = _object({"responsibilities": CHANGE, "teams": CHANGE, "skills": CHANGE},
                        ["responsibilities", "teams", "skills"])

STEP: JSON = _object({
    "entity": ENTITY,
    "via": {"anyOf": [{"enum": RELATION_TYPES}, {"type": "null"}],
            "description": "The relation followed to get here; null on the first step."},
    "sources": {"type": "array", "items": SOURCE, "description": "The sentences that state this move."},
    "changes": {"anyOf": [CHANGES, {"type": "null"}],
                "description": "What this move gains and leaves behind; null on the first step."},
}, ["entity", "via", "sources", "changes"])

PATH: JSON = _object({"hops": {"type": "integer"}, "steps": {"type": "array", "items": STEP}}, ["hops", "steps"])

RELATION_GROUP: JSON = _object({
    "type": {"enum": RELATION_TYPES},
    "direction": {"enum": ["OUTGOING", "INCOMING"]},
    "total": {"type": "integer", "description": "Relations of this type and direction (items may hold fewer)."},
    "items": {"type": "array", "items": _object({"entity": ENTITY, "sources": {"type": "array", "items": SOURCE}},
                                                ["entity", "sources"])},
}, ["type", "direction", "total", "items"])


def output_schemas() -> dict[str, JSON]:
    """Each tool's output schema: the shape of its ``structuredContent``."""
    return {
        "search": _object({"hits": {"type": "array", "items": _object(
            {"entity": ENTITY, "score": {"type": "number"},
             "description": {"type": ["string", "null"]}}, ["entity", "score", "description"])}}, ["hits"]),
        "get_entity": _object({
            "entity": ENTITY,
            "description": {"type": ["string", "null"]},
            "aliases": {"type": "array", "items": {"type": "string"}},
            "relations": {"type": "array", "items": RELATION_GROUP},
            "sources": {"type": "array", "items": SOURCE},
        }, ["entity", "description", "aliases", "relations", "sources"]),
        "career_path": _object({"path": {"anyOf": [PATH, {"type": "null"}],
                                         "description": "Null when no path exists."}}, ["path"]),
        "career_paths": _object({"paths": {"type": "array", "items": PATH}}, ["paths"]),
        "similar_positions": _object({"positions": {"type": "array", "items": _object(
            {"entity": ENTITY, "score": {"type": "number"}, "shared": _NAMES},
            ["entity", "score", "shared"])}}, ["positions"]),
    }
