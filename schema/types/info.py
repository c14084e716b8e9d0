"""`GraphInfo`: what the served graph holds and where it came from."""

from __future__ import annotations

import strawberry

from graph import CareerGraph
from schema.types.enums import EntityKind


@strawberry.type(description="How many entities of one kind the graph holds.")
class KindCount:
    kind: EntityKind = strawberry.field(description="The kind.")
    count: int = strawberry.field(description="Number of entities of that kind.")


@strawberry.type(description="A document the graph was built from.")
class DocumentInfo:
    name: str = strawberry.field(description="The document's file name.")
    sha256: str = strawberry.field(description="Hex SHA-256 of the document's bytes.")


@strawberry.type(description="Counts and provenance of the served graph.")
class GraphInfo:
    node_count: int = strawberry.field(description="Number of entities.")
    edge_count: int = strawberry.field(description="Number of typed edges.")
    kinds: list[KindCount] = strawberry.field(description="Entities per kind, in kind order.")
    documents: list[DocumentInfo] = strawberry.field(description="The documents the graph was built from.")
    version: str = strawberry.field(description="Content hash of the graph; changes when the seed changes.")
    loaded_at: str = strawberry.field(description=(
        "When the served graph was loaded (ISO 8601, UTC, seconds); a reload (SIGHUP) that succeeds changes it."))

    @classmethod
    def from_graph(cls, graph: CareerGraph) -> GraphInfo:
        return cls(
            node_count=len(graph),
            edge_count=graph.edge_count,
            kinds=[KindCount(kind=EntityKind(k.value), count=n) for k, n in graph.kind_counts().items()],
            documents=[DocumentInfo(name=d.name, sha256=d.sha256) for d in graph.documents],
            version=graph.version,
            loaded_at=graph.loaded_at.isoformat(timespec="seconds").replace("+00:00", "Z"),
        )
