// Slack reads `<…>` in mrkdwn as a control sequence: <!channel>, <!here>,
// <@U123>, <#C123> and <https://evil|harmless text> all come alive. People's
// text must therefore be escaped before it is placed in mrkdwn, and these three
// characters are all Slack asks for (https://docs.slack.dev/messaging/formatting-message-text).
export function escapeMrkdwn(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;");
}

/**
 * Escapes and cuts to `limit` characters of escaped text, never splitting an
 * entity such as `&amp;` in two.
 */
export function escapeMrkdwnWithin(text: string, limit: number): string {
  const escaped = [...escapeMrkdwn(text)];
  if (escaped.length <= limit) return escaped.join("");
  if (limit < 1) return "";
  let cut = escaped.slice(0, limit - 1).join("");
  const amp = cut.lastIndexOf("&");
  if (amp !== -1 && !cut.slice(amp).includes(";")) cut = cut.slice(0, amp);
  return cut + "…";
}

/**
 * Plain text fields (headers, button labels) are not parsed, only cut: at
 * most `limit` code points (as Slack counts), never inside an emoji and its
 * modifiers (a grapheme), ending with "…".
 */
export function plainWithin(text: string, limit: number): string {
  if ([...text].length <= limit) return text;
  if (limit < 1) return "";
  let cut = "";
  let used = 0;
  for (const { segment } of GRAPHEMES.segment(text)) {
    const size = [...segment].length;
    if (used + size > limit - 1) break;
    cut += segment;
    used += size;
  }
  return cut + "…";
}

// Marked pure: esbuild keeps an object built at load, read or not.
const GRAPHEMES = /* @__PURE__ */ new Intl.Segmenter(undefined, {
  granularity: "grapheme",
});

export function userMention(userId: string): string {
  // IDs come from Slack, but a forged one must not smuggle markup.
  return /^[UWB][A-Z0-9]+$/.test(userId)
    ? `<@${userId}>`
    : escapeMrkdwn(userId);
}

/** `<#C…>` for a channel id; anything else is shown as plain text. */
export function channelMention(channelId: string): string {
  return /^[CGD][A-Z0-9]+$/.test(channelId)
    ? `<#${channelId}>`
    : escapeMrkdwn(channelId);
}

/** `<!subteam^S…>` for a user group id; anything else as plain text. */
export function userGroupMention(groupId: string): string {
  return /^S[A-Z0-9]+$/.test(groupId)
    ? `<!subteam^${groupId}>`
    : escapeMrkdwn(groupId);
}

/** Slack renders this in each reader's own time zone and language. */
export function slackDate(
  unixSeconds: number,
  format: string,
  fallback: string,
): string {
  return `<!date^${Math.floor(unixSeconds)}^${format}|${
    escapeMrkdwn(fallback)
  }>`;
}

/** "Nov 14 at 10:13 PM" in each reader's zone; UTC ISO text as fallback. */
export function slackDateTime(unixSeconds: number): string {
  return slackDate(
    unixSeconds,
    "{date_short_pretty} at {time}",
    new Date(unixSeconds * 1000).toISOString(),
  );
}
