// careergraph's career map: a plain client of the public GraphQL API.
//
// Everything on the page comes from the documented queries below, sent with
// `POST /graphql` (see `graphql()`); there is no build step and no framework.
// Cytoscape.js draws the graph; the ladder's rungs (the `ladder` query) give
// each role its height, so seniority reads bottom to top.

// ---------------------------------------------------------------------------
// The queries. Copy them into GraphiQL (/graphql) to see what they return.

// Every role with the moves out of it, its levels and its specializations.
const CAREER_MAP = `
query CareerMap {
  roles {
    id
    name
    nextRoles { id }
    levels { id name aliases nextLevels { id } }
    specializations { id name aliases }
  }
}`;

// The rungs of the ladder that holds a role, entry rung first.
const LADDER = `
query Ladder($role: String!) {
  ladder(role: $role) {
    rung
    roles { id }
  }
}`;

// Type-ahead for the pickers: career positions only, best match first.
const POSITION_SEARCH = `
query PositionSearch($text: String!) {
  search(text: $text, kinds: [ROLE, LEVEL, SPECIALIZATION], first: 8) {
    entity { id name kind }
  }
}`;

// The shortest path, and up to five shortest paths to step through.
// Every move quotes the sentence of the guide that states it.
const CAREER_PATHS = `
query CareerPaths($from: String!, $to: String!) {
  shortest: careerPath(from: $from, to: $to) { ...Route }
  alternatives: careerPaths(from: $from, to: $to, k: 5) { ...Route }
}

fragment Route on CareerPath {
  hops
  steps {
    via
    entity { id name kind aliases }
    sources { document line text }
    changes {
      responsibilities { gained { name } }
      teams { gained { name } }
      skills { gained { name } }
    }
  }
}`;

// One position: what it is, and, each quoting the guide, what it does
// (by level for a role), which teams it works with and what it needs.
const POSITION = `
query Position($id: String!) {
  entity(name: $id) {
    id
    name
    kind
    aliases
    description
    sources { ...Quote }
    responsibilities: relations(type: HAS_RESPONSIBILITY, direction: OUTGOING, first: 30) { nodes { ...Fact } }
    teams: relations(type: COLLABORATES_WITH, direction: OUTGOING, first: 30) { nodes { ...Fact } }
    skills: relations(type: REQUIRES_SKILL, direction: OUTGOING, first: 30) { nodes { ...Fact } }
    ... on Role {
      levels {
        id
        name
        responsibilities: relations(type: HAS_RESPONSIBILITY, direction: OUTGOING, first: 30) { nodes { ...Fact } }
      }
      specializations { id name }
    }
    ... on Level { role { id name } }
    ... on Specialization { role { id name } }
  }
}

fragment Fact on Relation {
  node { id name kind }
  sources { ...Quote }
}

fragment Quote on Source { document line text }`;

// ---------------------------------------------------------------------------
// GraphQL over HTTP.

/** A GraphQL error the user should read: `code` and `suggestions` come from `extensions`. */
class ApiError extends Error {
  constructor(message, code = "", suggestions = []) {
    super(message);
    this.code = code;
    this.suggestions = suggestions;
  }
}

/** Run one query; resolves to `data`, rejects with an `ApiError` listing every error. */
async function graphql(query, variables = {}) {
  let response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json" },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError("The server cannot be reached. Check your connection and try again.", "NETWORK");
  }
  const body = await response.json().catch(() => null);
  if (body === null) throw new ApiError(`The server answered ${response.status} without a GraphQL result.`, "HTTP");
  if (body.errors?.length) {
    const first = body.errors[0];
    const error = new ApiError(first.message, first.extensions?.code, first.extensions?.suggestions ?? []);
    error.all = body.errors;
    throw error;
  }
  return body.data;
}

// ---------------------------------------------------------------------------
// Page state and elements.

const $ = (id) => document.getElementById(id);
const state = { cy: null, paths: [], pathIndex: 0, selected: null, cursor: null };

const KIND_WORDS = {
  ROLE: "Role", LEVEL: "Level", SPECIALIZATION: "Specialization",
  RESPONSIBILITY: "Responsibility", TEAM: "Team", SKILL: "Skill",
};

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
    await loadMap();
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

// ---------------------------------------------------------------------------
// The map: roles by rung, levels to the right of their role, specializations
// to the left; responsibilities, teams and skills appear when a position is selected.

const ROLE = { w: 176, h: 54 };
const SATELLITE = { w: 112, h: 34, column: 126, row: 42, perColumn: 3 };
const RUNG_HEIGHT = 150;
const ROLE_GAP = 48;
const LADDER_GAP = 160;

async function loadMap() {
  const { roles } = await graphql(CAREER_MAP);
  const ladders = [];
  const placed = new Set();
  for (const role of roles) {
    if (placed.has(role.id)) continue;
    const { ladder } = await graphql(LADDER, { role: role.name });
    ladder.forEach((rung) => rung.roles.forEach((r) => placed.add(r.id)));
    ladders.push(ladder);
  }
  const byId = new Map(roles.map((role) => [role.id, role]));
  const elements = layOut(ladders, byId);
  state.cy = window.cy = cytoscape({
    container: $("cy"),
    elements,
    style: STYLE,
    layout: { name: "preset", fit: true, padding: 24 },
    minZoom: 0.25,
    maxZoom: 2.5,
    autoungrabify: true,
    boxSelectionEnabled: false,
  });
  state.cy.on("tap", "node.position", (event) => selectPosition(event.target.id()));
  state.cy.on("tap", "node.detail", (event) => revealFact(event.target.id()));
  $("cy").addEventListener("keydown", moveCursor);
  renderPositionList(ladders, byId);
  const levels = roles.reduce((n, r) => n + r.levels.length, 0);
  const specializations = roles.reduce((n, r) => n + r.specializations.length, 0);
  const rungs = ladders.reduce((n, l) => n + l.length, 0);
  $("map-summary").textContent = `${roles.length} roles on ${rungs} rungs, with ${levels} levels and ` +
    `${specializations} specializations. The list "All positions" below holds the same positions.`;
  document.body.dataset.ready = "true";
}

/** Cytoscape elements with preset positions: each ladder's rungs stacked bottom to top. */
function layOut(ladders, byId) {
  const nodes = [];
  const edges = [];
  let left = 0;
  for (const ladder of ladders) {
    const rows = ladder.map((rung) => layOutRung(rung.roles.map((r) => byId.get(r.id)), -rung.rung * RUNG_HEIGHT));
    const width = Math.max(...rows.map((row) => row.width));
    for (const row of rows) {
      for (const node of row.nodes) node.position.x += left + width / 2;
      nodes.push(...row.nodes);
    }
    left += width + LADDER_GAP;
  }
  for (const role of byId.values()) {
    for (const next of role.nextRoles) edges.push(edge(role.id, next.id, "promotion"));
    for (const level of role.levels) {
      edges.push(edge(role.id, level.id, "structure"));
      for (const next of level.nextLevels) edges.push(edge(level.id, next.id, "promotion minor"));
    }
    for (const spec of role.specializations) edges.push(edge(role.id, spec.id, "structure"));
  }
  const ids = new Set(nodes.map((n) => n.data.id));
  return [...nodes, ...edges.filter((e) => ids.has(e.data.source) && ids.has(e.data.target))];
}

/** One rung, centred on x = 0: each role with its specializations left of it and its levels right of it. */
function layOutRung(roles, y) {
  const nodes = [];
  let x = 0;
  const centres = [];
  for (const role of roles) {
    const leftWidth = columns(role.specializations.length) * SATELLITE.column;
    const rightWidth = columns(role.levels.length) * SATELLITE.column;
    const cx = x + leftWidth + ROLE.w / 2;
    centres.push(cx);
    nodes.push(position(role, "ROLE", cx, y));
    role.levels.forEach((level, i) => nodes.push(satellite(level, "LEVEL", cx + ROLE.w / 2 + 20, y, i, 1,
                                                             role.levels.length)));
    role.specializations.forEach((spec, i) => nodes.push(satellite(spec, "SPECIALIZATION", cx - ROLE.w / 2 - 20, y,
                                                                   i, -1, role.specializations.length)));
    x += leftWidth + ROLE.w + rightWidth + ROLE_GAP;
  }
  const shift = -(centres[0] + centres[centres.length - 1]) / 2;
  for (const node of nodes) node.position.x += shift;
  const widest = Math.max(...nodes.map((n) => Math.abs(n.position.x)));
  return { nodes, width: 2 * widest + ROLE.w };
}

const columns = (count) => Math.ceil(count / SATELLITE.perColumn);

function position(entity, kind, x, y, label = entity.name) {
  return {
    group: "nodes",
    data: { id: entity.id, name: entity.name, kind, label },
    position: { x, y },
    classes: `position ${kind.toLowerCase()}`,
  };
}

/** A level or specialization, the i-th of `count` beside its role, in columns of three (first at the bottom). */
function satellite(entity, kind, edgeX, y, i, side, count) {
  const column = Math.floor(i / SATELLITE.perColumn);
  const row = i % SATELLITE.perColumn;
  const rows = Math.min(SATELLITE.perColumn, count - column * SATELLITE.perColumn);
  const x = edgeX + side * (SATELLITE.w / 2 + column * SATELLITE.column);
  const dy = ((rows - 1) / 2 - row) * SATELLITE.row;
  return position(entity, kind, x, y + dy, shortName(entity));
}

/** "Entry Level" for "Entry Level Technical Product Manager": the shortest alias, beside its role. */
function shortName(entity) {
  const aliases = (entity.aliases ?? []).filter((alias) => alias.length >= 2);
  return aliases.reduce((best, alias) => (alias.length < best.length ? alias : best), entity.name);
}

function edge(source, target, classes) {
  return { group: "edges", data: { id: `${source}->${target}`, source, target }, classes };
}

const COLOURS = {
  role: ["#dbe4ff", "#3b5bdb"],
  level: ["#d3f9d8", "#2b8a3e"],
  specialization: ["#f3d9fa", "#9c36b5"],
  responsibility: ["#fff4e6", "#d9480f"],
  team: ["#e3fafc", "#0b7285"],
  skill: ["#fff0f6", "#c2255c"],
};
const PATH_COLOUR = "#e8590c";

const STYLE = [
  {
    selector: "node",
    style: {
      label: "data(label)",
      shape: "round-rectangle",
      width: ROLE.w,
      height: ROLE.h,
      "text-wrap": "wrap",
      "text-max-width": ROLE.w - 16,
      "text-valign": "center",
      "text-halign": "center",
      "font-family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
      "font-size": 14,
      "font-weight": 600,
      color: "#1b1f24",
      "border-width": 1.5,
    },
  },
  ...Object.entries(COLOURS).map(([kind, [fill, line]]) => ({
    selector: `node.${kind}`,
    style: { "background-color": fill, "border-color": line },
  })),
  {
    selector: "node.level, node.specialization",
    style: { width: SATELLITE.w, height: SATELLITE.h, "font-size": 12, "font-weight": 500, "text-max-width": SATELLITE.w - 10 },
  },
  {
    selector: "node.detail",
    style: {
      width: "data(width)", height: "data(height)", "font-size": 11, "font-weight": 400,
      "text-max-width": "data(textWidth)", "border-width": 1,
    },
  },
  {
    selector: "node.heading",
    style: {
      "background-opacity": 0, "border-width": 0, "font-size": 13, "font-weight": 700, color: "#495057",
      width: 180, height: 24, events: "no",
    },
  },
  {
    selector: "edge",
    style: {
      width: 1.6, "curve-style": "bezier", "line-color": "#868e96",
      "target-arrow-shape": "triangle", "target-arrow-color": "#868e96", "arrow-scale": 1,
    },
  },
  { selector: "edge.minor", style: { width: 1.2 } },
  { selector: "edge.structure", style: { "line-style": "dashed", "line-color": "#adb5bd", "target-arrow-shape": "none", width: 1.2 } },
  { selector: "edge.detail", style: { "line-color": "#ced4da", width: 1, opacity: 0.6, "target-arrow-shape": "none", "curve-style": "straight" } },
  { selector: ".faded", style: { opacity: 0.3 } },
  {
    selector: "node.on-path",
    style: {
      "border-width": 4, "border-color": PATH_COLOUR,
      "underlay-color": "#ffc078", "underlay-opacity": 0.55, "underlay-padding": 7,
    },
  },
  {
    selector: "edge.on-path",
    style: {
      width: 6, "line-style": "solid", "line-color": PATH_COLOUR, "target-arrow-color": PATH_COLOUR,
      "target-arrow-shape": "triangle", "arrow-scale": 1.1, "z-index": 10,
    },
  },
  { selector: "edge.on-path.reverse", style: { "source-arrow-shape": "triangle", "source-arrow-color": PATH_COLOUR, "target-arrow-shape": "none" } },
  { selector: "node.start, node.goal", style: { "border-style": "double", "border-width": 6 } },
  { selector: "node:selected", style: { "overlay-color": "#1b1f24", "overlay-opacity": 0.12, "overlay-padding": 5 } },
  { selector: "node.cursor", style: { "outline-width": 3, "outline-color": "#1c7ed6", "outline-offset": 4 } },
];

// ---------------------------------------------------------------------------
// Keyboard on the map: arrow keys move a cursor to the nearest position that way.

function moveCursor(event) {
  const cy = state.cy;
  const directions = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
  if (event.key === "Enter" || event.key === " ") {
    if (state.cursor) { event.preventDefault(); selectPosition(state.cursor); }
    return;
  }
  const direction = directions[event.key];
  if (!direction) return;
  event.preventDefault();
  const positions = cy.nodes(".position");
  const current = cy.getElementById(state.cursor ?? state.selected ?? "");
  if (current.empty()) { setCursor(positions.first().id()); return; }
  const from = current.position();
  let best = null;
  let bestScore = Infinity;
  positions.forEach((node) => {
    const dx = node.position().x - from.x;
    const dy = node.position().y - from.y;
    const along = dx * direction[0] + dy * direction[1];
    if (along <= 1) return;
    const across = Math.abs(dx * direction[1]) + Math.abs(dy * direction[0]);
    const score = along + 2 * across;
    if (score < bestScore) { bestScore = score; best = node; }
  });
  if (best) setCursor(best.id());
}

function setCursor(id) {
  state.cy.nodes(".cursor").removeClass("cursor");
  const node = state.cy.getElementById(id).addClass("cursor");
  state.cursor = id;
  const data = node.data();
  announce(`${data.name}, ${KIND_WORDS[data.kind].toLowerCase()}. Press Enter for details.`);
  if (!isVisible(node)) state.cy.center(node);
}

function isVisible(node) {
  const box = node.renderedBoundingBox();
  return box.x1 >= 0 && box.y1 >= 0 && box.x2 <= state.cy.width() && box.y2 <= state.cy.height();
}

// ---------------------------------------------------------------------------
// The pickers: an ARIA 1.2 combobox over the `search` query.

function setupCombobox(input) {
  const listbox = $(input.getAttribute("aria-controls"));
  let timer = 0;
  let asked = 0;
  let active = -1;
  let options = [];

  const close = () => {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const highlight = (index) => {
    active = index;
    [...listbox.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === index)));
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", listbox.children[index].id);
      listbox.children[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };
  const pick = (index) => {
    input.value = options[index].name;
    close();
  };
  const suggest = async () => {
    const text = input.value.trim();
    const ticket = ++asked;
    if (!text) { close(); return; }
    let hits;
    try {
      ({ search: hits } = await graphql(POSITION_SEARCH, { text }));
    } catch (error) {
      showError(`Suggestions are unavailable: ${error.message}`);
      return;
    }
    if (ticket !== asked || document.activeElement !== input) return;
    options = hits.map((hit) => hit.entity);
    listbox.replaceChildren(...options.map((entity, i) => {
      const li = element("li", { id: `${input.id}-option-${i}`, role: "option", "aria-selected": "false" },
                         element("span", { class: "option-name" }, entity.name), " ", kindTag(entity.kind));
      li.addEventListener("mousedown", (event) => { event.preventDefault(); pick(i); });
      return li;
    }));
    if (!options.length) listbox.replaceChildren(element("li", { class: "none", role: "presentation" }, "No matching position"));
    listbox.hidden = false;
    input.setAttribute("aria-expanded", "true");
    highlight(-1);
  };

  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(suggest, 120); });
  input.addEventListener("blur", () => setTimeout(close, 100));
  input.addEventListener("keydown", (event) => {
    const open = !listbox.hidden && options.length > 0;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open) { suggest(); return; }
      highlight((active + 1) % options.length);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      highlight(active <= 0 ? options.length - 1 : active - 1);
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      pick(active);
    } else if (event.key === "Escape" && !listbox.hidden) {
      event.preventDefault();
      close();
    }
  });
}

function swapEnds() {
  const from = $("from").value;
  $("from").value = $("to").value;
  $("to").value = from;
}

// ---------------------------------------------------------------------------
// Career paths: the shortest lights up; Previous / Next step through the alternatives.

async function findPath() {
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
  const { shortest, alternatives } = data;
  if (!shortest) {
    clearPath();
    showError(`No career path leads from ${from} to ${to}. Promotions go one way only: try swapping start and goal.`);
    return;
  }
  const same = (a, b) => a.steps.map((s) => s.entity.id).join() === b.steps.map((s) => s.entity.id).join();
  state.paths = [shortest, ...alternatives.filter((path) => !same(path, shortest))];
  history.replaceState(null, "", `?${new URLSearchParams({ from, to })}`);
  showPath(0);
}

function showPath(index) {
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

// ---------------------------------------------------------------------------
// A selected position: its description, and responsibilities, teams and skills with their quotes.

async function selectPosition(id) {
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

/** The selected position's responsibilities, teams and skills as columns to the right of the map. */
function showFacts(entity) {
  const cy = state.cy;
  cy.remove(".detail, .heading");
  const kinds = [
    ["Responsibilities", entity.responsibilities.nodes, 210],
    ["Teams", entity.teams.nodes, 150],
    ["Skills", entity.skills.nodes, 170],
  ].filter(([, list]) => list.length);
  if (!kinds.length) return;
  const box = cy.nodes(".position").boundingBox();
  const centre = cy.getElementById(entity.id).position();
  let x = box.x2 + 90;
  const added = [];
  for (const [title, relations, width] of kinds) {
    const heights = relations.map((r) => labelHeight(clip(r.node.name), width - 14));
    const total = heights.reduce((a, b) => a + b + 10, 0);
    let y = Math.max(box.y1 + 30, Math.min(centre.y - total / 2, box.y2 - total));
    added.push({ group: "nodes", data: { id: `heading:${title}`, label: title }, position: { x: x + width / 2, y: y - 26 },
                 classes: "heading" });
    relations.forEach((relation, i) => {
      const node = relation.node;
      const id = `detail:${node.id}`;
      added.push({
        group: "nodes",
        data: { id, ref: node.id, name: node.name, kind: node.kind, label: clip(node.name), width, height: heights[i],
                textWidth: width - 14 },
        position: { x: x + width / 2, y: y + heights[i] / 2 },
        classes: `detail ${node.kind.toLowerCase()}`,
      });
      added.push({ group: "edges", data: { id: `${entity.id}=>${id}`, source: entity.id, target: id }, classes: "detail" });
      y += heights[i] + 10;
    });
    x += width + 30;
  }
  cy.add(added);
  if (state.paths.length) cy.elements(".detail, .heading").addClass("faded");
  fitView(cy.elements(".detail, .heading").union(cy.getElementById(entity.id)));
}

/** Show the whole map; on a narrow screen, zoom to what matters now instead. */
function fitView(focus) {
  const cy = state.cy;
  if (cy.width() < 600 && focus.nonempty()) cy.fit(focus, 16);
  else cy.fit(cy.elements(), 24);
}

const clip = (text, max = 56) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
const labelHeight = (text, width) => 14 * Math.max(1, Math.ceil((text.length * 6.2) / width)) + 12;

function revealFact(detailId) {
  const ref = state.cy.getElementById(detailId).data("ref");
  const target = document.querySelector(`#details [data-refs~="${CSS.escape(ref)}"]`);
  if (!target) return;
  target.scrollIntoView({ behavior: "smooth", block: "center" });
  target.classList.add("flash");
  setTimeout(() => target.classList.remove("flash"), 1200);
}

// ---------------------------------------------------------------------------
// The same positions as a list, for keyboards and screen readers.

function renderPositionList(ladders, byId) {
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

// ---------------------------------------------------------------------------
// Small DOM helpers. Text is always set as text, never parsed as HTML.

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

function kindTag(kind) {
  return element("span", { class: `tag ${kind.toLowerCase()}` }, KIND_WORDS[kind] ?? kind);
}

function positionButton(entity) {
  const button = element("button", { type: "button", class: "link" }, entity.name);
  button.addEventListener("click", () => {
    selectPosition(entity.id);
    $("details-panel").focus({ preventScroll: false });
  });
  return button;
}

function actionButton(label, onClick) {
  const button = element("button", { type: "button", class: "secondary" }, label);
  button.addEventListener("click", onClick);
  return button;
}

/** A sentence of the guide with the names it is quoted for marked, and where it stands. */
function quote(source, names) {
  const blockquote = element("blockquote", {}, ...marked(source.text, names));
  return element("figure", { class: "quote" }, blockquote,
    element("figcaption", {}, `${source.document}, line ${source.line}`));
}

function marked(text, names) {
  const wanted = names.filter((name) => name && name.length > 1).sort((a, b) => b.length - a.length);
  if (!wanted.length) return [text];
  const escaped = wanted.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
  const pattern = new RegExp(`\\b(${escaped.join("|")})\\b`, "gi");
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    parts.push(text.slice(last, match.index), element("mark", {}, match[0]));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

function plural(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
}

function announce(text) {
  $("status").textContent = text;
}

function showError(...content) {
  const box = $("error");
  box.replaceChildren(...content);
  box.hidden = false;
}

function clearError() {
  $("error").hidden = true;
  $("error").replaceChildren();
}
