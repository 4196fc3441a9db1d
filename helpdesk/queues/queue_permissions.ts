// What each role of a queue may do. One table, so "who may approve?" has one
// answer everywhere: the card buttons, the approval DM, the settings
// workflows and the private details. slack/blocks/refusals.ts words it.

/** The roles a person can hold towards one ticket of one queue. */
export const HOLDER_ROLES = [
  "owner",
  "member",
  "admin",
  "superuser",
  "initiator",
  "approver",
] as const;
export type HolderRole = typeof HOLDER_ROLES[number];

export const QUEUE_ACTIONS = [
  "claim",
  "assign",
  "change_status",
  "approve",
  "deny",
  "edit_settings",
  "edit_saved_replies",
  "view_private",
  "view_history",
] as const;
export type QueueAction = typeof QUEUE_ACTIONS[number];

/** Those who work the queue's tickets. */
const AGENTS: readonly HolderRole[] = ["owner", "member", "admin", "superuser"];

const ALLOWED: Record<QueueAction, readonly HolderRole[]> = {
  claim: AGENTS,
  assign: AGENTS,
  // The initiator may only close or reopen (see helpdesk/tickets/roles.ts).
  change_status: [...AGENTS, "initiator"],
  // Approvers are set per request type, by default `${superusers}`.
  approve: ["approver"],
  deny: ["approver"],
  edit_settings: ["owner", "admin", "superuser"],
  // What agents send in the queue's name: its owner and admins decide.
  edit_saved_replies: ["owner", "admin"],
  // Approvers must see what they approve.
  view_private: [...AGENTS, "initiator", "approver"],
  // Who changed what (helpdesk/tickets/ticket_history.ts): those who work
  // it, and its requester (shown what they are told of anyway). A subset
  // of view_private, so a private ticket's history is no wider.
  view_history: [...AGENTS, "initiator"],
};

export function mayDo(
  roles: ReadonlySet<HolderRole>,
  action: QueueAction,
): boolean {
  return ALLOWED[action].some((role) => roles.has(role));
}

export function isAgentRole(roles: ReadonlySet<HolderRole>): boolean {
  return AGENTS.some((role) => roles.has(role));
}
