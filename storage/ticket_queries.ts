// Finding tickets by condition. Slack's datastore query is a DynamoDB scan
// with a filter: `limit` caps the items *evaluated*, so a page can be empty
// and still have a cursor, and only an absent cursor means the end.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import TicketsDatastore from "../datastores/tickets.ts";
import type { Ticket } from "../tickets/model.ts";
import { slackCall } from "../slack_api/slack_call.ts";
import { toItem, toTicket } from "./ticket_store.ts";

export interface TicketFilter {
  expression: string;
  /** "#name" → attribute name. */
  attributes: Record<string, string>;
  /** ":value" → value. */
  values: Record<string, unknown>;
}

/**
 * Items evaluated per call. Slack documents no maximum; fewer, larger pages
 * keep a sweep over thousands of tickets to a handful of calls.
 */
export const PAGE_SIZE = 1000;

/** Each page of matching tickets, as Slack returns them (maybe empty). */
export async function* ticketPages(
  client: SlackAPIClient,
  filter: TicketFilter,
): AsyncGenerator<Ticket[]> {
  let cursor: string | undefined;
  do {
    const page = await slackCall(client, "apps.datastore.query", {
      datastore: TicketsDatastore.name,
      expression: filter.expression,
      expression_attributes: filter.attributes,
      expression_values: filter.values,
      limit: PAGE_SIZE,
      cursor,
    });
    yield (page.items ?? []).flatMap(readable);
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
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
