import assert from "node:assert/strict";
import {
  type NoticeAudience,
  slaEscalationDm,
  slaEscalationSummaryDm,
  slaSummary,
  slaThreadFollowUp,
  slaThreadNotice,
  whoMustAct,
} from "./sla_messages.ts";
import { slaContext } from "./sla_line.ts";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";
import { HOSTILE_TEXT, isInert } from "../../dev/testing/hostile_text.ts";

const audience: NoticeAudience = {
  memberUsers: ["UA", "UB"],
  memberGroups: [],
  owner: "UOWNER",
};
const reason = { queueName: "IT", standIn: false };

Deno.test("notices mention whoever must act", () => {
  assert.equal(whoMustAct({ ...audience, assignee: "UX" }), "<@UX>");
  assert.equal(
    whoMustAct({ ...audience, memberGroups: ["SAGENTS"] }),
    "<!subteam^SAGENTS> <@UA> <@UB>",
  );
  assert.equal(whoMustAct(audience), "<@UA> <@UB>");
  const many = Array.from({ length: 12 }, (_, i) => `U${i}`);
  assert.match(whoMustAct({ ...audience, memberUsers: many }), / and 2 more$/);
  // A queue without members: its owner is who must act.
  assert.equal(
    whoMustAct({ ...audience, memberUsers: [] }),
    "<@UOWNER>",
  );
  const ticket = sampleTicket({ response_due_at: 1_800_003_600 });
  assert.match(
    slaThreadNotice(ticket, "first_response_breach", audience),
    /^:rotating_light: HD-ABC123 missed its first-response target \(due <!date\^1800003600\^.*\)\. It has no assignee yet\. Escalated to <@UOWNER>\. <@UA> <@UB>$/,
  );
  // A follow-up after a summary pings nobody.
  assert.doesNotMatch(
    slaThreadFollowUp(ticket, "first_response_breach"),
    /<@|<!subteam|<!channel|<!here/,
  );
});

Deno.test("a burst summary names each ticket once and pings each person once", () => {
  const items = Array.from({ length: 40 }, (_, i) => ({
    ticket: sampleTicket({
      id: `T${i}`,
      key: `HD-${i}`,
      summary: "secret summary",
      response_due_at: 1_800_003_600,
      ...(i % 2 ? { assignee: "UX" } : {}),
    }),
    notice: "first_response_breach" as const,
    audience: { ...audience, ...(i % 2 ? { assignee: "UX" } : {}) },
  }));
  const text = slaSummary("IT <!channel>", items);
  assert.match(
    text,
    /^:rotating_light: 40 service-level notices for the IT &lt;!channel&gt; queue/,
  );
  assert.equal(text.match(/<@UX>/g)!.length, 15 + 1, "15 lines + once to act");
  assert.match(text, /• and 10 more: HD-30, HD-31,/);
  assert.match(text, /Who must act: (<@U\w+> ?){3}$/m);
  assert.match(text, /Breaches escalated to <@UOWNER>\.$/);
  assert.doesNotMatch(text, /secret summary/, "no ticket text in a channel");
});

Deno.test("a private ticket's text reaches a DM only when its reader may see it", () => {
  const ticket = sampleTicket({ private: true, summary: "About my manager" });
  const quoted = slaEscalationDm(
    ticket,
    "resolution_breach",
    "https://x/",
    reason,
    true,
  );
  assert.match(quoted, /“About my manager”/);
  const hidden = slaEscalationDm(ticket, "resolution_breach", "https://x/", {
    queueName: "People",
    standIn: true,
  }, false);
  assert.doesNotMatch(hidden, /manager/);
  assert.match(hidden, /\(a private request\)/);
  assert.match(
    hidden,
    /own Helpdesk's escalations and the People queue has no owner/,
  );
  const summary = slaEscalationSummaryDm([
    {
      ticket,
      notice: "resolution_breach",
      cardLink: "https://x/",
      mayQuote: false,
    },
    {
      ticket: sampleTicket({ summary: "Printer" }),
      notice: "resolution_breach",
      cardLink: "https://x/",
      mayQuote: false,
    },
  ], reason);
  assert.doesNotMatch(summary, /manager/);
  assert.match(summary, /“Printer”/, "only private text is held back");
});

Deno.test("a summary in the owner's DM and a comment on the card stay inert", () => {
  for (const text of HOSTILE_TEXT) {
    const dm = slaEscalationDm(
      sampleTicket({ summary: text }),
      "resolution_breach",
      "https://x/",
      reason,
      true,
    );
    const quoted = dm.slice(dm.indexOf("“") + 1, dm.lastIndexOf("”"));
    assert.ok(isInert(quoted), dm);
    const line = slaContext(
      sampleTicket({ rating: 3, rating_comment: text }),
      0,
    )!;
    const shown = (line.elements[0] as { text: string }).text;
    assert.ok(
      isInert(shown.slice(shown.indexOf("“") + 1, shown.lastIndexOf("”"))),
      shown,
    );
  }
});

Deno.test("the card's SLA line: due, overdue, paused", () => {
  const text = (t: Parameters<typeof slaContext>[0], now: number) =>
    (slaContext(t, now)?.elements[0] as { text: string } | undefined)?.text;
  const ticket = sampleTicket({
    response_due_at: 2000,
    resolution_due_at: 9000,
  });
  assert.match(
    text(ticket, 1000)!,
    /^First response due <!date\^2000\^.*· Resolution due <!date\^9000/,
  );
  assert.match(
    text(ticket, 2000)!,
    /^:rotating_light: First response overdue since/,
  );
  assert.match(
    text({ ...ticket, status: "waiting_on_requester" }, 1000)!,
    /paused while waiting/,
  );
  assert.equal(text(sampleTicket({ status: "closed" }), 0), undefined);
});
