// Solved tickets suggested to a requester who just opened a ticket (see
// helpdesk/similar/suggestions.ts for which). The search starts with
// opening's first reads (what it needs is known before the ticket is
// saved), so it adds no round trip to opening; the suggestions go after the
// requester is told the ticket is open, as a DM of their own, and a
// failure only loses the suggestions.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import { DEFAULT_QUEUE_ID } from "../../helpdesk/queues/queue.ts";
import { searchText } from "../../helpdesk/similar/solved_tickets.ts";
import {
  getsSuggestions,
  SUGGESTED_TO_REQUESTER,
  suggestionsFor,
} from "../../helpdesk/similar/suggestions.ts";
import { searchSimilar } from "../../slack/storage/similar_index.ts";
import { bulkGetItems } from "../../slack/storage/datastore.ts";
import { TicketsDatastore } from "../../slack/storage/datastore_refs.ts";
import { toTicket } from "../../slack/storage/ticket_store.ts";
import { slackCall } from "../../slack/api/slack_call.ts";
import { suggestionsDm } from "../../slack/blocks/suggestion_messages.ts";

/**
 * What the search needs of the ticket opened: all known before it is saved,
 * so that opening can start the search with its first reads.
 */
export type SearchedFor = Pick<
  Ticket,
  "id" | "requester" | "queue_id" | "summary" | "description" | "approval"
>;

/**
 * The solved tickets to suggest for a ticket just saved: up to
 * SUGGESTED_TO_REQUESTER, best first. Reads the index rows of its words and
 * then the few tickets ranked (some may have been reopened, moved, or be
 * private to someone else), so a few more are ranked than shown.
 */
export async function findSuggestions(
  client: SlackAPIClient,
  ticket: SearchedFor,
): Promise<Ticket[]> {
  if (!getsSuggestions(ticket)) return [];
  const queueId = ticket.queue_id ?? DEFAULT_QUEUE_ID;
  const ranked = await searchSimilar(
    client,
    queueId,
    searchText(ticket),
    SUGGESTED_TO_REQUESTER * 3,
    new Set([ticket.id]),
  );
  if (!ranked.length) return [];
  const read = await readTickets(client, ranked.map((r) => r.id));
  return suggestionsFor(ticket, ranked.map((r) => read.get(r.id)), queueId);
}

/**
 * The ranked tickets, one bulkGet; one unreadable is left out. (Not
 * ticket_queries.ts: opening's bundles need none of its lists.)
 */
async function readTickets(client: SlackAPIClient, ids: string[]) {
  const items = await bulkGetItems(client, TicketsDatastore, ids);
  const read = new Map<string, Ticket>();
  for (const item of items) {
    try {
      read.set(String(item.id), toTicket(item));
    } catch (error) {
      console.warn("an unreadable ticket not suggested", item.id, error);
    }
  }
  return read;
}

/**
 * Starts the search; the answer never rejects (a failed search suggests
 * nothing, and is logged), so it can wait unawaited beside the opening.
 */
export function startSuggesting(
  client: SlackAPIClient,
  ticket: SearchedFor,
): Promise<Ticket[]> {
  return findSuggestions(client, ticket).catch((error) => {
    console.warn(`${ticket.id}: no suggestions`, error);
    return [];
  });
}

/**
 * Sends the suggestions to the requester, once told the ticket is open.
 * Not kept for a retry: suggestions that come late help nobody.
 */
export async function sendSuggestions(
  client: SlackAPIClient,
  settings: HelpdeskSettings,
  ticket: Ticket,
  suggested: readonly Ticket[],
): Promise<boolean> {
  if (!suggested.length) return false;
  const dm = suggestionsDm(
    ticket,
    suggested,
    settings.workspace_url,
    settings.action_trigger_url,
  );
  try {
    await slackCall(client, "chat.postMessage", {
      channel: ticket.requester,
      ...dm,
      unfurl_links: false,
    });
    return true;
  } catch (error) {
    console.warn(`${ticket.key}: suggestions not sent`, error);
    return false;
  }
}
