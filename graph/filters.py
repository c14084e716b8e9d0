"""Filtering and sorting entities on indexes built once per graph.

A filter (`Where`) combines clauses on an entity's kind, name, document and
relations with AND, OR and NOT. It is answered from indexes, never by testing
every entity: kinds and documents map to lists of entities, names to a sorted
key list (prefixes, by bisection) and to one string of every name and alias
(substrings, found by ``str.find`` in C, one string per kind), relations to
the adjacency the graph already keeps, read from the entity named by ``to``.
A substring clause runs last, on the candidates the other clauses leave: a
few are tested one by one, and kinds with none are not searched.

Each clause becomes a *bitset*: a Python ``int`` whose bit ``r`` stands for the
entity at position ``r`` of the requested order (`Sort`), so AND, OR and NOT
(a difference against every entity) are machine-word operations, and a page is
the next ``first`` set bits after the cursor's position. Sorted orders are
permutations of the graph's stable order (kind, name, id), computed on first
use; ties always fall back to that stable order.

Example
-------
>>> from graph import load_graph
>>> from seed.records import EntityKind, RelationType
>>> g = load_graph()
>>> where = Where(kind=EntityKind.SPECIALIZATION,
...               related=Related("Security Engineers", RelationType.COLLABORATES_WITH))
>>> [node.name for node in matching(g, where)]
['Security Technical Product Manager']
"""

from __future__ import annotations

import difflib
import hashlib
import re
import threading
import weakref
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property, partial
from itertools import accumulate

from graph.errors import EntityNotFound, InvalidArgument
from graph.model import KIND_ORDER, CareerGraph, Direction, Node
from seed.records import EntityKind, RelationType, Source, normalize_name

__all__ = [
    "MAX_CLAUSES",
    "MAX_NESTING",
    "FilterPage",
    "Related",
    "Sort",
    "SortField",
    "Where",
    "canonical_order",
    "clause_count",
    "filter_page",
    "fingerprint",
    "matching",
    "ordered",
    "resolve_where",
]

#: Clauses (fields set, over all nesting) one filter may hold.
MAX_CLAUSES = 50
#: AND / OR / NOT levels one filter may nest.
MAX_NESTING = 8
#: Longest name a name clause may give.
MAX_NAME_LENGTH = 200

_ORDERS_KEPT = 16  # sorted orders remembered per graph (each ~8 bytes an entity)
_LEAVES_KEPT = 256  # clause bitsets remembered per order
_SCAN_LIMIT = 2048  # candidates tested one by one for a substring, rather than searching the names of their kinds


class SortField(StrEnum):
    """What entities can be sorted by."""

    NAME = "NAME"
    KIND = "KIND"
    DEGREE = "DEGREE"


@dataclass(frozen=True, slots=True)
class Sort:
    """One sort key: a field, ascending unless ``descending``."""

    field: SortField
    descending: bool = False


@dataclass(frozen=True, slots=True)
class Related:
    """The entity has a relation of ``type`` (any when None), ``direction`` seen from it, to ``to``.

    ``to`` is an id, name or alias until `resolve_where` replaces it with the id.
    """

    to: str
    type: RelationType | None = None
    direction: Direction = Direction.BOTH


@dataclass(frozen=True, slots=True)
class Where:
    """A filter on entities: every field set must hold (AND); None means "no condition".

    ``all_of``, ``any_of`` and ``none_of`` are the GraphQL ``AND``, ``OR`` and
    ``NOT``. An empty ``all_of`` holds for every entity, an empty ``any_of`` or
    ``kind_in`` for none. Names match the canonical name or any alias,
    case- and spacing-insensitively.
    """

    kind: EntityKind | None = None
    kind_in: tuple[EntityKind, ...] | None = None
    name_contains: str | None = None
    name_prefix: str | None = None
    document: str | None = None
    related: Related | None = None
    all_of: tuple[Where, ...] | None = None
    any_of: tuple[Where, ...] | None = None
    none_of: Where | None = None


@dataclass(frozen=True, slots=True)
class FilterPage:
    """One page of a filtered, sorted list: nodes with their positions in the order."""

    nodes: list[Node]
    positions: list[int]
    total: int
    has_next: bool
    has_previous: bool


# -- checking and resolving ---------------------------------------------------------


def clause_count(where: Where) -> int:
    """Fields set in ``where``, over all its nesting.

    >>> clause_count(Where(kind=EntityKind.ROLE, none_of=Where(name_prefix="senior")))
    3
    """
    return sum(1 for _ in _clauses(where))


def _clauses(where: Where, depth: int = 0) -> Iterable[int]:
    if depth > MAX_NESTING:
        raise InvalidArgument("where", f"nests more than {MAX_NESTING} levels of AND, OR and NOT")
    for name in ("kind", "kind_in", "name_contains", "name_prefix", "document", "related"):
        if getattr(where, name) is not None:
            yield depth
    for group in (where.all_of, where.any_of):
        if group is not None:
            yield depth
            for child in group:
                yield from _clauses(child, depth + 1)
    if where.none_of is not None:
        yield depth
        yield from _clauses(where.none_of, depth + 1)


def resolve_where(G: CareerGraph, where: Where) -> Where:
    """``where`` checked and in canonical form: names normalized, kinds sorted, ``to`` resolved to ids.

    Raises
    ------
    InvalidArgument
        If it holds more than `MAX_CLAUSES` clauses, nests deeper than
        `MAX_NESTING` or gives an empty or overlong name.
    EntityNotFound
        If ``related.to`` or ``document`` names nothing the graph holds (with the closest names).
    """
    count = clause_count(where)
    if count > MAX_CLAUSES:
        raise InvalidArgument("where", f"at most {MAX_CLAUSES} conditions, got {count}")
    return _resolve(G, where)


def _resolve(G: CareerGraph, where: Where) -> Where:
    return replace(
        where,
        kind_in=None if where.kind_in is None else tuple(sorted(set(where.kind_in), key=KIND_ORDER.index)),
        name_contains=_name("nameContains", where.name_contains),
        name_prefix=_name("namePrefix", where.name_prefix),
        document=None if where.document is None else _document(G, where.document),
        related=None if where.related is None else replace(
            where.related, to=G.resolve(where.related.to, what="entity").id),
        all_of=None if where.all_of is None else tuple(_resolve(G, w) for w in where.all_of),
        any_of=None if where.any_of is None else tuple(_resolve(G, w) for w in where.any_of),
        none_of=None if where.none_of is None else _resolve(G, where.none_of),
    )


def _name(argument: str, value: str | None) -> str | None:
    if value is None:
        return None
    if len(value) > MAX_NAME_LENGTH:
        raise InvalidArgument(argument, f"at most {MAX_NAME_LENGTH} characters, got {len(value)}")
    key = normalize_name(value)
    if not key:
        raise InvalidArgument(argument, "must not be empty")
    return key


def _document(G: CareerGraph, name: str) -> str:
    names = [document.name for document in G.documents]
    if name in names:
        return name
    folded = {document.casefold(): document for document in names}
    if name.strip().casefold() in folded:
        return folded[name.strip().casefold()]
    raise EntityNotFound(name, difflib.get_close_matches(name, names, n=5, cutoff=0.4), what="document")


def fingerprint(*parts: object) -> str:
    """A short, stable hash of canonical values (a filter, an order): what a cursor was made for.

    >>> fingerprint(Where(kind=EntityKind.ROLE), ()) == fingerprint(Where(kind=EntityKind.ROLE), ())
    True
    """
    return hashlib.blake2b(repr(parts).encode(), digest_size=6).hexdigest()


# -- the answers ----------------------------------------------------------------------


def matching(G: CareerGraph, where: Where) -> list[Node]:
    """Every node ``where`` holds for, in the graph's stable order."""
    return ordered(G, where, ())


def ordered(G: CareerGraph, where: Where | None, order: Sequence[Sort]) -> list[Node]:
    """Every node ``where`` holds for (None: every node), sorted by ``order`` then the stable order.

    Raises what `resolve_where` raises.
    """
    index = entity_index(G)
    view = index.view(canonical_order(order))
    bits = view.bitset(resolve_where(G, where)) if where is not None else view.everything
    return [index.nodes[view.perm[r]] for r in _set_bits(bits, 0, view.size)]


def filter_page(G: CareerGraph, where: Where | None, order: Sequence[Sort], first: int,
                after: int | None = None) -> FilterPage:
    """The first ``first`` nodes after position ``after`` of `ordered` (G, where, order).

    Positions count in the whole order, not in the filtered list, so a page
    costs the same wherever it starts. ``where`` should come from `resolve_where`.

    Example
    -------
    >>> from graph import load_graph
    >>> page = filter_page(load_graph(), Where(kind=EntityKind.ROLE), [Sort(SortField.NAME, True)], 2)
    >>> [node.name for node in page.nodes], page.total, page.has_next
    (['VP of Product', 'Technical Product Manager'], 7, True)
    """
    index = entity_index(G)
    view = index.view(canonical_order(order))
    bits = view.bitset(where) if where is not None else view.everything
    start = 0 if after is None else min(after + 1, view.size)
    positions = _set_bits(bits, start, first)
    nodes = [index.nodes[view.perm[r]] for r in positions]
    end = positions[-1] + 1 if positions else view.size
    return FilterPage(
        nodes=nodes,
        positions=positions,
        total=bits.bit_count(),
        has_next=(bits >> end) != 0,
        has_previous=start > 0 and bits & ((1 << start) - 1) != 0,
    )


def canonical_order(order: Sequence[Sort]) -> tuple[Sort, ...]:
    """``order`` without the keys that change nothing (a field already sorted by).

    >>> canonical_order([Sort(SortField.KIND), Sort(SortField.KIND, True)])
    (Sort(field=<SortField.KIND: 'KIND'>, descending=False),)
    """
    seen: dict[SortField, Sort] = {}
    for key in order:
        seen.setdefault(key.field, key)
    return tuple(seen.values())


_NONZERO = re.compile(rb"[^\x00]")
_BITS = tuple(tuple(b for b in range(8) if byte >> b & 1) for byte in range(256))


def _set_bits(bits: int, start: int, limit: int) -> list[int]:
    """Positions of the first ``limit`` set bits at or after ``start``, ascending.

    >>> _set_bits(0b1011_0110, 2, 3)
    [2, 4, 5]
    """
    if start:
        bits >>= start
    raw = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    found: list[int] = []
    for match in _NONZERO.finditer(raw):  # skips runs of zero bytes in C
        at = match.start()
        found.extend(start + 8 * at + b for b in _BITS[raw[at]])
        if len(found) >= limit:
            return found[:limit]
    return found


# -- the indexes ----------------------------------------------------------------------

_INDEXES: weakref.WeakKeyDictionary[CareerGraph, EntityIndex] = weakref.WeakKeyDictionary()
_INDEXES_LOCK = threading.Lock()


def entity_index(G: CareerGraph) -> EntityIndex:
    """The `EntityIndex` of ``G``, built on first use and kept while ``G`` lives."""
    with _INDEXES_LOCK:
        index = _INDEXES.get(G)
        if index is None:
            index = _INDEXES[G] = EntityIndex(G)
        return index


class EntityIndex:
    """Kind, document, name and relation indexes over a graph's nodes, by position in the stable order.

    Each index is built the first time a clause needs it, in one pass over the nodes.
    """

    def __init__(self, G: CareerGraph) -> None:
        self.graph = weakref.proxy(G)  # the graph holds the cache entry; no cycle back to it
        self.nodes: Sequence[Node] = G.entities()
        self.position = {node.id: i for i, node in enumerate(self.nodes)}
        self.by_kind: dict[EntityKind, range] = {}
        for kind in KIND_ORDER:  # the stable order is by kind first: each kind is one run
            members = G.entities(kind)
            start = self.position[members[0].id] if members else 0
            self.by_kind[kind] = range(start, start + len(members))
        self._views: OrderedDict[tuple[Sort, ...], OrderView] = OrderedDict()
        self._keys: dict[SortField, array] = {}
        self._lock = threading.Lock()

    @cached_property
    def by_document(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = defaultdict(list)
        for i, node in enumerate(self.nodes):
            for document in set(map(_document_of, node.sources)):
                index[document].append(i)
        return index

    @cached_property
    def node_keys(self) -> list[tuple[str, ...]]:
        """Each node's normalized name and aliases."""
        return [tuple(dict.fromkeys(map(normalize_name, (node.name, *node.aliases)))) for node in self.nodes]

    @cached_property
    def names(self) -> _NameIndex:
        return _NameIndex(self.node_keys, range(len(self.nodes)))

    @cached_property
    def names_by_kind(self) -> dict[EntityKind, _NameIndex]:
        """One substring index per kind, so a filter that rules a kind out skips its names."""
        return {kind: _NameIndex(self.node_keys, run) for kind, run in self.by_kind.items()}

    def sort_keys(self, field: SortField) -> array:
        """Each node's sort key for ``field``, as integers (names by rank), computed on first use."""
        keys = self._keys.get(field)
        if keys is None:
            keys = self._keys.setdefault(field, array("q", self._sort_keys(field)))
        return keys

    def _sort_keys(self, field: SortField) -> Iterable[int]:
        if field is SortField.KIND:
            return (KIND_ORDER.index(node.kind) for node in self.nodes)
        if field is SortField.DEGREE:
            degree = dict(self.graph.graph.degree())
            return (degree[node.id] for node in self.nodes)
        names = [node.name.casefold() for node in self.nodes]
        rank = {name: r for r, name in enumerate(sorted(set(names)))}
        return map(rank.__getitem__, names)

    def view(self, order: tuple[Sort, ...]) -> OrderView:
        """The nodes in ``order`` with their clause bitsets (the least recently used orders are dropped)."""
        with self._lock:
            view = self._views.get(order)
            if view is not None:
                self._views.move_to_end(order)
                return view
        view = OrderView(self, self._permutation(order))
        with self._lock:
            view = self._views.setdefault(order, view)
            while len(self._views) > _ORDERS_KEPT:
                self._views.popitem(last=False)
        return view

    def _permutation(self, order: tuple[Sort, ...]) -> Sequence[int]:
        count = len(self.nodes)
        if not order:
            return range(count)
        # One integer key per node: the sort keys in mixed radix, the stable position last.
        composite = [0] * count
        for key in order:
            values = self.sort_keys(key.field)
            radix = max(values, default=0) + 1
            top = radix - 1
            if key.descending:
                composite = [c * radix + top - v for c, v in zip(composite, values, strict=True)]
            else:
                composite = [c * radix + v for c, v in zip(composite, values, strict=True)]
        composite = [c * count + i for i, c in enumerate(composite)]
        return array("q", sorted(range(count), key=composite.__getitem__))

    # -- clauses, as lists of stable positions ----------------------------------------

    def kind_nodes(self, kind: EntityKind) -> Sequence[int]:
        return self.by_kind[kind]

    def document_nodes(self, document: str) -> Sequence[int]:
        return self.by_document.get(document, ())

    def prefix_nodes(self, prefix: str) -> Iterable[int]:
        return self.names.starting_with(prefix)

    def substring_nodes(self, part: str, kind: EntityKind) -> Iterable[int]:
        return self.names_by_kind[kind].containing(part)

    def related_nodes(self, related: Related) -> Iterable[int]:
        # "X has an OUTGOING relation to `to`" is "`to` has an INCOMING one from X".
        seen_from = {Direction.OUTGOING: Direction.INCOMING, Direction.INCOMING: Direction.OUTGOING}
        direction = seen_from.get(related.direction, Direction.BOTH)
        relations = self.graph.relations(related.to, related.type, direction)
        return {self.position[relation.other] for relation in relations}


def _document_of(source: Source) -> str:
    return source.document


class _NameIndex:
    """Every normalized name and alias: sorted, for prefixes; in one string, for substrings."""

    def __init__(self, node_keys: Sequence[tuple[str, ...]], nodes: range) -> None:
        entries = [(key, i) for i in nodes for key in node_keys[i]]
        # Substrings: one string of every key, each entity's keys together, the end of each recorded.
        self.corpus = "\n".join(key for key, _ in entries)
        self.owner = array("q", (i for _, i in entries))
        self.ends = array("q", accumulate(len(key) + 1 for key, _ in entries))
        for e in range(len(self.ends)):
            self.ends[e] -= 1
        entries.sort()
        self.sorted_keys = [key for key, _ in entries]
        self.sorted_owner = array("q", (i for _, i in entries))

    def starting_with(self, prefix: str) -> set[int]:
        start = bisect_left(self.sorted_keys, prefix)
        stop = bisect_left(self.sorted_keys, prefix + "\U0010ffff", start)
        return set(self.sorted_owner[start:stop])

    def containing(self, part: str) -> list[int]:
        found: list[int] = []
        corpus, ends, owner = self.corpus, self.ends, self.owner
        last = len(owner) - 1
        at = corpus.find(part)
        while at != -1:  # str.find skips the entities that do not match in C
            entry = bisect_right(ends, at)
            node = owner[entry]
            found.append(node)
            while entry < last and owner[entry + 1] == node:  # the entity's other keys: already found
                entry += 1
            at = corpus.find(part, ends[entry] + 1)
        return found


@dataclass(eq=False)
class OrderView:
    """One order of the nodes: bit ``r`` of a bitset is the node at position ``r``."""

    index: EntityIndex
    perm: Sequence[int]  # position in this order -> stable position
    rank: Sequence[int] = field(init=False)  # stable position -> position in this order
    size: int = field(init=False)
    everything: int = field(init=False)
    _leaves: OrderedDict[object, int] = field(init=False, default_factory=OrderedDict)
    _lock: threading.Lock = field(init=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.size = len(self.perm)
        self.everything = (1 << self.size) - 1
        if isinstance(self.perm, range):
            self.rank = self.perm
        else:
            rank = array("q", bytes(8 * self.size))
            for r, i in enumerate(self.perm):
                rank[i] = r
            self.rank = rank

    def bitset(self, where: Where) -> int:
        """The nodes ``where`` holds for; each clause narrows the bits of those before it."""
        index = self.index
        bits = self.everything
        if where.kind is not None:
            bits &= self._leaf(("kind", where.kind), lambda: index.kind_nodes(where.kind))  # type: ignore[arg-type]
        if where.kind_in is not None:
            kinds = where.kind_in
            bits &= self._leaf(("kinds", kinds), lambda: [i for kind in kinds for i in index.kind_nodes(kind)])
        if where.document is not None:
            document = where.document
            bits &= self._leaf(("document", document), lambda: index.document_nodes(document))
        if where.related is not None:
            related = where.related
            bits &= self._leaf(related, lambda: index.related_nodes(related))
        if where.name_prefix is not None:
            prefix = where.name_prefix
            bits &= self._leaf(("prefix", prefix), lambda: index.prefix_nodes(prefix))
        for child in where.all_of or ():
            if not bits:
                break
            bits &= self.bitset(child)
        if where.any_of is not None:
            union = 0
            for child in where.any_of:
                union |= self.bitset(child)
            bits &= union
        if where.none_of is not None and bits:
            bits &= ~self.bitset(where.none_of)  # a difference against the candidates so far
        if where.name_contains is not None and bits:
            bits = self._containing(where.name_contains, bits)
        return bits

    def _containing(self, part: str, candidates: int) -> int:
        """The candidates whose name or an alias contains ``part``: the one clause no index answers outright.

        Few candidates are tested one by one; otherwise the substring index of
        each kind that has a candidate is searched.
        """
        index = self.index
        count = candidates.bit_count()
        if count <= _SCAN_LIMIT:
            keys, perm = index.node_keys, self.perm
            stable = (perm[r] for r in _set_bits(candidates, 0, count))
            return self._bits(i for i in stable if any(part in key for key in keys[i]))
        found = 0
        for kind in KIND_ORDER:
            if candidates & self._leaf(("kind", kind), partial(index.kind_nodes, kind)):
                found |= self._leaf(("contains", part, kind), partial(index.substring_nodes, part, kind))
        return candidates & found

    def _leaf(self, key: object, nodes: Callable[[], Iterable[int]]) -> int:
        with self._lock:
            bits = self._leaves.get(key)
            if bits is not None:
                self._leaves.move_to_end(key)
                return bits
        bits = self._bits(nodes())
        with self._lock:
            self._leaves[key] = bits
            while len(self._leaves) > _LEAVES_KEPT:
                self._leaves.popitem(last=False)
        return bits

    def _bits(self, stable: Iterable[int]) -> int:
        buffer = bytearray(self.size // 8 + 1)
        rank = self.rank
        for i in stable:
            r = rank[i]
            buffer[r >> 3] |= 1 << (r & 7)
        return int.from_bytes(buffer, "little")
