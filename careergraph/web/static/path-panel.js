// The path panel: the shortest path lights up on the map, Previous / Next step through the
// alternatives, and every move quotes the sentence of the guide that states it.

import { CAREER_PATHS, graphql } from "./api.js";
import { $, announce, clearError, element, kindTag, plural, quote, showError } from "./dom.js";
import { edge, fitView } from "./graph-view.js";
import { positionButton } from "./details-panel.js";
import { state } from "./state.js";

export function swapEnds() {
  const from = $("from").value;
  $("from").value = $("to").value;
  $("to").value = from;
}

// ---------------------------------------------------------------------------
// Career paths: the shortest lights up; Previous / Next step through the alternatives.

export async function findPath() {
  const from = $("from").value.trim();
  const to = $("to").value.trim();
  clearError();
  if (!from || !to) {
    showError(!from ? "Choose a start position." : "Choose a goal position.");
    $(!from ? "from" : "to").focus();
    return;
  }
  announce(`Looking for paths from ${from} to ${to}…`);
  let data;
  try {
    data = await graphql(CAREER_PATHS, { from, to });
  } catch (error) {
    clearPath();
    showApiError(error, { from, to });
    return;
  }
  const { shortest, alternatives, back } = data;
  if (!shortest) {
    clearPath();
    showError(back
      ? `No career path leads from ${from} to ${to}, but one leads back: promotions go one way only, try swapping start and goal.`
      : `No career path leads from ${from} to ${to} or back: the guide states no moves joining them.`);
    return;
  }
  const same = (a, b) => a.steps.map((s) => s.entity.id).join() === b.steps.map((s) => s.entity.id).join();
  state.paths = [shortest, ...alternatives.filter((path) => !same(path, shortest))];
  history.replaceState(null, "", `?${new URLSearchParams({ from, to })}`);
  showPath(0);
}

export function showPath(index) {
  const cy = state.cy;
  const path = state.paths[index];
  if (!path) return;
  state.pathIndex = index;
  const ids = path.steps.map((step) => step.entity.id);
  cy.batch(() => {
    cy.remove(".path-extra");
    cy.elements().removeClass("on-path start goal reverse faded");
    let lit = cy.collection();
    ids.forEach((id, i) => {
      const node = cy.getElementById(id);
      lit = lit.union(node.addClass("on-path"));
      if (i === 0) node.addClass("start");
      if (i === ids.length - 1) node.addClass("goal");
      if (i > 0) lit = lit.union(pathEdge(ids[i - 1], id));
    });
    cy.elements().not(lit).addClass("faded");
  });
  renderSteps(path);
  fitView(cy.elements(".on-path"));
  const total = state.paths.length;
  $("path-nav").hidden = false;
  $("path-empty").hidden = true;
  $("prev-path").disabled = index === 0;
  $("next-path").disabled = index === total - 1;
  const kind = index === 0 ? "Shortest path" : `Alternative ${index}`;
  $("path-counter").textContent = `${index + 1} of ${total} · ${plural(path.hops, "move")}${index ? "" : " · shortest"}`;
  const names = path.steps.map((step) => step.entity.name).join(", then ");
  announce(`${kind}, ${plural(path.hops, "move")}: ${names}.${total > 1 ? ` ${total - 1} more to step through.` : ""}`);
}

/** The map edge a move follows, lit up; a move the map does not draw gets an edge of its own. */
function pathEdge(source, target) {
  const cy = state.cy;
  const forward = cy.getElementById(`${source}->${target}`);
  if (forward.nonempty()) return forward.addClass("on-path");
  const backward = cy.getElementById(`${target}->${source}`);
  if (backward.nonempty()) return backward.addClass("on-path reverse");
  if (cy.getElementById(source).empty() || cy.getElementById(target).empty()) return cy.collection();
  return cy.add({ ...edge(source, target, "path-extra on-path"), data: { id: `path:${source}->${target}`, source, target } });
}

function clearPath() {
  state.paths = [];
  state.cy?.remove(".path-extra");
  state.cy?.elements().removeClass("on-path start goal reverse faded");
  $("path-steps").replaceChildren();
  $("path-nav").hidden = true;
  $("path-empty").hidden = false;
}

const MOVE_WORDS = {
  PROGRESSES_TO: "Promotion to",
  HAS_LEVEL: "Grows into the level",
  HAS_SPECIALIZATION: "Specializes as",
};

function renderSteps(path) {
  const items = path.steps.map((step, i) => {
    const previous = path.steps[i - 1];
    const words = i === 0 ? "Start at"
      : step.via === "HAS_SPECIALIZATION" && previous.entity.kind === "SPECIALIZATION" ? "Back to the general role"
      : MOVE_WORDS[step.via] ?? "Move to";
    const li = element("li", { class: "step" },
      element("p", { class: "move" }, words),
      element("p", { class: "position-name" }, positionButton(step.entity), " ", kindTag(step.entity.kind)));
    if (step.sources.length) {
      li.append(element("p", { class: "because" }, "Because the guide says:"));
      for (const source of step.sources) li.append(quote(source, [step.entity.name, ...step.entity.aliases]));
    }
    const gained = step.changes && changeList(step.changes);
    if (gained) li.append(gained);
    return li;
  });
  $("path-steps").replaceChildren(...items);
}

function changeList(changes) {
  const rows = [["Responsibilities", changes.responsibilities], ["Teams", changes.teams], ["Skills", changes.skills]]
    .filter(([, change]) => change.gained.length);
  if (!rows.length) return null;
  const count = rows.reduce((n, [, change]) => n + change.gained.length, 0);
  return element("details", { class: "changes" },
    element("summary", {}, `What this move adds (${count})`),
    element("dl", {}, ...rows.flatMap(([label, change]) => [
      element("dt", {}, label),
      element("dd", {}, change.gained.map((entity) => entity.name).join(" · ")),
    ])));
}

function showApiError(error, ends) {
  if (error.code !== "NOT_FOUND") {
    showError(`The server could not answer: ${error.message}`);
    return;
  }
  // Both fields of the query report the same unknown name: show each once.
  const seen = new Set();
  const parts = [];
  for (const each of error.all ?? [error]) {
    if (seen.has(each.message)) continue;
    seen.add(each.message);
    const field = Object.keys(ends).find((key) => each.message.includes(`'${ends[key]}'`)
                                              || each.message.includes(`"${ends[key]}"`)) ?? "from";
    const name = ends[field];
    const suggestions = each.extensions?.suggestions ?? [];
    const part = element("p", {}, `No career position is called “${name}”.`);
    if (suggestions.length) {
      part.append(" Did you mean ");
      suggestions.forEach((suggestion, i) => {
        const button = element("button", { type: "button", class: "suggestion" }, suggestion);
        button.addEventListener("click", () => { $(field).value = suggestion; findPath(); });
        part.append(button, i < suggestions.length - 1 ? ", " : "?");
      });
    } else {
      part.append(" Try a role such as Product Analyst or a level such as Mid Level.");
    }
    parts.push(part);
  }
  showError(...parts);
}

