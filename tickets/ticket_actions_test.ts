import assert from "node:assert/strict";
import { applyAction, type TicketAction } from "./ticket_actions.ts";
import type { Status, Ticket } from "./model.ts";

const REQUESTER = "UREQ";
const AGENT = "UAGENT";
const OTHER_AGENT = "UAGENT2";
const BYSTANDER = "UBY";
const NOW = 1_800_000_000;

function ticket(status: Status, extra: Partial<Ticket> = {}): Ticket {
  return {
    id: "01TICKET",
    key: "HD-ABC123",
    summary: "s",
    description: "",
    priority: "normal",
    category: "General",
    status,
    requester: REQUESTER,
    source: "form",
    created_at: NOW - 100,
    updated_at: NOW - 100,
    ...extra,
  };
}

const ACTORS = {
  agent: { userId: AGENT, isAgent: true },
  "agent who is the requester": { userId: REQUESTER, isAgent: true },
  requester: { userId: REQUESTER, isAgent: false },
  bystander: { userId: BYSTANDER, isAgent: false },
};

const CASES: Array<[TicketAction, Status]> = [
  [{ type: "claim" }, "new"],
  [
    { type: "assign", assignee: OTHER_AGENT, assigneeIsAgent: true },
    "in_progress",
  ],
  [{ type: "start" }, "new"],
  [{ type: "wait" }, "in_progress"],
  [{ type: "resolve" }, "waiting_on_requester"],
  [{ type: "close" }, "resolved"],
  [{ type: "reopen" }, "resolved"],
];

Deno.test("roles × actions", async (t) => {
  for (const [role, actor] of Object.entries(ACTORS)) {
    for (const [action, status] of CASES) {
      const allowed = actor.isAgent ||
        (actor.userId === REQUESTER &&
          (action.type === "close" || action.type === "reopen"));
      await t.step(
        `${role} ${action.type}: ${allowed ? "allowed" : "refused"}`,
        () => {
          const before = ticket(status);
          const copy = structuredClone(before);
          const outcome = applyAction(before, action, actor, NOW);
          assert.equal(outcome.ok, allowed);
          assert.deepEqual(
            before,
            copy,
            "the ticket passed in is never changed",
          );
          if (outcome.ok) {
            assert.equal(outcome.ticket.updated_at, NOW);
            assert.match(
              outcome.summary,
              new RegExp(`^<@${actor.userId}> .*HD-ABC123`),
            );
          } else {
            assert.match(outcome.reason, /Only Helpdesk agents/);
          }
        },
      );
    }
  }
});

Deno.test("first response is stamped by the first agent action only", () => {
  const byRequester = applyAction(
    ticket("resolved"),
    { type: "reopen" },
    ACTORS.requester,
    NOW,
  );
  assert.ok(byRequester.ok);
  assert.equal(byRequester.ticket.first_response_at, undefined);

  const claimed = applyAction(
    ticket("new"),
    { type: "claim" },
    ACTORS.agent,
    NOW,
  );
  assert.ok(claimed.ok);
  assert.equal(claimed.ticket.first_response_at, NOW);
  assert.equal(claimed.ticket.status, "in_progress");
  assert.equal(claimed.ticket.assignee, AGENT);
  assert.deepEqual(claimed.statusChange, { from: "new", to: "in_progress" });

  const later = applyAction(
    claimed.ticket,
    { type: "wait" },
    ACTORS.agent,
    NOW + 50,
  );
  assert.ok(later.ok);
  assert.equal(later.ticket.first_response_at, NOW);
});

Deno.test("resolution and closing times, and reopening", () => {
  const resolved = applyAction(
    ticket("in_progress"),
    { type: "resolve" },
    ACTORS.agent,
    NOW,
  );
  assert.ok(resolved.ok);
  assert.equal(resolved.ticket.resolved_at, NOW);
  const reopened = applyAction(
    resolved.ticket,
    { type: "reopen" },
    ACTORS.requester,
    NOW + 5,
  );
  assert.ok(reopened.ok);
  assert.equal(reopened.ticket.status, "in_progress");
  assert.equal(
    reopened.ticket.resolved_at,
    undefined,
    "the fix that sticks is measured",
  );
  const closed = applyAction(
    ticket("resolved", { resolved_at: NOW }),
    { type: "close" },
    ACTORS.requester,
    NOW + 9,
  );
  assert.ok(closed.ok);
  assert.equal(closed.ticket.closed_at, NOW + 9);
});

Deno.test("refusals that the lifecycle or the data call for", () => {
  const refuse = (t: Ticket, action: TicketAction, actor = ACTORS.agent) => {
    const outcome = applyAction(t, action, actor, NOW);
    assert.equal(outcome.ok, false);
    return outcome.ok ? "" : outcome.reason;
  };
  assert.match(
    refuse(ticket("in_progress"), { type: "start" }),
    /already in progress/,
  );
  assert.match(
    refuse(ticket("closed"), { type: "reopen" }),
    /closed tickets stay closed/,
  );
  assert.match(
    refuse(ticket("closed"), { type: "claim" }),
    /closed and can't be claimed/,
  );
  assert.match(
    refuse(ticket("resolved"), { type: "start" }),
    /reopen it instead/,
  );
  assert.match(refuse(ticket("new"), { type: "reopen" }), /not resolved/);
  assert.match(
    refuse(ticket("new"), {
      type: "assign",
      assignee: BYSTANDER,
      assigneeIsAgent: false,
    }),
    /<@UBY> is not a Helpdesk agent/,
  );
  assert.match(
    refuse(ticket("in_progress", { assignee: AGENT }), { type: "claim" }),
    /You already have HD-ABC123/,
  );
});

Deno.test("claiming someone else's ticket says who it was taken from", () => {
  const outcome = applyAction(
    ticket("in_progress", { assignee: OTHER_AGENT }),
    { type: "claim" },
    ACTORS.agent,
    NOW,
  );
  assert.ok(outcome.ok);
  assert.equal(
    outcome.summary,
    `<@${AGENT}> took HD-ABC123 over from <@${OTHER_AGENT}>`,
  );
  assert.equal(outcome.statusChange, undefined);
});
