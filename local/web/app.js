// The local workspace page: shows what Slack would show the chosen person,
// and sends what Slack would send when they click, react, type or submit.
// Plain DOM, no build step. People's text is only ever set as text, never as
// HTML, except through renderMrkdwn, which escapes it first.

const ui = {
  me: localStorage.getItem("me") ?? "",
  conversation: localStorage.getItem("conversation") ?? "",
  thread: undefined,
  state: undefined,
  shown: "",
  modalId: undefined,
};

const EMOJI = {
  eyes: "👀",
  white_check_mark: "✅",
  ticket: "🎫",
  new: "🆕",
  hammer_and_wrench: "🛠️",
  hourglass_flowing_sand: "⏳",
  lock: "🔒",
  red_circle: "🔴",
  large_orange_circle: "🟠",
  large_blue_circle: "🔵",
  white_circle: "⚪",
  gear: "⚙️",
};

const $ = (id) => document.getElementById(id);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "testid") node.dataset.testid = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== undefined) node[key] = value;
  }
  node.append(...children.filter((c) => c !== undefined && c !== null));
  return node;
}

async function post(path, body) {
  const response = await fetch(path, {
    method: "POST",
    body: JSON.stringify({ as: ui.me, ...body }),
  });
  const answer = await response.json();
  if (!response.ok) alert(answer.error);
  refresh();
  return answer;
}

// ---- mrkdwn: escape first, then turn Slack's own sequences into markup ----

function escapeHtml(text) {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(
    ">",
    "&gt;",
  )
    .replaceAll('"', "&quot;");
}

function nameOf(id) {
  return ui.state.people.find((p) => p.id === id)?.name ?? id;
}

function channelName(id) {
  return ui.state.channels.find((c) => c.id === id)?.name ?? id;
}

function renderMrkdwn(text) {
  // Slack's control sequences are the only raw <…> in app text: the app
  // escapes people's text, so "&lt;!channel&gt;" stays literal below.
  const sequences = [];
  // Private-use characters mark where each rendered sequence goes back.
  const keep = (html) => `\uE000${sequences.push(html) - 1}\uE000`;
  let out = text.replace(/<([^<>]+)>/g, (_, inner) => {
    const [target, label] = inner.split("|");
    if (target.startsWith("@")) {
      return keep(`<b>@${escapeHtml(nameOf(target.slice(1)))}</b>`);
    }
    if (target.startsWith("#")) {
      return keep(
        `<b>#${escapeHtml(label ?? channelName(target.slice(1)))}</b>`,
      );
    }
    if (target.startsWith("!subteam^")) {
      return keep(`<b>@${escapeHtml(target.slice(9))}</b>`);
    }
    if (target.startsWith("!date^")) {
      return keep(escapeHtml(decode(label ?? "")));
    }
    if (target.startsWith("!")) {
      return keep(`<b>@${escapeHtml(target.slice(1))}</b>`);
    }
    return keep(
      `<a href="${escapeHtml(target)}" target="_blank">${
        escapeHtml(decode(label ?? target))
      }</a>`,
    );
  });
  out = escapeHtml(decode(out))
    .replace(/```([\s\S]+?)```/g, "<pre>$1</pre>")
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/(^|\W)\*([^*\n]+)\*/g, "$1<b>$2</b>")
    .replace(/(^|\W)_([^_\n]+)_/g, "$1<i>$2</i>")
    .replace(/(^|\W)~([^~\n]+)~/g, "$1<s>$2</s>")
    .replace(/:([a-z0-9_+-]+):/g, (m, name) => EMOJI[name] ?? m)
    .replaceAll("\n", "<br>");
  return out.replace(/\uE000(\d+)\uE000/g, (_, i) => sequences[Number(i)]);
}

/** Slack's three entities back to characters (shown as text afterwards). */
function decode(text) {
  return text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll(
    "&amp;",
    "&",
  );
}

function textNode(object) {
  const span = el("span");
  if (object?.type === "mrkdwn") span.innerHTML = renderMrkdwn(object.text);
  else {span.textContent = (object?.text ?? "").replace(
      /:([a-z0-9_+-]+):/g,
      (m, n) => EMOJI[n] ?? m,
    );}
  return span;
}

// ---- Block Kit ----

function renderBlocks(blocks, message) {
  return blocks.map((block) => {
    switch (block.type) {
      case "header":
        return el("div", { className: "block-header" }, textNode(block.text));
      case "section":
        return el(
          "div",
          { className: "section" },
          block.text ? el("div", {}, textNode(block.text)) : undefined,
          block.fields
            ? el(
              "div",
              { className: "fields" },
              ...block.fields.map((f) => el("div", {}, textNode(f))),
            )
            : undefined,
          block.accessory ? renderElement(block.accessory, message) : undefined,
        );
      case "context":
        return el(
          "div",
          { className: "context" },
          ...block.elements.filter((e) => e.type !== "image").map(textNode),
        );
      case "divider":
        return el("hr");
      case "actions":
        return el(
          "div",
          { className: "actions" },
          ...block.elements.map((e) => renderElement(e, message)),
        );
      default:
        return el("div", { className: "context" }, `[${block.type} block]`);
    }
  });
}

function renderElement(element, message) {
  const click = (value) =>
    post("/api/button", {
      channel: message.channel,
      ts: message.ts,
      action_id: element.action_id,
      value,
    });
  if (element.type === "button" || element.type === "workflow_button") {
    return el("button", {
      className: `sl ${element.style ?? ""}`,
      testid: `action-${element.text.text}`,
      onclick: () => click(element.value),
    }, element.text.text);
  }
  const select = el(
    "select",
    { onchange: (e) => click(e.target.value) },
    el("option", { value: "" }, "Choose…"),
  );
  for (const option of element.options ?? []) {
    select.append(el("option", { value: option.value }, option.text.text));
  }
  if (element.type === "users_select") {
    for (const person of ui.state.people) {
      select.append(el("option", { value: person.id }, person.name));
    }
  }
  return select;
}

// ---- conversation, thread, reactions ----

function renderMessage(message) {
  const time = new Date(Number(message.ts) * 1000).toLocaleTimeString([], {
    hour: "2-digit",
    minute: "2-digit",
  });
  const body = message.blocks?.length
    ? renderBlocks(message.blocks, message)
    : [textNode({ type: "mrkdwn", text: message.text })];
  const reactions = el("div", { className: "reactions" });
  for (const r of message.reactions ?? []) {
    reactions.append(
      el(
        "span",
        { className: "chip", title: r.users.map(nameOf).join(", ") },
        `${EMOJI[r.name] ?? r.name} ${r.users.length}`,
      ),
    );
  }
  for (const name of ["eyes", "white_check_mark", "ticket"]) {
    reactions.append(el("button", {
      className: "react",
      title: `React :${name}:`,
      testid: `react-${name}`,
      onclick: () =>
        post("/api/reaction", {
          channel: message.channel,
          ts: message.ts,
          name,
        }),
    }, EMOJI[name]));
  }
  if (message.reply_count) {
    reactions.append(
      el(
        "button",
        {
          className: "replies",
          onclick: () => openThread(message),
        },
        `${message.reply_count} ${
          message.reply_count === 1 ? "reply" : "replies"
        }`,
      ),
    );
  }
  const node = el(
    "div",
    { className: "message" },
    el(
      "div",
      {},
      el("span", { className: "who" }, message.user_name),
      el("span", { className: "when" }, time),
    ),
    ...body,
    reactions,
  );
  node.dataset.ts = message.ts;
  return node;
}

function openThread(message) {
  ui.thread = { channel: message.channel, ts: message.ts };
  ui.shown = "";
  refresh();
}

function renderConversation() {
  const { state } = ui;
  const all = state.messages[ui.conversation] ?? [];
  const top = all.filter((m) => !m.thread_ts || m.thread_ts === m.ts);
  const ephemeral = state.ephemerals.filter((e) =>
    e.channel === ui.conversation
  );
  const replies = ui.thread
    ? all.filter((m) => m.thread_ts === ui.thread.ts && m.ts !== ui.thread.ts)
    : [];
  const signature = JSON.stringify([
    ui.conversation,
    ui.me,
    top,
    ephemeral,
    replies,
    state.people.length,
  ]);
  if (signature === ui.shown) return;
  ui.shown = signature;
  const conversation = [...state.channels, ...state.dms].find((c) =>
    c.id === ui.conversation
  );
  $("title").textContent = conversation?.user
    ? "Helpdesk (DM)"
    : `#${conversation?.name ?? ""}`;
  const list = $("messages");
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.replaceChildren(
    ...top.map(renderMessage),
    ...ephemeral.map((e) =>
      el(
        "div",
        { className: "message ephemeral" },
        el("div", { className: "note" }, "Only visible to you"),
        textNode({ type: "mrkdwn", text: e.text }),
      )
    ),
  );
  if (atBottom) list.scrollTop = list.scrollHeight;
  const thread = $("thread");
  thread.hidden = !ui.thread;
  if (ui.thread) {
    thread.replaceChildren(
      el("button", {
        className: "sl",
        onclick: () => {
          ui.thread = undefined;
          ui.shown = "";
          refresh();
        },
      }, "Close thread"),
      ...replies.map(renderMessage),
    );
  }
}

// ---- sidebar ----

function renderSidebar() {
  const { state } = ui;
  const person = $("person");
  if (person.options.length !== state.people.length) {
    person.replaceChildren(
      ...state.people.map((p) => el("option", { value: p.id }, `${p.name}`)),
    );
  }
  person.value = ui.me;
  const nav = (conversations, label, testid) =>
    conversations.map((c) =>
      el("button", {
        className: c.id === ui.conversation ? "active" : "",
        testid: testid(c),
        onclick: () => select(c.id),
      }, label(c))
    );
  $("channels").replaceChildren(
    ...nav(
      state.channels,
      (c) => `${c.is_private ? "🔒" : "#"} ${c.name}`,
      (c) => `channel-${c.name}`,
    ),
  );
  $("dms").replaceChildren(
    ...nav(state.dms, () => "Helpdesk (app)", () => "dm-helpdesk"),
  );
  $("shortcuts").replaceChildren(...state.shortcuts.map((s) =>
    el("button", {
      title: s.description,
      testid: `shortcut-${s.name.replaceAll(" ", "-")}`,
      onclick: () =>
        post("/api/shortcut", { trigger_id: s.id, channel: ui.conversation }),
    }, `⚡ ${s.name}`)
  ));
  $("scheduled").replaceChildren(
    ...(state.scheduled ?? []).map((t) =>
      el("button", {
        title: "Run now, as its schedule would",
        testid: `run-${t.name.replaceAll(" ", "-")}`,
        onclick: () => post("/api/scheduled/run", { trigger_id: t.id }),
      }, `⏱ ${t.name} · run now`)
    ),
  );
  const activity = $("activity").querySelector("ol");
  activity.replaceChildren(
    ...state.activity.slice(-30).map((a) =>
      el(
        "li",
        { className: a.level },
        `${new Date(a.at).toLocaleTimeString()} ${a.workflow}${
          a.step ? ` · ${a.step}` : ""
        }: ${a.message}`,
      )
    ),
  );
}

function select(id) {
  ui.conversation = id;
  ui.thread = undefined;
  localStorage.setItem("conversation", id);
  refresh();
}

// ---- modals ----

function renderModal() {
  const open = ui.state.views.at(-1);
  if (open?.id === ui.modalId) return; // keep what the person is typing
  ui.modalId = open?.id;
  const root = $("modal-root");
  if (!open) return root.replaceChildren();
  const { view } = open;
  const form = el(
    "form",
    { className: "modal", testid: "modal" },
    el("h3", {}, view.title.text),
  );
  for (const block of view.blocks) {
    if (block.type !== "input") {
      form.append(...renderBlocks([block], {}));
      continue;
    }
    form.append(el(
      "label",
      {},
      `${block.label.text}${block.optional ? " (optional)" : ""}`,
      inputFor(block),
      block.hint
        ? el("div", { className: "hint" }, block.hint.text)
        : undefined,
      el("div", { className: "error", testid: `error-${block.block_id}` }),
    ));
  }
  form.append(el(
    "footer",
    {},
    el("button", {
      type: "button",
      className: "sl",
      testid: "modal-cancel",
      onclick: () => post("/api/view/close", { view_id: open.id }),
    }, view.close?.text ?? "Cancel"),
    el("button", {
      type: "submit",
      className: "sl primary",
      testid: "modal-submit",
    }, view.submit?.text ?? "Submit"),
  ));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const answer = await post("/api/view/submit", {
      view_id: open.id,
      values: valuesOf(form),
    });
    for (const [blockId, message] of Object.entries(answer.errors ?? {})) {
      form.querySelector(`[data-testid="error-${blockId}"]`).textContent =
        message;
    }
  });
  root.replaceChildren(el("div", { className: "overlay" }, form));
}

function inputFor(block) {
  const { element } = block;
  const props = { name: block.block_id, testid: `input-${block.block_id}` };
  if (element.type === "plain_text_input") {
    return element.multiline
      ? el("textarea", { ...props, rows: 4, maxLength: element.max_length })
      : el("input", { ...props, maxLength: element.max_length });
  }
  const multiple = element.type.startsWith("multi_");
  const choices = element.type.includes("users_select")
    ? ui.state.people.map((p) => [p.id, p.name])
    : /conversations_select|channels_select/.test(element.type)
    ? ui.state.channels.map((c) => [c.id, `#${c.name}`])
    : (element.options ?? []).map((o) => [o.value, o.text.text]);
  const select = el(
    "select",
    { ...props, multiple },
    multiple ? undefined : el("option", { value: "" }, "Choose…"),
  );
  for (const [value, label] of choices) {
    select.append(el("option", { value }, label));
  }
  select.value = element.initial_option?.value ?? element.initial_user ?? "";
  return select;
}

function valuesOf(form) {
  const values = {};
  for (const field of form.querySelectorAll("[name]")) {
    const value = field.multiple
      ? [...field.selectedOptions].map((o) => o.value)
      : field.value;
    if (value !== "" && !(Array.isArray(value) && value.length === 0)) {
      values[field.name] = value;
    }
  }
  return values;
}

// ---- loop ----

async function refresh() {
  const state =
    await (await fetch(`/api/state?as=${encodeURIComponent(ui.me)}`)).json();
  ui.state = state;
  if (!ui.me) ui.me = state.me;
  const ids = [...state.channels, ...state.dms].map((c) => c.id);
  if (!ids.includes(ui.conversation)) {
    ui.conversation = state.channels[0]?.id ?? "";
  }
  renderSidebar();
  renderConversation();
  renderModal();
}

$("person").addEventListener("change", (event) => {
  ui.me = event.target.value;
  localStorage.setItem("me", ui.me);
  ui.shown = "";
  ui.modalId = undefined;
  refresh();
});

$("composer").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = $("draft").value.trim();
  if (!text) return;
  $("draft").value = "";
  post("/api/message", {
    channel: ui.conversation,
    text,
    thread_ts: ui.thread?.ts,
  });
});

refresh();
setInterval(refresh, 700);
