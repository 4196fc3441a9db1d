// Which of a ticket's cards is not its card. A ticket's id comes from its
// creation key (ticket_ids.ts), so an opening that died after posting its
// card and before its save, tried again (the same form submitted again, a
// workflow step run again, a twin :ticket: delivery), saves the ticket under
// the same id and posts a second card: the first still carries the ticket's
// id in its metadata, its buttons act on the ticket, and nothing redraws it.
import type { Ticket } from "./model.ts";

export interface CardPlace {
  channel: string;
  ts: string;
}

/**
 * A card carrying the ticket's id that the ticket does not know: neither
 * its card nor one it left behind when it moved. Only a ticket whose card
 * is recorded can tell: one still being opened, or whose record failed
 * (setup_pending, no card), may yet adopt this very card (ticket_repair.ts).
 */
export function isStrayCard(
  ticket: Pick<
    Ticket,
    "setup_pending" | "card_channel" | "card_ts" | "previous_cards"
  >,
  card: CardPlace,
): boolean {
  if (ticket.setup_pending || !ticket.card_channel || !ticket.card_ts) {
    return false;
  }
  if (ticket.card_channel === card.channel && ticket.card_ts === card.ts) {
    return false;
  }
  return !(ticket.previous_cards ?? []).includes(`${card.channel}:${card.ts}`);
}
