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

// The lists people ask for. Each is one filtered scan of the tickets
// datastore (Slack evaluates up to PAGE_SIZE items a call, whatever
// matches): kept here, one function per list, so that each can move onto an
// index of open work without its callers changing.

const OPEN = { ":new": "new", ":in_progress": "in_progress" } as const;

/**
 * A requester's tickets that are not closed, and those changed since
 * `since` (closed lately): what My tickets shows.
 */
export async function ticketsOfRequester(
  client: SlackAPIClient,
  requester: string,
  since: number,
): Promise<Ticket[]> {
  return await allTickets(client, {
    expression: "#requester = :requester AND " +
      "(#status IN (:new, :in_progress, :waiting, :resolved) OR " +
      "#updated_at >= :since)",
    attributes: {
      "#requester": "requester",
      "#status": "status",
      "#updated_at": "updated_at",
    },
    values: {
      ":requester": requester,
      ...OPEN,
      ":waiting": "waiting_on_requester",
      ":resolved": "resolved",
      ":since": since,
    },
  });
}

/** DynamoDB takes at most 100 values in an IN list. */
const QUEUES_IN_FILTER = 90;

/**
 * The open tickets of the given queues ("default" includes tickets older
 * than queues, which have none): what Open tickets shows.
 */
export async function openTicketsOfQueues(
  client: SlackAPIClient,
  queueIds: readonly string[],
): Promise<Ticket[]> {
  if (queueIds.length === 0) return [];
  const wanted = new Set(queueIds);
  const inQueues = (t: Ticket) => wanted.has(t.queue_id ?? "default");
  const values: Record<string, unknown> = {
    ...OPEN,
    ":waiting": "waiting_on_requester",
  };
  let expression = "#status IN (:new, :in_progress, :waiting)";
  const attributes: Record<string, string> = { "#status": "status" };
  if (queueIds.length <= QUEUES_IN_FILTER) {
    const names = queueIds.map((id, i) => {
      values[`:q${i}`] = id;
      return `:q${i}`;
    });
    attributes["#queue"] = "queue_id";
    const legacy = wanted.has("default")
      ? " OR attribute_not_exists(#queue)"
      : "";
    expression += ` AND (#queue IN (${names.join(", ")})${legacy})`;
  }
  // Also checked here: a longer list of queues is filtered after reading.
  return (await allTickets(client, { expression, attributes, values }))
    .filter(inQueues);
}
