import assert from "node:assert/strict";
import { sampleTicket } from "../../dev/testing/sample_ticket.ts";
import { applyAction } from "./ticket_actions.ts";
import { canReopen, reopen, withdraw } from "./requester_actions.ts";
import { OPEN_STATUSES, type Status, type Ticket } from "./model.ts";
import { announcementsDue, withServiceLevels } from "./service_levels.ts";
import { DEFAULT_SLA_POLICY } from "../service_levels/sla_policy.ts";
import { decideApproval } from "./approval.ts";

const NOW = 1_800_000_000;
const DAY = 86_400;
const REQUESTER = { userId: "UREQ", isAgent: false };
const AGENT = { userId: "UAGENT", isAgent: true };
const BYSTANDER = { userId: "UBY", isAgent: false };
const RULES = { reopenDays: 14 };

const ticket = (status: Status, extra: Partial<Ticket> = {}) =>
  sampleTicket({ status, requester: "UREQ", updated_at: NOW - 100, ...extra });

Deno.test("withdraw: an open ticket closes as withdrawn, its holds ended", () => {
  for (const status of OPEN_STATUSES) {
    const before = ticket(status, { holds: [{ start: NOW - 50 }] });
    const outcome = applyAction(before, { type: "withdraw" }, REQUESTER, NOW);
    if (!outcome.ok) throw new Error(outcome.reason);
    assert.equal(outcome.ticket.status, "closed");
    assert.equal(outcome.ticket.close_reason, "withdrawn");
    assert.equal(outcome.ticket.closed_at, NOW);
    assert.equal(outcome.ticket.resolved_at, undefined, "not a resolution");
    assert.deepEqual(outcome.ticket.holds, [{ start: NOW - 50, end: NOW }]);
    assert.deepEqual(outcome.statusChange, { from: status, to: "closed" });
    assert.equal(outcome.summary, "<@UREQ> withdrew HD-ABC123");
  }
});

Deno.test("withdraw: also while it waits for approval, which then can't come back", () => {
  const pending = ticket("new", {
    approval: "pending",
    holds: [{ start: NOW - 500 }],
  });
  const outcome = applyAction(pending, { type: "withdraw" }, REQUESTER, NOW);
  if (!outcome.ok) throw new Error(outcome.reason);
  assert.equal(outcome.ticket.status, "closed");
  assert.deepEqual(outcome.ticket.holds, [{ start: NOW - 500, end: NOW }]);
  const back = applyAction(outcome.ticket, { type: "reopen" }, REQUESTER, NOW);
  assert.equal(back.ok, false);
  assert.match(
    (back as { reason: string }).reason,
    /withdrawn before approval, so it stays closed/,
  );
});

Deno.test("withdraw: only the requester, only while open", () => {
  const open = ticket("in_progress", { assignee: "UAGENT" });
  for (const actor of [AGENT, BYSTANDER]) {
    const outcome = applyAction(open, { type: "withdraw" }, actor, NOW);
    assert.equal(outcome.ok, false);
    assert.match(
      (outcome as { reason: string }).reason,
      /^Only the person who opened HD-ABC123 can withdraw it\./,
    );
  }
  assert.deepEqual(withdraw(ticket("resolved"), NOW), {
    ok: false,
    reason:
      "HD-ABC123 is already resolved: close it if that fixed it, or reopen it if not.",
  });
  assert.deepEqual(withdraw(ticket("closed"), NOW), {
    ok: false,
    reason: "HD-ABC123 is already closed.",
  });
});

Deno.test("reopen a closed ticket: within the window, to whoever had it", () => {
  const closedAt = NOW - 3 * DAY;
  const worked = ticket("closed", {
    assignee: "UAGENT",
    resolved_at: closedAt - 10,
    closed_at: closedAt,
  });
  const outcome = applyAction(
    worked,
    { type: "reopen" },
    REQUESTER,
    NOW,
    RULES,
  );
  if (!outcome.ok) throw new Error(outcome.reason);
  assert.equal(outcome.ticket.status, "in_progress");
  assert.equal(outcome.ticket.assignee, "UAGENT");
  for (const gone of ["closed_at", "resolved_at", "close_reason"]) {
    assert.ok(!(gone in outcome.ticket), `${gone} is cleared`);
  }
  assert.equal(outcome.summary, "<@UREQ> reopened HD-ABC123");

  // Withdrawn before anyone had it: back to new, for the queue to pick up.
  const withdrawn = ticket("closed", {
    close_reason: "withdrawn",
    closed_at: closedAt,
  });
  const again = reopen(withdrawn, RULES, NOW);
  if (!again.ok) throw new Error(again.reason);
  assert.equal(again.ticket.status, "new");
  assert.equal(again.ticket.close_reason, undefined);
});

Deno.test("reopen a closed ticket: not after the window, nor when it was denied", () => {
  const closed = (ago: number, extra: Partial<Ticket> = {}) =>
    ticket("closed", { closed_at: NOW - ago, ...extra });
  assert.equal(
    canReopen(closed(14 * DAY), RULES, NOW),
    true,
    "the last second",
  );
  assert.equal(canReopen(closed(14 * DAY + 1), RULES, NOW), false);
  const late = reopen(closed(20 * DAY), RULES, NOW);
  assert.deepEqual(late, {
    ok: false,
    reason:
      "HD-ABC123 was closed more than 14 days ago, so it can't be reopened. Open a new ticket and mention HD-ABC123.",
  });
  const never = reopen(closed(60), { reopenDays: 0 }, NOW);
  assert.match((never as { reason: string }).reason, /stay closed here/);
  const oneDay = reopen(closed(2 * DAY), { reopenDays: 1 }, NOW);
  assert.match((oneDay as { reason: string }).reason, /more than 1 day ago/);
  const denied = reopen(closed(60, { approval: "denied" }), RULES, NOW);
  assert.match((denied as { reason: string }).reason, /was denied/);
  // Bystanders can't, whatever the window says.
  const bystander = applyAction(
    closed(60),
    { type: "reopen" },
    BYSTANDER,
    NOW,
    RULES,
  );
  assert.equal(bystander.ok, false);
});

Deno.test("a withdrawn ticket's clocks stop: no warning is ever due", () => {
  const open = ticket("new", { created_at: NOW - 60, updated_at: NOW - 60 });
  const before = withServiceLevels(open, DEFAULT_SLA_POLICY, NOW);
  assert.ok(before.sla_next_check_at, "an open ticket has a next check");
  const outcome = applyAction(open, { type: "withdraw" }, REQUESTER, NOW);
  if (!outcome.ok) throw new Error(outcome.reason);
  const after = withServiceLevels(outcome.ticket, DEFAULT_SLA_POLICY, NOW);
  assert.equal(after.sla_next_check_at, undefined);
  // Weeks later, still nothing to announce.
  const due = announcementsDue(after, DEFAULT_SLA_POLICY, NOW + 30 * DAY);
  assert.deepEqual(due.send, []);
  // Reopened, the clocks run again from where they were.
  const back = reopen(outcome.ticket, RULES, NOW + DAY);
  if (!back.ok) throw new Error(back.reason);
  const running = withServiceLevels(back.ticket, DEFAULT_SLA_POLICY, NOW + DAY);
  assert.ok(running.sla_next_check_at);
});

Deno.test("an approver can't decide a request its requester withdrew", () => {
  const pending = ticket("new", { approval: "pending" });
  const outcome = applyAction(pending, { type: "withdraw" }, REQUESTER, NOW);
  if (!outcome.ok) throw new Error(outcome.reason);
  for (const decision of ["approve", "deny"] as const) {
    const decided = decideApproval(
      outcome.ticket,
      decision,
      "USUPER",
      NOW + 5,
      "no",
    );
    assert.deepEqual(decided, {
      ok: false,
      reason:
        "HD-ABC123 was withdrawn by the person who asked for it. Nothing changed.",
    });
  }
});
