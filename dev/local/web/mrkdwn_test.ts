// The page's mrkdwn renderer, run outside the browser: people's text stays
// text, Slack's own sequences become markup, and nothing else does.
import assert from "node:assert/strict";
// @ts-types="./mrkdwn.d.ts"
import { mrkdwn, useNames } from "./mrkdwn.js";
import { escapeMrkdwn } from "../../../slack/blocks/mrkdwn.ts";
import { HOSTILE_TEXT } from "../../testing/hostile_text.ts";

useNames({ person: (id: string) => (id === "U1" ? "Riley" : undefined) });
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
      assert.doesNotMatch(out, /<(?!\/?(b|i|s|br|code|pre)>)/, out);
      // What the person sees is exactly what they typed.
      const seen = out.replace(/<\/?(b|i|s|code|pre)>|<br>/g, "")
        .replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll(
          "&quot;",
          '"',
        )
        .replaceAll("&amp;", "&");
      assert.equal(seen.replace(/\*|_|~/g, ""), typed.replace(/\*|_|~/g, ""));
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
  assert.equal(html("<!date^1700000000^{ago}|2 h ago>"), "2 h ago");
  assert.doesNotMatch(html("<javascript:alert(1)|click>"), /<a /);
  assert.equal(html(":eyes:"), "👀");
});
