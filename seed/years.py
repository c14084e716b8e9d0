"""Years of experience a sentence states: "2-4 years", "5+ years", "at least 3 years", "two to four years".

`stated_years` returns where the statement is and the range it gives; the
extractor turns that into `seed.records.YearRange` on the position whose
section or sentence states it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["StatedYears", "stated_years"]

_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}
_N = r"(?:\d{1,2}(?:\.\d)?|" + "|".join(_NUMBERS) + r")"
_YEARS = r"\s*(?:\+\s*)?(?:years?|yrs?)\b"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("range", rf"\b(?P<a>{_N})\s*(?:-|–|—|to)\s*(?P<b>{_N}){_YEARS}"),
        ("plus", rf"\b(?P<a>{_N})\s*\+\s*(?:years?|yrs?)\b"),
        ("min", rf"\b(?:at least|a minimum of|minimum of|minimum|more than|over|upwards of)\s+(?P<a>{_N}){_YEARS}"),
        ("max", rf"\b(?:up to|at most|no more than|less than|under)\s+(?P<b>{_N}){_YEARS}"),
        ("exact", rf"\b(?P<a>{_N}){_YEARS}(?=\s+(?:of\s+)?(?:\w+\s+){{0,4}}?(?:experience|as\b|in\b))"),
        ("none", r"\bno (?:previous |prior |professional )?experience (?:is )?(?:required|needed|necessary)"),
    )
)


_ABOUT_EXPERIENCE = re.compile(r"experience|\bas an?\b|\brole\b|\bin (?:an?|the)\b|\brequires?\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class StatedYears:
    """A years-of-experience statement: ``text[start:end]`` states ``min``–``max`` years."""

    min: float | None
    max: float | None
    start: int
    end: int


def stated_years(text: str) -> StatedYears | None:
    """The first years-of-experience statement of a sentence, or None.

    A number of years counts only when the sentence is about experience
    ("experience", "as a …", "in a … role"), so "interim periods last 3 months"
    or "the target is 12 % a year" state nothing.

    >>> y = stated_years("Usually 2-4 years of experience."); (y.min, y.max)
    (2, 4)
    >>> y = stated_years("5+ years of experience"); (y.min, y.max)
    (5, None)
    >>> y = stated_years("New graduates need two to four years of experience"); (y.min, y.max)
    (2, 4)
    >>> y = stated_years("Requires at least 3 years as a staff nurse"); (y.min, y.max)
    (3, None)
    >>> stated_years("The interim period is 3 months") is None
    True
    """
    if not re.search(r"experience|\byears?\b|\byrs?\b", text, re.IGNORECASE):
        return None
    about_experience = _ABOUT_EXPERIENCE.search(text)
    best: StatedYears | None = None
    for kind, pattern in _PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        if kind == "none":
            found = StatedYears(0, None, match.start(), match.end())
        else:
            if not about_experience:
                continue
            groups = match.groupdict()
            low = _number(groups.get("a"))
            high = _number(groups.get("b"))
            if kind == "exact":
                high = low
            found = StatedYears(low, high, match.start(), match.end())
        if best is None or found.start < best.start:
            best = found
    return best


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    value = _NUMBERS.get(text.casefold())
    number = float(text) if value is None else float(value)
    return int(number) if number.is_integer() else number
