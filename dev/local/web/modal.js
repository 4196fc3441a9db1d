// Modals on the local workspace page: a view's input blocks as form fields,
// multi-pickers that work like Slack's (type to filter, pick, remove with ×),
// and the values a person typed, collected by block_id for /api/view/submit.
//
// When the app replaces an open view (response_action "update"), what was
// typed into an input whose block_id and action_id are unchanged is kept,
// as Slack keeps it.
import {
  blockHtml,
  initialValue,
  optionsHtml,
  placeholder,
} from "./block_kit.js";
import { markup, text, trusted } from "./mrkdwn.js";

// Named so `deno lint` (no-undef) can check every other name in this file.
const { document } = globalThis;

/**
 * `id` is the view's: buttons and menus outside inputs send their clicks to
 * the run that opened it (a list's "Next →", a ticket's Withdraw). A view
 * without a submit button (a list) shows only its close button, as Slack.
 */
export function modalHtml(view, id) {
  const blocks = (view.blocks ?? []).map((b) =>
    b.type === "input" ? inputHtml(b) : blockHtml(b, id && { view: id })
  );
  const hasInputs = (view.blocks ?? []).some((b) => b.type === "input");
  const submit = view.submit ?? (hasInputs ? { text: "Submit" } : undefined);
  return markup`<div class="overlay"><form class="modal" data-testid="modal"
    data-callback-id="${view.callback_id ?? ""}"
    novalidate><header><h3>${text(view.title)}</h3></header>
    <div class="modal-body">${blocks}</div>
    <footer><button type="button" class="btn" data-do="cancel"
      data-testid="modal-cancel">${view.close?.text ?? "Cancel"}</button>
    ${
    submit && markup`<button type="submit" class="btn primary"
      data-testid="modal-submit">${submit.text}</button>`
  }</footer></form></div>`;
}

function inputHtml({ block_id: id, label, optional, hint, element }) {
  return markup`<div class="field" data-block="${id}"
    data-action="${element.action_id ?? ""}">
    <label for="field-${id}">${label?.text ?? id}${
    optional && markup`<span class="optional"> (optional)</span>`
  }</label>
    ${controlHtml(id, element)}
    ${hint && markup`<div class="hint">${hint.text}</div>`}
    <div class="error" data-testid="error-${id}" data-for="${id}"></div></div>`;
}

/** The control for an input element, named by its block_id. */
function controlHtml(id, element) {
  const attrs = markup`id="field-${id}" name="${id}" data-testid="input-${id}"`;
  if (element.type === "plain_text_input") {
    const extra = markup`placeholder="${element.placeholder?.text ?? ""}" ${
      element.max_length && markup`maxlength="${element.max_length}"`
    }`;
    const value = element.initial_value ?? "";
    return element.multiline
      ? markup`<textarea ${attrs} ${extra} rows="4">${value}</textarea>`
      : markup`<input ${attrs} ${extra} value="${value}">`;
  }
  if (element.type === "file_input") {
    return markup`<input type="file" multiple ${attrs} data-max="${
      element.max_files ?? 10
    }">`;
  }
  if (element.type === "datepicker") {
    return markup`<input type="date" ${attrs} value="${
      element.initial_date ?? ""
    }">`;
  }
  if (element.type === "checkboxes") {
    // One option, as Helpdesk's forms use them: ticked when it is initial.
    const ticked = (element.initial_options ?? []).length > 0;
    return markup`<input type="checkbox" ${attrs} value="true" ${
      ticked && trusted("checked")
    }>`;
  }
  if (element.type.startsWith("multi_")) {
    const initial = element.initial_users ?? element.initial_conversations ??
      element.initial_channels ?? element.initial_options?.map((o) => o.value);
    return pickerHtml(id, element, initial ?? []);
  }
  return markup`<select ${attrs}><option value="">${
    placeholder(element)
  }</option>${optionsHtml(element, [initialValue(element)])}</select>`;
}

// ---- multi-pickers ----

/** Choices for a picker: [value, label] pairs, as its <option>s list them. */
function choicesOf(element) {
  const holder = document.createElement("select");
  holder.innerHTML = markup`${optionsHtml(element, [])}`.text;
  return [...holder.options].map((o) => [o.value, o.textContent]);
}

/**
 * Slack's multi-select: the picked ones as chips with ×, then a box to type
 * into; typing lists what matches, a click or Enter picks it.
 */
function pickerHtml(id, element, picked) {
  const choices = choicesOf(element);
  return markup`<div class="picker" id="field-${id}" data-name="${id}"
    data-testid="input-${id}" data-choices="${JSON.stringify(choices)}"
    data-picked="${JSON.stringify(picked)}">
    <span class="picked"></span>
    <input class="picker-search" autocomplete="off" role="combobox"
      aria-expanded="false" placeholder="${placeholder(element)}">
    <ul class="picker-menu" role="listbox" hidden></ul></div>`;
}

const pickedOf = (picker) => JSON.parse(picker.dataset.picked);
const choicesIn = (picker) => JSON.parse(picker.dataset.choices);

function drawPicker(picker) {
  const labels = new Map(choicesIn(picker));
  picker.querySelector(".picked").innerHTML =
    markup`${
      pickedOf(picker).map((value) =>
        markup`<span class="pick" data-value="${value}">${
          labels.get(value) ?? value
        }<button type="button" class="unpick" data-do="unpick"
        data-value="${value}" title="Remove"
        aria-label="Remove ${labels.get(value) ?? value}">×</button></span>`
      )
    }`.text;
}

function drawMenu(picker) {
  const search = picker.querySelector(".picker-search");
  const menu = picker.querySelector(".picker-menu");
  const typed = search.value.trim().toLowerCase();
  const picked = new Set(pickedOf(picker));
  const matches = choicesIn(picker).filter(([value, label]) =>
    !picked.has(value) && label.toLowerCase().includes(typed)
  );
  menu.innerHTML =
    markup`${
      matches.length
        ? matches.map(([value, label], i) =>
          markup`<li role="option" data-value="${value}"
          aria-selected="${i === 0}">${label}</li>`
        )
        : markup`<li class="none">No matches</li>`
    }`.text;
  menu.hidden = false;
  search.setAttribute("aria-expanded", "true");
}

function closeMenu(picker) {
  picker.querySelector(".picker-menu").hidden = true;
  picker.querySelector(".picker-search").setAttribute("aria-expanded", "false");
}

function setPicked(picker, values) {
  picker.dataset.picked = JSON.stringify(values);
  drawPicker(picker);
  picker.dispatchEvent(new Event("input", { bubbles: true }));
}

/** Wires the pickers inside `root` (a freshly drawn modal). */
export function wirePickers(root) {
  for (const picker of root.querySelectorAll(".picker")) {
    drawPicker(picker);
    const search = picker.querySelector(".picker-search");
    const menu = picker.querySelector(".picker-menu");
    const pick = (value) => {
      setPicked(picker, [...pickedOf(picker), value]);
      search.value = "";
      drawMenu(picker);
      search.focus();
    };
    search.addEventListener("focus", () => drawMenu(picker));
    search.addEventListener("input", () => drawMenu(picker));
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault(); // Enter picks; it does not submit the modal
        const first = menu.querySelector("[role=option]");
        if (first) pick(first.dataset.value);
      } else if (event.key === "Backspace" && !search.value) {
        setPicked(picker, pickedOf(picker).slice(0, -1));
      } else if (event.key === "Escape" && !menu.hidden) {
        event.stopPropagation(); // closes the list, not the modal
        closeMenu(picker);
      }
    });
    // mousedown, not click: it must land before the search box loses focus.
    menu.addEventListener("mousedown", (event) => {
      const option = event.target.closest("[role=option]");
      if (!option) return;
      event.preventDefault();
      pick(option.dataset.value);
    });
    search.addEventListener("blur", () => closeMenu(picker));
    picker.addEventListener("click", (event) => {
      const remove = event.target.closest("[data-do=unpick]");
      if (remove) {
        event.stopPropagation();
        setPicked(
          picker,
          pickedOf(picker).filter((v) => v !== remove.dataset.value),
        );
      } else if (event.target === picker) search.focus();
    });
  }
}

// ---- values ----

/** Values by block_id, as /api/view/submit wants them; empties left out. */
export function collectValues(form) {
  const values = {};
  for (const picker of form.querySelectorAll(".picker")) {
    const picked = pickedOf(picker);
    if (picked.length > 0) values[picker.dataset.name] = picked;
  }
  for (const field of form.querySelectorAll("[name]")) {
    // Uploaded by the page before the submission (app.js submitModal).
    if (field.type === "file") continue;
    if (field.type === "checkbox") {
      if (field.checked) values[field.name] = true;
      continue;
    }
    if (field.value.length > 0) values[field.name] = field.value;
  }
  return values;
}

/** What was typed, by "block_id/action_id", to carry into an updated view. */
export function typedValues(form) {
  const typed = new Map();
  const values = collectValues(form);
  for (const field of form.querySelectorAll(".field[data-block]")) {
    const { block, action } = field.dataset;
    typed.set(`${block}/${action}`, values[block]);
  }
  return typed;
}

/** Puts typed values back into the same inputs of a redrawn view. */
export function restoreValues(form, typed) {
  for (const field of form.querySelectorAll(".field[data-block]")) {
    const key = `${field.dataset.block}/${field.dataset.action}`;
    if (!typed.has(key)) continue;
    const value = typed.get(key);
    const picker = field.querySelector(".picker");
    const control = field.querySelector("[name]");
    if (picker) setPicked(picker, value ?? []);
    else if (control?.type === "checkbox") control.checked = value === true;
    else if (control?.type === "file") continue;
    else if (control) control.value = value ?? "";
  }
}
