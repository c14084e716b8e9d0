// Small DOM helpers shared by the panels. Text is always set as text, never parsed as HTML.

export const $ = (id) => document.getElementById(id);

export const KIND_WORDS = {
  ROLE: "Role", LEVEL: "Level", SPECIALIZATION: "Specialization",
  RESPONSIBILITY: "Responsibility", TEAM: "Team", SKILL: "Skill",
};

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

export function kindTag(kind) {
  return element("span", { class: `tag ${kind.toLowerCase()}` }, KIND_WORDS[kind] ?? kind);
}

export function actionButton(label, onClick) {
  const button = element("button", { type: "button", class: "secondary" }, label);
  button.addEventListener("click", onClick);
  return button;
}

/** A sentence of the guide with the names it is quoted for marked, and where it stands. */
export function quote(source, names) {
  const blockquote = element("blockquote", {}, ...marked(source.text, names));
  return element("figure", { class: "quote" }, blockquote,
    element("figcaption", {}, `${source.document}, line ${source.line}`));
}

export function marked(text, names) {
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

export function plural(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
}

export function announce(text) {
  $("status").textContent = text;
}

export function showError(...content) {
  const box = $("error");
  box.replaceChildren(...content);
  box.hidden = false;
}

export function clearError() {
  $("error").hidden = true;
  $("error").replaceChildren();
}

