// Safe markup and Slack's mrkdwn for the local workspace page. Everything
// people typed is escaped; only Slack's own control sequences (<@U…>, <#C…>,
// links, dates) and formatting become markup.

export const EMOJI = {
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

// ---- safe markup ----

/** Markup that markup`` inserts as is; only markup`` and mrkdwn() make it. */
export class Safe {
  constructor(text) {
    this.text = text;
  }
}
export const trusted = (text) => new Safe(text);

export function escapeHtml(text) {
  return String(text).replaceAll("&", "&amp;").replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

/** Escapes each value (arrays joined; undefined, null, false dropped). */
export function markup(strings, ...values) {
  const piece = (v) => {
    if (v instanceof Safe) return v.text;
    if (Array.isArray(v)) return v.map(piece).join("");
    return v === undefined || v === null || v === false ? "" : escapeHtml(v);
  };
  return trusted(strings.reduce((out, s, i) => out + piece(values[i - 1]) + s));
}

// ---- mrkdwn ----

/** Slack's three entities; &amp; goes last so "&amp;lt;" stays "&lt;". */
export const decode = (text) =>
  text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

export const emojify = (text) =>
  text.replace(/:([a-z0-9_+-]+):/g, (all, name) => EMOJI[name] ?? all);

/** Names for <@U…> and <#C…>; the page tells us whom it knows. */
const names = { person: (_id) => undefined, channel: (_id) => undefined };
export function useNames(lookup) {
  Object.assign(names, lookup);
}
const personName = (id) => names.person(id);
const channelName = (id) => names.channel(id);

/** One control sequence (what is inside <…>) as safe markup. */
function controlSequence(inner) {
  const [target, ...rest] = inner.split("|");
  const label = rest.length ? decode(rest.join("|")) : undefined;
  const id = target.slice(1);
  const mention = (text, title) =>
    markup`<span class="mention" title="${title}">${text}</span>`;
  if (target[0] === "@") {
    return mention(`@${personName(id) ?? label ?? id}`, id);
  }
  if (target[0] === "#") {
    return mention(`#${label ?? channelName(id) ?? id}`, id);
  }
  if (target.startsWith("!subteam^")) {
    return mention(label ?? "@group", target.slice(9));
  }
  if (target.startsWith("!date^")) return markup`${label ?? ""}`;
  if (target[0] === "!") return mention(`@${label ?? id}`, id);
  const url = decode(target);
  // Only web and mail links; javascript: and the like stay text.
  return /^(https?:|mailto:)/i.test(url)
    ? markup`<a href="${url}" target="_blank" rel="noopener">${
      label ?? url
    }</a>`
    : markup`${label ?? url}`;
}

/**
 * mrkdwn to markup. A real "<" only ever opens a control sequence (the app
 * sends people's "<" as "&lt;"), so sequences are drawn first and parked
 * behind private-use markers; then the rest is decoded, escaped, formatted.
 */
export function mrkdwn(source) {
  const parked = [];
  const park = (html) => `\uE000${parked.push(html) - 1}\uE001`;
  let out = String(source ?? "").replace(/[\uE000\uE001]/g, "")
    .replace(/<([^<>]*)>/g, (_, inner) => park(controlSequence(inner).text));
  out = escapeHtml(decode(out))
    .replace(/```\n?([\s\S]+?)```/g, (_, code) => park(`<pre>${code}</pre>`))
    .replace(/`([^`\n]+)`/g, (_, code) => park(`<code>${code}</code>`))
    .replace(/(^|[^\w*])\*([^*\n]+)\*(?!\w)/g, "$1<b>$2</b>")
    .replace(/(^|[^\w_])_([^_\n]+)_(?!\w)/g, "$1<i>$2</i>")
    .replace(/(^|[^\w~])~([^~\n]+)~(?!\w)/g, "$1<s>$2</s>")
    .replaceAll("\n", "<br>");
  // Parked code may hold a parked link, hence twice.
  const unpark = (s) => s.replace(/\uE000(\d+)\uE001/g, (_, i) => parked[i]);
  return trusted(unpark(unpark(emojify(out))));
}

/** A Block Kit text object: mrkdwn is parsed, plain_text only gets emoji. */
export const text = (o) =>
  o?.type === "mrkdwn" ? mrkdwn(o.text) : emojify(o?.text ?? "");
