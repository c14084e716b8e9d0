"""`SearchHit`: one ranked search result, and pages of them (`search(after:)`)."""

from __future__ import annotations

from collections.abc import Sequence

import strawberry

from graph import CareerGraph
from graph.filters import fingerprint
from graph.search import SearchHit as GraphSearchHit
from graph.search import query_words, search
from schema.pagination import decode_cursor, encode_cursor
from schema.types.entity import Entity, to_entity
from seed.records import EntityKind as GraphKind

__all__ = ["SearchHit", "search_page"]


@strawberry.type(description="One search result: an entity and how well it matches.")
class SearchHit:
    entity: Entity = strawberry.field(description="The matching entity.")
    score: float = strawberry.field(description="Higher is better; hits come best first.")
    cursor: str = strawberry.field(description="Cursor of this hit, for search(after:).")

    @classmethod
    def from_hit(cls, hit: GraphSearchHit, cursor: str) -> SearchHit:
        return cls(entity=to_entity(hit.node), score=round(hit.score, 6), cursor=cursor)


def search_page(graph: CareerGraph, text: str, kinds: Sequence[GraphKind] | None, first: int,
                after: str | None) -> list[SearchHit]:
    """The ``first`` hits after the ``after`` cursor: a cursor is a rank, stamped with the text and kinds.

    The ranking of one text and kinds does not change while a graph is served,
    so consecutive pages neither repeat nor skip a hit.
    """
    made_for = fingerprint("search", tuple(query_words(text)),
                           None if kinds is None else tuple(sorted({kind.value for kind in kinds})))
    offset = 0 if after is None else decode_cursor(after, made_for) + 1
    hits = search(graph, text, kinds, limit=first, offset=offset)
    return [SearchHit.from_hit(hit, encode_cursor(offset + i, made_for)) for i, hit in enumerate(hits)]
