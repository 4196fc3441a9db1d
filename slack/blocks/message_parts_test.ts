import assert from "node:assert/strict";
import { messageParts, numberedParts, PART_LIMIT } from "./message_parts.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";

/** The characters people wrote, in order: what a reader gets whole. */
const words = (s: string) =>
  s.replace(/_\(part \d+\/\d+\)_\n/g, "").replace(/^> /gm, "")
    .replace(/\s/g, "");

function longReply(chars: number, seed: number): string {
  const bits = [
    "*bold*",
    "_it_",
    "`code`",
    "a<b",
    "R&D",
    "<!channel>",
    "<@U123|x>",
    "😀👍🏽",
    "https://example.com/path?a=1&b=2",
    "word",
    "x".repeat(3500),
  ];
  let out = "";
  let n = seed;
  while (out.length < chars) {
    n = (n * 1103515245 + 12345) % 2 ** 31;
    const bit = bits[n % (n % 97 === 0 ? bits.length : bits.length - 1)];
    out += bit + (n % 7 === 0 ? "\n" : " ");
  }
  return out.slice(0, chars);
}

Deno.test("long text is cut into parts Slack takes, whole and in order", async (t) => {
  for (const chars of [2900, 3477, 5000, 12000]) {
    for (const seed of [1, 2, 3]) {
      await t.step(`${chars} characters, seed ${seed}`, () => {
        const raw = longReply(chars, seed);
        const quoted = `:speech_balloon: head\n${
          escapeMrkdwn(raw).split("\n").map((l) => `> ${l}`).join("\n")
        }`;
        const parts = numberedParts(quoted);
        for (const p of parts) {
          assert.ok(p.length <= PART_LIMIT, `${p.length}`);
          // No entity or control sequence is cut in two.
          assert.doesNotMatch(p, /&[a-z]*$|^[a-z]*;/);
          assert.doesNotMatch(p, /</);
          // Every line is still a quote, or the head, or the part's number.
          for (const line of p.split("\n")) {
            assert.match(line, /^(> |:speech_balloon:|_\(part )/);
          }
        }
        assert.equal(words(parts.join("\n")), words(quoted));
        if (parts.length > 1) assert.match(parts[1], /^_\(part 2\//);
      });
    }
  }

  await t.step("a short text is one part, untouched", () => {
    assert.deepEqual(messageParts("hello\n> there"), ["hello\n> there"]);
    assert.deepEqual(numberedParts("x".repeat(PART_LIMIT)), [
      "x".repeat(PART_LIMIT),
    ]);
  });

  await t.step("a word longer than a part is cut, not lost", () => {
    const parts = messageParts(`> ${"&lt;".repeat(2000)}`, 3000);
    assert.ok(parts.every((p) => p.length <= 3000 && p.startsWith("> ")));
    assert.equal(
      parts.map((p) => p.slice(2)).join(""),
      "&lt;".repeat(2000),
    );
  });
});
