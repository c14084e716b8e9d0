// careergraph's career map: a plain client of the public GraphQL API.
//
// Everything on the page comes from the documented queries in api.js, sent with
// `POST /graphql`; there is no build step and no framework, only ES modules:
//
//   api.js            the queries and `graphql()`
//   graph-view.js     the map (Cytoscape.js): layout, style, keyboard cursor, facts beside it
//   path-panel.js     finding paths, lighting them up, the moves with their quotes
//   details-panel.js  a selected position, and the list of all positions
//   combobox.js       the start and goal pickers (type-ahead over `search`)
//   dom.js, state.js  small DOM helpers; what the page shows now
//
// The ladder's rungs (the `ladder` query) give each role its height, so
// seniority reads bottom to top.

import { setupCombobox } from "./combobox.js";
import { renderPositionList, revealFact, selectPosition } from "./details-panel.js";
import { $, showError } from "./dom.js";
import { loadMap } from "./graph-view.js";
import { findPath, showPath, swapEnds } from "./path-panel.js";
import { state } from "./state.js";

document.addEventListener("DOMContentLoaded", start);

async function start() {
  setupCombobox($("from"));
  setupCombobox($("to"));
  $("path-form").addEventListener("submit", (event) => { event.preventDefault(); findPath(); });
  $("swap").addEventListener("click", swapEnds);
  $("prev-path").addEventListener("click", () => showPath(state.pathIndex - 1));
  $("next-path").addEventListener("click", () => showPath(state.pathIndex + 1));
  if (typeof window.cytoscape !== "function") {
    showError("The graph library (Cytoscape.js) did not load. If this server has no internet access, start it " +
              "with --assets-dir pointing at a folder filled from npm (see the README).");
    return;
  }
  try {
    const { ladders, byId } = await loadMap({ select: selectPosition, fact: revealFact });
    renderPositionList(ladders, byId);
    document.body.dataset.ready = "true";
  } catch (error) {
    showError(`The career map could not be loaded: ${error.message}`);
    return;
  }
  const params = new URLSearchParams(location.search);
  if (params.get("from") && params.get("to")) {
    $("from").value = params.get("from");
    $("to").value = params.get("to");
    await findPath();
  }
}
