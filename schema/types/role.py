"""The `Role` type: a job title on a career ladder."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.context import Info
from schema.types.entity import Node, entity_type, to_entity
from schema.types.enums import Direction, RelationType
from schema.types.position import Position
from seed.records import EntityKind

if TYPE_CHECKING:
    from schema.types.level import Level
    from schema.types.specialization import Specialization


@entity_type(EntityKind.ROLE)
@strawberry.type(description="A job title on a career ladder, e.g. Technical Product Manager.")
class Role(Position, Node):
    @strawberry.field(description="Roles one career move above or beside this one.")
    def next_roles(self, info: Info) -> list[Role]:
        return self.neighbours_of_kind(info, RelationType.PROGRESSES_TO, EntityKind.ROLE)

    @strawberry.field(description="Roles that lead into this one.")
    def previous_roles(self, info: Info) -> list[Role]:
        return self.neighbours_of_kind(info, RelationType.PROGRESSES_TO, EntityKind.ROLE, Direction.INCOMING)

    @strawberry.field(description="The role's seniority levels inside it, most junior first. A level the text "
                      "joins to a ladder rung (the senior level is the Senior TPM rung) is that role instead: "
                      "see nextPositions.")
    def levels(self, info: Info) -> list[Annotated[Level, strawberry.lazy("schema.types.level")]]:
        levels = info.context.graph.neighbours(self.node_.id, RelationType.HAS_LEVEL.graph)
        ordered = sorted((n for n in levels if n.kind is EntityKind.LEVEL), key=lambda level: level.sources[0])
        return [to_entity(n) for n in ordered]  # type: ignore[misc]

    @strawberry.field(description="Specialized variants of the role.")
    def specializations(
        self, info: Info
    ) -> list[Annotated[Specialization, strawberry.lazy("schema.types.specialization")]]:
        return self.neighbours(info, RelationType.HAS_SPECIALIZATION)
