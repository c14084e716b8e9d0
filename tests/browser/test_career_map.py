"""The career map (/explore) in headless Chromium: the ladder, paths with their evidence, details, phones."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.browser

ROLES = {
    "Associate Product Manager", "CTO", "Director of Technical Product Management", "Product Analyst",
    "Senior Technical Product Manager", "Technical Product Manager", "VP of Product",
}
DIRECTOR_TO_CTO = "executive positions such as VP of Product or CTO"


def open_map(open_page: Callable[..., Any], base_url: str, query: str = "", **options: Any) -> Any:
    browser_page = open_page(**options)
    browser_page.page.goto(f"{base_url}/explore{query}")
    browser_page.page.wait_for_selector("body[data-ready=true]")
    return browser_page


def pick(page: Any, field: str, typed: str, option: str) -> None:
    """Type into a picker and choose a suggestion with the keyboard."""
    page.fill(f"#{field}", "")
    page.type(f"#{field}", typed)
    listbox = page.locator(f"#{field}-options")
    listbox.get_by_role("option", name=option).first.wait_for()
    names = listbox.locator(".option-name").all_inner_texts()
    for _ in range(names.index(option) + 1):
        page.press(f"#{field}", "ArrowDown")
    page.press(f"#{field}", "Enter")
    assert page.input_value(f"#{field}") == option


def lit_up(page: Any) -> dict[str, Any]:
    return page.evaluate("""() => ({
        nodes: cy.nodes('.on-path').map((n) => n.data('name')),
        edges: cy.edges('.on-path').length,
        start: cy.nodes('.start').map((n) => n.data('name')),
        goal: cy.nodes('.goal').map((n) => n.data('name')),
    })""")


def test_career_map_draws_the_ladder_bottom_to_top(open_page: Callable[..., Any], base_url: str) -> None:
    browser_page = open_map(open_page, base_url)
    nodes = browser_page.page.evaluate(
        "() => cy.nodes('.position').map((n) => ({name: n.data('name'), kind: n.data('kind'), y: n.position('y')}))")
    heights = {node["name"]: node["y"] for node in nodes}
    assert {node["name"] for node in nodes if node["kind"] == "ROLE"} == ROLES
    assert sum(node["kind"] == "LEVEL" for node in nodes) == 2  # the senior level is the Senior TPM rung (issue 11)
    assert sum(node["kind"] == "SPECIALIZATION" for node in nodes) == 6
    # Screen y grows downwards: the entry roles sit lowest, the executives highest.
    assert heights["Product Analyst"] == heights["Associate Product Manager"] > heights["Technical Product Manager"]
    assert heights["Technical Product Manager"] > heights["Director of Technical Product Management"] > heights["CTO"]
    assert heights["CTO"] == heights["VP of Product"]
    assert browser_page.problems == []


def test_career_map_lights_up_the_path_and_quotes_each_move(open_page: Callable[..., Any], base_url: str) -> None:
    browser_page = open_map(open_page, base_url, height=980)
    page = browser_page.page
    pick(page, "from", "product ana", "Product Analyst")
    pick(page, "to", "cto", "CTO")
    page.click("#find")

    steps = page.locator("#path-steps > li")
    steps.nth(4).wait_for()
    assert steps.count() == 5
    # two longer alternatives join TPM at a level and climb it to the Senior TPM rung (issue 11)
    assert page.inner_text("#path-counter") == "1 of 3 · 4 moves · shortest"
    assert lit_up(page) == {
        "nodes": ["Product Analyst", "Technical Product Manager", "Senior Technical Product Manager",
                  "Director of Technical Product Management", "CTO"],
        "edges": 4, "start": ["Product Analyst"], "goal": ["CTO"],
    }
    cto = steps.nth(4)
    assert "CTO" in cto.inner_text()
    assert DIRECTOR_TO_CTO in cto.locator("blockquote").inner_text()
    assert "technical-product-manager.txt, line" in cto.locator("figcaption").inner_text()
    assert "4 moves" in page.inner_text("#status")
    assert page.is_disabled("#prev-path") and not page.is_disabled("#next-path")
    assert "from=Product+Analyst&to=CTO" in page.url
    browser_page.screenshot("career-map-path")
    assert browser_page.problems == []


def test_career_map_steps_through_alternative_paths(open_page: Callable[..., Any], base_url: str) -> None:
    browser_page = open_map(open_page, base_url, "?from=Product%20Analyst&to=Senior%20Level%20TPM")
    page = browser_page.page
    page.wait_for_selector("#path-steps > li")
    counter = page.locator("#path-counter")
    assert counter.inner_text() == "1 of 3 · 2 moves · shortest"
    shortest = lit_up(page)["nodes"]

    page.click("#next-path")
    assert counter.inner_text() == "2 of 3 · 3 moves"
    assert "Mid Level Technical Product Manager" in lit_up(page)["nodes"]
    assert page.locator("#path-steps > li").count() == 4
    page.focus("#next-path")
    page.keyboard.press("Enter")
    assert counter.inner_text() == "3 of 3 · 4 moves"
    assert page.is_disabled("#next-path")

    page.click("#prev-path")
    page.click("#prev-path")
    assert lit_up(page)["nodes"] == shortest
    assert browser_page.problems == []


def test_career_map_explains_unknown_names_and_offers_suggestions(open_page: Callable[..., Any], base_url: str) -> None:
    browser_page = open_map(open_page, base_url)
    page = browser_page.page
    page.fill("#from", "Produkt Analist")
    page.fill("#to", "CTO")
    page.press("#to", "Enter")
    alert = page.get_by_role("alert")
    alert.get_by_text("No career position is called “Produkt Analist”").wait_for()
    alert.get_by_role("button", name="Product Analyst").click()
    page.wait_for_selector("#path-steps > li:nth-child(5)")
    assert page.input_value("#from") == "Product Analyst"
    assert page.is_hidden("#error")
    assert browser_page.problems == []


@pytest.mark.parametrize(("start", "goal", "advice"), [
    pytest.param("CTO", "Product Analyst", "try swapping start and goal", id="a path leads back"),
    pytest.param("Product Analyst", "Associate Product Manager", "or back: the guide states no moves joining them",
                 id="no path either way"),
])
def test_career_map_suggests_swapping_only_when_a_path_leads_back(
        open_page: Callable[..., Any], base_url: str, start: str, goal: str, advice: str) -> None:
    browser_page = open_map(open_page, base_url)
    page = browser_page.page
    page.fill("#from", start)
    page.fill("#to", goal)
    page.press("#to", "Enter")
    page.get_by_role("alert").get_by_text(advice).wait_for()
    assert browser_page.problems == []


def test_career_map_shows_a_position_with_quoted_sources(open_page: Callable[..., Any], base_url: str) -> None:
    browser_page = open_map(open_page, base_url)
    page = browser_page.page
    page.click("#positions summary")
    page.locator("#position-list").get_by_role("button", name="Technical Product Manager", exact=True).click()
    details = page.locator("#details")
    details.get_by_role("heading", name="Responsibilities at Entry Level Technical Product Manager").wait_for()
    assert details.get_by_role("heading", name="Teams").is_visible()
    assert details.get_by_role("heading", name="Skills").is_visible()
    assert details.locator(".facts figcaption").first.inner_text().startswith("technical-product-manager.txt, line ")
    shown = page.evaluate("() => cy.nodes('.detail').map((n) => n.data('kind'))")
    assert {"RESPONSIBILITY", "TEAM", "SKILL"} <= set(shown)
    browser_page.screenshot("career-map-position")
    assert browser_page.problems == []


def test_career_map_is_usable_with_the_keyboard(open_page: Callable[..., Any], base_url: str) -> None:
    browser_page = open_map(open_page, base_url)
    page = browser_page.page
    page.focus("#cy")
    page.keyboard.press("ArrowDown")
    first = page.inner_text("#status")
    page.keyboard.press("ArrowUp")
    assert page.inner_text("#status") != first
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#details h3') !== null")
    assert page.evaluate("() => cy.nodes(':selected').length") == 1
    # Every control can be reached with Tab, in order.
    page.focus("#from")
    reached = []
    for _ in range(4):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.id"))
    assert reached == ["swap", "to", "find", "cy"]
    assert browser_page.problems == []


def test_career_map_fits_a_phone_screen(open_page: Callable[..., Any], base_url: str) -> None:
    browser_page = open_map(open_page, base_url, "?from=Product%20Analyst&to=CTO", width=375, height=740,
                            is_mobile=True, has_touch=True, device_scale_factor=2)
    page = browser_page.page
    page.wait_for_selector("#path-steps > li:nth-child(5)")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    graph, panels = (page.locator(selector).bounding_box() for selector in ("#cy", ".panels"))
    assert graph["y"] + graph["height"] <= panels["y"], "on a phone the panels come below the map"
    browser_page.screenshot("career-map-phone", full_page=True)
    assert browser_page.problems == []


def test_career_map_works_from_a_local_assets_folder(open_page: Callable[..., Any], serve: Callable[..., str],
                                                      node_modules: Any) -> None:
    base_url = serve(assets_dir=node_modules)
    browser_page = open_map(open_page, base_url, "?from=TPM&to=VP%20of%20Product", cdn=False)
    browser_page.page.wait_for_selector("#path-steps > li:nth-child(4)")
    assert not [url for url in browser_page.requests if "unpkg" in url]
    assert browser_page.problems == []


def test_career_map_loads_as_es_modules_from_this_server(open_page: Callable[..., Any], base_url: str) -> None:
    browser_page = open_map(open_page, base_url)
    page = browser_page.page
    assert page.evaluate("() => document.querySelector('script[src*=\"explore.js\"]').type") == "module"
    loaded = {url.split("/static/", 1)[1].split("?")[0] for url in browser_page.requests if "/static/" in url}
    assert {"explore.js", "api.js", "graph-view.js", "path-panel.js", "details-panel.js", "combobox.js"} <= loaded
    # A module's names stay in it: only the map is global, for these tests and the console.
    assert page.evaluate("() => [typeof window.graphql, typeof window.state, typeof window.cy]") == \
        ["undefined", "undefined", "object"]
    assert browser_page.problems == []
