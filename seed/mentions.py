"""Teams and skills a sentence names, for any occupation.

Three ways to name a team: after a collaboration cue ("works with the pastry
team and the events team"), as "<name> team" anywhere, or a multi-word team
name of the vocabulary written in capitals ("People Ops"). Skills: any skill
of the vocabulary, and the list after a skill cue ("expert in SQL and dbt").
Offsets index the text given.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from seed.levels import title_case
from seed.vocabulary import vocabulary

__all__ = ["Found", "skills_in", "team_name", "teams_in"]


@dataclass(frozen=True, slots=True)
class Found:
    """A team or skill ``name`` that ``text[start:end]`` states."""

    name: str
    start: int
    end: int


_CUES = re.compile(
    r"\b(?:collaborat\w*|work\w*|coordinat\w*|partner\w*|interact\w*|interfac\w*|align\w*|liais\w*|meets?"
    r"|consult\w*|communicat\w*|together)(?: \w+ly)?(?: closely)? with (?:the )?"
    r"|\band with (?:the )?"
    r"|\b(?:teams|functions|disciplines|departments|discipline|groups)(?: \w+)?,? (?:e\.g\.,?|such as|including|like) ",
    re.IGNORECASE,
)
_LIST_END = re.compile(
    r"\s+(?:to|by|for|with|in order to|so that|that|who|which|where|when|on|across|in which|around|about|"
    r"during|through|into|at|as)\s"
    r"|,\s*(?:enabling|ensuring|while|which|who|where|as|so|to|and be|including)\b|[.;:()!?]|$",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*&\s+")


def teams_in(text: str) -> list[Found]:
    """Teams a sentence names, in order, each once.

    >>> [t.name for t in teams_in("Works with the pastry team and the events team on plated desserts.")]
    ['Pastry', 'Events']
    >>> [t.name for t in teams_in("Partner with outside security vendors for input")]
    ['Security Vendors']
    """
    found: dict[str, Found] = {}
    for item in _cue_items(text):
        name = team_name(item.name)
        if name:
            found.setdefault(name, Found(name, item.start, item.end))
    for item in _team_phrases(text):
        found.setdefault(item.name, item)
    for item in _capitalized_names(text):
        found.setdefault(item.name, item)
    return sorted(found.values(), key=lambda f: f.start)


def _cue_items(text: str) -> Iterator[Found]:
    for cue in _CUES.finditer(text):
        end = _LIST_END.search(text, cue.end())
        stop = end.start() if end else len(text)
        position = cue.end()
        for sep in [*_SPLIT.finditer(text, cue.end(), stop), None]:
            item_end = sep.start() if sep else stop
            item = _trimmed(text, position, item_end)
            if item:
                yield item
            position = sep.end() if sep else stop


def _trimmed(text: str, start: int, end: int) -> Found | None:
    """The phrase at ``start:end`` without surrounding space and leading qualifiers."""
    qualifiers = vocabulary().team_qualifiers
    while start < end:
        chunk = text[start:end]
        stripped = chunk.lstrip(" \t\n\"'")
        start += len(chunk) - len(stripped)
        word = re.match(r"[\w'-]+\s+", stripped)
        if word and word.group().strip().casefold() in qualifiers:
            start += word.end()
            continue
        break
    chunk = text[start:end].rstrip(" \t\n\"'")
    return Found(chunk, start, start + len(chunk)) if chunk else None


def team_name(phrase: str) -> str | None:
    """The canonical team a phrase names, or None (people, generic groups, verbs).

    >>> team_name("marketing teams"), team_name("stakeholders"), team_name("firmware developers")
    ('Marketing', None, 'Firmware Developers')
    """
    vocab = vocabulary()
    key = " ".join(phrase.casefold().split())
    if not key or key in vocab.not_teams:
        return None
    for candidate in (key, re.sub(r"\s+teams?$", "", key)):
        if candidate in vocab.teams:
            return vocab.teams[candidate]
    words = key.split()
    if len(words) > 4 or words[-1] not in vocab.team_heads or words[0] in vocab.team_generic:
        return None
    if re.search(r"[^\w\s&/+-]", key) or any(w in _VERBISH for w in words):
        return None
    if words[-1] in {"team", "teams", "crew", "crews"}:
        words = words[:-1]
        phrase = phrase.rsplit(" ", 1)[0]
        if " ".join(words) in vocab.teams:
            return vocab.teams[" ".join(words)]
        if not words or " ".join(words) in vocab.not_teams:
            return None
    return title_case(phrase.strip()) if words else None


_VERBISH = frozenset({"is", "are", "be", "can", "will", "helps", "help", "make", "makes", "build", "builds", "lead",
                      "leads", "manage", "manages", "support", "supports", "get", "gets", "their", "our"})
_TEAM_WORD = re.compile(
    r"\b(?P<head>teams?)\b(?!['\u2019]s\b)(?!\s*(?:members?|leads?|leaders?|mates?|-level|level|players?|culture|cohesion"
    r"|building|spirit|work|meetings?|goals?|environment|dynamics|size|process(?:es)?|standups?|managers?)\b)",
    re.IGNORECASE,
)
_WORD_BEFORE = re.compile(r"([\w&/+'-]+)\s+$")


def _team_phrases(text: str) -> Iterator[Found]:
    """"<name> team": up to three words before "team", stopping at qualifiers and generic words."""
    vocab = vocabulary()
    for match in _TEAM_WORD.finditer(text):
        words: list[re.Match[str]] = []
        position = match.start()
        while len(words) < 4:
            before = _WORD_BEFORE.search(text, 0, position)
            if not before:
                break
            word = before.group(1)
            lower = word.casefold()
            if lower in ("and", "&") and words and words[0].group(1)[:1].isupper():
                words.insert(0, before)  # "Marketing Strategy and Performance Team"
                position = before.start()
                continue
            if lower in vocab.team_qualifiers or lower in vocab.team_generic or lower in _STOP:
                break
            if not (word[:1].isupper() or lower in vocab.teams or lower.isalpha()) or lower.endswith(("ing", "ly")):
                break
            words.insert(0, before)
            position = before.start()
        while words and words[0].group(1).casefold() in ("and", "&"):
            words = words[1:]
        if not words:
            continue
        preceded = text[:words[0].start()].rstrip()
        after_article = bool(re.search(r"(?:^|\s)(?:the|our|with)$", preceded, re.IGNORECASE))
        capitalized = all(w.group(1)[:1].isupper() or w.group(1) in ("and", "&") for w in words)
        known = " ".join(w.group(1) for w in words).casefold() in vocab.teams
        if not (after_article or capitalized or known):
            continue
        if match["head"].casefold() == "teams" and not known:
            continue  # "all GitLab teams", "cross-functional teams": teams of some kind, not one team
        if capitalized and not after_article and words[0].start() == len(text) - len(text.lstrip()):
            words = words[1:]  # the sentence's first word is its verb ("Identify Data team …")
            if not words:
                continue
        start, end = words[0].start(1), words[-1].end(1)
        phrase = text[start:end]
        name = vocab.teams.get(phrase.casefold()) or title_case(phrase)
        if phrase.casefold() in vocab.not_teams or phrase.casefold() in _STOP:
            continue
        yield Found(name, start, end)


_STOP = frozenset("""
to from as for in on at into with by of and or but is are was be can may will should must has have had this that
these those each every any all some most many both either one two three its it them they we you who which across
whole entire same new own other cross-functional
""".split())


def _capitalized_names(text: str) -> Iterator[Found]:
    """Multi-word vocabulary team names written capitalized anywhere ("People Ops")."""
    vocab = vocabulary()
    for match in vocab.team_names_pattern.finditer(text):
        written = match.group()
        if all(w[:1].isupper() for w in written.split()):
            yield Found(vocab.teams[written.casefold()], match.start(), match.end())


_SKILL_CUES = re.compile(
    r"\b(?:a |an )?(?:deep |strong |solid |comprehensive |thorough |firm |good |working |basic |advanced )?"
    r"(?:understanding|grasp|knowledge|foundation|command|background|proficiency|fluency) (?:of|in|with) "
    r"|\b(?:have|has|with) expertise in |\bare experts in |\b(?:recognized |recognised )?expert in "
    r"|\bfluent in |\bproficient (?:in|with) |\bskilled in |\bfamiliar(?:ity)? with |\bemphasis on "
    r"|\bexperience (?:working )?with |\bskills in ",
    re.IGNORECASE,
)
_NOT_SKILL_STARTS = frozenset({"be", "being", "how", "what", "why", "when", "where", "which", "it", "they", "all",
                               "one", "the", "a", "an", "their", "our", "your", "its", "this", "that", "these",
                               "those", "other", "others", "many", "some", "each", "every", "any", "both"})
_NON_SKILLS = frozenset({"users", "customers", "people", "stakeholders", "clients", "the business", "patients",
                         "others", "the team", "teams"})


def skills_in(text: str) -> list[Found]:
    """Skills a sentence names: vocabulary skills anywhere, and the list after a skill cue.

    >>> [s.name for s in skills_in("Recognized expert in SQL, Sisense, and dbt")]
    ['SQL', 'Sisense', 'dbt']
    >>> [s.name for s in skills_in("Knowledge of chocolate tempering and sugar work.")]
    ['Chocolate Tempering', 'Sugar Work']
    """
    found: dict[str, Found] = {}
    for known, first, last in _vocabulary_skills(text):
        found.setdefault(known.casefold(), Found(known, first, last))
    for cue in _SKILL_CUES.finditer(text):
        boundary = _LIST_END.search(text, cue.end())
        stop = boundary.start() if boundary else len(text)
        position = cue.end()
        for number, sep in enumerate([*_SPLIT.finditer(text, cue.end(), stop), None]):
            item_end = sep.start() if sep else stop
            item = text[position:item_end].strip()
            start = position + (len(text[position:item_end]) - len(text[position:item_end].lstrip()))
            position = sep.end() if sep else stop
            name = _skill_name(item)
            if name is None and number == 0:
                break  # "expert in a particular area, drawing on …": not a list of skills
            if name and not any(f.start <= start < f.end for f in found.values()):
                found.setdefault(name.casefold(), Found(name, start, start + len(item)))
    return sorted(found.values(), key=lambda f: f.start)


_TOKEN = re.compile(r"[\w+#&]+(?:[-'][\w+#&]+)*")


def _vocabulary_skills(text: str) -> Iterator[tuple[str, int, int]]:
    """Vocabulary skills in a text: runs of one to four words looked up, longest first."""
    vocab = vocabulary()
    surfaces = vocab.skill_surfaces
    words = list(_TOKEN.finditer(text))
    i = 0
    while i < len(words):
        for n in (4, 3, 2, 1):
            if i + n > len(words):
                continue
            start, end = words[i].start(), words[i + n - 1].end()
            written = text[start:end]
            if " ".join(written.split()) != written or written.casefold() not in surfaces:
                continue
            name = vocab.skill(written)
            if name is not None:
                yield name, start, end
                i += n
                break
        else:
            i += 1


def _skill_name(phrase: str) -> str | None:
    words = phrase.split()
    if not words or len(words) > 4 or re.search(r"[^\w\s&/+#.-]|\d", phrase):
        return None
    if words[0].casefold() in _NOT_SKILL_STARTS or phrase.casefold() in _NON_SKILLS:
        return None
    vocab = vocabulary()
    known = vocab.skill(phrase)
    if known is not None:
        return known
    if phrase.casefold() == phrase:
        phrase = phrase[:1].upper() + phrase[1:]
    return phrase if len(phrase) > 1 else None
