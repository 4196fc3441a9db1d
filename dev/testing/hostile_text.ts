// Text people might type (or paste) that Slack would turn into pings, links
// or dates if it reached mrkdwn unescaped. Shared by the escaping tests.

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
];

/** True when text holds no `<` or `>` and only the three entities. */
export function isInert(text: string): boolean {
  return !/[<>]/.test(text) && !/&(?!(amp|lt|gt);)/.test(text);
}
