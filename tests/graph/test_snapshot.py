"""Snapshots (node-link JSON with provenance) and GraphML export."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph.errors import CareerGraphError, SnapshotError
from graph.model import CareerGraph
from graph.snapshot import FORMAT, graph_to_json, is_snapshot, read_snapshot, write_graphml, write_snapshot


def _write(graph: CareerGraph, path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        write_snapshot(graph, out)
    return path


def _edges(graph: CareerGraph) -> list[tuple[str, str, str, tuple[Any, ...]]]:
    return sorted((e.source, e.target, e.type.value, e.sources) for e in graph.edges())


@pytest.fixture(scope="module")
def seed_snapshot(seed_graph: CareerGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(seed_graph, tmp_path_factory.mktemp("snapshot") / "graph.json")


@pytest.mark.parametrize("which", [pytest.param("seed_graph", id="seed"), pytest.param("guides_graph", id="guides")])
def test_read_snapshot_gives_back_the_written_graph(
    request: pytest.FixtureRequest, tmp_path: Path, which: str
) -> None:
    graph: CareerGraph = request.getfixturevalue(which)
    loaded = read_snapshot(_write(graph, tmp_path / "graph.json"))
    assert list(loaded.entities()) == list(graph.entities())
    assert _edges(loaded) == _edges(graph)
    assert loaded.documents == graph.documents
    assert loaded.version == graph.version


def test_read_snapshot_keeps_look_ups_working(seed_snapshot: Path) -> None:
    loaded = read_snapshot(seed_snapshot)
    node = loaded.find("Senior TPMs")
    assert node is not None and node.id == "role/senior-technical-product-manager"


def test_write_snapshot_is_deterministic(seed_graph: CareerGraph) -> None:
    first, second = io.StringIO(), io.StringIO()
    write_snapshot(seed_graph, first)
    write_snapshot(seed_graph, second)
    assert first.getvalue() == second.getvalue()


def test_write_snapshot_writes_node_link_json_with_sources(seed_snapshot: Path, seed_text: str) -> None:
    data = json.loads(seed_snapshot.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT
    assert (data["directed"], data["multigraph"]) == (True, True)
    assert [d["name"] for d in data["graph"]["documents"]] == ["technical-product-manager.txt"]
    for record in (*data["nodes"], *data["edges"]):
        assert record["sources"]
        for source in record["sources"]:
            assert seed_text[source["start"] : source["end"]] == source["text"]


def test_graph_to_json_round_trips_through_json_text(seed_graph: CareerGraph) -> None:
    data = graph_to_json(seed_graph)
    assert json.loads(json.dumps(data)) == data


@pytest.mark.parametrize(
    ("name", "exists", "expected"),
    [
        pytest.param("graph.json", True, True, id="json-file"),
        pytest.param("GRAPH.JSON", True, True, id="upper-case"),
        pytest.param("graph.json", False, False, id="missing"),
        pytest.param("guide.txt", True, False, id="guide"),
    ],
)
def test_is_snapshot_takes_json_files_for_snapshots(tmp_path: Path, name: str, exists: bool, expected: bool) -> None:
    path = tmp_path / name
    if exists:
        path.write_text("{}", encoding="utf-8")
    assert is_snapshot(path) is expected


def _valid(seed_graph: CareerGraph) -> dict[str, Any]:
    return json.loads(json.dumps(graph_to_json(seed_graph)))


def _break(what: str, data: dict[str, Any]) -> Any:
    if what == "format":
        data["format"] = "careergraph-snapshot/0"
    elif what == "list":
        return [data]
    elif what == "nodes":
        del data["nodes"]
    elif what == "kind":
        data["nodes"][0]["kind"] = "PLANET"
    elif what == "type":
        data["edges"][0]["type"] = "LOVES"
    elif what == "edge-end":
        data["edges"][0]["target"] = "role/nobody"
    elif what == "source":
        data["nodes"][0]["sources"][0]["column"] = 3
    elif what == "documents":
        del data["graph"]["documents"]
    elif what == "edge-list":
        data["edges"] = 7
    return data


@pytest.mark.parametrize(
    ("what", "message"),
    [
        pytest.param("format", r"not a careergraph snapshot \(expected format 'careergraph-snapshot/1'\)", id="format"),
        pytest.param("list", r"not a careergraph snapshot", id="not-an-object"),
        pytest.param("nodes", r"malformed snapshot \(KeyError: 'nodes'\)", id="no-nodes"),
        pytest.param("kind", r"malformed snapshot \(ValueError: 'PLANET' is not a valid EntityKind\)", id="bad-kind"),
        pytest.param("type", r"malformed snapshot \(ValueError: 'LOVES' is not a valid RelationType\)", id="bad-type"),
        pytest.param("edge-end", r"malformed snapshot \(ValueError: edge .+ -> role/nobody names an unknown node\)",
                     id="unknown-node"),
        pytest.param("source", r"malformed snapshot \(TypeError: a source has exactly the keys", id="bad-source"),
        pytest.param("documents", r"malformed snapshot \(KeyError: 'documents'\)", id="no-documents"),
        pytest.param("edge-list", r"malformed snapshot \(TypeError: ", id="edges-not-a-list"),
    ],
)
def test_read_snapshot_rejects_a_malformed_snapshot(
    seed_graph: CareerGraph, tmp_path: Path, what: str, message: str
) -> None:
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(_break(what, _valid(seed_graph))), encoding="utf-8")
    with pytest.raises(SnapshotError, match=rf"^cannot load snapshot '.*broken\.json': {message}"):
        read_snapshot(path)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", r"Expecting value: line 1 column 1", id="empty"),
        pytest.param(b'{"format": ', r"Expecting value", id="truncated"),
        pytest.param(b"\xff\xfe{}", r"can't decode byte 0xff", id="not-utf8"),
        pytest.param(b"[]", r"not a careergraph snapshot", id="list"),
    ],
)
def test_read_snapshot_rejects_a_file_that_is_not_json(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(data)
    with pytest.raises(SnapshotError, match=message) as raised:
        read_snapshot(path)
    assert raised.value.path == str(path)
    assert isinstance(raised.value, CareerGraphError)


def test_read_snapshot_rejects_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SnapshotError, match=r"cannot load snapshot '.*missing\.json': .*No such file"):
        read_snapshot(tmp_path / "missing.json")


# -- GraphML -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graphml(seed_graph: CareerGraph) -> nx.MultiDiGraph:
    out = io.BytesIO()
    write_graphml(seed_graph, out)
    return nx.read_graphml(io.BytesIO(out.getvalue()), force_multigraph=True)


def test_write_graphml_parses_back_with_networkx(graphml: nx.MultiDiGraph, seed_graph: CareerGraph) -> None:
    assert graphml.is_directed() and graphml.is_multigraph()
    assert set(graphml.nodes) == {node.id for node in seed_graph.entities()}
    assert graphml.number_of_edges() == seed_graph.edge_count


def test_write_graphml_keeps_node_attributes(graphml: nx.MultiDiGraph, seed_graph: CareerGraph) -> None:
    for node in seed_graph.entities():
        data = graphml.nodes[node.id]
        assert (data["kind"], data["label"]) == (node.kind.value, node.name)
        assert data["aliases"] == "|".join(node.aliases)
        sources = json.loads(data["sources"])
        assert [(s["line"], s["start"], s["end"], s["text"]) for s in sources] == [
            (s.line, s.start, s.end, s.text) for s in node.sources
        ]


def test_write_graphml_keeps_edge_types_and_sources(graphml: nx.MultiDiGraph, seed_graph: CareerGraph) -> None:
    exported = sorted(
        (u, v, data["type"], len(json.loads(data["sources"]))) for u, v, data in graphml.edges(data=True)
    )
    assert exported == sorted((e.source, e.target, e.type.value, len(e.sources)) for e in seed_graph.edges())


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("aliases", "TPM", id="aliases-string"),
        pytest.param("name", 7, id="name-number"),
        pytest.param("sources", [{"document": "d", "line": "x", "start": 0, "end": 1, "text": "t"}], id="line-str"),
    ],
)
def test_read_snapshot_rejects_wrongly_typed_fields(tmp_path, seed_graph, field, value) -> None:
    data = graph_to_json(seed_graph)
    data["nodes"][0][field] = value
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    with pytest.raises(SnapshotError, match="malformed snapshot"):
        read_snapshot(path)
