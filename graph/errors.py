"""Errors raised by the graph layer.

    CareerGraphError
    ├── EntityNotFound     a name, alias or id that matches nothing (with suggestions)
    ├── InvalidArgument    an argument outside its allowed range or form
    └── SnapshotError      a snapshot file that cannot be loaded

Seed problems raise `seed.errors.SeedError`. Each class builds its own message
so the wording cannot drift between callers.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["CareerGraphError", "EntityNotFound", "InvalidArgument", "SnapshotError"]


class CareerGraphError(Exception):
    """Base class of the graph layer's errors."""


class EntityNotFound(CareerGraphError):
    """No entity has this id, name or alias."""

    def __init__(self, name: str, suggestions: Sequence[str] = (), what: str = "entity") -> None:
        self.name = name
        self.suggestions = list(suggestions)
        message = f"no {what} named {name!r}"
        if self.suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(message)


class InvalidArgument(CareerGraphError):
    """An argument outside its allowed range or form."""

    def __init__(self, argument: str, problem: str) -> None:
        self.argument = argument
        super().__init__(f"invalid {argument}: {problem}")

    @classmethod
    def out_of_range(cls, argument: str, value: object, low: int, high: int) -> InvalidArgument:
        """The one wording of a number outside its range.

        >>> print(InvalidArgument.out_of_range("k", 11, 1, 10))
        invalid k: must be between 1 and 10, got 11
        """
        return cls(argument, f"must be between {low} and {high}, got {value}")


class SnapshotError(CareerGraphError):
    """A snapshot file that cannot be loaded."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        super().__init__(f"cannot load snapshot {path!r}: {problem}")
