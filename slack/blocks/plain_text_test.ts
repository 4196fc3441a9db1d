import assert from "node:assert/strict";
import { channelsNamedIn, plainDate, plainFromMrkdwn } from "./plain_text.ts";
import { escapeMrkdwn, slackDateTime } from "./mrkdwn.ts";
import { HOSTILE_TEXT } from "../../dev/testing/hostile_text.ts";

Deno.test("Slack's sequences become words", () => {
  const text =
    `HD-1 is already assigned to <@U2>; <@U1> asked. Invite it to <#C9> or <#C8|old-name>, <!subteam^S1|@it> or <!subteam^S2>. See <https://x.slack.com/a|the card> by ${
      slackDateTime(1_795_701_780)
    }.`;
  assert.equal(
    plainFromMrkdwn(text, {
      people: { U1: "you", U2: "the person you chose" },
      channels: { C9: "it-help" },
    }),
    "HD-1 is already assigned to the person you chose; you asked. Invite it to #it-help or #old-name, @it or a group. See the card by 26 Nov 2026 at 14:03 UTC.",
  );
  assert.equal(
    plainFromMrkdwn("<@U3> did it, in <#C7>"),
    "Someone did it, in that channel",
  );
});

Deno.test("dates in plain words, in a time zone when given", () => {
  assert.equal(plainDate(1_795_701_780), "26 Nov 2026 at 14:03 UTC");
  assert.equal(
    plainDate(1_795_701_780, "Europe/Paris"),
    "26 Nov 2026 at 15:03 (Europe/Paris)",
  );
  assert.equal(
    plainDate(1_795_701_780, "Mars/Olympus"),
    "26 Nov 2026 at 14:03 UTC",
  );
});

Deno.test("what people typed comes back exactly as typed", () => {
  for (const typed of HOSTILE_TEXT) {
    assert.equal(plainFromMrkdwn(escapeMrkdwn(typed)), typed);
    assert.equal(
      plainFromMrkdwn(`In the ${escapeMrkdwn(typed)} queue, <@U1> may not.`, {
        people: { U1: "you" },
      }),
      `In the ${typed} queue, you may not.`,
    );
  }
});

Deno.test("the channels to look up are the unnamed ones", () => {
  assert.deepEqual(
    channelsNamedIn("<#C1> <#C2|two> <#C1> &lt;#C3&gt; <@U1>"),
    ["C1"],
  );
});
