"""Career moves a text states: arrow chains, Mermaid flowcharts and progression sentences.

Each finder takes a text and returns plain values with offsets into that text;
the extractor resolves the names to positions and records the spans.

    >>> [(a.name, b.name) for a, b in arrow_moves("Cook -> Sous Chef -> Head Chef")]
    [('Cook', 'Sous Chef'), ('Sous Chef', 'Head Chef')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from seed.levels import head_word
from seed.vocabulary import vocabulary

__all__ = [
    "Mention",
    "arrow_moves",
    "extends_role",
    "known_pattern",
    "mermaid_moves",
    "position_mentions",
    "sentence_moves",
]


@dataclass(frozen=True, slots=True)
class Mention:
    """A position named in a text: ``text[start:end] == name`` as written."""

    name: str
    start: int
    end: int


Move = tuple[Mention, Mention]

_ARROW = re.compile(r"\s*(?:→|⟶|➔|➜|->|-->|=>|—>|»)\s*")
_ALTERNATIVE = re.compile(r"\s+or\s+|\s*/\s*(?=[A-Z])")


def arrow_moves(text: str) -> list[Move]:
    """Moves of an arrow chain "A → B → C" (an "A or B" step branches)."""
    if not _ARROW.search(text):
        return []
    rungs: list[list[Mention]] = []
    position = 0
    for match in [*_ARROW.finditer(text), None]:
        end = match.start() if match else len(text)
        rung = list(_alternatives(text, position, end))
        if not rung or any(len(m.name.split()) > 6 for m in rung):
            return []
        rungs.append(rung)
        position = match.end() if match else end
    return [(a, b) for lower, upper in zip(rungs, rungs[1:], strict=False) for a in lower for b in upper]


def _alternatives(text: str, start: int, end: int) -> Iterator[Mention]:
    position = start
    for match in [*_ALTERNATIVE.finditer(text, start, end), None]:
        stop = match.start() if match else end
        mention = _trim(text, position, stop)
        if mention:
            yield mention
        position = match.end() if match else end


def _trim(text: str, start: int, end: int) -> Mention | None:
    chunk = text[start:end]
    left = len(chunk) - len(chunk.lstrip(" \t\n*_`\"'([:"))
    right = len(chunk.rstrip(" \t\n*_`\"').,;:]"))
    if right <= left:
        return None
    return Mention(chunk[left:right], start + left, start + right)


# -- Mermaid ------------------------------------------------------------------

_ID = r"[A-Za-z0-9_:.]+"
_SHAPES = (
    (r"\(\[", r"\]\)"), (r"\[\[", r"\]\]"), (r"\[\(", r"\)\]"), (r"\(\(", r"\)\)"), (r"\{\{", r"\}\}"),
    (r"\[/", r"/\]"), (r"\[\\", r"\\\]"), (r"\[", r"\]"), (r"\(", r"\)"), (r"\{", r"\}"), (r">", r"\]"),
)
_NODE = re.compile(
    rf"\s*(?P<id>{_ID})(?:" + "|".join(rf"{o}(?P<l{i}>[^\n]*?){c}" for i, (o, c) in enumerate(_SHAPES)) + r")?"
)
_EDGE = re.compile(
    r"\s*(?:--\s*(?P<mid>[^-|>\n][^|>\n]*?)\s*-->|==\s*[^=\n]+?\s*==>|<-->|-\.->|-\.-|==>|-->|---|--o|--x|~~~)"
    r"(?:\|(?P<label>[^|\n]*)\|)?"
)
_SKIP = re.compile(r"^\s*(?:graph|flowchart|subgraph|end\b|click|style|classDef|class\b|linkStyle|%%|direction)")


def mermaid_moves(code: str) -> list[Move]:
    """The edges of a Mermaid flowchart, named by their nodes' labels (or bare ids).

    >>> [(a.name, b.name) for a, b in mermaid_moves("graph LR\\n  a[Cook] -->|2 years| b(Chef) & c{Baker}")]
    [('Cook', 'Chef'), ('Cook', 'Baker')]
    """
    labels: dict[str, Mention] = {}
    chains: list[list[list[str]]] = []
    position = 0
    for line in code.split("\n"):
        for statement, offset in _statements(line, position):
            if not _SKIP.match(statement):
                chain = _statement(statement, offset, labels)
                if len(chain) > 1:
                    chains.append(chain)
        position += len(line) + 1
    moves: list[Move] = []
    for chain in chains:
        for lower, upper in zip(chain, chain[1:], strict=False):
            for a in lower:
                for b in upper:
                    if a in labels and b in labels and a != b:
                        moves.append((labels[a], labels[b]))
    return list(dict.fromkeys(moves))


def _statements(line: str, offset: int) -> Iterator[tuple[str, int]]:
    start = 0
    for part in line.split(";"):
        yield part, offset + start
        start += len(part) + 1


def _statement(text: str, offset: int, labels: dict[str, Mention]) -> list[list[str]]:
    """Groups of node ids joined by edges: ``a & b --> c`` is ``[[a, b], [c]]``."""
    chain: list[list[str]] = []
    position = 0
    while position < len(text):
        group, position = _group(text, position, offset, labels)
        if not group:
            break
        chain.append(group)
        edge = _EDGE.match(text, position)
        if not edge:
            break
        position = edge.end()
    return chain


def _group(text: str, position: int, offset: int, labels: dict[str, Mention]) -> tuple[list[str], int]:
    group: list[str] = []
    while True:
        node = _NODE.match(text, position)
        if not node or not node["id"]:
            return group, position
        node_id = node["id"]
        label_group = next((k for k, v in node.groupdict().items() if k.startswith("l") and v is not None), None)
        if label_group is not None:
            mention = _trim(text, node.start(label_group), node.end(label_group))
            if mention:
                labels[node_id] = Mention(mention.name, offset + mention.start, offset + mention.end)
        elif node_id not in labels:
            start = node.start("id")
            labels[node_id] = Mention(node_id, offset + start, offset + start + len(node_id))
        group.append(node_id)
        position = node.end()
        amp = re.match(r"\s*&\s*", text[position:])
        if not amp:
            return group, position
        position += amp.end()


# -- sentences ----------------------------------------------------------------

_STOP = frozenset("""
a an the this that these those their his her its our your my every each any some most many all both either neither
other another more few to from as for in on at into with by than like is are was were be been being become becomes
became can may might will would could should must has have had and or but then also often usually typically
eventually later experienced new successful good great typical aspiring future former current upcoming available
who which what when where while after before once who's it they them we you i one two three several if so not
""".split())
_WORD = re.compile(r"[A-Za-z][\w&/+'-]*")


#: A capitalized name before "job family", "track" or "role": "the Data Management job family".
_NAMED = re.compile(r"\b((?:[A-Z][\w&/+-]*\s+){0,3}[A-Z][\w&/+-]*)\s+(?:job family|career track|track|role)\b")


def known_pattern(names: list[str] | tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern finding any of ``names`` (normalized, lower case), plural or not, as whole words."""
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + alternatives + r")(?:s|es)?(?![\w-])", re.IGNORECASE)


def position_mentions(text: str, known: re.Pattern[str] | None = None) -> list[Mention]:
    """Positions a sentence names, in order: known names, role-head phrases, "<Name> job family".

    ``known`` (from `known_pattern`) finds names already known, even without a
    role head ("Data Management job family"). Where readings overlap the
    longest wins.

    >>> [m.name for m in position_mentions("an editorial assistant can become a staff reporter")]
    ['editorial assistant', 'staff reporter']
    """
    candidates: list[Mention] = []
    if known is not None:
        for match in known.finditer(text):
            candidates.append(Mention(match.group(), match.start(), match.end()))
    known_spans = list(candidates)
    for phrase in _head_phrases(text):
        candidates.append(_trimmed_to_known(text, phrase, known_spans))
    for match in _NAMED.finditer(text):
        if match.group(1).split()[0].casefold() not in _STOP:
            candidates.append(Mention(match.group(1), match.start(1), match.end(1)))
    # The longest reading wins: "Staff Engineer" over a known "Engineer" inside it.
    found: list[Mention] = []
    taken = [False] * len(text)
    for mention in sorted(candidates, key=lambda m: (m.start - m.end, m.start)):
        if not any(taken[mention.start:mention.end]):
            found.append(mention)
            taken[mention.start:mention.end] = [True] * (mention.end - mention.start)
    return sorted(found, key=lambda m: m.start)


def _trimmed_to_known(text: str, phrase: Mention, known: list[Mention]) -> Mention:
    """A head phrase cut back to the known name it ends with, unless the words before are part of a name.

    "expect senior engineers" is the known "senior engineers"; "Staff Engineer" stays itself.
    """
    seniority = vocabulary().seniority
    if re.search(r"\b(?:an?|the|our|their|every|each)\s+$", text[:phrase.start], re.IGNORECASE):
        return phrase  # a whole noun phrase after its article: "a line cook", not the known "cook"
    for mention in known:
        if phrase.start < mention.start and mention.end == phrase.end:
            extra = text[phrase.start:mention.start].split()
            if not all(w[:1].isupper() or w.casefold() in seniority for w in extra):
                return mention
    return phrase


def _head_phrases(text: str) -> Iterator[Mention]:
    words = list(_WORD.finditer(text))
    heads = vocabulary().role_heads
    i = 0
    while i < len(words):
        word = words[i]
        if head_word(word.group()) is None or word.group().casefold() in _STOP or _head_follows(text, words, i):
            i += 1
            continue
        first = i
        capital = word.group()[:1].isupper()
        while first > 0 and first > i - 3 and words[first - 1].group().casefold() not in _STOP \
                and text[words[first - 1].end():words[first].start()].strip() == "" \
                and words[first - 1].group()[:1].isupper() == capital:
            first -= 1
        last = i
        # "Director of Engineering", "Head of Design": the head comes first.
        if i + 2 < len(words) and words[i + 1].group() == "of" and words[i + 2].group()[:1].isupper():
            last = i + 2
            while last + 1 < len(words) and words[last + 1].group()[:1].isupper() \
                    and text[words[last].end():words[last + 1].start()] == " ":
                last += 1
        while last + 1 < len(words) and words[last + 1].group().casefold().rstrip("s") in heads \
                and text[words[last].end():words[last + 1].start()] == " ":
            last += 1
        start, end = words[first].start(), words[last].end()
        phrase = text[start:end]
        # A lone lower-case head is a position only after an article ("an editor").
        if len(phrase.split()) > 1 or phrase[:1].isupper() or re.search(r"\b(?:an?|the)\s+$", text[:start]):
            yield Mention(phrase, start, end)
        i = last + 1


def _head_follows(text: str, words: list[re.Match[str]], i: int) -> bool:
    """Whether the noun phrase goes on to a later head ("Associate Product Managers")."""
    for j in range(i + 1, min(i + 4, len(words))):
        if words[j].group().casefold() in _STOP or text[words[j - 1].end():words[j].start()] != " ":
            return False
        if head_word(words[j].group()) is not None:
            return True
    return False


_CUE = re.compile(
    r"\b(?:becomes?|became|be promoted to|(?:is|are|was|get|gets) promoted to|promoted to|promotion to"
    r"|mov(?:e|es|ing) (?:up )?(?:in)?to|progress(?:es|ing)? (?:in)?to|advanc(?:e|es|ing) to|grows? into"
    r"|steps? (?:up )?(?:in)?to(?: the role of)?|transition(?:s|ing)? (?:in)?to|go(?:es)? on to (?:become|be)"
    r"|graduat(?:e|es|ing) (?:in)?to|mov(?:e|es|ing) on to|rises? to|next step\b[^.]*?\bis)\b",
    re.IGNORECASE,
)
_FROM_TO = re.compile(r"\bfrom\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)
_TO = re.compile(r"^\s*(?:role\s+|position\s+|level\s+)?to\s+(?:either\s+)?(?:an?\s+|the\s+)?$", re.IGNORECASE)
_NEXT_STEP = re.compile(r"\bnext (?:step|level|rung|role|move)\b", re.IGNORECASE)
_IS = re.compile(
    r"^\s*(?:job family\s+|track\s+)?(?:is|are)\s+(?:to\s+(?:become|be)\s+)?(?:an?\s+|the\s+)?$", re.IGNORECASE
)
_OR = re.compile(r"(?:^|[\s,])(?:or|and)\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)


def sentence_moves(sentence: str, known: re.Pattern[str] | None = None) -> list[Move]:
    """Moves a progression sentence states ("A can become B or C", "promoted from A to B").

    >>> [(a.name, b.name) for a, b in sentence_moves("A senior reporter may become an editor, or a columnist.")]
    [('senior reporter', 'editor'), ('senior reporter', 'columnist')]
    """
    mentions = [m for m in position_mentions(sentence, known)]
    moves: list[Move] = []
    for i, source in enumerate(mentions[:-1]):
        target = mentions[i + 1]
        between = sentence[source.end:target.start]
        before = sentence[:source.start]
        stated = (
            (_CUE.search(between) and len(between) < 90)
            or (_FROM_TO.search(before) and _TO.match(between))
            or (_NEXT_STEP.search(before) and _IS.match(between))
        )
        if not stated:
            continue
        moves.append((source, target))
        for other in mentions[i + 2:]:
            gap = sentence[target.end:other.start]
            if not _OR.search(gap) or _CUE.search(gap) or len(gap) > 80:
                break
            moves.append((source, other))
            target = other
    return list(dict.fromkeys(moves))


_EXTENDS = re.compile(
    r"\bextends? the (?P<name>.+?) (?:role|level|position|job|responsibilities|requirements)\b", re.IGNORECASE
)


def extends_role(sentence: str) -> Mention | None:
    """The position a sentence says its own position extends ("… extend the Junior Analyst role").

    >>> extends_role("The responsibilities of the Analyst extend the Junior Analyst role and include:").name
    'Junior Analyst'
    """
    match = _EXTENDS.search(sentence)
    if not match:
        return None
    return Mention(match["name"], match.start("name"), match.end("name"))
