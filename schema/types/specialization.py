"""The `Specialization` type: a specialized variant of a role."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.context import Info
from schema.types.entity import Node, entity_type
from schema.types.enums import Direction, RelationType
from schema.types.position import Position
from seed.records import EntityKind

if TYPE_CHECKING:
    from schema.types.role import Role


@entity_type(EntityKind.SPECIALIZATION)
@strawberry.type(description="A specialized variant of a role, e.g. Mobile Technical Product Manager.")
class Specialization(Position, Node):
    @strawberry.field(description="The role this is a specialization of.")
    def role(self, info: Info) -> Annotated[Role, strawberry.lazy("schema.types.role")] | None:
        roles = self.neighbours(info, RelationType.HAS_SPECIALIZATION, Direction.INCOMING)
        return roles[0] if roles else None
