// What a requester can do for themselves besides closing: withdraw a ticket
// they no longer need, close it when a suggested solved ticket answered it,
// and reopen one that was resolved or closed lately when the problem came
// back. All are plain data in, data out; who may withdraw or reopen is
// checked by applyAction (roles.ts) before they run, selfSolve checks its
// own.
import { OPEN_STATUSES, type Status, type Ticket } from "./model.ts";

export type RuleOutcome =
  | { ok: true; ticket: Ticket; verb: string }
  | { ok: false; reason: string };

/**
 * Withdrawn: closed at the requester's word, while it was still open (or
 * waiting for approval). Its clocks stop with it, like any close.
 */
export function withdraw(ticket: Ticket, now: number): RuleOutcome {
  // Merged meanwhile: its request goes on as the kept ticket, which they
  // must hear of (the list or DM they clicked in may predate the merge).
  // Also what selfSolve answers then: closed, but not solved.
  if (ticket.merged_into) {
    const kept = ticket.merged_into_key ?? "another ticket";
    return {
      ok: false,
      reason:
        `${ticket.key} was merged into ${kept} as a duplicate, so it is closed already and nothing changed: you'll hear about ${kept} instead.`,
    };
  }
  if (!OPEN_STATUSES.includes(ticket.status)) {
    return {
      ok: false,
      reason: ticket.status === "resolved"
        ? `${ticket.key} is already resolved: close it if that fixed it, or reopen it if not.`
        : `${ticket.key} is already closed.`,
    };
  }
  // Every hold ends: waiting on the requester, or on an approval.
  const holds = (ticket.holds ?? []).map((hold) =>
    hold.end === undefined ? { ...hold, end: now } : hold
  );
  const next: Ticket = {
    ...ticket,
    status: "closed",
    close_reason: "withdrawn",
    closed_at: now,
    updated_at: now,
  };
  if (holds.length) next.holds = holds;
  return { ok: true, ticket: next, verb: "withdrew" };
}

/**
 * Self-solved: closed by its requester because a solved ticket Helpdesk
 * suggested (helpdesk/similar/suggestions.ts) answered it. Only the
 * requester may say so; a second click finds it already self-solved and
 * changes nothing. Not resolved by anyone, so it has no resolution time
 * and never joins the suggestions itself: its answer is the other ticket's.
 */
export function selfSolve(
  ticket: Ticket,
  actorId: string,
  now: number,
): RuleOutcome {
  if (actorId !== ticket.requester) {
    return {
      ok: false,
      reason:
        `Only the person who opened ${ticket.key} can say a suggested ticket solved it.`,
    };
  }
  if (ticket.status === "closed" && ticket.close_reason === "self_solved") {
    return {
      ok: false,
      reason: `${ticket.key} is already closed: you said it was solved.`,
    };
  }
  const closed = withdraw(ticket, now);
  if (!closed.ok) return closed;
  return {
    ok: true,
    ticket: { ...closed.ticket, close_reason: "self_solved" },
    verb: "closed as solved",
  };
}

export interface ReopenRules {
  /** A closed ticket can be reopened for this many days; 0 never. */
  reopenDays: number;
}

/**
 * Back to work: a resolved ticket goes back in progress; a closed one too,
 * if it was closed less than `reopenDays` ago and was not decided against
 * (a denied request, or one withdrawn before anyone approved it, would skip
 * its approval). A closed ticket nobody had goes back to new.
 */
export function reopen(
  ticket: Ticket,
  rules: ReopenRules,
  now: number,
): RuleOutcome {
  const kept = keptClosed(ticket, rules, now);
  if (kept) return { ok: false, reason: refusalOf(kept, ticket, rules) };
  if (ticket.status === "resolved") {
    return {
      ok: true,
      ticket: { ...ticket, status: "in_progress", updated_at: now },
      verb: "reopened",
    };
  }
  const status: Status = ticket.assignee ? "in_progress" : "new";
  const next: Ticket = { ...ticket, status, updated_at: now };
  delete next.closed_at;
  delete next.close_reason;
  delete next.resolved_at;
  return { ok: true, ticket: next, verb: "reopened" };
}

/**
 * Whether a closed ticket can still be reopened at `now`. Apart from
 * reopen, so that what draws the requester's Reopen button (in every
 * change's DM) does not bundle the refusals' words and the reopening.
 */
export function canReopen(
  ticket: Ticket,
  rules: ReopenRules,
  now: number,
): boolean {
  return keptClosed(ticket, rules, now) === undefined;
}

/** Why a ticket can't be reopened: refusalOf puts it into words. */
type KeptClosed =
  | "in_progress"
  | "not_closed"
  | "decided"
  | "merged"
  | "never"
  | "too_old";

function keptClosed(
  ticket: Ticket,
  rules: ReopenRules,
  now: number,
): KeptClosed | undefined {
  if (ticket.status === "resolved") return undefined;
  if (ticket.status === "in_progress") return "in_progress";
  if (ticket.status !== "closed") return "not_closed";
  if (ticket.approval === "denied" || ticket.approval === "pending") {
    return "decided";
  }
  // A duplicate follows the ticket it was merged into; only an agent's
  // Unmerge on that one opens it again (ticket_merge.ts).
  if (ticket.merged_into) return "merged";
  if (rules.reopenDays <= 0) return "never";
  const closedAt = ticket.closed_at ?? ticket.updated_at;
  if (now - closedAt > rules.reopenDays * 86_400) return "too_old";
  return undefined;
}

function refusalOf(
  kept: KeptClosed,
  ticket: Ticket,
  rules: ReopenRules,
): string {
  switch (kept) {
    case "in_progress":
      return `${ticket.key} is already in progress.`;
    case "not_closed":
      return `${ticket.key} is not resolved or closed.`;
    case "decided":
      return `${ticket.key} was ${
        ticket.approval === "denied" ? "denied" : "withdrawn before approval"
      }, so it stays closed. Open a new request if it is still needed.`;
    case "merged":
      return `${ticket.key} was merged into ${
        ticket.merged_into_key ?? "another ticket"
      }, so it stays closed: you'll hear about ${
        ticket.merged_into_key ?? "that ticket"
      } instead.`;
    case "never":
      return `Closed tickets stay closed here. Open a new ticket and mention ${ticket.key}.`;
    case "too_old":
      return `${ticket.key} was closed more than ${rules.reopenDays} ${
        rules.reopenDays === 1 ? "day" : "days"
      } ago, so it can't be reopened. Open a new ticket and mention ${ticket.key}.`;
  }
}
