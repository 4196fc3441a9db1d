// One function decides what a triage action does to a ticket: who may do it,
// whether the lifecycle allows it, and which fields change. The Slack handlers
// only load the ticket, call applyAction, and publish the result.
import { type Status, STATUS_LABELS, type Ticket } from "./model.ts";
import { checkTransition } from "./status_rules.ts";
import { type Actor, checkPermission, type TicketActionType } from "./roles.ts";
import { reopen, type ReopenRules, withdraw } from "./requester_actions.ts";
import { DEFAULT_REOPEN_DAYS } from "./service_level_settings.ts";

/** Card and DM actions; editing and moving have rules of their own. */
export type TicketAction =
  | { type: "claim" }
  | { type: "assign"; assignee: string; assigneeIsAgent: boolean }
  | { type: "start" }
  | { type: "wait" }
  | { type: "resolve" }
  | { type: "close" }
  | { type: "reopen" }
  | { type: "withdraw" };

const DEFAULT_RULES: ReopenRules = { reopenDays: DEFAULT_REOPEN_DAYS };

const TARGET_STATUS: Partial<Record<TicketActionType, Status>> = {
  start: "in_progress",
  wait: "waiting_on_requester",
  resolve: "resolved",
  close: "closed",
};

export type ActionOutcome =
  | {
    ok: true;
    ticket: Ticket;
    /** Set when the status changed: the requester is told. */
    statusChange?: { from: Status; to: Status };
    /** A sentence for the card's thread, e.g. "<@U1> claimed HD-1". */
    summary: string;
  }
  | { ok: false; reason: string };

/** The actions that work a ticket; withdraw and reopen are its requester's. */
export type WorkAction = Exclude<
  TicketAction,
  { type: "withdraw" } | { type: "reopen" }
>;

export function applyAction(
  ticket: Ticket,
  action: TicketAction,
  actor: Actor,
  now: number,
  rules: ReopenRules = DEFAULT_RULES,
): ActionOutcome {
  if (action.type !== "withdraw" && action.type !== "reopen") {
    return applyWorkAction(ticket, action, actor, now);
  }
  const permission = checkPermission(actor, action.type, ticket);
  if (!permission.ok) return permission;
  // A request can be withdrawn while it waits for approval, too.
  if (action.type === "withdraw") {
    const withdrawn = withdraw(ticket, now);
    if (!withdrawn.ok) return withdrawn;
    return settle(
      ticket,
      withdrawn.ticket,
      actor,
      now,
      `<@${actor.userId}> withdrew ${ticket.key}`,
    );
  }
  const waiting = waitingForApproval(ticket);
  if (waiting) return waiting;
  const reopened = reopen(ticket, rules, now);
  if (!reopened.ok) return reopened;
  return settle(
    ticket,
    reopened.ticket,
    actor,
    now,
    `<@${actor.userId}> reopened ${ticket.key}`,
  );
}

/**
 * Claim, assign, start, wait, resolve or close, as applyAction applies them:
 * apart from it so that a surface making only these (a reaction on the
 * card) does not bundle the requester's withdraw and reopen with their
 * refusals (requester_actions.ts).
 */
export function applyWorkAction(
  ticket: Ticket,
  action: WorkAction,
  actor: Actor,
  now: number,
): ActionOutcome {
  const permission = checkPermission(actor, action.type, ticket);
  if (!permission.ok) return permission;
  const waiting = waitingForApproval(ticket);
  if (waiting) return waiting;

  const next: Ticket = { ...ticket, updated_at: now };
  let summary: string;
  switch (action.type) {
    case "claim": {
      if (ticket.status === "resolved" || ticket.status === "closed") {
        return refuse(ticket, "claimed", "reopen it first");
      }
      if (ticket.assignee === actor.userId) {
        return { ok: false, reason: `You already have ${ticket.key}.` };
      }
      next.assignee = actor.userId;
      if (ticket.status === "new") next.status = "in_progress";
      summary = ticket.assignee
        ? `<@${actor.userId}> took ${ticket.key} over from <@${ticket.assignee}>`
        : `<@${actor.userId}> claimed ${ticket.key}`;
      break;
    }
    case "assign": {
      if (ticket.status === "closed") {
        return refuse(ticket, "reassigned", "open a new ticket instead");
      }
      if (!action.assigneeIsAgent) {
        return {
          ok: false,
          reason:
            `<@${action.assignee}> is not a Helpdesk agent, so ${ticket.key} can't be assigned to them. An admin can add agents with the "Configure Helpdesk" shortcut.`,
        };
      }
      if (ticket.assignee === action.assignee) {
        return {
          ok: false,
          reason: `${ticket.key} is already assigned to <@${action.assignee}>.`,
        };
      }
      next.assignee = action.assignee;
      summary =
        `<@${actor.userId}> assigned ${ticket.key} to <@${action.assignee}>`;
      break;
    }
    default: {
      const to = TARGET_STATUS[action.type]!;
      const check = checkTransition(ticket.key, ticket.status, to);
      if (!check.ok) return check;
      // Only "reopen" takes a resolved ticket back to work, so the thread
      // and the requester's DM say what really happened.
      if (action.type === "start" && ticket.status === "resolved") {
        return refuse(ticket, "started", "reopen it instead");
      }
      next.status = to;
      summary = `<@${actor.userId}> ${
        describeStatusChange(action.type)
      } ${ticket.key}`;
    }
  }

  return settle(ticket, next, actor, now, summary);
}

// Withdrawn while waiting: closed, which the rules of each action refuse in
// words.
function waitingForApproval(ticket: Ticket): ActionOutcome | undefined {
  if (ticket.approval !== "pending" || ticket.status === "closed") {
    return undefined;
  }
  return {
    ok: false,
    reason:
      `${ticket.key} is waiting for approval; it can be worked on once approved.`,
  };
}

/** The status's timestamps and holds, and the first response, brought along. */
function settle(
  ticket: Ticket,
  next: Ticket,
  actor: Actor,
  now: number,
  summary: string,
): ActionOutcome {
  if (next.status !== ticket.status) {
    stampStatusTimes(next, now);
    const holds = updateHolds(ticket, next.status, now);
    if (holds) next.holds = holds;
  }
  if (actor.isAgent && next.first_response_at === undefined) {
    next.first_response_at = now;
  }
  const statusChange = next.status === ticket.status
    ? undefined
    : { from: ticket.status, to: next.status };
  return { ok: true, ticket: next, statusChange, summary };
}

/**
 * The ticket moved to `to` by something outside Helpdesk's own buttons (JSM):
 * the same timestamps and holds as any status change, without the rules of
 * who may do it, since JSM already decided.
 */
export function withStatus(ticket: Ticket, to: Status, now: number): Ticket {
  const next: Ticket = { ...ticket, status: to, updated_at: now };
  if (to === ticket.status) return next;
  // Reopened elsewhere: no longer withdrawn.
  if (to !== "closed") delete next.close_reason;
  stampStatusTimes(next, now);
  const holds = updateHolds(ticket, to, now);
  if (holds) next.holds = holds;
  else delete next.holds;
  return next;
}

function stampStatusTimes(ticket: Ticket, now: number) {
  if (ticket.status === "resolved") ticket.resolved_at = now;
  if (ticket.status === "closed") ticket.closed_at = now;
  // A reopened ticket is no longer resolved: its resolution time will be the
  // next one, so reports measure the fix that stuck.
  if (ticket.status === "in_progress") delete ticket.resolved_at;
}

/**
 * Waiting on the requester stops the service-level clocks: a hold opens when
 * the ticket starts waiting and closes when it leaves that status, whichever
 * way it leaves.
 */
export function updateHolds(
  before: Pick<Ticket, "status" | "holds">,
  status: Status,
  now: number,
): Ticket["holds"] {
  const holds = (before.holds ?? []).map((hold) => ({ ...hold }));
  const open = holds.find((hold) => hold.end === undefined);
  if (status === "waiting_on_requester" && !open) holds.push({ start: now });
  if (status !== "waiting_on_requester" && open) open.end = now;
  return holds.length ? holds : undefined;
}

function describeStatusChange(type: TicketActionType): string {
  switch (type) {
    case "start":
      return "started work on";
    case "wait":
      return "is waiting on the requester for";
    case "resolve":
      return "resolved";
    default:
      return "closed";
  }
}

function refuse(ticket: Ticket, verb: string, hint: string): ActionOutcome {
  return {
    ok: false,
    reason: `${ticket.key} is ${
      STATUS_LABELS[ticket.status].toLowerCase()
    } and can't be ${verb}: ${hint}.`,
  };
}
