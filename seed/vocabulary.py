"""The career vocabulary (seed/vocabulary.toml), loaded once into typed, compiled tables.

The structural extractor asks this module what a word means: a seniority
word, the last word of a role name, a team, a skill, a kind of section.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["PATH", "Vocabulary", "names_pattern", "vocabulary"]

#: The data file beside this module.
PATH = Path(__file__).with_name("vocabulary.toml")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Every table of vocabulary.toml, normalized to lower case where matching is case-insensitive."""

    seniority: tuple[str, ...]
    role_like: frozenset[str]
    number_words: frozenset[str]
    code_prefixes: tuple[str, ...]
    column_headers: frozenset[str]
    role_heads: frozenset[str]
    disciplines: dict[str, str]
    title_words: frozenset[str]
    sections: dict[str, tuple[str, ...]]
    team_heads: frozenset[str]
    not_teams: frozenset[str]
    team_qualifiers: frozenset[str]
    team_generic: frozenset[str]
    #: Surface form (lower case) → canonical team name.
    teams: dict[str, str]
    #: Any multi-word team surface form (or one with "&"), case-insensitive.
    team_names_pattern: re.Pattern[str]
    #: Canonical skill name → surface forms as written in the file.
    skills: dict[str, tuple[str, ...]]
    skill_names: tuple[str, ...]
    #: Lower-case surface → (skill name, surface as written; capitals in it must match).
    skill_surfaces: dict[str, tuple[str, str]]

    def skill(self, written: str) -> str | None:
        """The skill a matched surface form names, or None when its capitals do not match ("spark")."""
        found = self.skill_surfaces.get(written.casefold())
        if found is None:
            return None
        name, form = found
        return name if form == form.casefold() or written == form else None
    #: Page furniture: a block starting so ("Share this", "Subscribe …") or holding a placeholder.
    noise: re.Pattern[str]

    def is_noise(self, text: str) -> bool:
        """Whether a paragraph or list item is page furniture or a template placeholder.

        >>> vocabulary().is_noise("Subscribe to our newsletter"), vocabulary().is_noise("Bakes bread")
        (True, False)
        """
        return bool(self.noise.search(text.strip()))

    def section_kind(self, heading: str) -> str | None:
        """The kind of section a heading opens (``"responsibilities"``, ``"noise"``…), or None.

        >>> vocabulary().section_kind("What you'll do")
        'responsibilities'
        >>> vocabulary().section_kind("Hiring Process")
        'noise'
        """
        text = " " + re.sub(r"[^\w'&/+-]+", " ", heading.casefold()).strip() + " "
        for kind in ("noise", "specializations", "tracks", "ladder", "requirements", "responsibilities", "levels"):
            if any(f" {word} " in text for word in self.sections[kind]):
                return kind
        return None


@cache
def vocabulary(path: Path = PATH) -> Vocabulary:
    """The vocabulary, parsed once per process."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    levels, roles, sections, teams, skills = (data[k] for k in ("levels", "roles", "sections", "teams", "skills"))
    team_names = {surface.casefold(): name for name, surfaces in teams["names"].items()
                  for surface in (name, *surfaces)}
    skill_names = tuple(skills["names"])
    return Vocabulary(
        seniority=tuple(levels["seniority"]),
        role_like=frozenset(levels["role_like"]),
        number_words=frozenset(levels["number_words"]),
        code_prefixes=tuple(sorted(levels["code_prefixes"], key=len, reverse=True)),
        column_headers=frozenset(levels["column_headers"]),
        role_heads=frozenset(roles["heads"]),
        disciplines={k.casefold(): v for k, v in roles["disciplines"].items()},
        title_words=frozenset(roles["title_words"]),
        sections={kind: tuple(words) for kind, words in sections.items()},
        team_heads=frozenset(teams["heads"]),
        not_teams=frozenset(teams["not_teams"]),
        team_qualifiers=frozenset(teams["qualifiers"]),
        team_generic=frozenset(teams["generic"]),
        teams=team_names,
        team_names_pattern=re.compile(
            r"(?<![\w&])(?:" + names_pattern(tuple(t for t in team_names if " " in t or "&" in t)) + r")(?![\w&])",
            re.IGNORECASE,
        ),
        skills={name: tuple(surfaces) for name, surfaces in skills["names"].items()},
        skill_names=skill_names,
        skill_surfaces=_skill_surfaces(skills["names"]),
        noise=_noise_pattern(data["noise"]),
    )


def _noise_pattern(noise: dict[str, list[str]]) -> re.Pattern[str]:
    starts = names_pattern(tuple(noise["starts"]))
    placeholders = names_pattern(tuple(noise["placeholders"]))
    return re.compile(rf"^(?i:{starts})(?!\w)|(?<!\w)(?:{placeholders})(?!\w)")


def _skill_surfaces(names: dict[str, list[str]]) -> dict[str, tuple[str, str]]:
    """Lower-case surface → (skill name, the form as written: capitals must match)."""
    return {surface.casefold(): (name, surface) for name, forms in names.items() for surface in forms}


def names_pattern(words: frozenset[str] | tuple[str, ...]) -> str:
    """A regex alternative matching any of ``words`` as written (longest first)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
