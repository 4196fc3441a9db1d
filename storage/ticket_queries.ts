// Finding tickets by condition, a page at a time (see datastore_pages.ts).
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import TicketsDatastore from "../datastores/tickets.ts";
import type { Ticket } from "../tickets/model.ts";
import { slackCall } from "../slack_api/slack_call.ts";
import { toItem, toTicket } from "./ticket_store.ts";
import { type DatastoreFilter, itemPages } from "./datastore_pages.ts";

export type TicketFilter = DatastoreFilter;

/** Each page of matching tickets, as Slack returns them (maybe empty). */
export async function* ticketPages(
  client: SlackAPIClient,
  filter: TicketFilter,
): AsyncGenerator<Ticket[]> {
  for await (const items of itemPages(client, TicketsDatastore.name, filter)) {
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
  for (let i = 0; i < tickets.length; i += 25) {
    const { failed_items } = await slackCall(client, "apps.datastore.bulkPut", {
      datastore: TicketsDatastore.name,
      items: tickets.slice(i, i + 25).map(toItem),
    });
    if (failed_items?.length) {
      throw new Error(`${failed_items.length} tickets were not saved`);
    }
  }
}

/** One damaged item must not stop a sweep over all the others. */
function readable(item: Record<string, unknown>): Ticket[] {
  try {
    return [toTicket(item)];
  } catch (error) {
    console.error("skipping unreadable ticket", item.id, error);
    return [];
  }
}
