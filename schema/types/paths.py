"""Career-path results: paths, steps, what each move changes, reachable positions."""

from __future__ import annotations

import strawberry

from graph import Node as GraphNode
from graph.paths import CareerPath as GraphCareerPath
from graph.paths import Change as GraphChange
from graph.paths import PositionChanges as GraphPositionChanges
from graph.paths import path_changes, path_years, position_changes
from graph.positions import Similar
from schema.context import Info
from schema.types.entity import Entity, Source, sources_of, to_entity
from schema.types.enums import RelationType
from schema.types.position import Position, YearRange
from schema.types.role import Role


@strawberry.type(description="What one kind of entity a move (or a whole path) gains and leaves behind.")
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

    @classmethod
    def from_changes(cls, changes: GraphPositionChanges) -> PositionChanges:
        return cls(
            responsibilities=Change.from_change(changes.responsibilities),
            teams=Change.from_change(changes.teams),
            skills=Change.from_change(changes.skills),
        )


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
        return PositionChanges.from_changes(position_changes(info.context.graph, self.previous.id, self.node_.id))


@strawberry.type(description="A route between two career positions.")
class CareerPath:
    path_: strawberry.Private[GraphCareerPath]
    hops: int = strawberry.field(description="Number of moves: steps minus one.")
    steps: list[CareerStep] = strawberry.field(description="From the start to the goal, both included.")

    @strawberry.field(description="What the whole path gains and leaves behind: the goal against the start.")
    def changes(self, info: Info) -> PositionChanges:
        return PositionChanges.from_changes(path_changes(info.context.graph, self.path_))

    @strawberry.field(description="Sum of the typical years the text states for the positions before the goal; "
                      "null when one of them states none.")
    def typical_years(self) -> YearRange | None:
        return YearRange.from_record(path_years(self.path_))

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
        return cls(path_=path, hops=path.hops, steps=steps)


@strawberry.type(description="A position that shares work with another one: a lateral move to consider.")
class SimilarPosition:
    position: Position = strawberry.field(description="The similar position.")
    score: float = strawberry.field(
        description="Jaccard overlap of responsibilities, teams and skills, 0 to 1; higher first."
    )
    shared: list[Entity] = strawberry.field(description="What the two positions have in common, in entity order.")

    @classmethod
    def from_similar(cls, similar: Similar) -> SimilarPosition:
        return cls(position=to_entity(similar.node),  # type: ignore[arg-type]
                   score=similar.score, shared=[to_entity(n) for n in similar.shared])


@strawberry.type(description="A position reachable from a start, with its distance.")
class ReachablePosition:
    entity: Entity = strawberry.field(description="The reachable ROLE, LEVEL or SPECIALIZATION.")
    hops: int = strawberry.field(description="Fewest moves from the start.")


@strawberry.type(description="One rung of a career ladder: roles at the same seniority.")
class LadderRung:
    rung: int = strawberry.field(description="0 for the entry rung, counting up.")
    roles: list[Role] = strawberry.field(description="The roles on this rung, in name order.")
