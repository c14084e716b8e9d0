"""The memos of GraphQL answers stay within their budget, counted in objects."""

from __future__ import annotations

from graph import load_graph
from schema import create_schema
from schema.context import Context
from schema.memo import Memo, memo_of


def test_memo_answers_a_key_it_has_seen_without_making_it_again() -> None:
    memo = Memo(10)
    made: list[str] = []

    def make() -> str:
        made.append("x")
        return "answer"

    assert memo.get("key", make) == "answer"
    assert memo.get("key", make) == "answer"
    assert made == ["x"]


def test_memo_counts_an_answer_as_the_objects_it_holds_and_starts_afresh_when_full() -> None:
    memo = Memo(100)
    for i in range(3):
        memo.get(("page", i), lambda: list(range(30)), lambda page: 1 + len(page))
    assert memo.size == 93
    memo.get(("page", 3), lambda: list(range(30)), lambda page: 1 + len(page))
    assert list(memo.items) == [("page", 3)]
    assert memo.size == 31


def test_memo_of_a_graph_counts_each_page_as_its_edges_and_stays_within_its_budget() -> None:
    graph = load_graph()  # a graph of its own: an empty memo
    schema = create_schema()
    query = "query P($p: String) { entities(first: 100, namePrefix: $p) { nodes { name } } }"
    for prefix in ("s", "t", "c", "p", "e", "m", "a", "d", "i", "r"):
        result = schema.execute_sync(query, {"p": prefix}, context_value=Context(graph))
        assert result.errors is None
    memo = memo_of(graph)
    assert len(memo.items) == 10
    assert memo.size == sum(1 + len(page.edges) for page in memo.items.values()) <= memo.entries
