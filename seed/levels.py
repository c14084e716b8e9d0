"""Levels and role names in short texts: headings, table cells, ladder nodes.

`parse_level` says whether a name is a level (a seniority word, a level code,
a roman or plain number) and of which role; `role_phrase` finds the role a
title names. Both work on words and the vocabulary, not on one template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from seed.vocabulary import vocabulary

__all__ = ["Level", "common_base", "head_word", "parse_level", "role_phrase", "singular", "title_case"]

_ROMAN = frozenset({"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"})
_TOKEN = re.compile(r"[\w'&/+.-]+")
#: "D1 - Developer 1", "L3: Senior Engineer", "IC4 – Staff".
_CODE_PREFIX = re.compile(r"^(?P<code>[A-Za-z]{1,3}\d{1,2})\s*(?:[-–—:|]\s*)(?P<rest>\S.*)$")
#: "Level 1: Junior Engineer", "Grade 7 — Staff Nurse", "Level 3 - Senior Cook".
_NUMBERED_PREFIX = re.compile(
    r"^(?P<marker>(?:level|grade|band|tier|step|stage)\s+(?:\d{1,2}|[IVX]{1,4}))\s*(?:[-–—:|]\s*)(?P<rest>\S.*)$",
    re.IGNORECASE,
)
#: "Senior Engineer (L5)", "Staff Nurse (Band 6)".
_CODE_SUFFIX = re.compile(r"^(?P<rest>.+?)\s*\((?P<code>[A-Za-z]{1,3}\d{1,2}|(?:level|grade|band|tier)\s*\d{1,2})\)$",
                          re.IGNORECASE)
#: "Misc: Tech Lead", "Track: Management".
_LABEL_PREFIX = re.compile(r"^(?P<label>\w+)\s*:\s+(?P<rest>\S.*)$")


@dataclass(frozen=True, slots=True)
class Level:
    """A level a short text names: ``text[start:end]`` is the level's name as written."""

    name: str
    start: int
    end: int
    #: The seniority word, code or number that makes it a level ("senior", "ic2", "3").
    marker: str
    #: The role the name carries besides the marker ("Backend Engineer"), or "".
    base: str
    #: Other names for it: the code of "D1 - Developer 1".
    aliases: tuple[str, ...] = ()


@lru_cache(maxsize=16384)
def parse_level(text: str, numbers_are_levels: bool = False) -> Level | None:
    """The level a heading or cell names, or None.

    ``numbers_are_levels``: a bare number (or "I", "II") is a level, as in a
    column headed "Level".

    >>> parse_level("Senior Backend Engineer").base
    'Backend Engineer'
    >>> parse_level("D1 - Developer 1").name, parse_level("D1 - Developer 1").aliases
    ('Developer 1', ('D1',))
    >>> parse_level("Staff+ Promotions") is None, parse_level("Tech Lead") is None
    (True, True)
    >>> parse_level("3") is None, parse_level("3", numbers_are_levels=True).marker
    (True, '3')
    """
    stripped = text.strip().strip("#*_ ").strip()
    offset = text.find(stripped) if stripped else 0
    aliases: tuple[str, ...] = ()
    code = _CODE_PREFIX.match(stripped)
    if code and _is_code(code["code"]):
        aliases = (code["code"],)
        offset += code.start("rest")
        stripped = code["rest"]
    numbered = _NUMBERED_PREFIX.match(stripped)
    if numbered and not aliases:
        aliases = (numbered["marker"],)
        offset += numbered.start("rest")
        stripped = numbered["rest"]
    label = _LABEL_PREFIX.match(stripped)
    if label and label["label"].casefold() not in vocabulary().number_words:
        offset += label.start("rest")
        stripped = label["rest"]
    coded = _CODE_SUFFIX.match(stripped)
    if coded and (_is_code(coded["code"]) or coded["code"].split()[0].casefold() in vocabulary().number_words):
        aliases = (*aliases, coded["code"])
        stripped = coded["rest"]
    stripped = stripped.rstrip(" .:")
    if not stripped or len(stripped.split()) > 7:
        return None
    found = _marker(stripped, numbers_are_levels or bool(aliases))
    if found is None and aliases and _names_a_role(stripped):
        found = (aliases[0].casefold(), stripped)  # "Level 2 - Cook": the prefix is the level
    if found is None:
        return None
    marker, base = found
    if base and not _names_a_role(base):
        return None
    if not base and marker in vocabulary().role_like and not numbers_are_levels and len(stripped.split()) > 1:
        return None
    return Level(stripped, offset, offset + len(stripped), marker, base, aliases)


def _is_code(token: str) -> bool:
    lower = token.casefold()
    digits = lower.lstrip("abcdefghijklmnopqrstuvwxyz")
    prefix = lower[: len(lower) - len(digits)]
    return bool(digits) and digits.isdigit() and prefix in vocabulary().code_prefixes


def _marker(text: str, numbers_are_levels: bool) -> tuple[str, str] | None:
    """The level marker of a name and the words left around it."""
    words = [w.strip("()[],") for w in _TOKEN.findall(text)]
    words = [w for w in words if w]
    if not words:
        return None
    vocab = vocabulary()
    lower = [w.casefold().rstrip("+") for w in words]
    for i, word in enumerate(lower):
        if word in vocab.number_words and i + 1 < len(words) and (words[i + 1].isdigit() or words[i + 1] in _ROMAN):
            return f"{word} {words[i + 1]}", _join(words[:i] + words[i + 2:])
    for i, word in enumerate(words):
        if _is_code(word):
            return word.casefold(), _join(words[:i] + words[i + 1:])
    last = words[-1]
    if (last in _ROMAN or last.isdigit()) and (len(words) > 1 or numbers_are_levels):
        if len(words) > 1 and not _names_a_role(_join(words[:-1])):
            return None
        return last.casefold(), _join(words[:-1])
    phrase = " ".join(lower)
    if "vice president" in phrase:
        return "vp", ""
    for i, word in enumerate(lower):
        if word in vocab.seniority:
            rest = words[:i] + words[i + 1:]
            if rest and rest[0].casefold() in {"level", "of"}:
                rest = rest[1:]
            if rest and rest[-1].casefold() == "level":
                rest = rest[:-1]
            if word in vocab.role_like and i == len(words) - 1 and rest and not _names_a_role(_join(rest)):
                return None
            return word, _join(rest)
    return None


def _join(words: list[str]) -> str:
    return " ".join(words)


def _names_a_role(text: str) -> bool:
    return head_word(text) is not None


@lru_cache(maxsize=16384)
def head_word(text: str) -> str | None:
    """The role head word a phrase ends with ("engineer" for "Backend Engineers"), or None.

    >>> head_word("Open Source Contributors"), head_word("Promotions")
    ('contributor', None)
    """
    words = text.split()
    if not words:
        return None
    last = singular(words[-1].strip("()[],.:;")).casefold()
    heads = vocabulary().role_heads
    if last in heads:
        return last
    joins = [i for i, w in enumerate(words) if w.casefold() in {"of", "de", "in"} and 0 < i < len(words) - 1]
    if joins:  # "Chef de Partie", "Director of Platform Engineering"
        return head_word(" ".join(words[:joins[0]]))
    return None


_INVARIANT = frozenset({"sales", "operations", "analytics", "systems", "services", "logistics", "ops", "news"})


@lru_cache(maxsize=16384)
def singular(word: str) -> str:
    """A plural last word made singular ("Nurses" → "Nurse", "Sales" kept).

    >>> singular("Engineers"), singular("Analysis"), singular("Sales"), singular("Boss")
    ('Engineer', 'Analysis', 'Sales', 'Boss')
    """
    lower = word.casefold()
    if lower in _INVARIANT or len(word) <= 3 or word.isupper() or lower.endswith(("ss", "is", "us")):
        return word
    if lower.endswith("ies"):
        return word[:-3] + ("Y" if word[-3:].isupper() else "y")
    if lower.endswith(("ches", "shes", "xes")):
        return word[:-2]
    if lower.endswith("s"):
        return word[:-1]
    return word


def title_case(text: str) -> str:
    """Capitalize each word, keeping acronyms and small joining words.

    >>> title_case("product managers"), title_case("ELECTRICIAN"), title_case("chef de partie")
    ('Product Managers', 'Electrician', 'Chef de Partie')
    """
    if text.isupper() and len(text) > 4:
        text = text.casefold()
    small = {"of", "and", "for", "the", "de", "in", "at", "to", "a", "an"}
    out = []
    for i, word in enumerate(text.split()):
        if i and word.casefold() in small:
            out.append(word.casefold())
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


_COMPANY_TAIL = re.compile(r"\s+(?:at|@)\s+.+$", re.IGNORECASE)


def role_phrase(title: str, body: str = "", disciplines: bool = True) -> str | None:
    """The role a title names, or None: title words, company and plural dropped.

    With ``body``, the shortest form the body also uses wins over a title's
    company prefix ("Acme Product Manager" → "Product Manager"). With
    ``disciplines``, a discipline names its people ("Engineering" → "Engineer"):
    right for a title, wrong for a section heading ("Management Track").

    >>> role_phrase("Data Analyst Roles at GitLab")
    'Data Analyst'
    >>> role_phrase("Engineering Career Development"), role_phrase("The Reporter's Path")
    ('Engineer', 'Reporter')
    >>> role_phrase("Acme product career framework", "all product managers")
    'Product Manager'
    >>> role_phrase("Levels") is None
    True
    """
    text = title.split("|")[0].strip().strip("#*_ ").strip()
    text = _COMPANY_TAIL.sub("", text)
    label = _LABEL_PREFIX.match(text)
    if label:
        text = label["rest"]
    if re.search(r"[?!]", text):
        return None
    text = re.sub(r"['\u2019]s\b", "", text)
    words = [w.strip("()[],.:;!?\"") for w in text.split()]
    words = [w for w in words if w]
    vocab = vocabulary()
    while words and words[0].casefold() in vocab.title_words:
        words = words[1:]
    while words and words[-1].casefold() in vocab.title_words:
        words = words[:-1]
    if not words or len(words) > 6 or any(w.casefold() in {"vs", "vs.", "versus"} for w in words):
        return None
    last = words[-1].casefold()
    if disciplines and last in vocab.disciplines:
        words = [*words[:-1], *vocab.disciplines[last].split()]
    words[-1] = singular(words[-1])
    if head_word(" ".join(words)) is None:
        return None
    if body:
        words = _used_suffix(words, body)
    return title_case(" ".join(words))


def _used_suffix(words: list[str], body: str) -> list[str]:
    """The longest ending of ``words`` that ``body`` uses, or ``words`` if none."""
    lower = body.casefold()
    for i in range(len(words)):
        phrase = " ".join(words[i:]).casefold()
        if re.search(r"(?<!\w)" + re.escape(phrase) + r"(?:s|es)?(?!\w)", lower):
            return words[i:]
    return words


def common_base(levels: list[Level]) -> str | None:
    """The role most level names share ("Engineer" for "Engineer I", "Senior Engineer")."""
    bases = [lv.base for lv in levels if lv.base]
    if not bases:
        return None
    best = max(set(bases), key=lambda b: (sum(x.casefold().endswith(b.casefold()) for x in bases), -len(b)))
    return title_case(" ".join([*best.split()[:-1], singular(best.split()[-1])]))
