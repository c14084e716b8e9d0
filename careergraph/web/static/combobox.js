// The pickers: an ARIA 1.2 combobox over the `search` query.

import { POSITION_SEARCH, graphql } from "./api.js";
import { $, element, kindTag, showError } from "./dom.js";

export function setupCombobox(input) {
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

