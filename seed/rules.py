"""What the extractor looks for, as data: headings, vocabularies and noise.

The extractor walks a document line by line; these tables say what a line
means. Supporting a new guide phrasing is a change here, not in the code.
Patterns are matched against whole, stripped lines (headings, noise) or
against sentences (the cue phrases). ``{role}`` in a heading pattern stands for
the guide's role name, singular or plural.
"""

from __future__ import annotations

import re
from enum import StrEnum

__all__ = [
    "ARTICLES",
    "COLLABORATION_CUES",
    "FOOTER_START",
    "GENERIC_TEAM_WORDS",
    "LADDER_CUES",
    "LADDER_QUESTION",
    "NON_SKILLS",
    "NON_TEAMS",
    "PLACEHOLDER_WORDS",
    "SECTION_HEADINGS",
    "SKILL_CUES",
    "TEAM_HEADS",
    "TEAM_SYNONYMS",
    "TESTIMONIAL_QUOTE",
    "Section",
]


class Section(StrEnum):
    """The kinds of section a career guide is made of."""

    DEFINITION = "definition"
    OVERVIEW = "overview"
    KEY_RESPONSIBILITIES = "key responsibilities"
    LEVELS = "levels"
    LEVEL = "level"
    SPECIALIZATIONS = "specializations"
    SPECIALIZATION = "specialization"
    FAQ = "faq"
    QUESTION = "question"
    OTHER = "other"


_A = r"(?:an? |the )?"

#: Heading patterns in the order they are tried. Named groups: ``role`` (the
#: guide's role), ``level`` (a seniority level).
SECTION_HEADINGS: tuple[tuple[Section, re.Pattern[str]], ...] = tuple(
    (section, re.compile(pattern, re.IGNORECASE))
    for section, pattern in (
        (Section.DEFINITION, rf"^Definition of {_A}(?P<role>.+?)$"),
        (Section.OVERVIEW, rf"^What does {_A}(?P<role>.+?) do\?$"),
        (Section.KEY_RESPONSIBILITIES, rf"^Key Responsibilities of {_A}(?P<role>.+?)$"),
        (Section.LEVELS, rf"^Day[- ]to[- ]Day Activities for {_A}(?P<role>.+?) at Different Levels$"),
        (Section.LEVEL, r"^Daily Responsibilities for (?P<rest>.+?)$"),
        (Section.SPECIALIZATIONS, rf"^Types of {_A}(?P<role>.+?)$"),
        (Section.FAQ, r"^FAQs? (?:about|on|for) (?P<role>.+?)$"),
        (Section.OTHER, r"^What's it like to be .+\?$"),
        (Section.OTHER, r"^.+ Work(?:ing)? (?:Environment|Conditions)$"),
        (Section.OTHER, r"^How Hard is it to be .+\?$"),
        (Section.OTHER, r"^Is .+ a Good Career( Path)?\?$"),
    )
)

#: The FAQ question whose answer states the career ladder.
LADDER_QUESTION = re.compile(r"career (?:progression|path|ladder)", re.IGNORECASE)

#: Ladder cues: each introduces the next rung(s) of the ladder, in order.
LADDER_CUES = re.compile(
    r"\b(?:begin|start)s? (?:their careers? )?as"
    r"|\bprogress(?:es)? to"
    r"|\bmove (?:up )?(?:in)?to"
    r"|\bmay become|\bcan become|\bbecome"
    r"|\broles? (?:like|such as)"
    r"|\bpositions? (?:like|such as)"
    r"|\bpromoted to",
    re.IGNORECASE,
)

#: Between the names of one ladder rung: "A, B or C".
NAME_SEPARATOR = re.compile(r"\s*,?\s*(?:or|and)\s+(?=[A-Z])|\s*,\s+(?=[A-Z])")

#: Plural-looking last words that are not plurals ("VP of Sales").
INVARIANT_PLURALS = frozenset({
    "sales", "operations", "analytics", "systems", "services", "logistics",
    "communications", "relations", "affairs", "economics", "ethics", "graphics",
})

#: Longest phrase taken as a skill; longer ones are clauses, not names.
MAX_SKILL_WORDS = 4

#: First words that mark a clause rather than a skill name.
NOT_SKILL_STARTS = frozenset({"be", "being", "how", "what", "why", "when", "where", "which", "it", "they"})

#: Longest line taken as a testimonial's name or company.
MAX_ATTRIBUTION_WORDS = 6

#: Words that lower-case role names may contain between capitalized words.
ROLE_NAME = re.compile(r"[A-Z][\w/&+-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w/&+-]*)*")

#: Cues that introduce the teams a role or responsibility works with.
COLLABORATION_CUES = re.compile(
    r"\b(?:collaborat\w*|work\w*|coordinat\w*|partner\w*|interact\w*|interfac\w*|align\w*)"
    r"(?: \w+ly)? with (?:the )?"
    r"|\bteams, including "
    r"|\bwith (?=(?:[\w/-]+ ){0,3}(?:teams?|engineers|developers|designers|managers|researchers|analysts)\b)",
    re.IGNORECASE,
)

#: Cues that introduce the skills or knowledge areas someone needs.
SKILL_CUES = re.compile(
    r"\b(?:a |an )?(?:deep |strong |solid |comprehensive |thorough |firm |good )?"
    r"(?:understanding|grasp|knowledge|foundation|command|background) (?:of|in) "
    r"|\b(?:have|has|with) expertise in "
    r"|\bare experts in ",
    re.IGNORECASE,
)

#: Where a list introduced by a cue ends.
LIST_END = re.compile(
    r"\s+(?:to|by|for|with|in order to|so that|that|who|which|where|when|on|across|in which)\s"
    r"|\s+(?:positions|enables?|allows?|makes?|helps?|lets?|gives?)\s"
    r"|,\s*(?:enabling|ensuring|while|which|who|where|as|so|to|translating|be|and be|including)\b"
    r"|[.;:()]|$",
    re.IGNORECASE,
)

#: Canonical team names and the surface forms that name them.
TEAM_SYNONYMS: dict[str, tuple[str, ...]] = {
    "Engineering": ("engineering", "engineering teams", "engineers", "software engineers",
                    "developers", "software teams", "engineering team", "software engineering"),
    "Design": ("design", "design teams", "designers"),
    "UX/UI Designers": ("ux/ui designers", "ux designers", "ui designers", "ui/ux designers"),
    "Marketing": ("marketing", "marketing teams"),
    "Sales": ("sales", "sales teams"),
    "Customer Support": ("customer support", "customer support teams", "support teams"),
    "DevOps": ("devops", "devops teams"),
    "Site Reliability Engineering": ("site reliability engineering", "sre", "site reliability engineers"),
    "Product Management": ("product management", "product managers"),
    "Research": ("research", "researchers"),
}

#: Last words that make an unknown phrase a team ("firmware developers").
TEAM_HEADS = frozenset({
    "teams", "team", "engineers", "engineering", "developers", "researchers",
    "designers", "analysts", "scientists", "managers", "marketers", "writers",
    "specialists", "architects", "operations", "support", "sales", "marketing",
    "design", "devops", "departments", "department", "units", "leaders", "analytics",
})

#: Phrases after a collaboration cue that are not teams.
NON_TEAMS = frozenset({
    "stakeholders", "business stakeholders", "customers", "users", "partners",
    "vendors", "clients", "key partners", "executives", "other stakeholders",
    "cross-functional teams", "teams", "team", "the team", "business units",
    "product team", "their teams", "diverse teams", "other teams",
})

#: Phrases after a skill cue that name people, not a skill or knowledge area.
NON_SKILLS = frozenset({
    "users", "the users", "customers", "people", "stakeholders", "clients", "the business",
})

#: Umbrella words stripped from the front of a team phrase.
GENERIC_TEAM_WORDS = ("other ", "the ", "various ", "their ", "internal ", "external ")

ARTICLES = ("both the ", "both ", "the ", "a ", "an ", "their ", "its ")

#: A whole-line quotation: the placeholder testimonial.
TESTIMONIAL_QUOTE = re.compile(r'^["\u201c].*["\u201d]$')

#: The page footer: this line and every line after it are navigation.
FOOTER_START = re.compile(r"^Up Next$", re.IGNORECASE)

#: Template placeholders that mark a line as page noise wherever it stands.
PLACEHOLDER_WORDS = re.compile(r"\bXYZ\b|\bbecome a JOB\b")
