"""The career ladder as SVG, drawn by Graphviz ``dot``: for READMEs and slides.

The DOT input is built from `graph.paths.career_ladder`: one ``rank=same``
group per rung, drawn bottom to top, with the PROGRESSES_TO moves between the
ladder's roles as arrows. Every render is bounded: a ladder of more than
`MAX_ROLES` roles or `MAX_MOVES` moves is refused (`LadderTooLarge`) before
``dot`` runs, and ``dot`` runs as a subprocess under a timeout. The SVG is
cached per (graph version, role), as the graph never changes while it is
served; so is a failure, for `FAILURE_SECONDS`, so that many clients asking
for a ladder that cannot be drawn do not each run ``dot``.
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap
import threading
from collections.abc import Sequence

from cachetools import LRUCache, TTLCache

from graph import CareerGraph, EntityNotFound, career_ladder
from graph.model import Direction, Node
from seed.records import EntityKind, RelationType

__all__ = [
    "FAILURE_SECONDS",
    "MAX_MOVES",
    "MAX_ROLES",
    "GraphvizError",
    "GraphvizFailed",
    "GraphvizMissing",
    "LadderImages",
    "LadderTooLarge",
    "ladder_dot",
    "render_svg",
]

#: The largest ladder drawn: more than this many roles or moves is refused (dot's time grows much faster).
MAX_ROLES = 200
MAX_MOVES = 1000
#: How long a ladder that could not be drawn is answered from the cache with the same error.
FAILURE_SECONDS = 60.0

#: How to get ``dot``, in the words the 503 answer and the README use.
INSTALL_HINT = "install Graphviz: `apt-get install graphviz` (Debian, Ubuntu) or `brew install graphviz` (macOS)"


class GraphvizError(RuntimeError):
    """The ladder could not be drawn."""


class GraphvizMissing(GraphvizError):
    """No ``dot`` program on the PATH."""

    def __init__(self) -> None:
        super().__init__(f"/ladder.svg needs Graphviz's `dot` program, which is not on the PATH; {INSTALL_HINT}, "
                         "then restart careergraph.")


class GraphvizFailed(GraphvizError):
    """``dot`` ran but did not produce an SVG."""

    def __init__(self, problem: str) -> None:
        super().__init__(f"Graphviz could not draw the ladder: {problem}")


class LadderTooLarge(GraphvizError):
    """The ladder holds more roles or moves than are drawn."""

    def __init__(self, role: str, roles: int, moves: int) -> None:
        super().__init__(f"the ladder holding {role!r} has {roles} roles and {moves} moves; /ladder.svg draws at "
                         f"most {MAX_ROLES} roles and {MAX_MOVES} moves: ask /graphql for the ladder's data instead")
        self.roles = roles
        self.moves = moves


class LadderImages:
    """Ladder SVGs by (graph version, role id), most recently used kept; safe across threads.

    Example
    -------
    >>> from graph import load_graph
    >>> images = LadderImages()
    >>> images.svg(load_graph(), "TPM").startswith(b"<?xml")  # doctest: +SKIP
    True
    """

    def __init__(self, size: int = 64, timeout: float = 10.0) -> None:
        self.timeout = timeout
        self._svgs: LRUCache[tuple[str, str], bytes] = LRUCache(maxsize=size)
        self._failures: TTLCache[tuple[str, str], GraphvizError] = TTLCache(maxsize=size, ttl=FAILURE_SECONDS)
        self._lock = threading.Lock()

    def cached(self, G: CareerGraph, role: str | None = None) -> bytes | None:
        """The SVG if it was drawn before (or its error, raised), else None: nothing is drawn."""
        key = (G.version, _role(G, role).id)
        with self._lock:
            svg = self._svgs.get(key)
            failure = self._failures.get(key)
        if failure is not None:
            raise failure
        return svg

    def svg(self, G: CareerGraph, role: str | None = None) -> bytes:
        """The SVG of the ladder that holds ``role`` (default: the first role's).

        Raises `EntityNotFound` (with suggestions) for an unknown role,
        `LadderTooLarge` for a ladder over the size limit, `GraphvizMissing`
        without ``dot`` and `GraphvizFailed` when it fails or times out.
        """
        svg = self.cached(G, role)
        if svg is not None:
            return svg
        key = (G.version, _role(G, role).id)
        try:
            svg = render_svg(ladder_dot(G, key[1], bounded=True), self.timeout)
        except (LadderTooLarge, GraphvizFailed) as exc:  # the same answer for a while; missing dot can be fixed
            with self._lock:
                self._failures[key] = exc
            raise
        with self._lock:
            self._svgs[key] = svg
        return svg


def _role(G: CareerGraph, role: str | None) -> Node:
    return default_role(G) if role is None else G.resolve(role, (EntityKind.ROLE,), what="role")


def default_role(G: CareerGraph) -> Node:
    """The first role in the graph's order: its ladder is the default picture."""
    roles = G.entities(EntityKind.ROLE)
    if not roles:
        raise EntityNotFound("(any role)", what="role")
    return roles[0]


def ladder_dot(G: CareerGraph, role: str, bounded: bool = False) -> str:
    """DOT source of the ladder that holds ``role``: rungs bottom to top, promotions as arrows.

    ``bounded``: raise `LadderTooLarge` for a ladder over `MAX_ROLES` roles or `MAX_MOVES` moves.

    Example
    -------
    >>> from graph import load_graph
    >>> print(ladder_dot(load_graph(), "CTO").splitlines()[-2])
      { rank=same; "role/cto"; "role/vp-of-product"; }
    """
    rungs = career_ladder(G, role)
    on_ladder = {node.id for rung in rungs for node in rung}
    moves = [(node, relation) for rung in rungs for node in rung
             for relation in G.relations(node.id, RelationType.PROGRESSES_TO, Direction.OUTGOING, EntityKind.ROLE)
             if relation.other in on_ladder]
    if bounded and (len(on_ladder) > MAX_ROLES or len(moves) > MAX_MOVES):
        raise LadderTooLarge(role, len(on_ladder), len(moves))
    documents = ", ".join(document.name for document in G.documents)
    lines = [
        "digraph ladder {",
        f'  graph [rankdir=BT, ranksep=0.45, nodesep=0.3, bgcolor="white", fontname="Helvetica,Arial,sans-serif",'
        f' fontsize=11, fontcolor="#495057", labelloc=b, label={_quote("careergraph · " + documents)}];',
        '  node [shape=box, style="rounded,filled", fillcolor="#dbe4ff", color="#3b5bdb", penwidth=1.4,'
        ' fontname="Helvetica,Arial,sans-serif", fontsize=13, fontcolor="#1b1f24", margin="0.22,0.1"];',
        '  edge [color="#5c677d", penwidth=1.3, arrowsize=0.7];',
    ]
    for rung in rungs:
        for node in rung:
            lines.append(f"  {_quote(node.id)} [label={_quote(_wrap(node.name))}, tooltip={_quote(node.name)}];")
    for node, relation in moves:
        quotes = " ".join(source.text for source in relation.edge.sources)
        lines.append(f"  {_quote(node.id)} -> {_quote(relation.other)} [tooltip={_quote(quotes)}];")
    for rung in rungs:
        lines.append("  { rank=same; " + " ".join(_quote(node.id) + ";" for node in rung) + " }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    """A DOT double-quoted string; ``\\n`` inside stays a line break."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _wrap(name: str, width: int = 22) -> str:
    return "\n".join(textwrap.wrap(name, width)) or name


def render_svg(source: str, timeout: float = 10.0, program: Sequence[str] = ("dot", "-Tsvg")) -> bytes:
    """Run Graphviz on DOT ``source`` and return the SVG bytes."""
    executable = shutil.which(program[0])
    if executable is None:
        raise GraphvizMissing()
    try:
        done = subprocess.run([executable, *program[1:]], input=source.encode("utf-8"), capture_output=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise GraphvizFailed(f"`dot` took longer than {timeout:g} s") from None
    if done.returncode != 0 or not done.stdout:
        raise GraphvizFailed(done.stderr.decode("utf-8", "replace").strip() or f"exit status {done.returncode}")
    return done.stdout
