"""What every reader shares: building a block's text together with where each part of it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from seed.outline import Block, BlockKind, Piece
from seed.records import Document, Source

__all__ = ["Part", "TextBuilder", "make_block"]

#: A run of a block's text: its text, the file span it comes from, and whether it was copied verbatim.
Part = tuple[str, int, int, bool]

_WHITE = re.compile(r"\s+")


@dataclass(slots=True)
class TextBuilder:
    """A block's text as runs, each with the file span it stands for.

    ``add(text, start)`` copies text found verbatim at ``start``; ``add(text,
    start, end)`` adds text that stands for all of ``file[start:end]`` (a decoded
    entity, the space that joins two lines).
    """

    parts: list[Part] = field(default_factory=list)

    def add(self, text: str, start: int, end: int | None = None) -> None:
        if text:
            if end is None:
                self.parts.append((text, start, start + len(text), True))
            else:
                self.parts.append((text, start, end, False))

    def __bool__(self) -> bool:
        return any(text.strip() for text, _, _, _ in self.parts)

    @property
    def start(self) -> int:
        return self.parts[0][1]

    @property
    def end(self) -> int:
        return self.parts[-1][2]

    def text(self) -> str:
        return "".join(text for text, _, _, _ in self.parts)

    def collapse_whitespace(self) -> None:
        """Every run of white space becomes one space (as a browser shows HTML text)."""
        parts: list[Part] = []
        space: tuple[int, int] | None = None  # the span of the white space run being read

        def flush() -> None:
            nonlocal space
            if space is not None:
                parts.append((" ", space[0], space[1], False))
                space = None

        def white(start: int, end: int) -> None:
            nonlocal space
            space = (start, end) if space is None else (min(space[0], start), max(space[1], end))

        for text, start, end, verbatim in self.parts:
            if verbatim:
                at = 0
                for match in _WHITE.finditer(text):
                    if match[0] == " " and 0 < match.start() and match.end() < len(text):
                        continue  # a single space inside the run: already as shown
                    if match.start() > at:
                        flush()
                        parts.append((text[at:match.start()], start + at, start + match.start(), True))
                    white(start + match.start(), start + match.end())
                    at = match.end()
                if at < len(text):
                    flush()
                    parts.append((text[at:], start + at, start + len(text), True))
            elif text.isspace():
                white(start, end)
            elif not any(c.isspace() for c in text):
                flush()
                parts.append((text, start, end, False))
            else:
                for char in text:
                    if char.isspace():
                        white(start, end)
                    else:
                        flush()
                        parts.append((char, start, end, False))
        flush()
        self.parts = parts

    def strip(self, chars: str | None = None, left: bool = True, right: bool = True) -> None:
        """Drop white space (or ``chars``) at the ends."""
        parts = self.parts
        while left and parts:
            text, start, end, verbatim = parts[0]
            kept = text.lstrip(chars)
            if kept == text:
                break
            if not kept:
                parts.pop(0)
                continue
            parts[0] = (kept, start + len(text) - len(kept), end, True) if verbatim else (kept, start, end, False)
            break
        while right and parts:
            text, start, end, verbatim = parts[-1]
            kept = text.rstrip(chars)
            if kept == text:
                break
            if not kept:
                parts.pop()
                continue
            parts[-1] = (kept, start, start + len(kept), True) if verbatim else (kept, start, end, False)
            break

    def pieces(self, file_text: str) -> tuple[Piece, ...]:
        """The runs as `Piece` records, checked against the file: a run that is not there verbatim is not verbatim."""
        pieces: list[Piece] = []
        at = 0

        def put(length: int, start: int, end: int, verbatim: bool) -> None:
            if pieces:
                last = pieces[-1]
                if verbatim and last.verbatim and last.file_end == start:
                    pieces[-1] = Piece(last.text_start, last.file_start, end)
                    return
                if not verbatim and not last.verbatim and (last.file_start, last.file_end) == (start, end):
                    return
            pieces.append(Piece(at, start, end, verbatim))

        for text, start, end, verbatim in self.parts:
            if verbatim and file_text[start:end] == text:
                put(len(text), start, end, True)
            elif verbatim:  # not what the file holds there (a character a parser replaced): char by char
                for i, char in enumerate(text):
                    put(1, start + i, start + i + 1, file_text[start + i:start + i + 1] == char)
                    at += 1
                continue
            else:
                for _ in text:
                    put(1, start, end, False)
                    at += 1
                continue
            at += len(text)
        return tuple(pieces)


def make_block(
    document: Document,
    kind: BlockKind,
    builder: TextBuilder,
    index: int,
    *,
    start: int | None = None,
    end: int | None = None,
    format: str,
    **fields: Any,
) -> Block:
    """A block of the builder's text; its span is ``start:end``, by default first to last character."""
    text = builder.text()
    start = builder.start if start is None else start
    end = builder.end if end is None else end
    line = document.text.count("\n", 0, start) + 1
    source = Source(document.name, line, start, end, text)
    pieces = builder.pieces(document.text)
    return Block(kind, text, source, index, format=format, pieces=pieces, **fields)
