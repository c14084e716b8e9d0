"""Cursor pagination over the graph's stable orders (Relay connection spec).

Cursors are opaque to clients: base64 of a position in an order that never
changes while a graph is served. A cursor from another graph version still
decodes; it then points at the same position of the new order.

A list that a client filters or sorts (``entities(where:, orderBy:)``,
``search``) stamps its cursors with a *fingerprint* of the question: the
filter, the order, the search text. A cursor is refused, with a
``BAD_USER_INPUT`` error saying so, by a question with another fingerprint, so
a page can never silently continue a different list.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from graph.errors import InvalidArgument

__all__ = ["MAX_FIRST", "Page", "check_first", "decode_cursor", "encode_cursor", "paginate"]

T = TypeVar("T")

MAX_FIRST = 100
_PREFIX = "cursor:"


@lru_cache(maxsize=4096)
def encode_cursor(position: int, fingerprint: str = "") -> str:
    """The cursor of a position, for the question with this fingerprint (none: a plain list).

    >>> encode_cursor(0)
    'Y3Vyc29yOjA'
    >>> decode_cursor(encode_cursor(7, "3f2a"), "3f2a")
    7
    """
    suffix = f":{fingerprint}" if fingerprint else ""
    return base64.urlsafe_b64encode(f"{_PREFIX}{position}{suffix}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str, fingerprint: str = "") -> int:
    """Position a cursor points at; raises `InvalidArgument` for anything else.

    A cursor made for another question (another fingerprint) is refused too.
    """
    problem = "not a cursor this API returned; pass an endCursor from a previous page"
    if len(cursor) > 64:
        raise InvalidArgument("after", problem)
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InvalidArgument("after", problem) from None
    number, _, made_for = raw.removeprefix(_PREFIX).partition(":")
    if not raw.startswith(_PREFIX) or not number.isdigit() or (made_for and not made_for.isalnum()):
        raise InvalidArgument("after", problem)
    if made_for != fingerprint:
        raise InvalidArgument("after", "this cursor belongs to a list with another filter, order or search "
                              "(where, orderBy, kind, namePrefix, text, kinds); pass an endCursor of this same "
                              "question, or start again without after")
    return int(number)


def check_first(first: int, maximum: int = MAX_FIRST) -> int:
    if not 1 <= first <= maximum:
        raise InvalidArgument.out_of_range("first", first, 1, maximum)
    return first


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a sequence: items with their absolute positions."""

    items: Sequence[T]
    offset: int
    total: int

    @property
    def has_next(self) -> bool:
        return self.offset + len(self.items) < self.total

    @property
    def has_previous(self) -> bool:
        return self.offset > 0


def paginate(items: Sequence[T], first: int, after: str | None) -> Page[T]:
    """The ``first`` items after the ``after`` cursor."""
    check_first(first)
    start = decode_cursor(after) + 1 if after is not None else 0
    return Page(items[start : start + first], start, len(items))
