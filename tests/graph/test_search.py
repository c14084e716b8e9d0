"""Ranked, typo-tolerant search and fast name suggestions over the built graph."""

from __future__ import annotations

import gc
import time
import weakref
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.build import build_graph
from graph.errors import InvalidArgument
from graph.model import KIND_ORDER, CareerGraph
from graph.search import (
    MAX_LIMIT,
    MAX_TERM_LENGTH,
    MAX_TERMS,
    SearchHit,
    query_words,
    search,
    search_index,
    suggest_names,
)
from seed import EntityKind, Extraction

INFRASTRUCTURE = "specialization/infrastructure-technical-product-manager"
SECURITY = "specialization/security-technical-product-manager"
ROADMAPS = {
    "responsibility/managing-the-product-roadmap-and-adjusting-priorities-based-on-changing-market-conditions",
    "responsibility/managing-the-product-roadmap-prioritizing-features-and-tasks-based-on-strategic-importance"
    "-and-resource-availability",
}
#: Input that would be FTS5 syntax, or break a naive query, if passed to MATCH raw.
HOSTILE = [
    pytest.param('"', id="quote"),
    pytest.param('"unbalanced', id="unbalanced-quote"),
    pytest.param("*", id="star"),
    pytest.param("infra*", id="prefix-star"),
    pytest.param("NEAR(", id="near"),
    pytest.param("NEAR(security roadmap, 2)", id="near-call"),
    pytest.param("security AND OR NOT", id="operators"),
    pytest.param("-security", id="minus"),
    pytest.param("name:security", id="column-filter"),
    pytest.param("{name aliases}: tpm", id="column-set"),
    pytest.param("^senior", id="caret"),
    pytest.param("a + b", id="plus"),
    pytest.param("'; DROP TABLE entities; --", id="sql"),
    pytest.param("\x00\ud800\U0001f600", id="nul-surrogate-emoji"),
    pytest.param("Sécurité ÜX ﬁle 日本語", id="unicode"),
    pytest.param("x" * 10_000, id="one-long-word"),
    pytest.param("security " * 1_250, id="long-repeated"),
    pytest.param(" ".join(f"w{i}" for i in range(2_000)), id="many-words"),
]


def node_ids(hits: list[SearchHit]) -> list[str]:
    return [hit.node.id for hit in hits]


@pytest.mark.parametrize(
    ("text", "node_id"),
    [
        pytest.param("infra", INFRASTRUCTURE, id="partial-word"),
        pytest.param("Security", SECURITY, id="alias-beats-name-word"),
        pytest.param("senior tpm", "role/senior-technical-product-manager", id="alias-of-two-words"),
        pytest.param("UX designers", "team/ux-ui-designers", id="alias-of-team"),
        pytest.param("tpm", "role/technical-product-manager", id="abbreviation"),
        pytest.param("product analist", "role/product-analyst", id="typo"),
        pytest.param("SÉCURITY", SECURITY, id="case-and-accents"),
    ],
)
def test_search_ranks_best_match_first(seed_graph: CareerGraph, text: str, node_id: str) -> None:
    assert node_ids(search(seed_graph, text))[0] == node_id


@pytest.mark.parametrize("text", [pytest.param("secruity", id="transposed"), pytest.param("securit", id="partial")])
def test_search_finds_security_when_misspelled(seed_graph: CareerGraph, text: str) -> None:
    assert node_ids(search(seed_graph, text, limit=3))[:2] == [SECURITY, "team/security-engineers"]


@pytest.mark.parametrize("text", [pytest.param("roadmap", id="singular"), pytest.param("roadmaps", id="plural")])
def test_search_finds_roadmap_responsibilities(seed_graph: CareerGraph, text: str) -> None:
    assert set(node_ids(search(seed_graph, text, limit=2))) == ROADMAPS


def test_search_matches_description_text(seed_graph: CareerGraph) -> None:
    ids = node_ids(search(seed_graph, "artificial intelligence"))
    assert "specialization/ai-ml-technical-product-manager" in ids


def test_search_filters_by_kinds(seed_graph: CareerGraph) -> None:
    hits = search(seed_graph, "security", kinds=[EntityKind.TEAM, EntityKind.SKILL])
    assert hits and {hit.node.kind for hit in hits} <= {EntityKind.TEAM, EntityKind.SKILL}
    assert node_ids(hits)[0] == "team/security-engineers"


def test_search_returns_nothing_when_kinds_empty(seed_graph: CareerGraph) -> None:
    assert search(seed_graph, "security", kinds=[]) == []


def test_search_respects_limit(seed_graph: CareerGraph) -> None:
    assert len(search(seed_graph, "product", limit=3)) == 3
    assert len(search(seed_graph, "product", limit=MAX_LIMIT)) > 10


def test_search_orders_by_score_then_kind_then_name(seed_graph: CareerGraph) -> None:
    hits = search(seed_graph, "product manager design", limit=MAX_LIMIT)
    keys = [(-hit.score, KIND_ORDER.index(hit.node.kind), hit.node.name.casefold()) for hit in hits]
    assert len(hits) > 20 and keys == sorted(keys)
    assert all(hit.score > 0 for hit in hits)


def test_search_is_deterministic(seed_graph: CareerGraph) -> None:
    assert search(seed_graph, "engineering teams", limit=20) == search(seed_graph, "engineering teams", limit=20)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param(" \t\n", id="whitespace"),
        pytest.param("!?/-*()\"'", id="punctuation"),
    ],
)
def test_search_returns_nothing_for_text_without_words(seed_graph: CareerGraph, text: str) -> None:
    assert search(seed_graph, text) == []


@pytest.mark.parametrize("text", HOSTILE)
def test_search_survives_hostile_input_quickly(seed_graph: CareerGraph, text: str) -> None:
    search_index(seed_graph)
    started = time.perf_counter()
    hits = search(seed_graph, text)
    assert time.perf_counter() - started < 0.5
    assert all(isinstance(hit, SearchHit) and hit.score > 0 for hit in hits)


@pytest.mark.parametrize(
    "limit", [pytest.param(0, id="zero"), pytest.param(-1, id="negative"), pytest.param(101, id="over")]
)
def test_search_rejects_limit_out_of_range(seed_graph: CareerGraph, limit: int) -> None:
    with pytest.raises(InvalidArgument, match=rf"invalid first: must be between 1 and 100, got {limit}") as caught:
        search(seed_graph, "tpm", limit=limit)
    assert caught.value.argument == "first"


@pytest.mark.parametrize("limit", [1, MAX_LIMIT])
def test_search_accepts_limit_bounds(seed_graph: CareerGraph, limit: int) -> None:
    assert 1 <= len(search(seed_graph, "tpm", limit=limit)) <= limit


def test_search_index_is_built_once_per_graph(seed_graph: CareerGraph, seed_extraction: Extraction) -> None:
    assert search_index(seed_graph) is search_index(seed_graph)
    assert search_index(build_graph([seed_extraction])) is not search_index(seed_graph)


def test_search_index_lets_its_graph_be_collected(seed_extraction: Extraction) -> None:
    graph = build_graph([seed_extraction])
    search(graph, "tpm")
    collected = weakref.ref(graph)
    del graph
    gc.collect()
    assert collected() is None


def test_search_index_answers_from_many_threads(seed_graph: CareerGraph) -> None:
    texts = ["infra", "secruity", "roadmap", "senior tpm", "UX designers", "product"] * 20
    expected = [search(seed_graph, text) for text in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(lambda text: search(seed_graph, text), texts)) == expected


@pytest.mark.parametrize(
    ("text", "node_id"),
    [
        pytest.param("data scientst", "role/data-scientist", id="typo"),
        pytest.param("machine lerning", "specialization/machine-learning-data-scientist", id="typo-in-second-word"),
    ],
)
def test_search_ranks_best_match_first_in_a_multi_guide_graph(
    guides_graph: CareerGraph, text: str, node_id: str
) -> None:
    assert node_ids(search(guides_graph, text))[0] == node_id


def test_query_words_folds_and_caps_terms() -> None:
    words = query_words(" ".join(f"Wörd{i}" for i in range(40)) + " " + "y" * 500)
    assert words == [f"word{i}" for i in range(MAX_TERMS)]
    assert query_words("y" * 500) == ["y" * MAX_TERM_LENGTH]
    assert query_words('tpm TPM "tpm*"') == ["tpm"]


@settings(max_examples=100, deadline=None)
@given(
    text=st.text(max_size=300)
    | st.lists(st.sampled_from(['"', "*", "AND", "OR", "NOT", "NEAR(", ")", "-", ":", "^", "tpm", "secu"])).map(
        " ".join
    ),
    kinds=st.none() | st.sets(st.sampled_from(list(EntityKind))),
    limit=st.integers(1, MAX_LIMIT),
)
def test_search_never_raises_and_orders_positive_scores(
    seed_graph: CareerGraph, text: str, kinds: set[EntityKind] | None, limit: int
) -> None:
    hits = search(seed_graph, text, kinds, limit)
    scores = [hit.score for hit in hits]
    assert len(hits) <= limit and all(score > 0 for score in scores)
    assert scores == sorted(scores, reverse=True)
    assert kinds is None or all(hit.node.kind in kinds for hit in hits)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("Product Analist", "Product Analyst", id="typo"),
        pytest.param("secruity engineers", "Security Engineers", id="transposition"),
        pytest.param("Senior Tecnical Product Manger", "Senior Technical Product Manager", id="two-typos"),
        pytest.param("ux designer", "UX/UI Designers", id="alias"),
        pytest.param("Infra", "Infrastructure Technical Product Manager", id="prefix"),
    ],
)
def test_suggest_names_finds_close_canonical_names(seed_graph: CareerGraph, name: str, expected: str) -> None:
    assert expected in suggest_names(seed_graph, name)


def test_suggest_names_ranks_closest_first(seed_graph: CareerGraph) -> None:
    assert suggest_names(seed_graph, "Product Analist")[0] == "Product Analyst"


def test_suggest_names_filters_by_kinds(seed_graph: CareerGraph) -> None:
    assert suggest_names(seed_graph, "Product Analist", kinds=[EntityKind.SKILL]) == ["Product management principles"]


@pytest.mark.parametrize("name", [pytest.param("", id="empty"), pytest.param("zzzzqqqq", id="nothing-close")])
def test_suggest_names_returns_nothing_when_nothing_is_close(seed_graph: CareerGraph, name: str) -> None:
    assert suggest_names(seed_graph, name) == []


@pytest.mark.parametrize("limit", [pytest.param(0, id="zero"), pytest.param(101, id="over")])
def test_suggest_names_rejects_limit_out_of_range(seed_graph: CareerGraph, limit: int) -> None:
    with pytest.raises(InvalidArgument, match=r"invalid limit: must be between 1 and 100"):
        suggest_names(seed_graph, "tpm", limit=limit)


@settings(max_examples=100, deadline=None)
@given(name=st.text(max_size=300), limit=st.integers(1, MAX_LIMIT))
def test_suggest_names_never_raises(seed_graph: CareerGraph, name: str, limit: int) -> None:
    names = suggest_names(seed_graph, name, limit=limit)
    assert len(names) <= limit and len(set(names)) == len(names)
