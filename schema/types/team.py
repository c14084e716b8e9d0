"""The `Team` type: a team or function someone works with."""

from __future__ import annotations

import strawberry

from schema.context import Info
from schema.types.entity import Entity, Node, entity_type
from schema.types.enums import Direction, RelationType
from seed.records import EntityKind


@entity_type(EntityKind.TEAM)
@strawberry.type(description="A team or function someone works with, e.g. DevOps.")
class Team(Entity, Node):
    @strawberry.field(description="Roles, levels, specializations and responsibilities that work with this team.")
    def collaborators(self, info: Info) -> list[Entity]:
        return self.neighbours(info, RelationType.COLLABORATES_WITH, Direction.INCOMING)
