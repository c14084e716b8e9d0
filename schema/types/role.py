"""The `Role` type: a job title on a career ladder."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.context import Info
from schema.types.entity import Entity, Node, entity_type
from schema.types.enums import Direction, RelationType
from seed.records import EntityKind

if TYPE_CHECKING:
    from schema.types.level import Level
    from schema.types.responsibility import Responsibility
    from schema.types.skill import Skill
    from schema.types.specialization import Specialization
    from schema.types.team import Team


@entity_type(EntityKind.ROLE)
@strawberry.type(description="A job title on a career ladder, e.g. Technical Product Manager.")
class Role(Entity, Node):
    @strawberry.field(description="Roles one career move above or beside this one.")
    def next_roles(self, info: Info) -> list[Role]:
        return self.neighbours(info, RelationType.PROGRESSES_TO)

    @strawberry.field(description="Roles that lead into this one.")
    def previous_roles(self, info: Info) -> list[Role]:
        return self.neighbours(info, RelationType.PROGRESSES_TO, Direction.INCOMING)

    @strawberry.field(description="The role's seniority levels, most junior first.")
    def levels(self, info: Info) -> list[Annotated[Level, strawberry.lazy("schema.types.level")]]:
        levels = self.neighbours(info, RelationType.HAS_LEVEL)
        return sorted(levels, key=lambda level: level.node_.sources[0])

    @strawberry.field(description="Specialized variants of the role.")
    def specializations(
        self, info: Info
    ) -> list[Annotated[Specialization, strawberry.lazy("schema.types.specialization")]]:
        return self.neighbours(info, RelationType.HAS_SPECIALIZATION)

    @strawberry.field(description="The role's key responsibilities.")
    def responsibilities(
        self, info: Info
    ) -> list[Annotated[Responsibility, strawberry.lazy("schema.types.responsibility")]]:
        return self.neighbours(info, RelationType.HAS_RESPONSIBILITY)

    @strawberry.field(description="Teams the guide says this role works with.")
    def teams(self, info: Info) -> list[Annotated[Team, strawberry.lazy("schema.types.team")]]:
        return self.neighbours(info, RelationType.COLLABORATES_WITH)

    @strawberry.field(description="Skills and knowledge areas the guide says this role needs.")
    def skills(self, info: Info) -> list[Annotated[Skill, strawberry.lazy("schema.types.skill")]]:
        return self.neighbours(info, RelationType.REQUIRES_SKILL)
