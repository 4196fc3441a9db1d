// Safe markup and Slack's mrkdwn for the local workspace page. Everything
// people typed is escaped; only Slack's own control sequences (<@U…>, <#C…>,
// links, dates) and formatting become markup.

import { formatSlackDate } from "./slack_date.js";

// ---- emoji ----

/**
 * Slack's emoji names (from emoji-datasource, which the server derives and
 * serves as /emoji.json): `names` maps each to its characters, `tones` the
 * five skin tones of those that have them. Empty until the page loads them.
 */
const emoji = { names: {}, tones: {} };
export function useEmoji(loaded) {
  Object.assign(emoji, loaded);
}

/** The characters for a name, undefined when Slack has no such emoji. */
export function emojiFor(name, tone) {
  if (tone) {
    const toned = emoji.tones[name]?.[Number(tone) - 2];
    if (toned) return toned;
  }
  return emoji.names[name];
}

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

/**
 * :name: and :name::skin-tone-N: as Slack shows them; a name Slack does not
 * know stays as typed.
 */
export const emojify = (text) =>
  text.replace(
    /:([a-z0-9_+'-]+):(?::skin-tone-([2-6]):)?/g,
    (all, name, tone) => {
      const found = emojiFor(name, tone);
      if (!found) return all;
      // A tone the emoji does not take is shown after it, as Slack does.
      return tone && !emoji.tones[name]
        ? found + (emojiFor(`skin-tone-${tone}`) ?? "")
        : found;
    },
  );

/**
 * What the page knows about the workspace, for control sequences: names of
 * people and channels, user group handles, the reader's time zone, and the
 * workspace's URL (permalinks to it open in the page).
 */
const names = {
  person: (_id) => undefined,
  channel: (_id) => undefined,
  usergroup: (_id) => undefined,
  timeZone: () => undefined,
  workspaceUrl: () => undefined,
};
export function useNames(lookup) {
  Object.assign(names, lookup);
}
const personName = (id) => names.person(id);
const channelName = (id) => names.channel(id);

/**
 * A permalink into this workspace (…/archives/C123/p1700000000123456, with
 * ?thread_ts=… for a reply) as {channel, ts, thread_ts}; else undefined.
 */
export function permalinkTarget(url) {
  const base = names.workspaceUrl();
  if (!base || !url.startsWith(base)) return undefined;
  const m = /^archives\/([A-Z0-9]+)\/p(\d{10})(\d{6})(?:\?(.*))?$/
    .exec(url.slice(base.length));
  if (!m) return undefined;
  const query = new URLSearchParams(m[4] ?? "");
  return {
    channel: m[1],
    ts: `${m[2]}.${m[3]}`,
    thread_ts: query.get("thread_ts") ?? undefined,
  };
}

/** A link; one into this workspace opens the message in the page. */
export function linkHtml(url, label) {
  const target = permalinkTarget(url);
  if (target) {
    return markup`<a href="${url}" class="permalink" data-do="permalink"
      data-channel="${target.channel}" data-ts="${target.ts}"
      data-thread="${target.thread_ts ?? ""}">${label}</a>`;
  }
  return markup`<a href="${url}" target="_blank" rel="noopener">${label}</a>`;
}

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
    const group = target.slice(9);
    const handle = names.usergroup(group);
    return mention(handle ? `@${handle}` : label ?? `@${group}`, group);
  }
  if (target.startsWith("!date^")) {
    const [, timestamp, format = "", link] = target.split("^");
    const shown = formatSlackDate(timestamp, decode(format), label ?? "", {
      timeZone: names.timeZone(),
    });
    const title = formatSlackDate(timestamp, "{date_long} {time}", "", {
      timeZone: names.timeZone(),
    });
    const url = link && decode(link);
    return url && /^https?:/i.test(url)
      ? linkHtml(url, shown)
      : markup`<time title="${title}">${shown}</time>`;
  }
  if (target[0] === "!") return mention(`@${label ?? id}`, id);
  const url = decode(target);
  // Only web and mail links; javascript: and the like stay text.
  return /^(https?:|mailto:)/i.test(url)
    ? linkHtml(url, label ?? url)
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
    // "> " opening a line quotes it, as Slack draws it.
    .replace(/^&gt; ?(.*)$/gm, "<blockquote>$1</blockquote>")
    .replace(/<\/blockquote>\n/g, "</blockquote>")
    .replaceAll("\n", "<br>");
  // Parked code may hold a parked link, hence twice.
  const unpark = (s) => s.replace(/\uE000(\d+)\uE001/g, (_, i) => parked[i]);
  return trusted(unpark(unpark(emojify(out))));
}

/** A Block Kit text object: mrkdwn is parsed, plain_text only gets emoji. */
export const text = (o) =>
  o?.type === "mrkdwn" ? mrkdwn(o.text) : emojify(o?.text ?? "");
