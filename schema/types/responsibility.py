"""The `Responsibility` type: something a role, level or specialization does."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.context import Info
from schema.types.entity import Entity, Node, entity_type
from schema.types.enums import Direction, RelationType
from seed.records import EntityKind

if TYPE_CHECKING:
    from schema.types.team import Team


@entity_type(EntityKind.RESPONSIBILITY)
@strawberry.type(description="Something a role, level or specialization does, as the guide words it.")
class Responsibility(Entity, Node):
    @strawberry.field(description="The roles, levels and specializations that hold this responsibility.")
    def holders(self, info: Info) -> list[Entity]:
        return self.neighbours(info, RelationType.HAS_RESPONSIBILITY, Direction.INCOMING)

    @strawberry.field(description="Teams this responsibility involves.")
    def teams(self, info: Info) -> list[Annotated[Team, strawberry.lazy("schema.types.team")]]:
        return self.neighbours(info, RelationType.COLLABORATES_WITH)
