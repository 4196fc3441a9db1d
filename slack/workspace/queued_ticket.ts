// A ticket read with what deciding about it needs: the settings and its
// queue. Every feature that acts on an existing ticket starts here, so it
// sits below them all.
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { Ticket } from "../../helpdesk/tickets/model.ts";
import type { HelpdeskSettings } from "../../helpdesk/settings.ts";
import type { Queue } from "../../helpdesk/queues/queue.ts";
import { getTicket, type TicketRead } from "../storage/ticket_store.ts";
import { getSettings, NOT_CONFIGURED } from "../storage/settings_store.ts";
import { getQueue } from "../storage/queue_store.ts";

export const TICKET_GONE = "That ticket no longer exists in Helpdesk.";

export interface LoadedTicket {
  ticket?: Ticket;
  settings?: HelpdeskSettings;
}

/** The ticket and the settings, for what doesn't depend on its queue. */
export async function loadTicket(
  client: SlackAPIClient,
  ticketId: string,
): Promise<LoadedTicket> {
  const [ticket, settings] = await Promise.all([
    getTicket(client, ticketId),
    getSettings(client),
  ]);
  return { ticket, settings };
}

export type QueuedTicket = Queued<Ticket>;

export type Queued<T> =
  | { ok: true; ticket: T; settings: HelpdeskSettings; queue: Queue }
  | { ok: false; reason: string };

/**
 * The ticket with the settings and its queue (the default one stands in for
 * a queue removed since), or what to tell the person when there is none.
 */
export async function loadQueuedTicket(
  client: SlackAPIClient,
  ticketId: string,
): Promise<QueuedTicket> {
  const { ticket, settings } = await loadTicket(client, ticketId);
  return await withQueue(client, ticket, settings);
}

/**
 * loadQueuedTicket with the ticket read by `read`: a read of only the
 * fields a use case needs (slack/storage/files_ticket.ts) keeps the whole
 * ticket's decoding out of its function's bundle.
 */
export async function loadQueuedReading<T extends Pick<Ticket, "queue_id">>(
  client: SlackAPIClient,
  ticketId: string,
  read: TicketRead<T>,
): Promise<Queued<T>> {
  const [stored, settings] = await Promise.all([
    read(client, ticketId),
    getSettings(client),
  ]);
  return await withQueue(client, stored?.ticket, settings);
}

async function withQueue<T extends Pick<Ticket, "queue_id">>(
  client: SlackAPIClient,
  ticket: T | undefined,
  settings: HelpdeskSettings | undefined,
): Promise<Queued<T>> {
  if (!settings) return { ok: false, reason: NOT_CONFIGURED };
  if (!ticket) return { ok: false, reason: TICKET_GONE };
  const queue = await getQueue(client, ticket.queue_id, settings) ??
    await getQueue(client, undefined, settings);
  if (!queue) return { ok: false, reason: TICKET_GONE };
  return { ok: true, ticket, settings, queue };
}
