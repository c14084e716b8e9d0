"""The `Specialization` type: a specialized variant of a role."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.context import Info
from schema.types.entity import Entity, Node, entity_type
from schema.types.enums import Direction, RelationType
from seed.records import EntityKind

if TYPE_CHECKING:
    from schema.types.role import Role
    from schema.types.skill import Skill
    from schema.types.team import Team


@entity_type(EntityKind.SPECIALIZATION)
@strawberry.type(description="A specialized variant of a role, e.g. Mobile Technical Product Manager.")
class Specialization(Entity, Node):
    @strawberry.field(description="The role this is a specialization of.")
    def role(self, info: Info) -> Annotated[Role, strawberry.lazy("schema.types.role")] | None:
        roles = self.neighbours(info, RelationType.HAS_SPECIALIZATION, Direction.INCOMING)
        return roles[0] if roles else None

    @strawberry.field(description="Teams this specialization works with.")
    def teams(self, info: Info) -> list[Annotated[Team, strawberry.lazy("schema.types.team")]]:
        return self.neighbours(info, RelationType.COLLABORATES_WITH)

    @strawberry.field(description="Skills and knowledge areas this specialization needs.")
    def skills(self, info: Info) -> list[Annotated[Skill, strawberry.lazy("schema.types.skill")]]:
        return self.neighbours(info, RelationType.REQUIRES_SKILL)
