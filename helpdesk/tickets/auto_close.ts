// Resolved tickets close by themselves after a quiet period unless the
// requester reopens them: the fix is taken as confirmed, and the queue's
// "resolved" column doesn't grow forever.
import type { Status, Ticket } from "./model.ts";

export interface AutomaticChange {
  ticket: Ticket;
  /** Absent: Helpdesk did it, not a person. */
  actorId?: undefined;
  summary: string;
  statusChange: { from: Status; to: Status };
}

/** The closed ticket, or undefined when it isn't due to close yet. */
export function autoClose(
  ticket: Ticket,
  days: number,
  now: number,
): AutomaticChange | undefined {
  if (days <= 0 || ticket.status !== "resolved") return undefined;
  if (ticket.resolved_at === undefined) return undefined;
  if (now - ticket.resolved_at < days * 86_400) return undefined;
  return {
    ticket: { ...ticket, status: "closed", closed_at: now, updated_at: now },
    summary: `${ticket.key} closed automatically, ${days} ${
      days === 1 ? "day" : "days"
    } after it was resolved`,
    statusChange: { from: "resolved", to: "closed" },
  };
}
