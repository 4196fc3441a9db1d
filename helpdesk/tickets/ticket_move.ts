// Moving a ticket to another queue: an agent of the queue it is in hands it
// to another team. From then on the new queue's roles decide who works it,
// so an assignee who is not one of its agents lets go of it, and a ticket
// that was in progress only because of them is new again for that team.
import { DEFAULT_QUEUE_ID } from "../queues/queue.ts";
import type { Status, Ticket } from "./model.ts";
import { type Actor, checkPermission } from "./roles.ts";

export interface QueueRef {
  id: string;
  name: string;
}

export type MoveOutcome =
  | {
    ok: true;
    ticket: Ticket;
    /** The assignee who is not an agent of the new queue, now unassigned. */
    released?: string;
    statusChange?: { from: Status; to: Status };
  }
  | { ok: false; reason: string };

/** The queue a ticket is in; tickets older than queues are the default's. */
export function queueIdOf(ticket: Pick<Ticket, "queue_id">): string {
  return ticket.queue_id ?? DEFAULT_QUEUE_ID;
}

/** Whether the ticket can leave its queue now; checked before the form opens. */
export function checkMovable(
  ticket: Ticket,
  actor: Actor,
): { ok: true } | { ok: false; reason: string } {
  const permission = checkPermission(actor, "move", ticket);
  if (!permission.ok) return permission;
  if (ticket.approval === "pending") {
    return {
      ok: false,
      reason:
        `${ticket.key} is waiting for approval: it can be moved once approved.`,
    };
  }
  if (ticket.status === "resolved" || ticket.status === "closed") {
    return {
      ok: false,
      reason:
        `${ticket.key} is ${ticket.status}: only open tickets move to another queue${
          ticket.status === "resolved" ? "; reopen it first" : ""
        }.`,
    };
  }
  return { ok: true };
}

/**
 * `actor` is judged by the queue the ticket is in now (an agent of it);
 * `assigneeWorksTarget` by the queue it goes to.
 */
export function moveTicket(
  ticket: Ticket,
  target: QueueRef,
  actor: Actor,
  assigneeWorksTarget: boolean,
  now: number,
): MoveOutcome {
  const movable = checkMovable(ticket, actor);
  if (!movable.ok) return movable;
  if (queueIdOf(ticket) === target.id) {
    return { ok: false, reason: `${ticket.key} is already in that queue.` };
  }
  const next: Ticket = { ...ticket, queue_id: target.id, updated_at: now };
  let released: string | undefined;
  if (ticket.assignee && !assigneeWorksTarget) {
    released = ticket.assignee;
    delete next.assignee;
    if (ticket.status === "in_progress") next.status = "new";
  }
  return {
    ok: true,
    ticket: next,
    released,
    statusChange: next.status === ticket.status
      ? undefined
      : { from: ticket.status, to: next.status },
  };
}
