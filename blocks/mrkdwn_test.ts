import assert from "node:assert/strict";
import { HOSTILE_TEXT, isInert } from "../testing/hostile_text.ts";
import {
  escapeMrkdwn,
  escapeMrkdwnWithin,
  plainWithin,
  userMention,
} from "./mrkdwn.ts";

Deno.test("escaping makes hostile text inert", async (t) => {
  for (const text of HOSTILE_TEXT) {
    await t.step(text, () => {
      const escaped = escapeMrkdwn(text);
      assert.ok(isInert(escaped), escaped);
      // Nothing is lost: unescaping gives the text back.
      const back = escaped.replaceAll("&lt;", "<").replaceAll("&gt;", ">")
        .replaceAll(
          "&amp;",
          "&",
        );
      assert.equal(back, text);
    });
  }
  assert.equal(escapeMrkdwn("&lt;"), "&amp;lt;");
});

Deno.test("escapeMrkdwnWithin cuts to the limit without splitting an entity", () => {
  const text = "a".repeat(8) + "&&&&";
  for (let limit = 5; limit < 30; limit++) {
    const cut = escapeMrkdwnWithin(text, limit);
    assert.ok([...cut].length <= limit, `${limit}: ${cut}`);
    assert.ok(isInert(cut), cut);
  }
  assert.equal(escapeMrkdwnWithin("short", 10), "short");
});

Deno.test("plainWithin counts characters as people do", () => {
  assert.equal(plainWithin("🎫🎫🎫", 3), "🎫🎫🎫");
  assert.equal(plainWithin("🎫🎫🎫🎫", 3), "🎫🎫…");
});

Deno.test("userMention only mentions Slack ids", () => {
  assert.equal(userMention("U123"), "<@U123>");
  assert.equal(userMention("<!channel>"), "&lt;!channel&gt;");
});
