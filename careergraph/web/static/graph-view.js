// The graph view: roles by rung, levels to the right of their role, specializations to the left
// (Cytoscape.js, a global from its own script tag); responsibilities, teams and skills appear
// beside the map when a position is selected. Arrow keys move a cursor over the positions.

import { CAREER_MAP, LADDER, graphql } from "./api.js";
import { $, KIND_WORDS, announce } from "./dom.js";
import { state } from "./state.js";

const ROLE = { w: 176, h: 54 };
const SATELLITE = { w: 112, h: 34, column: 126, row: 42, perColumn: 3 };
const RUNG_HEIGHT = 150;
const ROLE_GAP = 48;
const LADDER_GAP = 160;

/** What the map does when a position (or a fact beside it) is chosen; set by `loadMap`. */
const handlers = { select: (id) => {}, fact: (id) => {} };

/**
 * Ask for the roles and their ladders and draw them; resolves to what the list of positions needs.
 * `select(id)` runs when a position is tapped or chosen with Enter, `fact(id)` when a fact beside the map is tapped.
 */
export async function loadMap({ select, fact }) {
  handlers.select = select;
  handlers.fact = fact;
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
  state.cy.on("tap", "node.position", (event) => handlers.select(event.target.id()));
  state.cy.on("tap", "node.detail", (event) => handlers.fact(event.target.id()));
  $("cy").addEventListener("keydown", moveCursor);
  const levels = roles.reduce((n, r) => n + r.levels.length, 0);
  const specializations = roles.reduce((n, r) => n + r.specializations.length, 0);
  const rungs = ladders.reduce((n, l) => n + l.length, 0);
  $("map-summary").textContent = `${roles.length} roles on ${rungs} rungs, with ${levels} levels and ` +
    `${specializations} specializations. The list "All positions" below holds the same positions.`;
  return { ladders, byId };
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
      for (const next of level.nextPositions) edges.push(edge(level.id, next.id, "promotion minor"));
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

export function edge(source, target, classes) {
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
    if (state.cursor) { event.preventDefault(); handlers.select(state.cursor); }
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

/** The selected position's responsibilities, teams and skills as columns to the right of the map. */
export function showFacts(entity) {
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
export function fitView(focus) {
  const cy = state.cy;
  if (cy.width() < 600 && focus.nonempty()) cy.fit(focus, 16);
  else cy.fit(cy.elements(), 24);
}

const clip = (text, max = 56) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
const labelHeight = (text, width) => 14 * Math.max(1, Math.ceil((text.length * 6.2) / width)) + 12;
