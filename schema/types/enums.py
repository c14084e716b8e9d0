"""GraphQL enums; their values are the graph's own enum values."""

from __future__ import annotations

from enum import Enum

import strawberry

from graph import Direction as GraphDirection
from seed.records import EntityKind as GraphKind
from seed.records import RelationType as GraphRelationType

__all__ = ["Direction", "EntityKind", "RelationType"]


@strawberry.enum(description="What an entity of the career graph stands for.")
class EntityKind(Enum):
    ROLE = strawberry.enum_value("ROLE", description="A job title on a career ladder.")
    LEVEL = strawberry.enum_value("LEVEL", description="A seniority level inside a role (entry, mid, senior).")
    SPECIALIZATION = strawberry.enum_value("SPECIALIZATION", description="A specialized variant of a role.")
    RESPONSIBILITY = strawberry.enum_value("RESPONSIBILITY", description="Something a role or level does.")
    TEAM = strawberry.enum_value("TEAM", description="A team or function someone works with.")
    SKILL = strawberry.enum_value("SKILL", description="A skill or knowledge area someone needs.")

    @property
    def graph(self) -> GraphKind:
        return GraphKind[self.name]


@strawberry.enum(description="The typed edges of the career graph.")
class RelationType(Enum):
    PROGRESSES_TO = strawberry.enum_value(
        "PROGRESSES_TO", description="A career move up or across the ladder: role to role, level to level."
    )
    HAS_LEVEL = strawberry.enum_value("HAS_LEVEL", description="A role to one of its seniority levels.")
    HAS_SPECIALIZATION = strawberry.enum_value(
        "HAS_SPECIALIZATION", description="A role to one of its specializations."
    )
    HAS_RESPONSIBILITY = strawberry.enum_value(
        "HAS_RESPONSIBILITY", description="A role, level or specialization to a responsibility it holds."
    )
    COLLABORATES_WITH = strawberry.enum_value(
        "COLLABORATES_WITH",
        description="A role, level, specialization or responsibility to a team it works with.",
    )
    REQUIRES_SKILL = strawberry.enum_value(
        "REQUIRES_SKILL", description="A role or specialization to a skill or knowledge area it needs."
    )

    @property
    def graph(self) -> GraphRelationType:
        return GraphRelationType[self.name]


@strawberry.enum(description="Which way to follow edges from the entity they are asked on.")
class Direction(Enum):
    OUTGOING = strawberry.enum_value("OUTGOING", description="Edges whose source is the entity.")
    INCOMING = strawberry.enum_value("INCOMING", description="Edges whose target is the entity.")
    BOTH = strawberry.enum_value("BOTH", description="Edges either way.")

    @property
    def graph(self) -> GraphDirection:
        return GraphDirection[self.name]
