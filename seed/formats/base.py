"""What every reader shares: building a block's text together with where each character came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from seed.outline import Block, BlockKind, Piece
from seed.records import Document, Source

__all__ = ["TextBuilder", "make_block"]


@dataclass(slots=True)
class TextBuilder:
    """A block's text, character by character, each with the file span it stands for.

    ``add(text, start)`` copies text found verbatim at ``start``; ``add(text,
    start, end)`` adds text that stands for all of ``file[start:end]`` (a decoded
    entity, the space that joins two lines).
    """

    chars: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)

    def add(self, text: str, start: int, end: int | None = None) -> None:
        self.chars.extend(text)
        if end is None:
            self.spans.extend((start + i, start + i + 1) for i in range(len(text)))
        else:
            self.spans.extend((start, end) for _ in text)

    def __bool__(self) -> bool:
        return any(not c.isspace() for c in self.chars)

    def collapse_whitespace(self) -> None:
        """Every run of white space becomes one space (as a browser shows HTML text)."""
        chars: list[str] = []
        spans: list[tuple[int, int]] = []
        previous_space = False
        for char, span in zip(self.chars, self.spans, strict=True):
            if char.isspace() and chars and chars[-1] == " " and previous_space:
                spans[-1] = (spans[-1][0], max(spans[-1][1], span[1]))
                continue
            previous_space = char.isspace()
            chars.append(" " if previous_space else char)
            spans.append(span)
        self.chars, self.spans = chars, spans

    def strip(self) -> None:
        """Drop white space at both ends."""
        while self.chars and self.chars[-1].isspace():
            self.chars.pop()
            self.spans.pop()
        lead = 0
        while lead < len(self.chars) and self.chars[lead].isspace():
            lead += 1
        del self.chars[:lead], self.spans[:lead]

    def text(self) -> str:
        return "".join(self.chars)

    def pieces(self, file_text: str) -> tuple[Piece, ...]:
        """The character map compressed into runs (see `Piece`)."""
        pieces: list[Piece] = []
        for i, (char, (start, end)) in enumerate(zip(self.chars, self.spans, strict=True)):
            verbatim = end == start + 1 and file_text[start:end] == char
            if pieces:
                last = pieces[-1]
                if verbatim and last.verbatim and last.file_end == start:
                    pieces[-1] = Piece(last.text_start, last.file_start, end)
                    continue
                if not verbatim and not last.verbatim and (last.file_start, last.file_end) == (start, end):
                    continue
            pieces.append(Piece(i, start, end, verbatim))
        return tuple(pieces)


def make_block(
    document: Document,
    kind: BlockKind,
    builder: TextBuilder,
    index: int,
    start: int | None = None,
    end: int | None = None,
    *,
    format: str,
    **fields: object,
) -> Block:
    """A block of the builder's text; its span is ``start:end``, by default first to last character."""
    text = builder.text()
    start = builder.spans[0][0] if start is None else start
    end = builder.spans[-1][1] if end is None else end
    line = document.text.count("\n", 0, start) + 1
    source = Source(document.name, line, start, end, text)
    pieces = builder.pieces(document.text)
    return Block(kind, text, source, index, format=format, pieces=pieces, **fields)  # type: ignore[arg-type]
