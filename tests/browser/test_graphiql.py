"""GraphiQL (GET /graphql in a browser) in headless Chromium: tabs, descriptions, a typed query, offline assets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.browser

#: The result pane is a CodeMirror editor that renders only the lines in view: read its whole value.
RESULT = "() => document.querySelector('.result-window .CodeMirror')?.CodeMirror.getValue() ?? ''"

QUERY = '{ careerPath(from: "Product Analyst", to: "CTO") { hops steps { entity { name } } } }'


def open_graphiql(open_page: Callable[..., Any], base_url: str, **options: Any) -> Any:
    browser_page = open_page(**options)
    browser_page.page.goto(f"{base_url}/graphql")
    browser_page.page.wait_for_selector(".graphiql-container .graphiql-query-editor .CodeMirror")
    return browser_page


def test_graphiql_opens_with_the_example_tabs(open_page: Callable[..., Any], base_url: str) -> None:
    browser_page = open_graphiql(open_page, base_url)
    page = browser_page.page
    tabs = page.locator(".graphiql-tab").all_inner_texts()
    assert [tab.strip() for tab in tabs[:3]] == ["CareerPath", "Search", "RoleOverview"]
    variables = page.evaluate("() => document.querySelector('.graphiql-editor-tool .CodeMirror').CodeMirror.getValue()")
    assert '"Product Analyst"' in variables, "the first tab opens with its example variables"
    page.get_by_role("button", name="Show Documentation Explorer").click()
    page.locator(".graphiql-doc-explorer").get_by_text("Query", exact=True).click()
    page.get_by_text("Up to k shortest loop-free career paths, shortest first.").wait_for()
    assert browser_page.problems == []


def test_graphiql_runs_a_typed_career_path_query(open_page: Callable[..., Any], base_url: str) -> None:
    browser_page = open_graphiql(open_page, base_url)
    page = browser_page.page
    page.click(".graphiql-query-editor .CodeMirror-lines")
    page.keyboard.press("Control+A")
    page.keyboard.type(QUERY)
    page.keyboard.press("Escape")  # close any autocompletion hint
    # GraphiQL re-reads the operation name a moment after the last keystroke (the tab's
    # title shows it); running before that would send the example's stale name.
    page.locator(".graphiql-tab-active").get_by_text("<untitled>").wait_for()
    page.keyboard.press("Control+Enter")
    page.wait_for_function(f"() => ({RESULT})().includes('\"CTO\"')")
    assert '"hops": 4' in page.evaluate(RESULT)
    browser_page.screenshot("graphiql-career-path")
    assert browser_page.problems == []


def test_graphiql_works_from_a_local_assets_folder(open_page: Callable[..., Any], serve: Callable[..., str],
                                                    node_modules: Any) -> None:
    base_url = serve(assets_dir=node_modules)
    browser_page = open_graphiql(open_page, base_url, cdn=False)
    page = browser_page.page
    page.click(".graphiql-execute-button")
    page.wait_for_function(f"() => ({RESULT})().includes('\"CTO\"')")
    assert not [url for url in browser_page.requests if "unpkg" in url]
    assert browser_page.problems == []
