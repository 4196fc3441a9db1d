import assert from "node:assert/strict";
import {
  slaEscalationDm,
  slaThreadNotice,
  whoMustAct,
} from "./sla_messages.ts";
import { slaContext } from "./sla_line.ts";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";
import { HOSTILE_TEXT, isInert } from "../../dev/testing/hostile_text.ts";

const audience = { agentUsers: ["UA", "UB"], owner: "UOWNER" };

Deno.test("notices mention whoever must act", () => {
  assert.equal(whoMustAct({ ...audience, assignee: "UX" }), "<@UX>");
  assert.equal(
    whoMustAct({ ...audience, agentGroup: "SAGENTS" }),
    "<!subteam^SAGENTS>",
  );
  assert.equal(whoMustAct(audience), "<@UA> <@UB>");
  const many = Array.from({ length: 12 }, (_, i) => `U${i}`);
  assert.match(whoMustAct({ ...audience, agentUsers: many }), / and 2 more$/);
  const ticket = sampleTicket({ response_due_at: 1_800_003_600 });
  assert.match(
    slaThreadNotice(ticket, "first_response_breach", audience),
    /^:rotating_light: HD-ABC123 missed its first-response target \(due <!date\^1800003600\^.*\)\. It has no assignee yet\. Escalated to <@UOWNER>\. <@UA> <@UB>$/,
  );
});

Deno.test("a summary in the owner's DM and a comment on the card stay inert", () => {
  for (const text of HOSTILE_TEXT) {
    const dm = slaEscalationDm(
      sampleTicket({ summary: text }),
      "resolution_breach",
      "https://x/",
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
