"""Memos for GraphQL objects and answers that cannot change while a graph is served.

The served graph is immutable, and so are the GraphQL objects made from it:
resolvers only read them. Making each once saves most of a resolver's work
(an entity's global id, its sources, a career path search).

- `made_once(record, make)`: the object made from one graph record (a node,
  a relation, a tuple of sources), keyed by the record's identity. Records are
  frozen dataclasses that compare by value, which is costly to hash; the graph
  keeps each record object for as long as it lives, and an entry keeps its
  record alive, so an identity is never reused while it is remembered.
- `memo_of(graph)`: a memo of answers for one graph, forgotten with it.

Both are bounded: a memo that fills up starts afresh, so a large graph or a
stream of distinct questions costs at most `ENTRIES` objects per graph (an
answer counts as the objects it holds: a page of 100 entities as 101) and ten
times as many record objects.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from graph import CareerGraph

__all__ = ["ENTRIES", "Memo", "made_once", "memo_of"]

#: Objects one memo holds before it starts afresh: about 1.5 MB of answers.
ENTRIES = 10_000

T = TypeVar("T")


def _one(made: object) -> int:
    return 1


class Memo:
    """A bounded mapping that starts afresh when full. Safe across threads: a race costs a
    little accuracy in the running total, never a wrong answer.

    Hand-written, not a `cachetools` cache: a hit is a plain dict read, on the path of nearly every
    resolver, where an LRU would reorder its entries in Python code on every read."""

    def __init__(self, entries: int = ENTRIES) -> None:
        self.entries = entries
        self.items: dict[Hashable, Any] = {}
        self.size = 0  # objects held, as counted by the ``size`` functions given to `get`

    def get(self, key: Hashable, make: Callable[[], T], size: Callable[[T], int] = _one) -> T:
        """The answer remembered under ``key``, else ``make()``; ``size(answer)``: the objects it holds."""
        try:
            return self.items[key]
        except KeyError:
            pass
        made = make()
        cost = size(made)
        if self.size + cost > self.entries:
            self.items = {}
            self.size = 0
        self.items[key] = made
        self.size += cost
        return made


_RECORDS = Memo(10 * ENTRIES)  # small objects, one per node, relation or sources tuple


def made_once(record: Any, make: Callable[[Any], T]) -> T:
    """The object ``make(record)`` made the first time this record object was seen.

    ``make`` is part of the key: pass a module-level function, not a new lambda each time.
    """
    key = (make, id(record))
    found = _RECORDS.items.get(key)
    if found is None:
        found = _RECORDS.get(key, lambda: (record, make(record)))
    return found[1]


_GRAPHS: WeakKeyDictionary[CareerGraph, Memo] = WeakKeyDictionary()


def memo_of(graph: CareerGraph) -> Memo:
    """The memo of answers about ``graph``."""
    memo = _GRAPHS.get(graph)
    if memo is None:
        memo = _GRAPHS.setdefault(graph, Memo())
    return memo
