// What each role of a queue may do. One table, so "who may approve?" has one
// answer everywhere: the card buttons, the approval DM, the settings
// workflows and the private details.

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
  "view_private",
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
  // Approvers must see what they approve.
  view_private: [...AGENTS, "initiator", "approver"],
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

const WHO: Record<QueueAction, string> = {
  claim: "the queue's agents",
  assign: "the queue's agents",
  change_status: "the queue's agents",
  approve: "the request type's approvers",
  deny: "the request type's approvers",
  edit_settings: "the queue's owner, admins and superusers",
  view_private:
    "the queue's agents, its approvers and the person who opened it",
};

const VERB: Record<QueueAction, string> = {
  claim: "claim tickets",
  assign: "assign tickets",
  change_status: "change a ticket's status",
  approve: "approve requests",
  deny: "deny requests",
  edit_settings: "change its settings",
  view_private: "see a private request's details",
};

export function refusal(action: QueueAction, queueName: string): string {
  return `In the ${queueName} queue, only ${WHO[action]} can ${VERB[action]}.`;
}
