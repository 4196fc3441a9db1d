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

export function mayDo(
  roles: ReadonlySet<HolderRole>,
  action: QueueAction,
): boolean {
  return allowed(action).some((role) => roles.has(role));
}

// A function rather than a table of lists: a table built with spreads is
// kept whole in every bundle that imports this file, used or not. Why each
// action's roles (said here, not beside each case: esbuild keeps comments
// inside a function body in every bundle):
// - change_status: the initiator may only close or reopen (see
//   helpdesk/tickets/roles.ts).
// - approve, deny: approvers are set per request type, by default
//   `${superusers}`.
// - edit_saved_replies: what agents send in the queue's name, so its owner
//   and admins decide.
// - view_private: approvers must see what they approve.
// - view_history: who changed what (helpdesk/tickets/ticket_history.ts),
//   for those who work it and its requester (shown what they are told of
//   anyway); a subset of view_private, so a private ticket's history is no
//   wider.
function allowed(action: QueueAction): readonly HolderRole[] {
  switch (action) {
    case "claim":
    case "assign":
      return AGENTS;
    case "change_status":
      return [...AGENTS, "initiator"];
    case "approve":
    case "deny":
      return ["approver"];
    case "edit_settings":
      return ["owner", "admin", "superuser"];
    case "edit_saved_replies":
      return ["owner", "admin"];
    case "view_private":
      return [...AGENTS, "initiator", "approver"];
    case "view_history":
      return [...AGENTS, "initiator"];
  }
}

export function isAgentRole(roles: ReadonlySet<HolderRole>): boolean {
  return AGENTS.some((role) => roles.has(role));
}
