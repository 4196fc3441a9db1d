// Who wrote in a ticket through Helpdesk (replies, notes, messages from the
// requester's side), so that erasing a person finds the tickets they wrote
// in (see retention.ts and use_cases/schedule/erasure.ts). Kept apart from
// those so that the conversation's functions carry only this.
import type { Ticket } from "./model.ts";

/** The most writers a ticket remembers (a busy thread's, at most). */
export const MAX_WRITERS = 50;

/**
 * The ticket's writers once `person` wrote in it: unchanged when it names
 * them already. Past MAX_WRITERS the oldest is forgotten.
 */
export function withWriter(
  ticket: Pick<Ticket, "requester" | "reporter" | "followers" | "writers">,
  person: string,
): Pick<Ticket, "writers"> {
  const named = [
    ticket.requester,
    ticket.reporter,
    ...(ticket.followers ?? []),
    ...(ticket.writers ?? []),
  ];
  if (named.includes(person)) {
    return ticket.writers ? { writers: ticket.writers } : {};
  }
  return { writers: [...(ticket.writers ?? []), person].slice(-MAX_WRITERS) };
}
