"""Collecting records while walking an outline: entities and relations merged by key, and what each block produced."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from seed.records import Entity, EntityKind, EntityRef, Relation, RelationType, Source, YearRange, normalize_name

__all__ = ["Collector"]


@dataclass
class Collector:
    """Entities and relations of one document, each stated once with every span that states it."""

    document: str
    entities: dict[EntityRef, Entity] = field(default_factory=dict)
    relations: dict[tuple[RelationType, EntityRef, EntityRef], Relation] = field(default_factory=dict)
    #: Block index → what it produced ("LEVEL Senior Engineer"), in order.
    produced: dict[int, list[str]] = field(default_factory=dict)
    #: The block being read; what is added is credited to it.
    block: int | None = None

    def entity(
        self,
        kind: EntityKind,
        name: str,
        source: Source,
        aliases: tuple[str, ...] = (),
        description: str | None = None,
    ) -> EntityRef:
        """Add (or merge into) the entity ``kind``/``name`` stated by ``source``."""
        ref = EntityRef(kind, name)
        old = self.entities.get(ref)
        if old is not None:
            aliases = (*old.aliases, *aliases)
            description = old.description or description
            sources = tuple(dict.fromkeys((*old.sources, source)))
            years = old.years
        else:
            sources, years = (source,), None
        key = normalize_name(name)
        aliases = tuple(a for a in dict.fromkeys(aliases) if normalize_name(a) != key)
        self.entities[ref] = Entity(kind, name, sources, aliases, description, years)
        self._credit(f"{kind.value} {name}")
        return ref

    def relation(self, type_: RelationType, source: EntityRef, target: EntityRef, *spans: Source) -> None:
        """Add (or merge into) the relation ``source -type-> target``; a self-loop is dropped."""
        if source == target:
            return
        key = (type_, source, target)
        old = self.relations.get(key)
        merged = tuple(sorted(set((*old.sources, *spans)) if old else set(spans)))
        self.relations[key] = Relation(type_, source, target, merged)
        self._credit(f"{type_.value} {source.name} -> {target.name}")

    def years(self, ref: EntityRef, years: YearRange) -> None:
        """State ``ref``'s years of experience; the first statement wins, later ones are ignored."""
        entity = self.entities[ref]
        if entity.years is None:
            self.entities[ref] = replace(entity, years=years)
            low = "?" if years.min is None else f"{years.min:g}"
            high = "" if years.max is None else f"{years.max:g}"
            self._credit(f"years of {entity.name}: {low}-{high}" if high else f"years of {entity.name}: {low}+")

    def describe(self, ref: EntityRef, text: str) -> None:
        """Give ``ref`` a description unless it has one."""
        entity = self.entities[ref]
        if entity.description is None:
            self.entities[ref] = replace(entity, description=text)
            self._credit(f"description of {entity.name}")

    def has(self, kind: EntityKind) -> bool:
        return any(ref.kind is kind for ref in self.entities)

    def _credit(self, what: str) -> None:
        if self.block is not None:
            self.produced.setdefault(self.block, []).append(what)
