"""The `Position` interface (roles, levels, specializations) and `YearRange`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from graph.paths import next_positions, previous_positions
from graph.positions import position_profile
from schema.context import Info
from schema.types.entity import Entity, Node, Source, sources_of, to_entity
from seed.records import YearRange as YearRecord

if TYPE_CHECKING:
    from schema.types.responsibility import Responsibility
    from schema.types.skill import Skill
    from schema.types.team import Team

__all__ = ["Position", "YearRange"]


@strawberry.type(description='Years of experience as a text states them: "2-4 years", "5+ years".')
class YearRange:
    min: float | None = strawberry.field(description="Fewest years; null when the text gives no lower bound.")
    max: float | None = strawberry.field(description='Null for an open range such as "5+ years".')
    sources: list[Source] = strawberry.field(description="Where the text states it (several, for a sum along a path).")

    @classmethod
    def from_record(cls, years: YearRecord | None) -> YearRange | None:
        if years is None:
            return None
        return cls(min=years.min, max=years.max, sources=sources_of(years.sources))


@strawberry.interface(
    description="A place on a career ladder: a role, one of its seniority levels, or a specialization. "
    "Every position is a start or a goal for careerPath."
)
class Position(Entity, Node):
    @strawberry.field(description="Positions one career move on: promotions, branches, moves into another "
                      "ladder or track.")
    def next_positions(self, info: Info) -> list[Position]:
        return [to_entity(n) for n in next_positions(info.context.graph, self.node_.id)]  # type: ignore[misc]

    @strawberry.field(description="Positions one career move before this one.")
    def previous_positions(self, info: Info) -> list[Position]:
        return [to_entity(n) for n in previous_positions(info.context.graph, self.node_.id)]  # type: ignore[misc]

    @strawberry.field(description="Every responsibility the text gives this position, wherever it states it: a "
                      "level section, a table cell, a sentence about the role at that level.")
    def responsibilities(
        self, info: Info
    ) -> list[Annotated[Responsibility, strawberry.lazy("schema.types.responsibility")]]:
        return [to_entity(n) for n in position_profile(info.context.graph, self.node_.id).responsibilities]  # type: ignore[misc]

    @strawberry.field(description="Teams this position works with: its own and those of its responsibilities.")
    def teams(self, info: Info) -> list[Annotated[Team, strawberry.lazy("schema.types.team")]]:
        return [to_entity(n) for n in position_profile(info.context.graph, self.node_.id).teams]  # type: ignore[misc]

    @strawberry.field(description="Skills and knowledge areas this position needs.")
    def skills(self, info: Info) -> list[Annotated[Skill, strawberry.lazy("schema.types.skill")]]:
        return [to_entity(n) for n in position_profile(info.context.graph, self.node_.id).skills]  # type: ignore[misc]

    @strawberry.field(description="Years of experience the text states for this position; null when it states none.")
    def typical_years(self) -> YearRange | None:
        return YearRange.from_record(self.node_.years)
