"""The career map page, its queries, /ladder.svg and the pinned browser assets, without a browser."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from graphql import build_schema, parse, validate
from starlette.testclient import TestClient

from careergraph.settings import Settings
from careergraph.web import explore, ladder
from careergraph.web.assets import ASSETS, npm_install_command
from careergraph.web.explore import STATIC
from careergraph.web.ladder import GraphvizFailed, GraphvizMissing, LadderImages, ladder_dot, render_svg
from graph import CareerGraph, EntityNotFound
from server import create_app

BROWSER_TESTS = Path(__file__).parents[1] / "browser"
NODE_MODULES = BROWSER_TESTS / "node_modules"
#: The committed, documented schema: the page may use nothing else.
SDL = build_schema((Path(__file__).parents[2] / "schema.graphql").read_text(encoding="utf-8"))

needs_dot = pytest.mark.skipif(shutil.which("dot") is None,
                               reason="Graphviz is not installed (apt-get install graphviz)")


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings())) as client:
        yield client


# ---------------------------------------------------------------------------
# /explore and its static files


def test_explore_loads_cytoscape_from_the_cdn_with_its_integrity_hash(client: TestClient) -> None:
    response = client.get("/explore")
    assert response.status_code == 200
    cytoscape = ASSETS["cytoscape"]
    assert f'src="{cytoscape.cdn_url}" integrity="{cytoscape.integrity}"' in response.text
    assert re.search(r'src="/static/explore\.js\?v=[0-9a-f]{12}"', response.text)
    assert "script-src 'self' https://unpkg.com" in response.headers["content-security-policy"]


def test_explore_loads_cytoscape_from_the_assets_folder_when_one_is_set(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(assets_dir=tmp_path))) as client:
        page = client.get("/explore").text
    assert 'src="/assets/cytoscape/dist/cytoscape.min.js"' in page
    assert "unpkg" not in page and "integrity=" not in page


def test_explore_is_linked_from_the_landing_page(client: TestClient) -> None:
    assert 'href="/explore"' in client.get("/").text


@pytest.mark.parametrize("name, media_type", [
    pytest.param("explore.js", "text/javascript", id="script"),
    pytest.param("explore.css", "text/css", id="stylesheet"),
])
def test_static_files_are_served(client: TestClient, name: str, media_type: str) -> None:
    response = client.get(f"/static/{name}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)


@pytest.mark.parametrize("name", ["explore.js", "api.js", "path-panel.js"])
def test_static_files_are_revalidated_so_no_stale_module_runs(client: TestClient, name: str) -> None:
    response = client.get(f"/static/{name}")
    assert response.headers["cache-control"] == "no-cache"
    again = client.get(f"/static/{name}", headers={"if-none-match": response.headers["etag"]})
    assert again.status_code == 304


def page_queries() -> dict[str, str]:
    """The GraphQL documents the page's modules send (api.js holds them), by constant name."""
    script = "\n".join(path.read_text(encoding="utf-8") for path in sorted(STATIC.glob("*.js")))
    return dict(re.findall(r"^(?:export )?const ([A-Z_]+) = `\n(.*?)`;$", script, re.S | re.M))


def test_explore_script_holds_the_five_queries_it_sends() -> None:
    assert set(page_queries()) == {"CAREER_MAP", "LADDER", "POSITION_SEARCH", "CAREER_PATHS", "POSITION"}


@pytest.mark.parametrize("name, variables", [
    pytest.param("CAREER_MAP", {}, id="map"),
    pytest.param("LADDER", {"role": "CTO"}, id="ladder"),
    pytest.param("POSITION_SEARCH", {"text": "prodct analyst"}, id="search"),
    pytest.param("CAREER_PATHS", {"from": "Product Analyst", "to": "CTO"}, id="paths"),
    pytest.param("POSITION", {"id": "Technical Product Manager"}, id="role"),
    pytest.param("POSITION", {"id": "Mid Level TPM"}, id="level"),
    pytest.param("POSITION", {"id": "Mobile TPM"}, id="specialization"),
])
def test_explore_queries_are_valid_and_answer_within_the_limits(
    client: TestClient, name: str, variables: dict[str, str]
) -> None:
    document = page_queries()[name]
    assert validate(SDL, parse(document)) == [], "the page must use only the documented API"
    response = client.post("/graphql", json={"query": document, "variables": variables})
    assert response.status_code == 200
    assert "errors" not in response.json(), response.json()


# ---------------------------------------------------------------------------
# /ladder.svg


@needs_dot
def test_ladder_svg_draws_every_role_of_the_ladder(client: TestClient, seed_graph: CareerGraph) -> None:
    response = client.get("/ladder.svg", params={"role": "TPM"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    svg = response.text
    assert svg.startswith("<?xml") and "<svg" in svg
    for role in ("Product Analyst", "Associate Product", "Senior Technical", "CTO", "VP of Product"):
        assert f">{role}" in svg
    # Bottom to top: the entry roles are drawn below (greater y than) the executives.
    assert _text_y(svg, "Product Analyst") > _text_y(svg, "Senior Technical") > _text_y(svg, "CTO")


def _text_y(svg: str, text: str) -> float:
    match = re.search(rf'<text[^>]* y="([-\d.]+)"[^>]*>{re.escape(text)}', svg)
    assert match, f"{text!r} is not drawn"
    return float(match[1])


@needs_dot
def test_ladder_svg_defaults_to_the_first_ladder(client: TestClient) -> None:
    first_role = client.get("/ladder.svg", params={"role": "Associate Product Manager"})
    assert client.get("/ladder.svg").text == first_role.text


@needs_dot
def test_ladder_svg_answers_not_modified_to_a_matching_etag(client: TestClient) -> None:
    first = client.get("/ladder.svg", params={"role": "CTO"})
    again = client.get("/ladder.svg", params={"role": "CTO"}, headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304


@pytest.mark.parametrize("role, message", [
    pytest.param("CEO", "no role named 'CEO'; did you mean 'CTO'", id="suggestions"),
    pytest.param("zzzqqq", "no role named 'zzzqqq'. Roles: Associate Product Manager, CTO,", id="roles"),
    pytest.param("Mid Level TPM", "no role named 'Mid Level TPM'", id="a-level-is-not-a-role"),
])
def test_ladder_svg_is_not_found_for_an_unknown_role(client: TestClient, role: str, message: str) -> None:
    response = client.get("/ladder.svg", params={"role": role})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert error["message"].startswith(message)


def test_ladder_svg_explains_how_to_install_graphviz_when_dot_is_missing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with TestClient(create_app(Settings())) as client:
        response = client.get("/ladder.svg")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/json"
    assert "apt-get install graphviz" in response.json()["errors"][0]["message"]


@needs_dot
def test_ladder_images_are_cached_per_graph_version_and_role(
    seed_graph: CareerGraph, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    images = LadderImages()
    svg = images.svg(seed_graph, "TPM")
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot from here on: only the cache can answer
    assert images.svg(seed_graph, "Technical Product Manager") is svg
    with pytest.raises(GraphvizMissing, match="apt-get install graphviz"):
        images.svg(seed_graph, "CTO")


def test_ladder_images_raise_entity_not_found_with_suggestions(seed_graph: CareerGraph) -> None:
    with pytest.raises(EntityNotFound, match="did you mean 'CTO'"):
        LadderImages().svg(seed_graph, "CEO")


def test_ladder_dot_puts_each_rung_on_one_rank_bottom_to_top(seed_graph: CareerGraph) -> None:
    source = ladder_dot(seed_graph, "TPM")
    assert "rankdir=BT" in source
    ranks = re.findall(r"\{ rank=same; (.*) \}", source)
    assert ranks == [
        '"role/associate-product-manager"; "role/product-analyst";',
        '"role/technical-product-manager";',
        '"role/senior-technical-product-manager";',
        '"role/director-of-technical-product-management";',
        '"role/cto"; "role/vp-of-product";',
    ]
    assert source.count(" -> ") == 6


@needs_dot
def test_render_svg_reports_what_dot_said_when_it_fails() -> None:
    with pytest.raises(GraphvizFailed, match="syntax error"):
        render_svg("digraph { a -> }")


@pytest.mark.skipif(shutil.which("sleep") is None, reason="needs sleep(1)")
def test_render_svg_gives_up_after_its_timeout() -> None:
    with pytest.raises(GraphvizFailed, match="longer than 0.1 s"):
        render_svg("", timeout=0.1, program=("sleep", "5"))


# ---------------------------------------------------------------------------
# Pinned assets: what the CDN serves is what the hashes say


@pytest.fixture(scope="module")
def node_modules() -> Path:
    """``tests/browser/node_modules``, installed with ``npm ci`` when a pinned file is missing."""
    if not all((NODE_MODULES / a.package / a.path).is_file() for a in ASSETS.values()):
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed (apt-get install npm): it fills tests/browser/node_modules")
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=BROWSER_TESTS, capture_output=True,
                              text=True, timeout=600, check=False)
        assert done.returncode == 0, f"npm ci failed:\n{done.stderr[-2000:]}"
    return NODE_MODULES


@pytest.mark.parametrize("name", sorted(ASSETS))
def test_pinned_asset_matches_its_integrity_hash(node_modules: Path, name: str) -> None:
    asset = ASSETS[name]
    installed = json.loads((node_modules / asset.package / "package.json").read_text())["version"]
    assert installed == asset.version
    digest = hashlib.sha384((node_modules / asset.package / asset.path).read_bytes()).digest()
    assert f"sha384-{base64.b64encode(digest).decode()}" == asset.integrity


def test_browser_test_packages_pin_every_asset_exactly() -> None:
    dependencies = json.loads((BROWSER_TESTS / "package.json").read_text())["dependencies"]
    for asset in ASSETS.values():
        assert dependencies.get(asset.package) == asset.version, asset.package


def test_npm_install_command_fills_an_assets_folder_with_every_pinned_package() -> None:
    command = npm_install_command("vendor")
    assert command.startswith("npm install --prefix vendor ")
    for asset in ASSETS.values():
        assert f"{asset.package}@{asset.version}" in command


# ---------------------------------------------------------------------------
# /ladder.svg is bounded: size, concurrent renders, time; failures are cached and answered in JSON


def test_ladder_svg_refuses_a_ladder_over_the_size_limit_in_json(make_client, monkeypatch) -> None:
    monkeypatch.setattr(ladder, "MAX_ROLES", 3)
    response = make_client().get("/ladder.svg", params={"role": "TPM"})
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "QUERY_TOO_COMPLEX", "roles": 7, "moves": 6}
    assert "at most 3 roles" in error["message"]


def test_ladder_images_remember_a_failure_instead_of_running_dot_again(seed_graph: CareerGraph,
                                                                       monkeypatch) -> None:
    calls = []

    def failing(source: str, timeout: float) -> bytes:
        calls.append(source)
        raise GraphvizFailed("`dot` took longer than 0.1 s")

    monkeypatch.setattr(ladder, "render_svg", failing)
    images = LadderImages()
    for _ in range(3):
        with pytest.raises(GraphvizFailed, match="longer than"):
            images.svg(seed_graph, "CTO")
    assert len(calls) == 1


def test_ladder_svg_answers_busy_in_json_when_every_render_slot_is_taken(make_client, monkeypatch) -> None:
    monkeypatch.setattr(explore, "RENDERS", 1)
    started, release = threading.Event(), threading.Event()

    def slow(source: str, timeout: float) -> bytes:
        started.set()
        release.wait(10)
        return b"<?xml version='1.0'?><svg/>"

    monkeypatch.setattr(ladder, "render_svg", slow)
    client = make_client(timeout_seconds=0.2)
    with ThreadPoolExecutor(1) as pool:
        first = pool.submit(client.get, "/ladder.svg", params={"role": "CTO"})
        assert started.wait(10)
        busy = client.get("/ladder.svg", params={"role": "TPM"})
        release.set()
        assert first.result(timeout=10).status_code == 200
    assert busy.status_code == 503
    assert busy.headers["retry-after"] == "5"
    assert busy.json()["errors"][0]["extensions"]["code"] == "TIMEOUT"


def test_ladder_svg_timeout_of_dot_is_a_json_503(make_client, monkeypatch) -> None:
    monkeypatch.setattr(ladder, "render_svg", lambda source, timeout: (_ for _ in ()).throw(
        GraphvizFailed(f"`dot` took longer than {timeout:g} s")))
    response = make_client(timeout_seconds=0.5).get("/ladder.svg", params={"role": "CTO"})
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/json"
    assert response.json()["errors"][0]["extensions"]["code"] == "TIMEOUT"
    assert "longer than 0.5 s" in response.json()["errors"][0]["message"]
