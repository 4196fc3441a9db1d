// Who may do what to a ticket. Agents run the queue; the requester may close
// or reopen their own ticket (to confirm a fix, or to say it is not fixed)
// and withdraw it while it is open, which only they may do; everyone else
// can read the card and the thread but change nothing.
import type { Ticket } from "./model.ts";

/** Everything a triage card (or a reaction on it) can ask for. */
export const TICKET_ACTIONS = [
  "claim",
  "assign",
  "start",
  "wait",
  "resolve",
  "close",
  "reopen",
  "withdraw",
  "edit",
  "move",
] as const;
export type TicketActionType = typeof TICKET_ACTIONS[number];

/**
 * Buttons that act on a ticket without changing its status: the approval
 * DM's Approve and Deny, and a private card's "Show details".
 */
export const REQUEST_ACTIONS = ["approve", "deny", "details"] as const;
export type RequestActionType = typeof REQUEST_ACTIONS[number];

export interface Actor {
  userId: string;
  /** Resolved from the configured agents (users and user groups). */
  isAgent: boolean;
}

const REQUESTER_MAY: ReadonlySet<TicketActionType> = new Set([
  "close",
  "reopen",
  "withdraw",
]);

/** Their own request: agents resolve or close instead. */
const REQUESTER_ONLY: ReadonlySet<TicketActionType> = new Set(["withdraw"]);

const VERBS: Record<TicketActionType, string> = {
  claim: "claim",
  assign: "assign",
  start: "start work on",
  wait: "put on hold",
  resolve: "resolve",
  close: "close",
  reopen: "reopen",
  withdraw: "withdraw",
  edit: "edit",
  move: "move",
};

export type PermissionCheck = { ok: true } | { ok: false; reason: string };

export function checkPermission(
  actor: Actor,
  action: TicketActionType,
  ticket: Pick<Ticket, "key" | "requester">,
): PermissionCheck {
  const isRequester = actor.userId === ticket.requester;
  if (REQUESTER_ONLY.has(action)) {
    return isRequester ? { ok: true } : {
      ok: false,
      reason: actor.isAgent
        ? `Only the person who opened ${ticket.key} can withdraw it. Agents resolve or close it instead.`
        : `Only the person who opened ${ticket.key} can withdraw it.`,
    };
  }
  if (actor.isAgent) return { ok: true };
  if (isRequester && REQUESTER_MAY.has(action)) return { ok: true };
  // Own properties only, should a forged action reach this far.
  const verb = Object.hasOwn(VERBS, action) ? VERBS[action] : "change";
  if (REQUESTER_MAY.has(action)) {
    return {
      ok: false,
      reason:
        `Only Helpdesk agents and the person who opened ${ticket.key} can ${verb} it.`,
    };
  }
  return {
    ok: false,
    reason: isRequester
      ? `Only Helpdesk agents can ${verb} ${ticket.key}. You can withdraw it while it is open, close it once it is resolved, or reopen it if the fix didn't work.`
      : `Only Helpdesk agents can ${verb} ${ticket.key}. You can follow it in the card's thread.`,
  };
}
