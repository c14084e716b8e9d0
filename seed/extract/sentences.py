"""Sentences of a block's text, as offsets (the reader has already joined hard-wrapped lines)."""

from __future__ import annotations

import re

__all__ = ["find_ignoring_case", "sentences"]

#: A full stop, closing quotes or brackets, space, then a capital (or an opening quote or mark).
_BREAK = re.compile(r"(?<=[.!?])(?P<closing>[\"'\u201d\u2019)]*)\s+(?=[A-Z\"'\u201c(\[_*])")
#: Abbreviations a sentence does not end at.
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "Dr.", "Mr.", "Ms.", "Mrs.", "St.", "approx.", "incl.", "cf.")


def sentences(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each sentence of ``text``, surrounding space left out.

    >>> t = "Bakes bread. Runs the oven, e.g. at night. Done"
    >>> [t[a:b] for a, b in sentences(t)]
    ['Bakes bread.', 'Runs the oven, e.g. at night.', 'Done']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BREAK.finditer(text):
        if text[start:match.start()].endswith(_ABBREVIATIONS):
            continue
        spans.append(_trim(text, start, match.start() + len(match["closing"])))
        start = match.end()
    spans.append(_trim(text, start, len(text)))
    return [span for span in spans if span[1] > span[0]]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_ignoring_case(text: str, phrase: str) -> tuple[int, int] | None:
    """The ``(start, end)`` in ``text`` of the first occurrence of ``phrase``, case ignored.

    Offsets are ``text``'s own: searching a casefolded copy would shift them
    wherever folding changes a string's length.

    >>> find_ignoring_case("the Director of İstanbul", "istanbul")  # "İ".casefold() is two characters
    (16, 24)
    >>> find_ignoring_case("the Director of İstanbul", "Chef") is None
    True
    """
    match = re.search(re.escape(phrase), text, re.IGNORECASE)
    return match.span() if match else None
