"""Ranked, typo-tolerant search over the career graph's entities.

Why SQLite FTS5, trigrams and difflib
-------------------------------------
Search has to rank, not only filter. BM25 is the standard ranking for keyword
search over short documents, and SQLite's FTS5 (in the standard library's
``sqlite3``, no new dependency) implements it with per-column weights, so a hit
in a name outweighs one in a quoted source. Its ``porter unicode61
remove_diacritics 2`` tokenizer folds case, accents and English suffixes
("roadmaps" finds "roadmap"). A substring loop does none of that, cannot rank,
and rescans every text on every query.

FTS5 matches whole indexed tokens, so partial words and typos are resolved
before a query reaches it. Each query word becomes a group of alternatives: the
indexed words it begins ("securit" reaches "security", which a plain FTS5
prefix query misses because porter stored the stem "secur"), and, for a word
the index has never seen, its closest indexed words ("secruity" becomes
"security"). Those words are found with a trigram inverted index over the
vocabulary, which is read from an ``fts5vocab`` table so it holds exactly the
tokens SQLite indexed. A `difflib` ratio then chooses among the few candidates.
Trigrams only look at words that share a trigram with the query, while
`difflib.get_close_matches` compares against the whole vocabulary on every call.
`suggest_names` uses the same trigram index over names and aliases, which keeps
it fast on graphs with 100,000 nodes.

User text never reaches ``MATCH`` raw: every alternative is a double-quoted
string made of word characters only, so FTS5 syntax (``AND``, ``NEAR(``, ``*``,
``-``, ``:``, quotes) is either an ordinary word or dropped.
"""

from __future__ import annotations

import difflib
import heapq
import re
import sqlite3
import sys
import threading
import unicodedata
import weakref
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from graph.errors import InvalidArgument
from graph.model import KIND_ORDER, CareerGraph, Node
from seed.records import EntityKind, normalize_name

__all__ = [
    "MAX_LIMIT",
    "MAX_NAME_LENGTH",
    "MAX_TERMS",
    "MAX_TERM_LENGTH",
    "MAX_TEXT_LENGTH",
    "SearchHit",
    "SearchIndex",
    "query_words",
    "search",
    "search_index",
    "suggest_names",
]

#: Characters of the query text read; the rest is ignored.
MAX_TEXT_LENGTH = 10_000
#: Distinct query words considered. Later words are ignored, so a 10,000-character
#: query costs no more than a short one.
MAX_TERMS = 16
#: Characters kept of each query word. Longer words are cut.
MAX_TERM_LENGTH = 64
#: Characters of a misspelled name compared by `suggest_names`.
MAX_NAME_LENGTH = 256
#: The largest ``limit`` (GraphQL ``first``) accepted.
MAX_LIMIT = 100

_COLUMN_WEIGHTS = (10.0, 8.0, 2.0, 1.0)  # BM25 weights of name, aliases, description, sources
_MAX_CANDIDATES = 1000  # entities ranked per query: bounds the work on large graphs
_MIN_PREFIX_LENGTH = 2  # shorter words match only whole words ("a" is not a prefix of everything)
_MIN_FUZZY_LENGTH = 4  # shorter words are not corrected: "ux" has too many close neighbours
_MAX_PREFIX_WORDS = 16  # indexed words one partial word expands to, most frequent first
_MAX_FUZZY_WORDS = 3
_FUZZY_CUTOFF = 0.75  # difflib ratio a correction needs ("secruity" ~ "security" is 0.875)
_SUGGEST_CUTOFF = 0.5  # same cutoff as `CareerGraph.suggest`
_SHORTLIST = 64  # trigram candidates re-ranked with difflib
_ALIAS_FACTOR = 0.9  # a name match beats the same alias match
_RELEVANCE_HALF = 1.0  # BM25 relevance that earns half of the text score
_WORD = re.compile(r"[^\W_]+")  # letters and digits, as FTS5's unicode61 tokenizer splits
_KIND_RANK = {kind: rank for rank, kind in enumerate(KIND_ORDER)}


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result: an entity and its score (positive, higher is better)."""

    node: Node
    score: float


def search(G: CareerGraph, text: str, kinds: Iterable[EntityKind] | None = None, limit: int = 10,
           offset: int = 0) -> list[SearchHit]:
    """The entities best matching ``text``, best first.

    Words match names, aliases, descriptions and source text, as prefixes and
    with typos corrected. The score adds a text part (BM25, scaled by the share
    of query words the entity matches) and a name part (how closely a name or
    alias matches the query words), so exact names come first. Ties go to
    kind order, then name. Empty or punctuation-only text gives ``[]``.

    Parameters
    ----------
    G : CareerGraph
    text : str
        Free text. Only its first `MAX_TEXT_LENGTH` characters and first
        `MAX_TERMS` distinct words count, each cut to `MAX_TERM_LENGTH`.
    kinds : iterable of EntityKind, optional
        Only return entities of these kinds. None means every kind; an empty
        collection matches nothing.
    limit : int
        The most hits to return, 1 to `MAX_LIMIT`.
    offset : int
        Hits of better rank to skip (a page of results); the ranking is the
        same whatever the offset, so pages neither repeat nor skip a hit.

    Raises
    ------
    InvalidArgument
        If ``limit`` is out of range (reported as the GraphQL argument ``first``).

    Example
    -------
    >>> from graph import load_graph
    >>> g = load_graph()
    >>> [hit.node.name for hit in search(g, "secruity", limit=2)]
    ['Security Technical Product Manager', 'Security Engineers']
    """
    return search_index(G).search(text, kinds, limit, offset)


def suggest_names(G: CareerGraph, name: str, kinds: Iterable[EntityKind] | None = None, limit: int = 5) -> list[str]:
    """Canonical names closest to a misspelled ``name``, best first.

    Names and aliases beginning with ``name`` come first, then the closest by
    `difflib` ratio (at least 0.5, as in `CareerGraph.suggest`) among those
    sharing the most trigrams with it. Unlike `CareerGraph.suggest`, the cost
    grows with the names sharing a trigram with ``name``, not with the graph.

    Parameters
    ----------
    G : CareerGraph
    name : str
        A name or alias, possibly misspelled. Only its first `MAX_NAME_LENGTH`
        characters count.
    kinds : iterable of EntityKind, optional
        Only suggest names of these kinds. None means every kind.
    limit : int
        The most names to return, 1 to `MAX_LIMIT`.

    Raises
    ------
    InvalidArgument
        If ``limit`` is not between 1 and `MAX_LIMIT`.

    Example
    -------
    >>> from graph import load_graph
    >>> suggest_names(load_graph(), "Product Analist", limit=1)
    ['Product Analyst']
    """
    return search_index(G).suggest_names(name, kinds, limit)


_INDEXES: weakref.WeakKeyDictionary[CareerGraph, SearchIndex] = weakref.WeakKeyDictionary()
_INDEXES_LOCK = threading.Lock()


def search_index(G: CareerGraph) -> SearchIndex:
    """The `SearchIndex` of ``G``, built on first use and kept while ``G`` lives.

    Example
    -------
    >>> from graph import load_graph
    >>> g = load_graph()
    >>> search_index(g) is search_index(g)
    True
    """
    with _INDEXES_LOCK:
        index = _INDEXES.get(G)
        if index is None:
            index = _INDEXES[G] = SearchIndex(G.entities())
        return index


@dataclass(frozen=True, slots=True)
class _Term:
    """One query word and the FTS5 expression matching it."""

    word: str
    expression: str
    fuzzy: dict[str, float]  # corrections of an unknown word, by difflib ratio
    weight: float


class SearchIndex:
    """Full-text and name indexes over some nodes: build once, query from any thread.

    Holds the nodes, not the graph, so the cache in `search_index` lets the
    graph be collected. One in-memory SQLite connection is shared by all
    threads, and a lock serializes its use.

    Example
    -------
    >>> from graph import load_graph
    >>> index = SearchIndex(load_graph().entities())
    >>> index.search("senior tpm", limit=1)[0].node.name
    'Senior Technical Product Manager'
    """

    def __init__(self, nodes: Sequence[Node]) -> None:
        self._nodes = tuple(nodes)
        self._names = [_name_words(node) for node in self._nodes]
        self._db, words = _database(self._nodes)
        weakref.finalize(self, self._db.close)
        self._lock = threading.Lock()
        self._vocabulary = _Vocabulary(words)
        self._by_kind = {kind: _NameIndex([n for n in self._nodes if n.kind is kind]) for kind in KIND_ORDER}

    def search(self, text: str, kinds: Iterable[EntityKind] | None = None, limit: int = 10,
               offset: int = 0) -> list[SearchHit]:
        """See `search`."""
        _check_limit("first", limit)
        if offset < 0:
            raise InvalidArgument("after", f"offset must not be negative, got {offset}")
        allowed = None if kinds is None else sorted({kind.value for kind in kinds})
        terms = [self._term(word) for word in query_words(text)]
        if not terms or allowed == []:
            return []
        found = self._match(terms, allowed)
        hits = [self._hit(rowid, terms, relevance, coverage) for rowid, relevance, coverage in found]
        return heapq.nsmallest(offset + limit, hits, key=_hit_order)[offset:]

    def suggest_names(self, name: str, kinds: Iterable[EntityKind] | None = None, limit: int = 5) -> list[str]:
        """See `suggest_names`."""
        _check_limit("limit", limit)
        key = normalize_name(name)[:MAX_NAME_LENGTH]
        if not key:
            return []
        allowed = KIND_ORDER if kinds is None else sorted(set(kinds), key=_KIND_RANK.__getitem__)
        ranked = sorted(
            (rank, _KIND_RANK[kind], found)
            for kind in allowed
            for rank, found in self._by_kind[kind].closest(key, limit)
        )
        return list(dict.fromkeys(found for *_, found in ranked))[:limit]

    def _term(self, word: str) -> _Term:
        prefixed, complete = self._vocabulary.starting_with(word, _MAX_PREFIX_WORDS)
        fuzzy: dict[str, float] = {}
        if not prefixed and len(word) >= _MIN_FUZZY_LENGTH:
            fuzzy = dict(self._vocabulary.closest(word, _MAX_FUZZY_WORDS, _FUZZY_CUTOFF))
        phrases = [f'"{found}"' for found in (*prefixed, *fuzzy)]
        if not complete or not prefixed:
            # Porter stems whole words only: "roadmaps"* finds "roadmap", which no indexed word begins with.
            phrases.append(f'"{word}"*' if len(word) >= _MIN_PREFIX_LENGTH else f'"{word}"')
        return _Term(word, " OR ".join(phrases), fuzzy, max(fuzzy.values(), default=1.0))

    def _match(self, terms: Sequence[_Term], kinds: Sequence[str] | None) -> list[tuple[int, float, float]]:
        """(rowid, BM25 relevance, weighted share of the terms matched) of the best candidates."""
        sql = _match_sql(len(terms), None if kinds is None else len(kinds))
        any_term = " OR ".join(f"({term.expression})" for term in terms)
        each_term = [value for term in terms for value in (term.weight / len(terms), term.expression)]
        with self._lock:
            return self._db.execute(sql, (any_term, *(kinds or ()), _MAX_CANDIDATES, *each_term)).fetchall()

    def _hit(self, rowid: int, terms: Sequence[_Term], relevance: float, coverage: float) -> SearchHit:
        text = coverage * relevance / (relevance + _RELEVANCE_HALF)
        name = max(factor * _name_match(terms, words) for words, factor in self._names[rowid])
        return SearchHit(self._nodes[rowid], name + text)


def _check_limit(argument: str, limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidArgument.out_of_range(argument, limit, 1, MAX_LIMIT)


def _match_sql(terms: int, kinds: int | None) -> str:
    """One round trip: the best candidates for any term by BM25, then which terms each matches.

    BM25 over the OR of all terms already favours entities matching more of
    them; the join measures that share exactly, which ranking per term could
    not for entities outside each term's own top rows.
    """
    kind_filter = "" if kinds is None else f"AND kind IN ({', '.join('?' * kinds)})"
    each_term = " UNION ALL ".join(["SELECT ? AS weight, rowid FROM entities WHERE entities MATCH ?"] * terms)
    return f"""
        WITH candidates AS (
            SELECT rowid, -rank AS relevance FROM entities
            WHERE entities MATCH ? {kind_filter} ORDER BY rank LIMIT ?),
        matches AS ({each_term})
        SELECT rowid, relevance, sum(weight) FROM candidates JOIN matches USING (rowid) GROUP BY rowid
    """


def query_words(text: str) -> list[str]:
    """The distinct words of ``text`` that a search considers, folded like the index.

    Example
    -------
    >>> query_words('Sécurity AND "NEAR(infra*" -x: security')
    ['security', 'and', 'near', 'infra', 'x']
    """
    words: list[str] = []
    for match in _WORD.finditer(_fold(text[:MAX_TEXT_LENGTH])):
        word = match.group()[:MAX_TERM_LENGTH]
        if word not in words:
            words.append(word)
            if len(words) == MAX_TERMS:
                break
    return words


def _fold(text: str) -> str:
    """Lower case without diacritics, as ``unicode61 remove_diacritics 2`` does."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _name_words(node: Node) -> tuple[tuple[tuple[str, ...], float], ...]:
    """The words of a node's name and of each alias, with the weight of a match on them.

    Words are interned: names share most of their words ("product", "manager"),
    and a large graph would otherwise hold a copy of each word per name.
    """
    return ((_interned_words(node.name), 1.0),
            *((_interned_words(alias), _ALIAS_FACTOR) for alias in node.aliases))


def _interned_words(text: str) -> tuple[str, ...]:
    return tuple(map(sys.intern, _WORD.findall(_fold(text))))


def _database(nodes: Sequence[Node]) -> tuple[sqlite3.Connection, dict[str, int]]:
    """An in-memory FTS5 index of the nodes (rowid = position), and its vocabulary."""
    db = sqlite3.connect(":memory:", check_same_thread=False)
    weights = ", ".join(map(str, (*_COLUMN_WEIGHTS, 0.0)))
    db.executescript(
        f"""
        CREATE VIRTUAL TABLE entities USING fts5(
            name, aliases, description, sources, kind UNINDEXED,
            tokenize = 'porter unicode61 remove_diacritics 2');
        INSERT INTO entities(entities, rank) VALUES ('rank', 'bm25({weights})');
        CREATE VIRTUAL TABLE words USING fts5(
            text, content = '', detail = none, tokenize = 'unicode61 remove_diacritics 2');
        CREATE VIRTUAL TABLE vocabulary USING fts5vocab(words, 'row');
        """
    )
    rows = [_row(rowid, node) for rowid, node in enumerate(nodes)]
    db.executemany(
        "INSERT INTO entities(rowid, name, aliases, description, sources, kind) VALUES (?, ?, ?, ?, ?, ?)", rows
    )
    db.executemany("INSERT INTO words(rowid, text) VALUES (?, ?)", [(row[0], "\n".join(row[1:5])) for row in rows])
    words = dict(db.execute("SELECT term, doc FROM vocabulary"))
    db.executescript("DROP TABLE vocabulary; DROP TABLE words;")  # the unstemmed words now live in Python
    return db, words


def _row(rowid: int, node: Node) -> tuple[int, str, str, str, str, str]:
    sources = "\n".join(dict.fromkeys(source.text for source in node.sources))
    return (rowid, node.name, "\n".join(node.aliases), node.description or "", sources, node.kind.value)


def _hit_order(hit: SearchHit) -> tuple[float, int, str, str]:
    return (-hit.score, _KIND_RANK[hit.node.kind], hit.node.name.casefold(), hit.node.id)


def _name_match(terms: Sequence[_Term], words: Sequence[str]) -> float:
    """How well the query words match one name, 0 to 1: like a Dice overlap of words."""
    if not words:
        return 0.0
    best = sum(max(_word_match(term, word) for word in words) for term in terms)
    return best / max(len(terms), len(words))


def _word_match(term: _Term, word: str) -> float:
    if word == term.word:
        return 1.0
    if len(term.word) >= _MIN_PREFIX_LENGTH and word.startswith(term.word):
        return 0.5 + 0.5 * len(term.word) / len(word)
    return term.fuzzy.get(word, 0.0)


class _Vocabulary:
    """The indexed words, for prefix expansion and typo correction."""

    def __init__(self, counts: dict[str, int]) -> None:
        self._counts = counts
        self._words = sorted(counts)
        self._trigrams = _TrigramIndex(self._words)

    def starting_with(self, prefix: str, limit: int) -> tuple[list[str], bool]:
        """The most frequent words starting with ``prefix``, and whether that is all of them."""
        if len(prefix) < _MIN_PREFIX_LENGTH:
            return ([prefix] if prefix in self._counts else []), True
        start = bisect_left(self._words, prefix)
        end = bisect_left(self._words, prefix + "\U0010ffff", lo=start)
        found = heapq.nsmallest(limit, self._words[start:end], key=lambda word: (-self._counts[word], word))
        return found, end - start <= limit

    def closest(self, word: str, limit: int, cutoff: float) -> list[tuple[str, float]]:
        return [(found, ratio) for ratio, _, found in self._trigrams.closest(word, cutoff)[:limit]]


class _NameIndex:
    """Normalized names and aliases of one kind's nodes, for `suggest_names`."""

    def __init__(self, nodes: Sequence[Node]) -> None:
        names: dict[str, list[str]] = defaultdict(list)
        for node in nodes:
            for key in dict.fromkeys(normalize_name(text) for text in (node.name, *node.aliases)):
                names[key].append(node.name)
        self._names = {key: tuple(found) for key, found in names.items()}  # tuples: no room to grow
        self._keys = sorted(self._names)
        self._trigrams = _TrigramIndex(self._keys)

    def closest(self, key: str, limit: int) -> list[tuple[tuple[bool, float], str]]:
        """Canonical names near ``key``, each with a sort key: names beginning with it, then by ratio."""
        start = bisect_left(self._keys, key)
        starts = [found for found in self._keys[start : start + limit] if found.startswith(key)]
        ratios = {found: ratio for ratio, _, found in self._trigrams.closest(key, _SUGGEST_CUTOFF)}
        return [
            ((not found.startswith(key), -ratios.get(found, 0.0)), name)
            for found in {*starts, *ratios}
            for name in self._names[found]
        ]


class _TrigramIndex:
    """Strings by their trigrams: finds near strings without comparing against all of them.

    Postings are arrays of 4-byte positions where lists would hold 8-byte
    pointers (and grow in larger steps): on a 100,000-position graph the
    trigram indexes take about 26 MB less (docs/performance.md).
    """

    def __init__(self, keys: Sequence[str]) -> None:
        self._keys = keys
        self._sizes = array("I")
        postings: dict[str, array[int]] = {}
        for position, key in enumerate(keys):
            grams = _trigrams(key)
            self._sizes.append(len(grams))
            for gram in grams:
                found = postings.get(gram)
                if found is None:
                    found = postings[gram] = array("I")
                found.append(position)
        self._postings = postings

    def closest(self, text: str, cutoff: float) -> list[tuple[float, float, str]]:
        """(difflib ratio, trigram overlap, key) of the near keys, best first.

        Shortlists the keys with the largest Dice overlap of trigrams, then
        keeps those whose `difflib` ratio reaches ``cutoff``.
        """
        grams = _trigrams(text)
        shared: Counter[int] = Counter()
        for gram in grams:
            shared.update(self._postings.get(gram, ()))
        sizes, size = self._sizes, len(grams)
        shortlist = heapq.nlargest(_SHORTLIST, shared.items(), key=lambda item: item[1] / (size + sizes[item[0]]))
        matcher = difflib.SequenceMatcher(b=text)
        found = []
        for position, count in shortlist:
            matcher.set_seq1(self._keys[position])
            # The quick upper bounds skip most full comparisons, as `difflib.get_close_matches` does.
            quick = matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff
            if quick and (ratio := matcher.ratio()) >= cutoff:
                found.append((ratio, 2 * count / (size + sizes[position]), self._keys[position]))
        return sorted(found, key=lambda item: (-item[0], -item[1], item[2]))


def _trigrams(text: str) -> list[str]:
    """Distinct trigrams of ``text`` padded like PostgreSQL's pg_trgm, sorted for determinism."""
    padded = f"  {text} "
    return sorted({padded[i : i + 3] for i in range(len(padded) - 2)})
