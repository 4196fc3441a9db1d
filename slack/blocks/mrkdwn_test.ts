import assert from "node:assert/strict";
import { HOSTILE_TEXT, isInert } from "../../dev/testing/hostile_text.ts";
import {
  channelMention,
  escapeMrkdwn,
  escapeMrkdwnWithin,
  plainWithin,
  slackDate,
  userGroupMention,
  userMention,
} from "./mrkdwn.ts";

const CORPUS = HOSTILE_TEXT;

function unescape(text: string) {
  return text.replaceAll("&lt;", "<").replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}

Deno.test("the inertness check itself tells markup from text", () => {
  assert.equal(isInert("<!channel>"), false);
  assert.equal(isInert("a & b"), false);
  assert.equal(isInert("&lt;!channel&gt; &amp;"), true);
});

Deno.test("escaping makes hostile text inert and loses nothing", async (t) => {
  for (const text of CORPUS) {
    await t.step(text, () => {
      const escaped = escapeMrkdwn(text);
      assert.ok(isInert(escaped), escaped);
      assert.doesNotMatch(escaped, /[<>]/);
      assert.equal(unescape(escaped), text);
    });
  }
});

Deno.test("escaping: exact results", () => {
  const cases = [
    ["<!channel>", "&lt;!channel&gt;"],
    ["<@U123>", "&lt;@U123&gt;"],
    ["&lt;", "&amp;lt;"],
    ["&amp;", "&amp;amp;"],
    ["a < b && c > d", "a &lt; b &amp;&amp; c &gt; d"],
    ["plain *bold* _it_ `code`", "plain *bold* _it_ `code`"],
    ["", ""],
  ];
  for (const [text, expected] of cases) {
    assert.equal(escapeMrkdwn(text), expected, text);
  }
});

Deno.test("escapeMrkdwnWithin never splits an entity nor exceeds the limit", async (t) => {
  for (const text of CORPUS) {
    await t.step(text, () => {
      const full = escapeMrkdwn(text);
      const fullLength = [...full].length;
      for (let limit = 1; limit <= fullLength + 2; limit++) {
        const cut = escapeMrkdwnWithin(text, limit);
        const length = [...cut].length;
        assert.ok(length <= limit, `${limit}: ${cut}`);
        assert.ok(isInert(cut), `${limit}: ${cut}`);
        assert.ok(cut.isWellFormed(), `${limit}: lone surrogate`);
        if (limit >= fullLength) {
          assert.equal(cut, full);
          continue;
        }
        assert.ok(cut.endsWith("…"), cut);
        const kept = cut.slice(0, -1);
        assert.ok(full.startsWith(kept), `${limit}: ${cut}`);
        // At most a partial entity ("&amp" is four characters) is dropped.
        assert.ok([...kept].length >= limit - 5, `${limit}: ${cut}`);
      }
    });
  }
  assert.equal(escapeMrkdwnWithin("a&b", 5), "a…");
  assert.equal(escapeMrkdwnWithin("a&b", 7), "a&amp;b");
  assert.equal(escapeMrkdwnWithin("a&b", 6), "a…");
  assert.equal(escapeMrkdwnWithin("a&bc", 7), "a&amp;…");
  assert.equal(escapeMrkdwnWithin("short", 10), "short");
});

Deno.test("plainWithin cuts without escaping and counts emoji as one", () => {
  assert.equal(plainWithin("<!channel>", 20), "<!channel>");
  assert.equal(plainWithin("🎫🎫🎫", 3), "🎫🎫🎫");
  assert.equal(plainWithin("🎫🎫🎫🎫", 3), "🎫🎫…");
  assert.equal(plainWithin("abcdef", 6), "abcdef");
  assert.equal(plainWithin("abcdefg", 6), "abcde…");
  const long = "🎫".repeat(151);
  const cut = plainWithin(long, 150);
  assert.equal([...cut].length, 150);
  assert.ok(cut.isWellFormed());
  assert.equal(plainWithin("🎫".repeat(150), 150), "🎫".repeat(150));
});

Deno.test("userMention only mentions Slack ids", async (t) => {
  for (const id of ["U123", "W0ABC9", "B07XYZ", "U1"]) {
    await t.step(`${id} is mentioned`, () => {
      assert.equal(userMention(id), `<@${id}>`);
    });
  }
  const forged = [
    "<!channel>",
    "<@U123>",
    "U123>",
    "U123|boss",
    "u123",
    "U",
    "",
    "C123",
    "U 123",
    "U123\n<!here>",
  ];
  for (const id of forged) {
    await t.step(`${JSON.stringify(id)} is only text`, () => {
      const text = userMention(id);
      assert.ok(isInert(text), text);
      assert.equal(text, escapeMrkdwn(id));
    });
  }
});

Deno.test("slackDate builds a date token with an escaped fallback", () => {
  assert.equal(
    slackDate(1_700_000_000.9, "{ago}", "2 h ago"),
    "<!date^1700000000^{ago}|2 h ago>",
  );
  assert.equal(
    slackDate(5, "{date}", "<!channel> & co"),
    "<!date^5^{date}|&lt;!channel&gt; &amp; co>",
  );
});

Deno.test("cutting to nothing, and never inside an emoji", () => {
  assert.equal(escapeMrkdwnWithin("abcdef", 0), "");
  assert.equal(plainWithin("abcdef", 0), "");
  // 👍🏽 is two code points: a hand and its skin tone, kept together.
  assert.equal(plainWithin("👍🏽👍🏽👍🏽", 4), "👍🏽…");
  assert.equal(plainWithin("👨‍👩‍👧 family", 3), "…");
});

Deno.test("channel and user group ids become mentions only when they are ids", () => {
  assert.equal(channelMention("C0TRIAGE"), "<#C0TRIAGE>");
  assert.equal(channelMention("<!channel>"), "&lt;!channel&gt;");
  assert.equal(userGroupMention("S0ITTEAM"), "<!subteam^S0ITTEAM>");
  assert.equal(userGroupMention("S1>|x<!here"), "S1&gt;|x&lt;!here");
});
