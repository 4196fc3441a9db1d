// Finding tickets by condition, a page at a time (see datastore.ts).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import TicketsDatastore from "../../datastores/tickets.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import { type TicketItem, toItem, toTicket } from "./ticket_store.ts";
import {
  BULK_PUT_LIMIT,
  bulkPutItems,
  type DatastoreFilter,
  itemPages,
} from "./datastore.ts";

export type TicketFilter = DatastoreFilter;

/** Each page of matching tickets, as Slack returns them (maybe empty). */
export async function* ticketPages(
  client: SlackAPIClient,
  filter: TicketFilter,
): AsyncGenerator<Ticket[]> {
  for await (const items of itemPages(client, TicketsDatastore, filter)) {
    yield items.flatMap(readable);
  }
}

export async function allTickets(
  client: SlackAPIClient,
  filter: TicketFilter,
): Promise<Ticket[]> {
  const tickets: Ticket[] = [];
  for await (const page of ticketPages(client, filter)) tickets.push(...page);
  return tickets;
}

/** Writes changed tickets 25 at a time, bulkPut's limit. */
export async function putTickets(
  client: SlackAPIClient,
  tickets: readonly Ticket[],
) {
  for (let i = 0; i < tickets.length; i += BULK_PUT_LIMIT) {
    const failed_items = await bulkPutItems(
      client,
      TicketsDatastore,
      tickets.slice(i, i + BULK_PUT_LIMIT).map(toItem),
    );
    if (failed_items.length) {
      throw new Error(`${failed_items.length} tickets were not saved`);
    }
  }
}

/** One damaged item must not stop a sweep over all the others. */
function readable(item: TicketItem): Ticket[] {
  try {
    return [toTicket(item)];
  } catch (error) {
    console.error("skipping unreadable ticket", item.id, error);
    return [];
  }
}
