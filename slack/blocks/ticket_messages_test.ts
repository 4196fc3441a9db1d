import assert from "node:assert/strict";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";
import {
  activityReply,
  messageLink,
  statusChangedDm,
  ticketOpenedDm,
} from "./ticket_messages.ts";
import { HOSTILE_TEXT, isInert } from "../../dev/testing/hostile_text.ts";
import {
  STATUS_LABELS,
  STATUSES,
  type Ticket,
} from "../../helpdesk/tickets/model.ts";

const LINK = "https://acme.slack.com/archives/C1/p1700000000000100";
const NOW = 1_800_000_000;

function ticket(extra: Partial<Ticket> = {}): Ticket {
  return sampleTicket({ created_at: NOW, updated_at: NOW, ...extra });
}

Deno.test("messageLink builds a permalink from a message ts", async (t) => {
  const cases: Array<[string, string, string, string]> = [
    [
      "https://x.slack.com/",
      "C1",
      "1700000000.000100",
      "https://x.slack.com/archives/C1/p1700000000000100",
    ],
    [
      "https://x.slack.com",
      "C1",
      "1700000000.000100",
      "https://x.slack.com/archives/C1/p1700000000000100",
    ],
    [
      "https://acme.slack.com/",
      "G0ABC",
      "1712345678.123456",
      "https://acme.slack.com/archives/G0ABC/p1712345678123456",
    ],
  ];
  for (const [workspace, channel, ts, expected] of cases) {
    await t.step(`${workspace} ${channel} ${ts}`, () => {
      assert.equal(messageLink(workspace, channel, ts), expected);
    });
  }
});

Deno.test("the opened DM links the card and quotes the summary", () => {
  assert.equal(
    ticketOpenedDm(ticket(), LINK),
    `:ticket: Your ticket <${LINK}|HD-ABC123> is open: “Laptop won't boot”.\n` +
      "Agents will pick it up in the triage channel. I'll message you here whenever its status changes.",
  );
});

Deno.test("DMs escape the summary", async (t) => {
  for (const hostile of [...HOSTILE_TEXT, "<@U999>", "x & y"]) {
    await t.step(hostile, () => {
      const dm = ticketOpenedDm(ticket({ summary: hostile }), LINK);
      const ours = `<${LINK}|HD-ABC123>`;
      assert.ok(dm.includes(ours));
      const rest = dm.replace(ours, "");
      assert.ok(isInert(rest), rest);
      assert.ok(!rest.includes(hostile), rest);
      const quoted = rest.slice(rest.indexOf("“") + 1, rest.indexOf("”"));
      assert.equal(
        quoted.replaceAll("&lt;", "<").replaceAll("&gt;", ">")
          .replaceAll("&amp;", "&"),
        hostile,
      );
    });
  }
});

Deno.test("status DMs say what the new status means and who set it", async (t) => {
  const news: Record<string, RegExp> = {
    new: /is new again\./,
    in_progress: /is being worked on\./,
    waiting_on_requester:
      /is waiting on you: please reply in the ticket's thread\./,
    resolved: /is resolved\. If that fixed it, close it; if not, reopen it\./,
    closed: /is closed\./,
  };
  for (const status of STATUSES) {
    await t.step(status, () => {
      const dm = statusChangedDm(ticket(), status, "UAGENT", LINK);
      assert.ok(dm.startsWith(`:ticket: <${LINK}|HD-ABC123> `), dm);
      assert.match(dm, news[status]);
      assert.ok(
        dm.endsWith(`(<@UAGENT> set it to ${STATUS_LABELS[status]}.)`),
        dm,
      );
      assert.doesNotMatch(dm, /_/, "no raw status ids");
    });
  }
  const forged = statusChangedDm(ticket(), "closed", "<!channel>", LINK);
  assert.ok(forged.endsWith("(&lt;!channel&gt; set it to Closed.)"), forged);
  const hostile = statusChangedDm(
    ticket({ summary: "<!here>" }),
    "closed",
    "U1",
    LINK,
  );
  assert.ok(!hostile.includes("<!here>"), "the summary is not repeated raw");
});

Deno.test("activity replies carry a date in each reader's zone", () => {
  assert.equal(
    activityReply("<@U1> claimed HD-ABC123", 1_700_000_000),
    "<@U1> claimed HD-ABC123 · <!date^1700000000^{date_short_pretty} at {time}|2023-11-14T22:13:20.000Z>",
  );
});
