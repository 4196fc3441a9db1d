import assert from "node:assert/strict";
import {
  descriptionFromMessage,
  plainMessageText,
  summaryFromMessage,
} from "./message_ticket.ts";
import { LIMITS } from "./ticket_input.ts";

Deno.test("a message's summary: its first line, in plain words, cut at a word", () => {
  assert.equal(
    summaryFromMessage("<@U1> <@U2|sam>: *VPN is down* again\nsince 9"),
    "VPN is down again",
  );
  assert.equal(
    summaryFromMessage(
      "\n\n  see <https://status.example.com|the status page> &amp; <#C1|it>",
    ),
    "see the status page & #it",
  );
  const long = "word ".repeat(60).trim();
  const cut = summaryFromMessage(long);
  assert.ok(cut.length <= LIMITS.summary);
  assert.match(cut, /word…$/);
  assert.equal(summaryFromMessage(""), "Request from a message without text");
});

Deno.test("a message's description keeps it whole, then links back to it", () => {
  const link = "https://acme.slack.com/archives/C1/p1700000000000100";
  const description = descriptionFromMessage(
    "Hi <@U1>,\nit's &lt;b&gt;broken&lt;/b&gt;",
    link,
  );
  assert.equal(
    description,
    `Hi @someone,\nit's <b>broken</b>\n\nRaised from this Slack message: ${link}`,
  );
  const huge = descriptionFromMessage("x".repeat(5000), link);
  assert.ok(huge.length <= LIMITS.description);
  assert.ok(huge.endsWith(link));
  assert.equal(plainMessageText("<!here> a &lt; b"), "@here a < b");
});
