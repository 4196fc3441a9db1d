// Ticket items that toTicket (slack/storage/ticket_items.ts) refuses: the
// narrow readers that must refuse the same items (files_ticket.ts,
// ticket_figures.ts) are tested against one list, so a new way to be
// damaged is added once for all of them.
import { sampleTicket } from "./sample_ticket.ts";
import { type TicketItem, toItem } from "../../slack/storage/ticket_items.ts";

export function damagedTicketItems(): TicketItem[] {
  return [
    { ...toItem(sampleTicket()), status: "lost" },
    { ...toItem(sampleTicket()), priority: "whenever" },
    { ...toItem(sampleTicket()), holds: ["yesterday"] },
    { ...toItem(sampleTicket()), answers: "{not json" },
    { ...toItem(sampleTicket()), answers: '{"label":"not a list"}' },
  ] as unknown as TicketItem[];
}
