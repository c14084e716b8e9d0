"""`SearchHit`: one ranked search result."""

from __future__ import annotations

import strawberry

from graph.search import SearchHit as GraphSearchHit
from schema.types.entity import Entity, to_entity


@strawberry.type(description="One search result: an entity and how well it matches.")
class SearchHit:
    entity: Entity = strawberry.field(description="The matching entity.")
    score: float = strawberry.field(description="Higher is better; hits come best first.")

    @classmethod
    def from_hit(cls, hit: GraphSearchHit) -> SearchHit:
        return cls(entity=to_entity(hit.node), score=round(hit.score, 6))
