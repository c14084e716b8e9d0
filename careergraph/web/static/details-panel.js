// The details panel: a selected position's description, and its responsibilities, teams and
// skills, each with the sentence of the guide that states it; and the list of all positions.

import { POSITION, graphql } from "./api.js";
import { $, actionButton, announce, element, kindTag, plural, quote, showError } from "./dom.js";
import { showFacts } from "./graph-view.js";
import { state } from "./state.js";

export async function selectPosition(id) {
  const cy = state.cy;
  state.selected = id;
  cy.nodes(":selected").unselect();
  cy.getElementById(id).select();
  let entity;
  try {
    ({ entity } = await graphql(POSITION, { id }));
  } catch (error) {
    showError(`The position could not be loaded: ${error.message}`);
    return;
  }
  if (!entity || state.selected !== id) return;
  renderDetails(entity);
  showFacts(entity);
  announce(`${entity.name}: ${factSummary(entity)}.`);
}

function factSummary(entity) {
  const levelCount = (entity.levels ?? []).reduce((n, level) => n + level.responsibilities.nodes.length, 0);
  return [
    plural(entity.responsibilities.nodes.length + levelCount, "responsibility", "responsibilities"),
    plural(entity.teams.nodes.length, "team"),
    plural(entity.skills.nodes.length, "skill"),
  ].join(", ");
}

function renderDetails(entity) {
  const parts = [
    element("h3", {}, entity.name, " ", kindTag(entity.kind)),
  ];
  if (entity.aliases.length) parts.push(element("p", { class: "aliases" }, `Also called ${entity.aliases.join(", ")}.`));
  const actions = element("p", { class: "actions" },
    actionButton("Start here", () => { $("from").value = entity.name; $("from").focus(); }),
    actionButton("Go here", () => { $("to").value = entity.name; $("to").focus(); }));
  parts.push(actions);
  if (entity.role) parts.push(element("p", {}, "Part of ", positionButton(entity.role), "."));
  if (entity.description) parts.push(element("p", { class: "description" }, entity.description));
  if (entity.sources.length) {
    parts.push(element("details", { class: "sources" },
      element("summary", {}, `Where the guide names it (${entity.sources.length})`),
      ...entity.sources.slice(0, 12).map((source) => quote(source, [entity.name, ...entity.aliases]))));
  }
  parts.push(factSection("Responsibilities", entity.responsibilities.nodes));
  for (const level of entity.levels ?? []) {
    parts.push(factSection(`Responsibilities at ${level.name}`, level.responsibilities.nodes, positionButton(level)));
  }
  parts.push(factSection("Teams", entity.teams.nodes), factSection("Skills", entity.skills.nodes));
  if (entity.specializations?.length) {
    parts.push(element("h4", {}, "Specializations"),
      element("ul", { class: "chips" }, ...entity.specializations.map((s) => element("li", {}, positionButton(s)))));
  }
  $("details").replaceChildren(...parts.filter(Boolean));
}

/** A heading and its facts, sentence by sentence: each quote marks the facts it states. */
function factSection(title, relations, headingExtra = null) {
  if (!relations.length) return null;
  const groups = new Map();
  for (const relation of relations) {
    const source = relation.sources[0];
    const key = source ? `${source.document}:${source.line}:${source.text}` : relation.node.id;
    if (!groups.has(key)) groups.set(key, { source, entities: [] });
    groups.get(key).entities.push(relation.node);
  }
  const items = [...groups.values()].map(({ source, entities }) => {
    const names = entities.map((entity) => entity.name);
    const item = element("li", { class: "fact", "data-refs": entities.map((entity) => entity.id).join(" ") });
    // A quote that names every fact it states needs no separate list of names.
    const quoted = source && names.every((name) => source.text.toLowerCase().includes(name.toLowerCase()));
    if (!quoted) item.append(element("p", { class: "fact-names" }, names.join(" · ")));
    item.append(source ? quote(source, names) : element("p", { class: "muted" }, "No quote recorded."));
    return item;
  });
  const heading = element("h4", {}, title);
  if (headingExtra) heading.replaceChildren("Responsibilities at ", headingExtra);
  return element("section", { class: "facts" }, heading, element("ul", {}, ...items));
}

export function revealFact(detailId) {
  const ref = state.cy.getElementById(detailId).data("ref");
  const target = document.querySelector(`#details [data-refs~="${CSS.escape(ref)}"]`);
  if (!target) return;
  target.scrollIntoView({ behavior: "smooth", block: "center" });
  target.classList.add("flash");
  setTimeout(() => target.classList.remove("flash"), 1200);
}

// ---------------------------------------------------------------------------
// The same positions as a list, for keyboards and screen readers.

export function renderPositionList(ladders, byId) {
  const items = [];
  for (const ladder of ladders) {
    for (const rung of [...ladder].reverse()) {
      for (const { id } of rung.roles) {
        const role = byId.get(id);
        const li = element("li", {}, positionButton(role), " ", element("span", { class: "muted" }, `rung ${rung.rung + 1}`));
        const more = [...role.levels, ...role.specializations];
        if (more.length) li.append(element("ul", { class: "chips" }, ...more.map((p) => element("li", {}, positionButton(p)))));
        items.push(li);
      }
    }
  }
  $("position-list").replaceChildren(...items);
}

export function positionButton(entity) {
  const button = element("button", { type: "button", class: "link" }, entity.name);
  button.addEventListener("click", () => {
    selectPosition(entity.id);
    $("details-panel").focus({ preventScroll: false });
  });
  return button;
}
