import assert from "node:assert/strict";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";
import {
  applyAction,
  type TicketAction,
  updateHolds,
} from "./ticket_actions.ts";
import type { Status, Ticket } from "./model.ts";
import type { Actor } from "./roles.ts";

const REQUESTER = "UREQ";
const AGENT = "UAGENT";
const OTHER_AGENT = "UAGENT2";
const BYSTANDER = "UBY";
const NOW = 1_800_000_000;

function ticket(status: Status, extra: Partial<Ticket> = {}): Ticket {
  return sampleTicket({
    id: "01TICKET",
    summary: "s",
    status,
    requester: REQUESTER,
    created_at: NOW - 100,
    updated_at: NOW - 100,
    ...extra,
  });
}

const ACTORS = {
  agent: { userId: AGENT, isAgent: true },
  requester: { userId: REQUESTER, isAgent: false },
  "agent who is the requester": { userId: REQUESTER, isAgent: true },
  bystander: { userId: BYSTANDER, isAgent: false },
};

// What each role may do; everything else is refused.
const EVERYTHING = "claim assign start wait resolve close reopen";
const MAY: Record<keyof typeof ACTORS, string> = {
  agent: EVERYTHING,
  requester: "close reopen",
  "agent who is the requester": EVERYTHING,
  bystander: "",
};

const ASSIGN: TicketAction = {
  type: "assign",
  assignee: OTHER_AGENT,
  assigneeIsAgent: true,
};

// Each action, a status the lifecycle allows it from, and the status after.
const CASES: Array<[TicketAction, Status, Status]> = [
  [{ type: "claim" }, "new", "in_progress"],
  [ASSIGN, "in_progress", "in_progress"],
  [{ type: "start" }, "new", "in_progress"],
  [{ type: "wait" }, "in_progress", "waiting_on_requester"],
  [{ type: "resolve" }, "waiting_on_requester", "resolved"],
  [{ type: "close" }, "resolved", "closed"],
  [{ type: "reopen" }, "resolved", "in_progress"],
];

function refused(t: Ticket, action: TicketAction, actor = ACTORS.agent) {
  const copy = structuredClone(t);
  const outcome = applyAction(t, action, actor, NOW);
  assert.equal(outcome.ok, false, `${action.type} on ${t.status}`);
  assert.deepEqual(t, copy, "a refused action changes nothing");
  return outcome.ok ? "" : outcome.reason;
}

function allowed(
  t: Ticket,
  action: TicketAction,
  actor: Actor = ACTORS.agent,
  now = NOW,
) {
  const outcome = applyAction(t, action, actor, now);
  if (!outcome.ok) assert.fail(`${action.type}: ${outcome.reason}`);
  return outcome;
}

Deno.test("roles × actions", async (t) => {
  for (const [role, actor] of Object.entries(ACTORS)) {
    for (const [action, status, after] of CASES) {
      const expected = MAY[role as keyof typeof ACTORS].split(" ")
        .includes(action.type);
      await t.step(
        `${role} ${action.type}: ${expected ? "allowed" : "refused"}`,
        () => {
          const before = ticket(status);
          const copy = structuredClone(before);
          const outcome = applyAction(before, action, actor, NOW);
          assert.equal(outcome.ok, expected);
          assert.deepEqual(before, copy, "the ticket passed in is unchanged");
          if (!outcome.ok) {
            assert.match(outcome.reason, /^Only Helpdesk agents /);
            return;
          }
          assert.equal(outcome.ticket.status, after);
          assert.equal(outcome.ticket.updated_at, NOW);
          assert.deepEqual(
            outcome.statusChange,
            status === after ? undefined : { from: status, to: after },
          );
          assert.match(
            outcome.summary,
            new RegExp(`^<@${actor.userId}> .*HD-ABC123`),
          );
        },
      );
    }
  }
});

Deno.test("a closed ticket refuses everything, from everyone, but a reopen in time", async (t) => {
  const closed = ticket("closed", {
    assignee: AGENT,
    first_response_at: NOW - 90,
    resolved_at: NOW - 50,
    // Longer ago than the reopen window (requester_actions_test.ts has it).
    closed_at: NOW - 15 * 86_400,
  });
  for (const [role, actor] of Object.entries(ACTORS)) {
    for (const [action] of CASES) {
      await t.step(`${role} ${action.type}`, () => {
        assert.match(refused(closed, action, actor), /HD-ABC123/);
      });
    }
  }
  assert.match(refused(closed, { type: "claim" }), /closed and can't be/);
  assert.match(refused(closed, ASSIGN), /can't be reassigned/);
  assert.match(refused(closed, { type: "reopen" }), /can't be reopened/);
  assert.match(refused(closed, { type: "close" }), /already closed/);
  assert.match(
    refused(closed, { type: "withdraw" }, ACTORS.requester),
    /already closed/,
  );
});

Deno.test("claim", () => {
  const claimed = allowed(ticket("new"), { type: "claim" });
  assert.equal(claimed.ticket.assignee, AGENT);
  assert.equal(claimed.ticket.status, "in_progress");
  assert.equal(claimed.summary, `<@${AGENT}> claimed HD-ABC123`);

  const waiting = allowed(ticket("waiting_on_requester"), { type: "claim" });
  assert.equal(waiting.ticket.status, "waiting_on_requester");
  assert.equal(waiting.statusChange, undefined);

  const taken = allowed(
    ticket("in_progress", { assignee: OTHER_AGENT }),
    { type: "claim" },
  );
  assert.equal(taken.ticket.assignee, AGENT);
  assert.equal(
    taken.summary,
    `<@${AGENT}> took HD-ABC123 over from <@${OTHER_AGENT}>`,
  );

  assert.equal(
    refused(ticket("in_progress", { assignee: AGENT }), { type: "claim" }),
    "You already have HD-ABC123.",
  );
  assert.equal(
    refused(ticket("resolved"), { type: "claim" }),
    "HD-ABC123 is resolved and can't be claimed: reopen it first.",
  );
});

Deno.test("assign", () => {
  const outcome = allowed(ticket("new"), ASSIGN);
  assert.equal(outcome.ticket.assignee, OTHER_AGENT);
  assert.equal(outcome.ticket.status, "new");
  assert.equal(
    outcome.summary,
    `<@${AGENT}> assigned HD-ABC123 to <@${OTHER_AGENT}>`,
  );
  const toBystander = {
    ...ASSIGN,
    assignee: BYSTANDER,
    assigneeIsAgent: false,
  };
  assert.match(
    refused(ticket("new"), toBystander),
    /^<@UBY> is not a Helpdesk agent, so HD-ABC123 can't be assigned/,
  );
  assert.equal(
    refused(ticket("in_progress", { assignee: OTHER_AGENT }), ASSIGN),
    `HD-ABC123 is already assigned to <@${OTHER_AGENT}>.`,
  );
});

Deno.test("lifecycle refusals", () => {
  const started = allowed(ticket("new"), { type: "start" });
  assert.equal(started.summary, `<@${AGENT}> started work on HD-ABC123`);
  const again = refused(started.ticket, { type: "start" });
  assert.equal(again, "HD-ABC123 is already in progress.");
  assert.match(
    refused(ticket("resolved"), { type: "start" }),
    /can't be started: reopen it instead/,
  );
  for (const status of ["new", "waiting_on_requester"] as const) {
    const reason = refused(ticket(status), { type: "reopen" });
    assert.equal(reason, "HD-ABC123 is not resolved or closed.");
  }
  assert.match(refused(ticket("in_progress"), { type: "reopen" }), /already/);
  assert.match(refused(ticket("new"), { type: "wait" }), /start or claim/);
  assert.match(
    refused(ticket("in_progress"), { type: "close" }, ACTORS.requester),
    /resolve it before closing it/,
  );
});

Deno.test("first response is stamped by the first agent action only", () => {
  const { agent, requester } = ACTORS;
  const byRequester = allowed(
    ticket("resolved"),
    { type: "reopen" },
    requester,
  );
  assert.equal(byRequester.ticket.first_response_at, undefined);
  const claimed = allowed(ticket("new"), { type: "claim" });
  assert.equal(claimed.ticket.first_response_at, NOW);
  const later = allowed(claimed.ticket, { type: "wait" }, agent, NOW + 9);
  assert.equal(later.ticket.first_response_at, NOW);
  const earlier = allowed(
    ticket("in_progress", { first_response_at: NOW - 50 }),
    ASSIGN,
  );
  assert.equal(earlier.ticket.first_response_at, NOW - 50);
});

Deno.test("resolution and closing times, and reopening", () => {
  const { requester, agent } = ACTORS;
  const at = (n: number) => NOW + n;
  const resolved = allowed(ticket("in_progress"), { type: "resolve" });
  assert.equal(resolved.ticket.resolved_at, NOW);
  assert.equal(resolved.summary, `<@${AGENT}> resolved HD-ABC123`);

  const back = allowed(resolved.ticket, { type: "reopen" }, requester, at(5));
  assert.equal(back.ticket.status, "in_progress");
  assert.ok(!("resolved_at" in back.ticket), "reopen clears resolved_at");
  assert.equal(back.summary, `<@${REQUESTER}> reopened HD-ABC123`);

  const again = allowed(back.ticket, { type: "resolve" }, agent, at(7));
  assert.equal(again.ticket.resolved_at, NOW + 7);

  const closed = allowed(again.ticket, { type: "close" }, requester, at(9));
  assert.equal(closed.ticket.closed_at, NOW + 9);
  assert.equal(closed.ticket.resolved_at, NOW + 7, "closing keeps resolution");
  assert.equal(closed.summary, `<@${REQUESTER}> closed HD-ABC123`);

  const waiting = allowed(ticket("in_progress"), { type: "wait" });
  assert.equal(
    waiting.summary,
    `<@${AGENT}> is waiting on the requester for HD-ABC123`,
  );
});

Deno.test("waiting on the requester opens a hold; leaving it closes the hold", () => {
  const agent = { userId: "UAGENT", isAgent: true };
  const working = sampleTicket({ status: "in_progress", assignee: "UAGENT" });
  const waiting = applyAction(working, { type: "wait" }, agent, 1000);
  assert.ok(waiting.ok);
  assert.deepEqual(waiting.ticket.holds, [{ start: 1000 }]);

  const back = applyAction(waiting.ticket, { type: "start" }, agent, 1600);
  assert.ok(back.ok);
  assert.deepEqual(back.ticket.holds, [{ start: 1000, end: 1600 }]);

  const again = applyAction(back.ticket, { type: "wait" }, agent, 2000);
  assert.ok(again.ok);
  const resolved = applyAction(again.ticket, { type: "resolve" }, agent, 2500);
  assert.ok(resolved.ok);
  assert.deepEqual(resolved.ticket.holds, [
    { start: 1000, end: 1600 },
    { start: 2000, end: 2500 },
  ]);
  // The earlier outcome was not changed behind its back.
  assert.deepEqual(waiting.ticket.holds, [{ start: 1000 }]);
});

Deno.test("changes that don't touch the waiting status leave holds alone", () => {
  const agent = { userId: "UAGENT", isAgent: true };
  const fresh = applyAction(sampleTicket(), { type: "claim" }, agent, 1000);
  assert.ok(fresh.ok);
  assert.equal("holds" in fresh.ticket, false);
  assert.deepEqual(updateHolds({ status: "resolved" }, "closed", 5), undefined);
});
