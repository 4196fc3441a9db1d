// The local workspace page: shows the chosen person what Slack would show
// them, and sends what Slack would send when they click, react, type or
// submit. Plain DOM, no build step.
//
// Markup is built with the markup`` tag, which escapes every value put into
// it; only mrkdwn()'s output (escaped first, then formatted) goes in as is.
// Controls carry data-do="…" and are handled by one listener at the bottom.

import { blockHtml, useDirectory } from "./block_kit.js";
import { emojify, markup, mrkdwn, useEmoji, useNames } from "./mrkdwn.js";
import {
  collectValues,
  modalHtml,
  restoreValues,
  typedValues,
  wirePickers,
} from "./modal.js";

// Named here so `deno lint` (no-undef, on in deno.jsonc) can vouch for every
// other name this file uses: it knows Deno's globals, not the browser's.
const { CSS, document, btoa } = globalThis;

const POLL_MS = 700;
const QUICK_REACTIONS = ["eyes", "white_check_mark", "ticket"];

const ui = {
  me: "", // empty until the first state names the default person
  conversation: "",
  thread: undefined, // {channel, ts} of the open thread
  state: undefined,
  shown: {}, // what each region last drew, to skip identical redraws
  modal: undefined, // {id, json} of the modal on screen
  seq: 0, // the newest state request; answers to older ones are dropped
  applied: 0,
  polling: false,
};

const $ = (id) => document.getElementById(id);

useDirectory({
  people: () => ui.state?.people ?? [],
  channels: () => ui.state?.channels ?? [],
});
const personName = (id) => ui.state?.people.find((p) => p.id === id)?.name;
useNames({
  person: personName,
  channel: (id) => ui.state?.channels.find((c) => c.id === id)?.name,
  usergroup: (id) => ui.state?.usergroups.find((g) => g.id === id)?.handle,
  // Each reader sees dates in their own time zone: here, the browser's.
  timeZone: () => undefined,
  workspaceUrl: () => ui.state?.workspace_url,
});

/** Redraws a region (markup or a list of it), kept at the bottom if it was. */
function paint(node, content, toBottom = false) {
  const atBottom = node.scrollHeight - node.scrollTop - node.clientHeight < 40;
  node.innerHTML = markup`${content}`.text;
  if (atBottom || toBottom) node.scrollTop = node.scrollHeight;
}

/** True when a region's inputs differ from its last drawing. */
function changed(region, ...inputs) {
  const key = JSON.stringify(inputs);
  if (ui.shown[region] === key) return false;
  ui.shown[region] = key;
  return true;
}

// ---- server ----

/** POSTs as the current person; errors show in a toast, not an alert. */
async function post(path, body) {
  let answer = {};
  try {
    const response = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ as: ui.me, ...body }),
    });
    answer = await response.json().catch(() => ({}));
    if (!response.ok) toast(answer.error ?? `${path} failed`);
  } catch (error) {
    toast(`${path}: ${error.message}`);
  }
  refresh();
  return answer;
}

function toast(text) {
  $("toast").textContent = text;
  $("toast").hidden = !text;
  clearTimeout(toast.timer);
  if (text) toast.timer = setTimeout(() => toast(""), 6000);
}

// ---- messages ----

const plural = (n, one) =>
  `${n} ${n === 1 ? one : one.replace(/y$/, "ie") + "s"}`;
const isTopLevel = (m) => !m.thread_ts || m.thread_ts === m.ts;

const formatTime = (ts) =>
  new Date(Number(ts) * 1000)
    .toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

/** Blocks when there are any, else the text (the notification fallback). */
const bodyHtml = (item, ctx) =>
  item.blocks?.length
    ? item.blocks.map((block) => blockHtml(block, ctx))
    : markup`<div>${mrkdwn(item.text)}</div>`;

function messageHtml(m, channel, inThread = false) {
  const ctx = { channel, ts: m.ts };
  const n = inThread ? 0 : m.reply_count ?? 0;
  return markup`<div class="message${m.is_bot ? " bot" : ""}" data-ts="${m.ts}">
    <div class="meta"><span class="author">${m.user_name ?? m.user}</span>
      ${m.is_bot && markup`<span class="app-badge">APP</span>`}
      <time class="time" title="${m.ts}">${formatTime(m.ts)}</time></div>
    <div class="body">${bodyHtml(m, ctx)}</div>
    ${filesHtml(m)}
    ${reactionsHtml(m, ctx)}
    ${
    n > 0 && markup`<button type="button" class="replies" data-do="thread"
      data-testid="replies" data-channel="${channel}" data-ts="${m.ts}"
      >${plural(n, "reply")}</button>`
  }
  </div>`;
}

/** Bytes as Slack writes a file's size: "532 B", "14 KB", "2.1 MB". */
function fileSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** A message's files: images shown, others as a card with name and size. */
function filesHtml(m) {
  if (!m.files?.length) return "";
  const items = m.files.map((f) =>
    f.mimetype?.startsWith("image/")
      ? markup`<figure class="file image" data-testid="file-${f.name}">
        <img src="/files/${f.id}" alt="${f.name}" loading="lazy">
        <figcaption>${f.name}</figcaption></figure>`
      : markup`<a class="file card" data-testid="file-${f.name}"
        href="/files/${f.id}" download="${f.name}">
        <span class="file-name">${f.name}</span>
        <span class="file-size">${fileSize(f.size)}</span></a>`
  );
  return markup`<div class="files">${items}</div>`;
}

/** A reaction's name ("thumbsup::skin-tone-3" too) as Slack shows it. */
const reactionEmoji = (name) => emojify(`:${name}:`);

/** Chips for reactions so far, and the hover bar to add the app's three. */
function reactionsHtml(m, ctx) {
  const chips = (m.reactions ?? []).map((r) =>
    markup`<span class="chip${r.users.includes(ui.me) ? " mine" : ""}"
      data-testid="reaction-${r.name}"
      title="${
      r.users.map((u) => personName(u) ?? u).join(", ")
    } reacted with :${r.name}:"
      >${reactionEmoji(r.name)} ${r.users.length}</span>`
  );
  const bar = QUICK_REACTIONS.map((name) =>
    markup`<button type="button" data-do="react" data-testid="react-${name}"
      data-name="${name}" data-channel="${ctx.channel}" data-ts="${ctx.ts}"
      title="React with :${name}:">${reactionEmoji(name)}</button>`
  );
  return markup`<div class="reactions">${chips}</div>
    <div class="reaction-bar">${bar}</div>`;
}

function ephemeralHtml(e) {
  const ctx = { channel: e.channel, ts: e.message_ts };
  return markup`<div class="message ephemeral" data-ts="${e.message_ts ?? ""}">
    <div class="meta"><span class="author">Helpdesk</span>
      <span class="only-you">Only visible to you</span></div>
    <div class="body">${bodyHtml(e, ctx)}</div></div>`;
}

function renderConversation() {
  const { state } = ui;
  const id = ui.conversation;
  const top = (state.messages[id] ?? []).filter(isTopLevel);
  const ephemerals = state.ephemerals.filter((e) => e.channel === id);
  const names = [state.people, state.channels, state.usergroups];
  const welcome = !state.configured;
  if (!changed("conversation", ui.me, id, top, ephemerals, names, welcome)) {
    return;
  }
  const channel = state.channels.find((c) => c.id === id);
  const name = channel ? `#${channel.name}` : "Helpdesk";
  $("title").textContent = channel?.is_private ? `🔒 ${channel.name}` : name;
  $("draft").placeholder = `Message ${name}`;
  renderWelcome();
  // The app's Messages tab takes no messages unless the app allows it.
  const readOnly = !channel && state.app_home?.messages_tab_read_only_enabled;
  $("composer").hidden = readOnly;
  $("read-only").hidden = !readOnly;
  // Ephemerals sit in time order among the messages, as in Slack.
  const items = [
    ...top.map((m) => [m.ts, messageHtml(m, id)]),
    ...ephemerals.map((e) => [e.message_ts ?? Infinity, ephemeralHtml(e)]),
  ].sort((a, b) => Number(a[0]) - Number(b[0]));
  const switched = ui.shown.lastConversation !== id;
  ui.shown.lastConversation = id;
  paint($("messages"), items.map(([, html]) => html), switched);
}

/** Until Helpdesk is configured, who to be first and what to run. */
function renderWelcome() {
  const admin = ui.state.people.find((p) => p.role === "admin");
  $("welcome").hidden = ui.state.configured || !admin;
  if (ui.state.configured || !admin) return;
  const first = admin.name.replace(/ \(.*\)$/, "");
  paint(
    $("welcome"),
    markup`<strong>New here?</strong> Start as ${first}, the admin: run
      <b>⚡ Configure Helpdesk</b> to pick the triage channel and the agents.
      Then be Riley and open a ticket. ${
      ui.me !== admin.id &&
      markup`<button type="button" class="btn primary" data-do="be"
        data-id="${admin.id}" data-testid="be-admin">Be ${first}</button>`
    }`,
  );
}

function renderThread() {
  const { thread } = ui;
  $("thread").hidden = !thread;
  if (!thread) return;
  const all = ui.state.messages[thread.channel] ?? [];
  const parent = all.find((m) => m.ts === thread.ts);
  const replies = all.filter((m) =>
    !isTopLevel(m) && m.thread_ts === thread.ts
  );
  if (!changed("thread", ui.me, thread, parent, replies)) return;
  paint($("replies"), [
    parent && messageHtml(parent, thread.channel, true),
    markup`<div class="reply-count">${plural(replies.length, "reply")}</div>`,
    ...replies.map((m) => messageHtml(m, thread.channel, true)),
  ]);
}

function openThread(channel, ts) {
  ui.thread = { channel, ts };
  ui.shown.thread = ""; // draw it even if it was the last thread shown
  renderThread();
  $("thread-draft").focus();
}

/** Where a permalink leads: its conversation, its thread, the message lit. */
function showMessage(channel, ts, threadTs) {
  const known = ui.state.messages[channel]?.some((m) => m.ts === ts);
  if (!known) {
    toast("That message is not in a conversation you can see.");
    return;
  }
  openConversation(channel);
  const inThread = threadTs && threadTs !== ts;
  if (inThread) openThread(channel, threadTs);
  const region = inThread ? $("replies") : $("messages");
  const node = region.querySelector(`.message[data-ts="${CSS.escape(ts)}"]`);
  node?.scrollIntoView({ block: "center" });
  node?.classList.add("highlight");
  setTimeout(() => node?.classList.remove("highlight"), 2500);
}

// ---- sidebar and activity ----

function renderSidebar() {
  const { people, channels, dms, shortcuts, scheduled = [] } = ui.state;
  const lists = [people, channels, dms, shortcuts, scheduled];
  if (!changed("sidebar", ui.me, ui.conversation, lists)) return;
  // The seeded names already carry the role, e.g. "Riley (requester)".
  const who = (p) => p.name.includes(p.role) ? p.name : `${p.name} · ${p.role}`;
  paint(
    $("person"),
    people.map((p) => markup`<option value="${p.id}">${who(p)}</option>`),
  );
  $("person").value = ui.me;
  const open = (c, testid, label) =>
    navButton("open", c.id, testid, label, "", c.id === ui.conversation);
  const dashed = (name) => name.replaceAll(" ", "-");
  paint(
    $("channels"),
    channels.map((c) =>
      open(c, `channel-${c.name}`, `${c.is_private ? "🔒" : "#"} ${c.name}`)
    ),
  );
  paint($("dms"), dms.map((d) => open(d, "dm-helpdesk", "● Helpdesk")));
  paint(
    $("shortcuts"),
    shortcuts.map((s) =>
      navButton(
        "shortcut",
        s.id,
        `shortcut-${dashed(s.name)}`,
        `⚡ ${s.name}`,
        s.description,
      )
    ),
  );
  // Beyond the documented API, but served: scheduled triggers to run now.
  $("scheduled-section").hidden = scheduled.length === 0;
  paint(
    $("scheduled"),
    scheduled.map((t) =>
      navButton("run", t.id, `run-${dashed(t.name)}`, `⏱ ${t.name} · run now`)
    ),
  );
}

/** A sidebar button; data-do says what a click does (see CLICKS). */
const navButton = (action, id, testid, label, title = "", active = false) =>
  markup`<button type="button" data-do="${action}" data-id="${id}"
    data-testid="${testid}" title="${title}" class="${active && "active"}"
    >${label}</button>`;

function renderActivity() {
  const entries = ui.state.activity ?? [];
  if (!changed("activity", entries)) return;
  const errors = entries.filter((a) => a.level === "error").length;
  $("activity-count").textContent = errors
    ? `(${entries.length}, ${errors} failed)`
    : `(${entries.length})`;
  $("activity-count").classList.toggle("has-errors", errors > 0);
  paint(
    $("activity-list"),
    entries.map((a) =>
      markup`<li class="${a.level === "error" ? "error" : "info"}">
      <time>${new Date(a.at).toLocaleTimeString()}</time>
      <strong>${a.workflow}</strong>
      ${a.step && markup`<span class="step">${a.step}</span>`}
      <span class="what">${a.message}</span></li>`
    ),
  );
}

// ---- modal ----

/**
 * Shows the newest open view. A new id draws it afresh; the same id with a
 * new view (the app updated it) redraws it, keeping what was typed into
 * inputs that are still there, as Slack does.
 */
function renderModal() {
  const open = ui.state.views.at(-1);
  const json = JSON.stringify(open?.view ?? null);
  const now = ui.modal;
  if (open?.id === now?.id && json === now?.json) return;
  const form = $("modal-root").querySelector("form");
  const typed = form && open && open.id === now?.id
    ? typedValues(form)
    : new Map();
  $("modal-root").innerHTML = open ? modalHtml(open.view, open.id).text : "";
  ui.modal = open && { id: open.id, json };
  if (!open) return;
  const drawn = $("modal-root").querySelector("form");
  wirePickers(drawn);
  restoreValues(drawn, typed);
  drawn.querySelector("input, textarea, select")?.focus();
}

async function submitModal(form) {
  const { id } = ui.modal;
  const submit = form.querySelector("[data-testid=modal-submit]");
  submit.disabled = true;
  const values = collectValues(form);
  // A file field's files are uploaded first, as Slack's client does; the
  // submission names them by id.
  for (const input of form.querySelectorAll("input[type=file][name]")) {
    const ids = [];
    for (const file of input.files) {
      const { id: fileId } = await post(
        "/api/upload",
        await fileForServer(file),
      );
      if (fileId) ids.push(fileId);
    }
    if (ids.length) values[input.name] = ids;
  }
  const answer = await post("/api/view/submit", { view_id: id, values });
  // Errors go under their fields; the view itself is unchanged, so the
  // next poll leaves this form (and what was typed) as it is.
  for (const node of form.querySelectorAll(".error")) {
    node.textContent = answer.errors?.[node.dataset.for] ?? "";
  }
  submit.disabled = false;
}

// ---- loop ----

/** Fetches state; answers to older requests (another person's) are dropped. */
async function refresh() {
  const seq = ++ui.seq;
  const query = ui.me ? `?as=${encodeURIComponent(ui.me)}` : "";
  try {
    const response = await fetch(`/api/state${query}`);
    const state = await response.json();
    const stale = seq < ui.applied || (ui.me && state.me !== ui.me);
    if (stale || !response.ok) return;
    ui.applied = seq;
    ui.state = state;
    ui.me ||= state.me || state.people[0]?.id;
    document.body.classList.remove("offline");
    render();
  } catch {
    document.body.classList.add("offline");
  }
}

function render() {
  const { channels, dms, messages } = ui.state;
  const ids = [...channels, ...dms].map((c) => c.id);
  if (!ids.includes(ui.conversation)) ui.conversation = channels[0]?.id ?? "";
  if (ui.thread && !messages[ui.thread.channel]) ui.thread = undefined;
  const regions = {
    sidebar: renderSidebar,
    conversation: renderConversation,
    thread: renderThread,
    activity: renderActivity,
    modal: renderModal,
  };
  for (const [region, draw] of Object.entries(regions)) {
    try {
      draw();
    } catch (error) {
      // One region failing leaves the others drawn, and is drawn again
      // from scratch next time rather than taken as up to date.
      delete ui.shown[region];
      console.error(`The ${region} could not be drawn:`, error);
      toast(`The ${region} could not be drawn: ${error.message}`);
    }
  }
}

function openConversation(id) {
  ui.conversation = id;
  ui.thread = undefined;
  render();
}

/**
 * Escapes as Slack's client does, so a typed "<!here>" stays text. Files
 * picked with 📎 go with the message (a file alone is a message too).
 */
async function send(input, where, attach) {
  const typed = input.value.trim();
  const picked = [...(attach?.files ?? [])];
  if ((!typed && picked.length === 0) || !where.channel) return;
  input.value = "";
  if (attach) {
    attach.value = "";
    $("attached").textContent = "";
  }
  const text = typed.replaceAll("&", "&amp;").replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;");
  const files = await Promise.all(picked.map(fileForServer));
  post("/api/message", { text, ...where, ...(files.length ? { files } : {}) });
}

/** A picked file as the server takes it: {name, type, data: base64}. */
export async function fileForServer(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return { name: file.name, type: file.type, data: btoa(binary) };
}

// What each data-do="…" button does; `d` is the button's dataset.
const CLICKS = {
  open: (d) => openConversation(d.id),
  shortcut: (d) =>
    post("/api/shortcut", { trigger_id: d.id, channel: ui.conversation }),
  run: (d) => post("/api/scheduled/run", { trigger_id: d.id }),
  react: ({ channel, ts, name }) =>
    post("/api/reaction", { channel, ts, name }),
  button: ({ channel, ts, actionId }) =>
    post("/api/button", { channel, ts, action_id: actionId }),
  "view-button": ({ view, actionId, blockId, value }) =>
    post("/api/view/action", {
      view_id: view,
      action_id: actionId,
      block_id: blockId,
      value,
    }),
  thread: (d) => openThread(d.channel, d.ts),
  permalink: (d) => showMessage(d.channel, d.ts, d.thread),
  be: (d) => signInAs(d.id),
  "close-thread": () => openConversation(ui.conversation),
  cancel: () => post("/api/view/close", { view_id: ui.modal?.id }),
};

document.addEventListener("click", (event) => {
  const target = event.target.closest("button[data-do], a[data-do]");
  if (!target || target.disabled) return;
  event.preventDefault(); // a permalink opens here, not on slack.com
  const ask = target.dataset.confirm;
  if (ask && !globalThis.confirm(ask)) return;
  CLICKS[target.dataset.do]?.(target.dataset);
});

// A menu in a modal sends its choice to the run that opened the modal.
document.addEventListener("change", (event) => {
  const menu = event.target.closest("select[data-do=view-choose]");
  if (!menu?.value) return;
  const { view, actionId, blockId } = menu.dataset;
  post("/api/view/action", {
    view_id: view,
    action_id: actionId,
    block_id: blockId,
    value: menu.value,
  });
});

// A menu in a message sends its choice as `value`.
document.addEventListener("change", (event) => {
  const menu = event.target.closest("select[data-do=choose]");
  if (!menu?.value) return;
  const { channel, ts, actionId } = menu.dataset;
  post("/api/button", { channel, ts, action_id: actionId, value: menu.value });
});

// The log stays unpainted while closed; show its newest entries on opening.
$("activity").addEventListener("toggle", () => {
  $("activity-list").scrollTop = $("activity-list").scrollHeight;
});

function signInAs(person) {
  ui.me = person;
  ui.thread = ui.modal = undefined;
  ui.shown = {};
  $("modal-root").innerHTML = "";
  refresh();
}

$("person").addEventListener("change", (event) => signInAs(event.target.value));
$("attach").addEventListener("change", (event) => {
  $("attached").textContent = [...event.target.files].map((f) => f.name)
    .join(", ");
});

// The two composers and the modal; nothing here reloads the page.
document.addEventListener("submit", (event) => {
  event.preventDefault();
  const form = event.target;
  const { channel, ts } = ui.thread ?? {};
  if (form.id === "composer") {
    send($("draft"), { channel: ui.conversation }, $("attach"));
  } else if (form.id === "thread-composer") {
    send($("thread-draft"), { channel, thread_ts: ts });
  } else if (form.dataset.testid === "modal") submitModal(form);
});

$("modal-root").addEventListener("keydown", (event) => {
  if (event.key === "Escape") CLICKS.cancel();
});

// Emoji names come from the server (derived from emoji-datasource); once
// they are in, everything is drawn again with them.
fetch("/emoji.json").then((r) => r.json()).then((loaded) => {
  useEmoji(loaded);
  ui.shown = {};
  if (ui.state) render();
}).catch((error) => toast(`Emoji could not be loaded: ${error.message}`));

// A poll skips its turn while the last is still out, not to pile on.
setInterval(async () => {
  if (ui.polling) return;
  ui.polling = true;
  await refresh();
  ui.polling = false;
}, POLL_MS);
refresh();
