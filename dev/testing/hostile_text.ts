// Text people might type (or paste) that Slack would turn into pings, links
// or dates if it reached mrkdwn unescaped. Shared by the escaping tests.
import { escapeMrkdwn } from "../../slack/blocks/mrkdwn.ts";

/** Text people type that Slack would otherwise turn into pings and links. */
export const HOSTILE_TEXT = [
  "<!channel>",
  "<!here> look",
  "<!everyone>",
  "<@U123ABC>",
  "<@W999|boss>",
  "<#C123|general>",
  "<!subteam^S123|@it>",
  "<https://evil.example|https://good.example>",
  "<mailto:a@b.c|click>",
  "<!date^1700000000^{date}|today>",
  "&lt;!channel&gt;",
  "a < b && c > d",
  "<<!channel>>",
  "<!here>",
  "<@U123>",
  "<!subteam^S123>",
  "<!date^1^{date}|x>",
  "&lt;",
  "&&&&&&&&",
  "🎫 <!channel> & 🎫",
  "`<!channel>` in code",
  "*<!here>* bold",
  "<!channel|everyone>",
  "\u202e<!here> reversed",
  "${<!channel>}",
];

/** True when text holds no `<` or `>` and only the three entities. */
export function isInert(text: string): boolean {
  return !/[<>]/.test(text) && !/&(?!(amp|lt|gt);)/.test(text);
}

/**
 * Whether `typed` appears in the mrkdwn `text` only as inert text: escaped,
 * and with every control sequence left in the message being one Helpdesk
 * wrote on purpose (a mention of one of `known` ids, a date, a link into
 * the workspace). Anything else `<…>` means something slipped through.
 */
export function showsInert(
  text: string,
  typed: string,
  known: readonly string[],
): boolean {
  if (!text.includes(escapeMrkdwn(typed))) return false;
  const ids = known.join("|");
  const ours = new RegExp(
    [
      `<@(?:${ids})>`,
      `<#(?:${ids})>`,
      `<!subteam\\^(?:${ids})>`,
      "<!date\\^\\d+\\^[^|<>]*\\|[^<>]*>",
      "<https://[a-z0-9-]+\\.slack\\.com/[^|<> ]*\\|[^<>]*>",
    ].join("|"),
    "g",
  );
  return isInert(text.replace(ours, ""));
}
