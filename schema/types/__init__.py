"""GraphQL types: one module per entity kind, plus shared and result types.

Importing this package registers every entity type for `to_entity`.
"""

from schema.types import level, responsibility, role, skill, specialization, team  # noqa: F401
from schema.types.entity import Entity, Node, Source, to_entity

__all__ = ["Entity", "Node", "Source", "to_entity"]
