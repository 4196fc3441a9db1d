// Deleting a ticket for good (a retention purge, an erasure): its lookups,
// its open work entry, and the ticket item last. Apart from ticket_store.ts
// so that only the functions that purge carry it.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import {
  TicketLookupDatastore,
  TicketsDatastore,
  TicketWorkDatastore,
} from "./datastore_refs.ts";
import { bulkDeleteItems, deleteItem } from "./datastore.ts";
import {
  lookupByCard,
  lookupByJsmKey,
  lookupByKey,
  lookupByMessage,
  lookupByThread,
  lookupByThreadOf,
} from "./ticket_store.ts";

/**
 * Every lookup that can name the ticket, for a purge: its key, its cards
 * (those of queues it left too), its source message, its requester's
 * thread and its JSM request. A Workflow Builder step's lookup is a digest
 * of the request, kept only to spot a repeat within minutes; it is not
 * listed (it can't be derived from the ticket) and finds nothing once the
 * ticket is gone.
 */
export function lookupsOf(ticket: Ticket): string[] {
  const lookups = [lookupByKey(ticket.key)];
  if (ticket.card_channel && ticket.card_ts) {
    lookups.push(lookupByCard(ticket.card_channel, ticket.card_ts));
  }
  for (const card of ticket.previous_cards ?? []) {
    const at = card.indexOf(":");
    if (at > 0) {
      lookups.push(lookupByCard(card.slice(0, at), card.slice(at + 1)));
    }
  }
  if (ticket.source_message_ts && ticket.source_channel) {
    lookups.push(
      lookupByMessage(ticket.source_channel, ticket.source_message_ts),
    );
  }
  const thread = ticket.requester_thread?.match(/^([^:]+):(.+)$/);
  if (thread) {
    lookups.push(
      lookupByThread(thread[1], thread[2]),
      lookupByThreadOf(thread[1], thread[2], ticket.requester),
    );
  }
  if (ticket.jsm_key) lookups.push(lookupByJsmKey(ticket.jsm_key));
  return lookups;
}

/**
 * Deletes the ticket's lookups, then its open work entry, then the ticket
 * itself, last: until then a retry finds it and does it all again.
 */
export async function deleteTicket(client: SlackAPIClient, ticket: Ticket) {
  const failed = await bulkDeleteItems(
    client,
    TicketLookupDatastore,
    lookupsOf(ticket),
  );
  if (failed.length) {
    throw new Error(`${ticket.key}: lookups not deleted: ${failed.join()}`);
  }
  const work = await bulkDeleteItems(client, TicketWorkDatastore, [ticket.id]);
  if (work.length) throw new Error(`${ticket.key}: work entry not deleted`);
  await deleteItem(client, TicketsDatastore, ticket.id);
}
