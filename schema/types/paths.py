"""Career-path results: paths, steps, what each move changes, reachable positions."""

from __future__ import annotations

import strawberry

from graph import Node as GraphNode
from graph.paths import CareerPath as GraphCareerPath
from graph.paths import Change as GraphChange
from graph.paths import position_changes
from schema.context import Info
from schema.types.entity import Entity, Source, sources_of, to_entity
from schema.types.enums import RelationType
from schema.types.role import Role


@strawberry.type(description="What one kind of entity a move gains and leaves behind.")
class Change:
    gained: list[Entity] = strawberry.field(description="Held by the new position, not by the previous one.")
    left_behind: list[Entity] = strawberry.field(description="Held by the previous position, not by the new one.")

    @classmethod
    def from_change(cls, change: GraphChange) -> Change:
        return cls(gained=[to_entity(n) for n in change.gained], left_behind=[to_entity(n) for n in change.left_behind])


@strawberry.type(description="What changes when moving between two positions.")
class PositionChanges:
    responsibilities: Change = strawberry.field(description="Responsibilities gained and left behind.")
    teams: Change = strawberry.field(description="Teams worked with, gained and left behind.")
    skills: Change = strawberry.field(description="Skills and knowledge areas gained and left behind.")


@strawberry.type(description="One position on a career path and how it was reached.")
class CareerStep:
    previous: strawberry.Private[GraphNode | None]
    node_: strawberry.Private[GraphNode]
    entity: Entity = strawberry.field(description="A ROLE, LEVEL or SPECIALIZATION on the path.")
    via: RelationType | None = strawberry.field(
        description="The relation that led here from the previous step; null on the first step."
    )
    sources: list[Source] = strawberry.field(
        description="Where the text states the move that led here; empty on the first step."
    )

    @strawberry.field(description="What this move gains and leaves behind; null on the first step.")
    def changes(self, info: Info) -> PositionChanges | None:
        if self.previous is None:
            return None
        diff = position_changes(info.context.graph, self.previous.id, self.node_.id)
        return PositionChanges(
            responsibilities=Change.from_change(diff.responsibilities),
            teams=Change.from_change(diff.teams),
            skills=Change.from_change(diff.skills),
        )


@strawberry.type(description="A route between two career positions.")
class CareerPath:
    hops: int = strawberry.field(description="Number of moves: steps minus one.")
    steps: list[CareerStep] = strawberry.field(description="From the start to the goal, both included.")

    @classmethod
    def from_path(cls, path: GraphCareerPath) -> CareerPath:
        steps = []
        previous = None
        for step in path.steps:
            steps.append(CareerStep(
                previous=previous,
                node_=step.node,
                entity=to_entity(step.node),
                via=RelationType(step.via.type.value) if step.via else None,
                sources=sources_of(step.via.sources) if step.via else [],
            ))
            previous = step.node
        return cls(hops=path.hops, steps=steps)


@strawberry.type(description="A position reachable from a start, with its distance.")
class ReachablePosition:
    entity: Entity = strawberry.field(description="The reachable ROLE, LEVEL or SPECIALIZATION.")
    hops: int = strawberry.field(description="Fewest moves from the start.")


@strawberry.type(description="One rung of a career ladder: roles at the same seniority.")
class LadderRung:
    rung: int = strawberry.field(description="0 for the entry rung, counting up.")
    roles: list[Role] = strawberry.field(description="The roles on this rung, in name order.")
