"""The career knowledge graph: model, building, snapshots and algorithms.

Imports neither strawberry nor starlette.
"""

from graph.build import build_graph, load_graph
from graph.errors import CareerGraphError, EntityNotFound, InvalidArgument, SnapshotError
from graph.model import CareerGraph, Direction, DocumentInfo, Edge, Node, Relation

__all__ = [
    "CareerGraph",
    "CareerGraphError",
    "Direction",
    "DocumentInfo",
    "Edge",
    "EntityNotFound",
    "InvalidArgument",
    "Node",
    "Relation",
    "SnapshotError",
    "build_graph",
    "load_graph",
]
