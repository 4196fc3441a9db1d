// The page's mrkdwn renderer, run outside the browser: people's text stays
// text, Slack's own sequences become markup, and nothing else does.
import assert from "node:assert/strict";
// @ts-types="./mrkdwn.d.ts"
import { emojify, mrkdwn, useEmoji, useNames } from "./mrkdwn.js";
import { escapeMrkdwn } from "../../../slack/blocks/mrkdwn.ts";
import { HOSTILE_TEXT } from "../../testing/hostile_text.ts";
import { emojiNames } from "../emoji_names.ts";

useEmoji(await emojiNames());
useNames({
  person: (id: string) => (id === "U1" ? "Riley" : undefined),
  usergroup: (id: string) => (id === "S0ITTEAM" ? "it-team" : undefined),
  timeZone: () => "UTC",
  workspaceUrl: () => "https://helpdesk-local.slack.com/",
});
const html = (source: string) => mrkdwn(source).text as string;

Deno.test("escaped text people typed is shown literally, never as markup", async (t) => {
  for (
    const typed of [
      ...HOSTILE_TEXT,
      "<script>alert(1)</script>",
      '"><img src=x>',
    ]
  ) {
    await t.step(typed, () => {
      const out = html(escapeMrkdwn(typed));
      assert.doesNotMatch(
        out,
        /<(?!\/?(b|i|s|br|code|pre|blockquote)>)/,
        out,
      );
      // What the person sees is exactly what they typed.
      const seen = out.replace(/<\/?(b|i|s|code|pre)>|<br>/g, "")
        .replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll(
          "&quot;",
          '"',
        )
        .replaceAll("&amp;", "&");
      // Formatting marks (bold, italics, strike, code) format, as in Slack.
      assert.equal(
        seen.replace(/\*|_|~|`/g, ""),
        typed.replace(/\*|_|~|`/g, ""),
      );
    });
  }
});

Deno.test("Slack's sequences and formatting render", () => {
  assert.match(
    html("<@U1> claimed it"),
    /class="mention"[^>]*>@Riley<\/span> claimed it/,
  );
  assert.match(html("*HD-1* _new_"), /<b>HD-1<\/b> <i>new<\/i>/);
  assert.match(
    html("<https://x.slack.com/a|HD-1>"),
    /<a href="https:\/\/x\.slack\.com\/a"[^>]*>HD-1<\/a>/,
  );
  assert.doesNotMatch(html("<javascript:alert(1)|click>"), /<a /);
});

Deno.test("emoji are Slack's names, skin tones included", () => {
  const cases: Record<string, string> = {
    ":eyes:": "👀",
    ":star:": "⭐",
    ":raised_hand:": "✋",
    ":hand:": "✋",
    ":rotating_light:": "🚨",
    ":double_vertical_bar:": "⏸️",
    ":admission_tickets:": "🎟️",
    ":+1:": "👍",
    ":thumbsup::skin-tone-3:": "👍🏼", // tone 3 is U+1F3FC
    ":raised_hand::skin-tone-6:": "✋🏿",
    ":skin-tone-2:": "🏻",
    // A name Slack does not know stays as typed, as in Slack.
    ":pause_button:": ":pause_button:",
    ":no_such_emoji:": ":no_such_emoji:",
    "from 09:00:00 to 17:00": "from 09:00:00 to 17:00",
  };
  for (const [typed, shown] of Object.entries(cases)) {
    assert.equal(emojify(typed), shown, typed);
  }
  assert.equal(html("*:ticket: HD-1*"), "<b>🎫 HD-1</b>");
});

Deno.test("user groups by handle, dates by their tokens", () => {
  assert.match(html("<!subteam^S0ITTEAM>"), />@it-team<\/span>/);
  assert.match(html("<!subteam^S0ITTEAM|@old-name>"), />@it-team<\/span>/);
  assert.match(html("<!subteam^S0OTHER|@ops>"), />@ops<\/span>/);
  assert.match(html("<!subteam^S0OTHER>"), />@S0OTHER<\/span>/);
  assert.match(
    html("<!date^1700000000^{date_num} {time}|fallback>"),
    /<time title="Tuesday, November 14th, 2023 10:13 PM">2023-11-14 10:13 PM<\/time>/,
  );
  assert.match(html("<!date^soon^{date_num}|2 h ago>"), />2 h ago</);
  // A format is text too: whatever it holds is escaped, never markup.
  const odd = html('<!date^1700000000^{date_num} "onmouseover=x&amp;|fb>');
  assert.match(odd, />2023-11-14 &quot;onmouseover=x&amp;<\/time>/);
  assert.doesNotMatch(
    html("<!date^1700000000^{date_num}^javascript:alert(1)|fb>"),
    /<a /,
  );
  assert.match(
    html("<!date^1700000000^{date_num}^https://example.com/x|fb>"),
    /<a href="https:\/\/example\.com\/x"[^>]*>2023-11-14<\/a>/,
  );
});

Deno.test("a permalink into the workspace opens in the page", () => {
  const link = html(
    "<https://helpdesk-local.slack.com/archives/C0TRIAGE/p1700000000123456?thread_ts=1700000000.000100&cid=C0TRIAGE|HD-1>",
  );
  assert.match(link, /data-do="permalink"/);
  assert.match(link, /data-channel="C0TRIAGE"/);
  assert.match(link, /data-ts="1700000000\.123456"/);
  assert.match(link, /data-thread="1700000000\.000100"/);
  assert.doesNotMatch(link, /target="_blank"/);
  const elsewhere = html(
    "<https://other.slack.com/archives/C1/p1700000000123456|x>",
  );
  assert.match(elsewhere, /target="_blank"/);
  assert.doesNotMatch(elsewhere, /permalink/);
});

Deno.test("a line opening with > is a quote, as Slack draws it", () => {
  assert.equal(
    html("Avery replied:\n> Which tray?\n> The lower one &lt;!here&gt;"),
    "Avery replied:<br><blockquote>Which tray?</blockquote>" +
      "<blockquote>The lower one &lt;!here&gt;</blockquote>",
  );
});
