// Solved tickets suggested to a requester right after they open a ticket:
// which they may be shown, and the button that says one solved theirs.
// Plain rules; the search is slack/storage/similar_index.ts, the sending
// use_cases/opening/solved_suggestions.ts.
import type { Ticket } from "../tickets/model.ts";
import { isSolved } from "./solved_tickets.ts";

/** Suggestions a requester gets: few enough to read in a DM. */
export const SUGGESTED_TO_REQUESTER = 3;

/**
 * Whether `requester` may be shown this solved ticket: any ticket that is
 * not private (its card is in the queue's triage channel), and a private
 * one only if it was their own. A requester is nobody's agent here, so a
 * private ticket of someone else is never suggested, whatever their roles.
 */
export function maySuggestTo(
  ticket: Pick<Ticket, "private" | "requester">,
  requester: string,
): boolean {
  return !ticket.private || ticket.requester === requester;
}

/**
 * The solved tickets to suggest for `opened`, from those the index ranked
 * (best first, as read back): solved still, in its queue, visible to its
 * requester, never the opened ticket itself.
 */
export function suggestionsFor(
  opened: Pick<Ticket, "id" | "requester" | "queue_id">,
  ranked: readonly (Ticket | undefined)[],
  queueId: string,
): Ticket[] {
  return ranked.flatMap((t) =>
    t && t.id !== opened.id && isSolved(t) &&
      (t.queue_id ?? queueId) === queueId &&
      maySuggestTo(t, opened.requester)
      ? [t]
      : []
  ).slice(0, SUGGESTED_TO_REQUESTER);
}

/** Whether an opened ticket gets suggestions: not one awaiting approval. */
export function getsSuggestions(ticket: Pick<Ticket, "approval">): boolean {
  return ticket.approval !== "pending";
}

// The button's action names the suggested ticket by key, so the thread
// can say which answer solved it without reading that ticket again. A
// forged action can only name a key-shaped string, shown as such.
const SELF_SOLVE = "self_solve";
const KEY_SHAPE = /^[A-Z]{1,10}-[0-9A-Z]{1,12}$/;

export function selfSolveAction(suggestedKey: string): string {
  return `${SELF_SOLVE}:${suggestedKey}`;
}

/** The suggested key of a "This solved it" action, else undefined. */
export function parseSelfSolve(
  action: unknown,
): { suggestedKey: string } | undefined {
  // Inputs come from whoever runs the step: not always a string.
  if (typeof action !== "string") return undefined;
  const [name, key, ...rest] = action.split(":");
  if (name !== SELF_SOLVE || rest.length || !KEY_SHAPE.test(key ?? "")) {
    return undefined;
  }
  return { suggestedKey: key };
}
