// Which tickets count as solved for suggestions, and the text they are
// found by. Plain rules over the ticket and its open work entry.
import type { Ticket } from "../tickets/model.ts";
import type { WorkEntry } from "../tickets/open_work.ts";

/** An entry whose ticket may be waiting to join the index. */
export function awaitsIndex(entry: WorkEntry): boolean {
  return !entry.similar_indexed &&
    (entry.status === "resolved" || entry.status === "closed") &&
    entry.resolved_at !== undefined;
}

/**
 * A ticket somebody solved: resolved at some point, not withdrawn by its
 * requester and not merged into another (whose answer is elsewhere).
 */
export function isSolved(ticket: Ticket): boolean {
  return (ticket.status === "resolved" || ticket.status === "closed") &&
    ticket.resolved_at !== undefined &&
    ticket.close_reason !== "withdrawn" && !ticket.merged_into;
}

/** What a ticket is found by, and what a question is compared with. */
export function searchText(ticket: Pick<Ticket, "summary" | "description">) {
  return `${ticket.summary}\n${ticket.description}`;
}

/** The card button that shows solved tickets like the ticket. */
export const SIMILAR_ACTION = "similar";
