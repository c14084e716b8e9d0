"""The `Skill` type: a skill or knowledge area someone needs."""

from __future__ import annotations

import strawberry

from schema.context import Info
from schema.types.entity import Entity, Node, entity_type
from schema.types.enums import Direction, RelationType
from seed.records import EntityKind


@entity_type(EntityKind.SKILL)
@strawberry.type(description="A skill or knowledge area someone needs, e.g. Cloud services.")
class Skill(Entity, Node):
    @strawberry.field(description="Roles and specializations that need this skill.")
    def required_by(self, info: Info) -> list[Entity]:
        return self.neighbours(info, RelationType.REQUIRES_SKILL, Direction.INCOMING)
