"""The typed context every resolver receives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from strawberry.types import Info as StrawberryInfo

from graph import CareerGraph

__all__ = ["Context", "Info"]


@dataclass
class Context:
    """Per-request context: the (immutable) graph being served."""

    graph: CareerGraph
    request: Any = None
    response: Any = None


Info = StrawberryInfo[Context, None]
