"""The `Level` type: a seniority level inside a role."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.context import Info
from schema.types.entity import Entity, Node, entity_type
from schema.types.enums import Direction, RelationType
from seed.records import EntityKind

if TYPE_CHECKING:
    from schema.types.responsibility import Responsibility
    from schema.types.role import Role


@entity_type(EntityKind.LEVEL)
@strawberry.type(description="A seniority level inside a role, e.g. Entry Level Technical Product Manager.")
class Level(Entity, Node):
    @strawberry.field(description="The role this level belongs to.")
    def role(self, info: Info) -> Annotated[Role, strawberry.lazy("schema.types.role")] | None:
        roles = self.neighbours(info, RelationType.HAS_LEVEL, Direction.INCOMING)
        return roles[0] if roles else None

    @strawberry.field(description="The level's daily responsibilities.")
    def responsibilities(
        self, info: Info
    ) -> list[Annotated[Responsibility, strawberry.lazy("schema.types.responsibility")]]:
        return self.neighbours(info, RelationType.HAS_RESPONSIBILITY)

    @strawberry.field(description="The next level up, if any.")
    def next_levels(self, info: Info) -> list[Level]:
        return self.neighbours(info, RelationType.PROGRESSES_TO)

    @strawberry.field(description="The level below, if any.")
    def previous_levels(self, info: Info) -> list[Level]:
        return self.neighbours(info, RelationType.PROGRESSES_TO, Direction.INCOMING)
