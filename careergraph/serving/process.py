"""What a serving process sets up about itself: its open-file limit and its pid file."""

from __future__ import annotations

import logging
import os
import resource
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["open_files_wanted", "pid_file", "raise_open_files_limit", "read_pid_file"]

logger = logging.getLogger("careergraph")

#: Descriptors beyond the connections: the listening socket, log files, the seed, `dot` pipes, the loader.
SPARE_FILES = 256


def open_files_wanted(max_connections: int) -> int:
    """File descriptors a worker needs to hold ``max_connections`` connections and its own files."""
    return max_connections + SPARE_FILES


def raise_open_files_limit(max_connections: int) -> int:
    """Raise the soft RLIMIT_NOFILE towards what ``max_connections`` needs (never above the hard limit).

    With a low soft limit (often 256 or 1024) a crowd of idle sockets takes
    every descriptor and the process cannot accept anyone, not even a health
    check. Returns the soft limit now in force.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = open_files_wanted(max_connections)
    if soft >= wanted:
        return soft
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    except (ValueError, OSError) as exc:
        logger.warning("cannot raise the open-file limit from %d to %d: %s", soft, target, exc)
        return soft
    if target < wanted:
        logger.warning("the open-file limit (hard %d) is below the %d that max_connections=%d needs",
                       hard, wanted, max_connections)
    return target


@contextmanager
def pid_file(path: Path | None) -> Iterator[None]:
    """Write this process's id to ``path`` while the block runs (nothing when ``path`` is None)."""
    if path is None:
        yield
        return
    pid = str(os.getpid())
    path.write_text(pid + "\n", encoding="ascii")
    try:
        yield
    finally:
        try:
            if path.read_text(encoding="ascii").strip() == pid:  # not another server's by now
                path.unlink()
        except OSError:
            pass


def read_pid_file(path: Path) -> int:
    """The process id a pid file holds; `ValueError` naming the file when it holds none."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read pid file {str(path)!r}: {getattr(exc, 'strerror', None) or exc}") from None
    if not text.isdigit() or int(text) <= 1:
        raise ValueError(f"pid file {str(path)!r} does not hold a process id (got {text[:20]!r})")
    return int(text)
