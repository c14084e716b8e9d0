"""Look-ups by id, name or alias: the one place the model, paths and positions resolve names.

`CareerGraph.find` is the exact index (ids, redirected ids, names, aliases);
this module adds what a caller needs when a look-up misses: `EntityNotFound`
with the closest names as suggestions, found with the trigram index of
`graph.search`. Career-path and position functions resolve their arguments
with `resolve_position`, so every one of them words a miss the same way and
suggests positions only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from graph.errors import EntityNotFound
from graph.model import CareerGraph, Node
from graph.search import suggest_names
from seed.records import EntityKind

__all__ = ["POSITION_KINDS", "resolve", "resolve_position", "suggest"]

#: The kinds of node a person can hold: starts and goals of career paths.
POSITION_KINDS: tuple[EntityKind, ...] = (EntityKind.ROLE, EntityKind.LEVEL, EntityKind.SPECIALIZATION)


def resolve(G: CareerGraph, name: str, kinds: Iterable[EntityKind] | None = None, what: str = "entity") -> Node:
    """The node with this id, name or alias; raises `EntityNotFound` naming ``what`` with the closest names.

    Example
    -------
    >>> from graph import load_graph
    >>> resolve(load_graph(), "Senior TPMs").id
    'role/senior-technical-product-manager'
    """
    kinds = tuple(kinds) if kinds is not None else None
    node = G.find(name, kinds)
    if node is None:
        raise EntityNotFound(name, suggest(G, name, kinds), what=what)
    return node


def resolve_position(G: CareerGraph, name: str, kinds: Sequence[EntityKind] = POSITION_KINDS) -> Node:
    """The position (role, level or specialization) named ``name``; a miss suggests positions only.

    Example
    -------
    >>> from graph import load_graph
    >>> resolve_position(load_graph(), "Entry Level TPM").name
    'Entry Level Technical Product Manager'
    """
    what = "role" if tuple(kinds) == (EntityKind.ROLE,) else "career position"
    return resolve(G, name, kinds, what)


def suggest(G: CareerGraph, name: str, kinds: Iterable[EntityKind] | None = None, limit: int = 5) -> list[str]:
    """Canonical names closest to a misspelled ``name``, best first (see `graph.search.suggest_names`)."""
    return suggest_names(G, name, kinds, limit)
