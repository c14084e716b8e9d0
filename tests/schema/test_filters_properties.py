"""Property tests: the indexed filters and orders agree with a plain Python filter over every entity."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import CareerGraph, Direction, Node, filters
from graph.filters import Related, Sort, SortField, Where, filter_page, ordered, resolve_where
from graph.model import KIND_ORDER
from seed.records import EntityKind, RelationType, normalize_name

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def holds(G: CareerGraph, where: Where, node: Node) -> bool:
    """``where`` on one node, clause by clause, the slow and obvious way."""
    keys = [normalize_name(name) for name in (node.name, *node.aliases)]
    checks = [
        where.kind is None or node.kind is where.kind,
        where.kind_in is None or node.kind in where.kind_in,
        where.name_contains is None or any(normalize_name(where.name_contains) in key for key in keys),
        where.name_prefix is None or any(key.startswith(normalize_name(where.name_prefix)) for key in keys),
        where.document is None or any(source.document == where.document for source in node.sources),
        where.related is None or any(
            relation.other == G.resolve(where.related.to).id
            for relation in G.relations(node.id, where.related.type, where.related.direction)),
        where.all_of is None or all(holds(G, child, node) for child in where.all_of),
        where.any_of is None or any(holds(G, child, node) for child in where.any_of),
        where.none_of is None or not holds(G, where.none_of, node),
    ]
    return all(checks)


def sort_key(G: CareerGraph, order: list[Sort]) -> Any:
    stable = {node.id: i for i, node in enumerate(G.entities())}

    def key(node: Node) -> tuple:
        values = {
            SortField.NAME: node.name.casefold(),
            SortField.KIND: KIND_ORDER.index(node.kind),
            SortField.DEGREE: len(G.relations(node.id)),
        }
        parts = []
        for sort in _first_of_each(order):
            value = values[sort.field]
            parts.append(_Reversed(value) if sort.descending else value)
        return (*parts, stable[node.id])

    return key


def _first_of_each(order: list[Sort]) -> list[Sort]:
    seen: dict[SortField, Sort] = {}
    for sort in order:
        seen.setdefault(sort.field, sort)
    return list(seen.values())


class _Reversed:
    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: _Reversed) -> bool:
        return other.value < self.value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reversed) and other.value == self.value


def wheres(G: CareerGraph) -> st.SearchStrategy[Where]:
    """Filters over what ``G`` holds: its kinds, pieces of its names, its documents and entities."""
    names = sorted({name for node in G.entities() for name in (node.name, *node.aliases)})
    pieces = st.tuples(st.integers(0, len(names) - 1), st.integers(0, 40), st.integers(1, 12)).map(
        lambda cut: names[cut[0]][cut[1]: cut[1] + cut[2]]).filter(lambda piece: bool(piece.strip()))
    ids = [node.id for node in G.entities()]
    related = st.builds(Related, to=st.integers(0, len(ids) - 1).map(ids.__getitem__),
                        type=st.none() | st.sampled_from(list(RelationType)),
                        direction=st.sampled_from(list(Direction)))
    leaves = st.one_of(
        st.builds(Where, kind=st.sampled_from(list(EntityKind))),
        st.builds(Where, kind_in=st.lists(st.sampled_from(list(EntityKind)), max_size=3).map(tuple)),
        st.builds(Where, name_contains=pieces),
        st.builds(Where, name_prefix=pieces),
        st.builds(Where, document=st.sampled_from([document.name for document in G.documents])),
        st.builds(Where, related=related),
    )
    return st.recursive(leaves, lambda children: st.one_of(
        st.builds(Where, all_of=st.lists(children, max_size=3).map(tuple)),
        st.builds(Where, any_of=st.lists(children, max_size=3).map(tuple)),
        st.builds(Where, none_of=children),
        st.builds(Where, kind=st.none() | st.sampled_from(list(EntityKind)), none_of=children,
                  related=st.none() | related),
    ), max_leaves=8)


sorts = st.lists(st.builds(Sort, field=st.sampled_from(list(SortField)), descending=st.booleans()), max_size=3)


@pytest.fixture(params=["seed", "guides", "guides-name-index"])
def graph(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> CareerGraph:
    """A small graph; "-name-index": substrings always searched in the name index, never candidate by candidate."""
    if request.param.endswith("-name-index"):
        monkeypatch.setattr(filters, "_SCAN_LIMIT", 0)
    return request.getfixturevalue(f"{request.param.split('-')[0]}_graph")


@SETTINGS
@given(data=st.data())
def test_filters_agree_with_a_plain_filter_over_every_entity(graph: CareerGraph, data: st.DataObject) -> None:
    where = data.draw(wheres(graph))
    order = data.draw(sorts)
    expected = sorted((node for node in graph.entities() if holds(graph, where, node)), key=sort_key(graph, order))
    assert [node.id for node in ordered(graph, where, order)] == [node.id for node in expected]


@SETTINGS
@given(data=st.data())
def test_filter_pages_cover_the_whole_list_in_order(graph: CareerGraph, data: st.DataObject) -> None:
    where = resolve_where(graph, data.draw(wheres(graph)))
    order = data.draw(sorts)
    first = data.draw(st.integers(1, 7))
    whole = ordered(graph, where, order)
    seen, after = [], None
    for _ in range(len(whole) + 1):
        page = filter_page(graph, where, order, first, after)
        assert page.total == len(whole)
        seen += page.nodes
        if not page.has_next:
            break
        after = page.positions[-1]
    assert seen == whole
