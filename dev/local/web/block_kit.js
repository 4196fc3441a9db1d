// Block Kit for the local workspace page: blocks and their elements drawn
// as safe markup. Buttons and menus carry data-do="…" for the page's one
// click listener; in modals (no message context) they are drawn inert.
import { emojify, markup, text, trusted } from "./mrkdwn.js";

/** Whom the user and channel pickers offer; the page fills it in. */
const directory = { people: () => [], channels: () => [] };
export function useDirectory(lookup) {
  Object.assign(directory, lookup);
}

/**
 * ctx is {channel, ts} of a message, or {view} of a modal; without it
 * (a modal's input) elements are inert.
 */
export function blockHtml(block, ctx) {
  const each = (list, draw) => (list ?? []).map(draw);
  switch (block.type) {
    case "header":
      return markup`<div class="block-header">${text(block.text)}</div>`;
    case "section":
      return markup`<div class="block-section"><div class="section-body">${
        block.text && markup`<div>${text(block.text)}</div>`
      }${
        block.fields && markup`<div class="fields">${
          each(block.fields, (f) => markup`<div>${text(f)}</div>`)
        }</div>`
      }</div>${
        block.accessory && elementHtml(block.accessory, inBlock(ctx, block))
      }</div>`;
    case "context":
      return markup`<div class="block-context">${
        each(block.elements, (e) =>
          e.type !== "image" && markup`<span>${text(e)}</span>`)
      }</div>`;
    case "divider":
      return markup`<hr class="block-divider">`;
    case "actions":
      return markup`<div class="block-actions">${
        each(block.elements, (e) => elementHtml(e, inBlock(ctx, block)))
      }</div>`;
    default:
      return markup`<div class="block-context">[${block.type} block]</div>`;
  }
}

// A click names its block and the button's value, as Slack's block_actions
// payload does: several rows can hold a button with the same action_id.
const inBlock = (ctx, block) => ctx && { ...ctx, block: block.block_id ?? "" };

/** A button or menu; the listeners at the bottom send it to /api/button. */
export function elementHtml(element, ctx) {
  const where = ctx?.view
    ? markup`data-view="${ctx.view}" data-block-id="${ctx.block ?? ""}"`
    : ctx
    ? markup`data-channel="${ctx.channel}" data-ts="${ctx.ts}"`
    : trusted("disabled");
  // In a modal, clicks go to /api/view/action instead of /api/button.
  const inView = Boolean(ctx?.view);
  const id = element.action_id;
  if (element.type === "button" || element.type === "workflow_button") {
    const label = element.text?.text ?? "";
    // Slack asks first when a button has a confirm dialog.
    const confirm = element.confirm
      ? markup`data-confirm="${element.confirm.text?.text ?? ""}"`
      : "";
    return markup`<button type="button" class="btn ${element.style ?? ""}"
      data-do="${inView ? "view-button" : "button"}" data-action-id="${id}"
      data-value="${element.value ?? ""}"
      data-testid="action-${label}" ${confirm}
      ${where}>${emojify(label)}</button>`;
  }
  if (element.type === "image") return "";
  const overflow = element.type === "overflow";
  return markup`<select class="${overflow ? "overflow" : "menu"}"
    data-do="${inView ? "view-choose" : "choose"}" data-action-id="${id}"
    data-testid="action-${id}" ${where}
    ><option value="">${overflow ? "⋯" : placeholder(element)}</option>${
    optionsHtml(element, [initialValue(element)])
  }</select>`;
}

export const placeholder = (element) => element.placeholder?.text ?? "Choose…";

/** <option>s for any select-like element, `selected` ones preselected. */
export function optionsHtml(element, selected) {
  let choices = (element.options ?? [])
    .concat(element.option_groups?.flatMap((g) => g.options) ?? [])
    .map((o) => [o.value, emojify(o.text?.text ?? o.value)]);
  if (element.type.includes("users_select")) {
    choices = directory.people().map((p) => [p.id, p.name]);
  } else if (/conversations_select|channels_select/.test(element.type)) {
    choices = directory.channels().map((c) => [c.id, `#${c.name}`]);
  }
  return choices.map(([value, label]) =>
    markup`<option value="${value}" ${
      selected.includes(value) && trusted("selected")
    }>${label}</option>`
  );
}

export const initialValue = (element) =>
  element.initial_option?.value ?? element.initial_user ??
    element.initial_conversation ?? element.initial_channel;
