"""The career knowledge graph: model, building, snapshots and algorithms.

Imports neither strawberry nor starlette.
"""

from graph.build import build_graph, load_graph
from graph.errors import CareerGraphError, EntityNotFound, InvalidArgument, SnapshotError
from graph.model import CareerGraph, Direction, DocumentInfo, Edge, Node, Relation
from graph.paths import (
    CareerPath,
    CareerStep,
    career_ladder,
    k_shortest_career_paths,
    position_changes,
    reachable_positions,
    shortest_career_path,
)
from graph.search import SearchHit, search

__all__ = [
    "CareerGraph",
    "CareerGraphError",
    "CareerPath",
    "CareerStep",
    "Direction",
    "DocumentInfo",
    "Edge",
    "EntityNotFound",
    "InvalidArgument",
    "Node",
    "Relation",
    "SearchHit",
    "SnapshotError",
    "build_graph",
    "career_ladder",
    "k_shortest_career_paths",
    "load_graph",
    "position_changes",
    "reachable_positions",
    "search",
    "shortest_career_path",
]
