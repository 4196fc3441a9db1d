import assert from "node:assert/strict";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";
import { checkMovable, moveTicket, queueIdOf } from "./ticket_move.ts";
import type { Ticket } from "./model.ts";

const NOW = 1_800_000_000;
const AGENT = { userId: "UAGENT", isAgent: true };
const PEOPLE = { id: "people-team", name: "People team" };

const ticket = (extra: Partial<Ticket> = {}) =>
  sampleTicket({ status: "in_progress", assignee: "UAGENT", ...extra });

Deno.test("a move changes the queue; an assignee who works it keeps it", () => {
  const outcome = moveTicket(ticket(), PEOPLE, AGENT, true, NOW);
  if (!outcome.ok) throw new Error(outcome.reason);
  assert.equal(outcome.ticket.queue_id, "people-team");
  assert.equal(outcome.ticket.assignee, "UAGENT");
  assert.equal(outcome.ticket.status, "in_progress");
  assert.equal(outcome.released, undefined);
  assert.equal(outcome.statusChange, undefined);
  assert.equal(outcome.ticket.updated_at, NOW);
});

Deno.test("an assignee who doesn't work the new queue lets go; in progress becomes new", () => {
  const outcome = moveTicket(ticket(), PEOPLE, AGENT, false, NOW);
  if (!outcome.ok) throw new Error(outcome.reason);
  assert.equal(outcome.ticket.assignee, undefined);
  assert.equal(outcome.released, "UAGENT");
  assert.equal(outcome.ticket.status, "new");
  assert.deepEqual(outcome.statusChange, { from: "in_progress", to: "new" });
  // Waiting on the requester stays waiting, its hold untouched.
  const waiting = moveTicket(
    ticket({ status: "waiting_on_requester", holds: [{ start: NOW - 9 }] }),
    PEOPLE,
    AGENT,
    false,
    NOW,
  );
  if (!waiting.ok) throw new Error(waiting.reason);
  assert.equal(waiting.ticket.status, "waiting_on_requester");
  assert.deepEqual(waiting.ticket.holds, [{ start: NOW - 9 }]);
});

Deno.test("what can't move, and who can't move it", () => {
  const reason = (t: Ticket, actor = AGENT, target = PEOPLE) => {
    const outcome = moveTicket(t, target, actor, true, NOW);
    assert.equal(outcome.ok, false);
    return (outcome as { reason: string }).reason;
  };
  assert.match(
    reason(ticket(), { userId: "UREQ", isAgent: false }),
    /^Only Helpdesk agents can move HD-ABC123/,
  );
  assert.match(reason(ticket({ status: "resolved" })), /reopen it first/);
  assert.match(reason(ticket({ status: "closed" })), /only open tickets move/);
  assert.match(
    reason(ticket({ status: "new", approval: "pending" })),
    /waiting for approval/,
  );
  assert.equal(
    reason(ticket({ queue_id: "people-team" })),
    "HD-ABC123 is already in that queue.",
  );
  // A ticket older than queues is in the default queue.
  assert.equal(queueIdOf(ticket()), "default");
  assert.match(
    reason(ticket(), AGENT, { id: "default", name: "Helpdesk" }),
    /already in that queue/,
  );
  assert.deepEqual(checkMovable(ticket({ status: "new" }), AGENT), {
    ok: true,
  });
});
