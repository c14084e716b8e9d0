"""The `Level` type: a seniority level inside a role."""

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


@entity_type(EntityKind.LEVEL)
@strawberry.type(description="A seniority level inside a role, e.g. Entry Level Technical Product Manager.")
class Level(Position, Node):
    @strawberry.field(description="The role this level belongs to.")
    def role(self, info: Info) -> Annotated[Role, strawberry.lazy("schema.types.role")] | None:
        roles = self.neighbours(info, RelationType.HAS_LEVEL, Direction.INCOMING)
        return roles[0] if roles else None

    @strawberry.field(description="The next level up inside the role, if any (nextPositions also has a rung "
                      "the text joins to a level).")
    def next_levels(self, info: Info) -> list[Level]:
        return self.neighbours_of_kind(info, RelationType.PROGRESSES_TO, EntityKind.LEVEL)

    @strawberry.field(description="The level below inside the role, if any.")
    def previous_levels(self, info: Info) -> list[Level]:
        return self.neighbours_of_kind(info, RelationType.PROGRESSES_TO, EntityKind.LEVEL, Direction.INCOMING)
