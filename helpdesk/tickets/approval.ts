// Approvals: a ticket of a request type that needs one waits, with its
// service-level clocks stopped, until an approver decides. The decision is
// final: a second click, by anyone, changes nothing and says who decided.
import type { ApprovalState, Ticket } from "./model.ts";
import type { ActionOutcome } from "./ticket_actions.ts";

export type { ApprovalState };
export type Decision = "approve" | "deny";

export const DENIAL_REASON_LIMIT = 500;

/** Fields of a ticket that waits for approval: on hold from the start. */
export function pendingApprovalFields(now: number): Partial<Ticket> {
  return { approval: "pending", holds: [{ start: now }] };
}

/** Shaped as a card action's outcome, so it is published the same way. */
export type DecisionOutcome = ActionOutcome;

/** Whether the person is an approver is checked before; this is the rest. */
export function decideApproval(
  ticket: Ticket,
  decision: Decision,
  approver: string,
  now: number,
  reason = "",
): DecisionOutcome {
  // Callers say who decided and when (alreadyDecided in the blocks); this
  // keeps a decision final even for a caller that forgot to.
  if (ticket.approval !== "pending") {
    return {
      ok: false,
      reason: `${ticket.key} is not waiting for approval. Nothing changed.`,
    };
  }
  // Withdrawn by its requester while it waited: nothing left to decide.
  if (ticket.status === "closed") {
    return {
      ok: false,
      reason:
        `${ticket.key} was withdrawn by the person who asked for it. Nothing changed.`,
    };
  }
  const why = reason.replace(/\s+/g, " ").trim();
  if (decision === "deny" && !why) {
    return { ok: false, reason: "Say why the request is denied." };
  }
  if (why.length > DENIAL_REASON_LIMIT) {
    return {
      ok: false,
      reason: `Keep the reason under ${DENIAL_REASON_LIMIT} characters.`,
    };
  }
  // The approval hold ends either way: the clocks run again (approved) or
  // the ticket closes (denied).
  const holds = (ticket.holds ?? []).map((hold) =>
    hold.end === undefined ? { ...hold, end: now } : hold
  );
  const decided: Ticket = {
    ...ticket,
    approval: decision === "approve" ? "approved" : "denied",
    approval_by: approver,
    approval_at: now,
    updated_at: now,
    holds: holds.length ? holds : undefined,
  };
  if (decision === "approve") {
    return {
      ok: true,
      ticket: decided,
      summary: `<@${approver}> approved ${ticket.key}`,
    };
  }
  return {
    ok: true,
    ticket: {
      ...decided,
      approval_reason: why,
      status: "closed",
      closed_at: now,
    },
    statusChange: { from: ticket.status, to: "closed" },
    summary: `<@${approver}> denied ${ticket.key}`,
  };
}
